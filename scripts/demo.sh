#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, load the bundled
# sample export into a temporary store and start the kiosk (in a window when
# a display exists; otherwise every screen is drawn to PNG files and the
# folder is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" --target allwedd
exec ./build/allwedd demo --windowed "$@"
