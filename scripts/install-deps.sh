#!/usr/bin/env bash
# Install the Debian packages Allwedd needs. "build" is enough to build and run
# the kiosk; "test" adds what the test suite and benchmarks drive for real
# (CUPS, ippeveprinter, avahi, minisign, zbarimg, Xvfb, gettext tools).
# Skips apt-get entirely when everything is already present.
set -euo pipefail

build_pkgs=(build-essential cmake pkg-config
  libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libpng-dev libjpeg-dev zlib1g-dev libqrencode-dev
  libcups2-dev libsqlite3-dev libsodium-dev libinih-dev libutf8proc-dev
  fonts-dejavu-core fonts-liberation2 sqlite3 minisign
  libsystemd-dev libcairo2-dev libespeak-ng-dev espeak-ng-data libunibreak-dev)
test_pkgs=(cups cups-client cups-ipp-utils cups-filters cups-daemon
  dbus avahi-daemon zbar-tools xvfb xdotool imagemagick qrencode gettext
  xauth x11-utils libcmocka-dev
  poppler-utils sox clang libclang-rt-14-dev
  cage xwayland grim wlr-randr systemd
  debhelper dpkg-dev fakeroot lintian help2man prometheus
  python3 man-db bsdextrautils git)

want=("${build_pkgs[@]}")
[ "${1:-build}" = test ] && want+=("${test_pkgs[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
