# The Debian package, built the way a health board would: from a clean copy
# of the repository (its tracked and new files, no build trees) with
# `dpkg-buildpackage -b -us -uc` in a temp dir (it writes the .deb beside
# the tree). lintian must report no errors; `dpkg-deb -c` must list the
# binary, the data, the units, the sysusers.d/tmpfiles.d files, the PAM
# file, the configuration and the man page (and not the demo key's secret
# half). Then the binary from the package, extracted with `dpkg-deb -x`
# into a temp root after the tree it was built from is deleted, renders
# screens from its installed data (ALLWEDD_DATA_DIR pointed at the
# extracted /usr/share/allwedd) that equal the build tree's renders, and
# without that variable looks in /usr/share/allwedd only, never in the tree
# it was built from. The version is CMakeLists.txt's, and the changelog
# agrees.
# The sanitizer build (.ci/run's second pass) skips this test: the package
# is built with Debian's flags, not the sanitizers, so building it twice
# would only double its cost.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"

if grep -q '^ALLWEDD_SANITIZE:BOOL=ON' "${ALLWEDD_BUILD_DIR:-/nonexistent}/CMakeCache.txt" 2>/dev/null; then
  echo "skip: the package is built and checked in the normal (non-sanitizer) run only"
  finish
  exit
fi
for tool in dpkg-buildpackage dh lintian help2man dpkg-deb compare man git; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool is not installed (scripts/install-deps.sh test)"; exit 1; }
done

SRC="$TEST_TMP/src/allwedd"
mkdir -p "$SRC"
if git -C "$ALLWEDD_SOURCE_DIR" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$ALLWEDD_SOURCE_DIR" && git ls-files -z -c -o --exclude-standard | grep -zv '^build' |
    xargs -0 tar -cf - --no-recursion) | tar -xf - -C "$SRC"
else
  (cd "$ALLWEDD_SOURCE_DIR" && tar -cf - --exclude='./build*' .) | tar -xf - -C "$SRC"
fi
ok "a clean copy of the repository" test -f "$SRC/debian/control" -a ! -e "$SRC/build"

cmake_version=$(sed -n 's/^project(allwedd VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
deb_version=$(cd "$SRC" && dpkg-parsechangelog -SVersion)
check_eq "debian/changelog's version is CMakeLists.txt's" "${deb_version%-*}" "$cmake_version"

# Every -dev package install-deps.sh builds with is a Build-Depends.
missing=""
for p in $(sed -n '/^build_pkgs=(/,/)/p' "$SRC/scripts/install-deps.sh" | tr ' ()' '\n\n\n' | grep -- '-dev$'); do
  grep -q "^ *\(Build-Depends: \)\?$p,\?\$" "$SRC/debian/control" || missing="$missing $p"
done
check_eq "debian/control builds with every -dev package of install-deps.sh" "${missing:-none}" none

start=$(date +%s%N)
(cd "$SRC" && DEB_BUILD_OPTIONS="parallel=$(nproc) nocheck" dpkg-buildpackage -b -us -uc) \
  >"$TEST_TMP/build.log" 2>&1
status=$?
seconds=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
DEB="$TEST_TMP/src/allwedd_${cmake_version}_$(dpkg --print-architecture).deb"
if [ $status -eq 0 ] && [ -f "$DEB" ]; then
  passed=$((passed + 1)); echo "ok   dpkg-buildpackage made $(basename "$DEB") in ${seconds} s"
else
  failed=$((failed + 1)); echo "FAIL dpkg-buildpackage (exit $status):"; tail -30 "$TEST_TMP/build.log" | sed 's/^/      | /'
  finish; exit
fi

lintian --fail-on error --tag-display-limit 0 "$DEB" >"$TEST_TMP/lintian.txt" 2>&1
status=$?
sed -i '/running with root privileges/d' "$TEST_TMP/lintian.txt"
check_eq "lintian reports no errors" "$status $(grep -c '^E:' "$TEST_TMP/lintian.txt")" "0 0"
[ -s "$TEST_TMP/lintian.txt" ] && sed 's/^/      lintian: /' "$TEST_TMP/lintian.txt"

dpkg-deb -c "$DEB" | awk '{print $NF}' | sed 's|^\./|/|' >"$TEST_TMP/contents"
for f in /usr/bin/allwedd \
  /usr/share/allwedd/locales/cy.po /usr/share/allwedd/locales/en.po \
  /usr/share/allwedd/printers/cr80.ini /usr/share/allwedd/printers/a4.ini \
  /usr/share/allwedd/assets/icons/urgent.png /usr/share/allwedd/assets/sample/manifest.ini.minisig \
  /usr/share/allwedd/assets/demo-key/demo.pub \
  /lib/systemd/system/allwedd-kiosk.service /lib/systemd/system/allwedd-sync.path \
  /lib/systemd/system/allwedd-sync.service /lib/systemd/system/allwedd-metrics.service \
  /lib/systemd/system/allwedd-metrics.timer \
  /usr/lib/sysusers.d/allwedd.conf /usr/lib/tmpfiles.d/allwedd.conf \
  /etc/pam.d/allwedd-kiosk /etc/allwedd/allwedd.ini /usr/share/man/man1/allwedd.1.gz \
  /usr/share/doc/allwedd/copyright; do
  check_contains "the package holds $f" "$TEST_TMP/contents" "$f"
done
ok "the demo key's secret half is not in the package" \
  bash -c "! grep -q 'demo-key/demo.key' '$TEST_TMP/contents'"
dpkg-deb -f "$DEB" Depends >"$TEST_TMP/depends"
check_contains "it depends on cage" "$TEST_TMP/depends" "cage"
check_contains "it depends on xwayland" "$TEST_TMP/depends" "xwayland"
dpkg-deb --ctrl-tarfile "$DEB" | tar -xOf - ./conffiles >"$TEST_TMP/conffiles"
check_contains "/etc/allwedd/allwedd.ini is a conffile" "$TEST_TMP/conffiles" "/etc/allwedd/allwedd.ini"
dpkg-deb --ctrl-tarfile "$DEB" | tar -xOf - ./postinst >"$TEST_TMP/postinst"
check_contains "postinst creates the user" "$TEST_TMP/postinst" "systemd-sysusers"
check_contains "postinst creates /var/lib/allwedd" "$TEST_TMP/postinst" "systemd-tmpfiles"

# The binary from the package, with the tree it was built from gone.
ROOT="$TEST_TMP/root"
dpkg-deb -x "$DEB" "$ROOT"
rm -rf "$TEST_TMP/src"
BIN="$ROOT/usr/bin/allwedd"
export HOME="$TEST_TMP/home"
mkdir -p "$HOME"
unset ALLWEDD_CONFIG ALLWEDD_DATA_DIR
check_eq "the packaged binary's version" "$("$BIN" --version)" "allwedd $cmake_version"
ok "the build tree's path is nowhere in the binary" bash -c "! grep -qaF '$SRC' '$BIN'"
"$BIN" config --config "$ROOT/etc/allwedd/allwedd.ini" >/dev/null
check_eq "the shipped configuration loads" $? 0

if [ ! -e /usr/share/allwedd/locales ]; then
  "$BIN" render welcome --out "$TEST_TMP/none.png" >"$TEST_TMP/nodata.txt" 2>&1
  check_eq "with no data installed it fails" $? 2
  check_contains "... looking in /usr/share/allwedd, not the source tree" "$TEST_TMP/nodata.txt" "/usr/share/allwedd/"
fi
for screen in welcome support key-worker; do
  ALLWEDD_DATA_DIR="$ROOT/usr/share/allwedd" "$BIN" render "$screen" --size 1280x800 \
    --out "$TEST_TMP/pkg-$screen.png" >/dev/null 2>&1
  check_eq "the packaged binary renders '$screen' from its installed data" $? 0
  ALLWEDD_DATA_DIR="$ALLWEDD_SOURCE_DIR" "$ALLWEDD" render "$screen" --size 1280x800 \
    --out "$TEST_TMP/src-$screen.png" >/dev/null 2>&1
  diff=$(compare -metric AE "$TEST_TMP/pkg-$screen.png" "$TEST_TMP/src-$screen.png" null: 2>&1)
  check_eq "... and it equals the build tree's render" "$diff" 0
done

man -l "$ROOT/usr/share/man/man1/allwedd.1.gz" 2>/dev/null | col -b >"$TEST_TMP/man.txt"
for c in $("$BIN" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'); do
  check_contains "allwedd(1) has 'allwedd $c' with its --help" "$TEST_TMP/man.txt" "$("$BIN" "$c" --help | head -n 1 | sed 's/  */ /g')"
done
finish
