#!/usr/bin/env bash
# Quick start, command 2: install the test dependencies, build, and run the
# whole test suite through ctest. Pass --sanitize to build and test with
# -fsanitize=address,undefined in build-asan/ instead.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build; flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${1:-}" = --sanitize ]; then
  dir=build-asan; flags=(-DCMAKE_BUILD_TYPE=Debug -DALLWEDD_SANITIZE=ON)
fi
bash scripts/install-deps.sh test
cmake -S . -B "$dir" "${flags[@]}" >/dev/null
cmake --build "$dir" -j"$(nproc)"
ctest --test-dir "$dir" --output-on-failure -j2
