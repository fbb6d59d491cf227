#!/usr/bin/env bash
# Write DIR/manifest.ini for the CSV files in an export bundle (the contract is
# ../shared/EXPORT_FORMAT.md) and, when a minisign secret key is given, sign it
# as DIR/manifest.ini.minisig. A thin wrapper around `allwedd bundle-manifest`,
# which counts rows with the importer's own CSV reader, so the manifest and
# the kiosk never disagree (bare-CR line ends, quoted line breaks, blank lines,
# NUL padding) and a 2 GB file takes seconds, not minutes.
#
#   make-bundle-manifest.sh [--generated TIMESTAMP] [--site TEXT] [--source TEXT]
#                           [--comment TEXT] DIR [SECRET_KEY]
#
# The allwedd binary is $ALLWEDD when set, else `allwedd` on the PATH, else
# build/allwedd beside this script's source tree. `allwedd bundle-manifest
# --help` describes the options. Exit status: 0 done, 1 failure, 2 usage error.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
allwedd="${ALLWEDD:-}"
if [ -z "$allwedd" ]; then
  if command -v allwedd >/dev/null; then
    allwedd=allwedd
  elif [ -x "$here/../build/allwedd" ]; then
    allwedd="$here/../build/allwedd"
  else
    echo "make-bundle-manifest: cannot find allwedd (set ALLWEDD, install it, or build it)" >&2
    exit 1
  fi
fi
exec "$allwedd" bundle-manifest "$@"
