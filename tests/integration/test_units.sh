# The systemd units in debian/system/, as installed: a temp root holds them at
# /lib/systemd/system, this build's binary at /usr/bin/allwedd (the path
# every ExecStart= names), allwedd(1) made by scripts/make-manpage.sh (the
# units' Documentation=), and a copy of this machine's own system units (so
# sysinit.target and friends resolve). `systemd-analyze verify --root` must
# accept every unit with no message at all: it checks each ExecStart=
# binary exists under the root, each key is known, each man page opens.
# Then: each ExecStart= command line is one the binary accepts; the kiosk
# unit has what issue 9 asks of it (notify, watchdog, restart, tty1, the
# hardening); sysusers.d makes the allwedd user and tmpfiles.d makes
# /var/lib/allwedd 0700 and the inbox, in a temp root (systemd-sysusers and
# systemd-tmpfiles --root). Also prints systemd-analyze security's exposure
# score for each service (for the record; not a pass/fail figure).
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"

for tool in systemd-analyze systemd-sysusers systemd-tmpfiles help2man man; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool is not installed (scripts/install-deps.sh test)"; exit 1; }
done
DEPLOY="$ALLWEDD_SOURCE_DIR/debian/system"
UNITS=()
for u in "$DEPLOY"/*.service "$DEPLOY"/*.path "$DEPLOY"/*.timer; do
  [ -e "$u" ] && UNITS+=("$(basename "$u")")
done
for u in allwedd-kiosk.service allwedd-sync.path allwedd-sync.service allwedd-metrics.service \
  allwedd-metrics.timer; do
  ok "debian/system/ has $u" test -f "$DEPLOY/$u"
done

ROOT="$TEST_TMP/root"
mkdir -p "$ROOT/lib/systemd/system" "$ROOT/usr/lib/systemd/system" "$ROOT/usr/bin" \
  "$ROOT/usr/share/man/man1" "$ROOT/etc"
cp -a /lib/systemd/system/. "$ROOT/usr/lib/systemd/system/"
for u in "${UNITS[@]}"; do cp "$DEPLOY/$u" "$ROOT/lib/systemd/system/"; done
cp "$ALLWEDD" "$ROOT/usr/bin/allwedd"
bash "$ALLWEDD_SOURCE_DIR/scripts/make-manpage.sh" "$ROOT/usr/bin/allwedd" \
  "$ROOT/usr/share/man/man1/allwedd.1" 2>"$TEST_TMP/man.err"
check_eq "allwedd(1) made for the units' Documentation=" $? 0

for u in "${UNITS[@]}"; do
  (cd "$ROOT" && MANPATH="$ROOT/usr/share/man" systemd-analyze verify --root="$ROOT" \
    "lib/systemd/system/$u") >"$TEST_TMP/verify.txt" 2>&1
  status=$?
  check_eq "systemd-analyze verify accepts $u, silently" "$status $(wc -l <"$TEST_TMP/verify.txt")" "0 0"
  sed 's/^/      | /' "$TEST_TMP/verify.txt"
done

# The command lines the units run are ones the binary knows.
for u in "${UNITS[@]}"; do
  while read -r bin args; do
    # shellcheck disable=SC2086
    "$ROOT$bin" $args --help >/dev/null 2>"$TEST_TMP/help.err"
    check_eq "$u: '$bin $args' is a command the binary accepts" $? 0
  done < <(sed -n 's/^ExecStart=//p' "$DEPLOY/$u")
done

# What issue 9 asks of the kiosk unit.
K="$DEPLOY/allwedd-kiosk.service"
for line in Type=notify NotifyAccess=all Restart=always User=allwedd TTYPath=/dev/tty1 \
  "ExecStart=/usr/bin/allwedd session" NoNewPrivileges=yes ProtectSystem=strict \
  ReadWritePaths=/var/lib/allwedd PrivateTmp=yes ProtectHome=yes PAMName=allwedd-kiosk \
  Conflicts=getty@tty1.service; do
  ok "allwedd-kiosk.service: $line" grep -qx -- "$line" "$K"
done
ok "allwedd-kiosk.service: WatchdogSec= set" grep -qE '^WatchdogSec=[1-9][0-9]*s?$' "$K"
ok "allwedd-kiosk.service: no PrivateDevices (cage needs /dev/dri and /dev/input)" \
  bash -c "! grep -q '^PrivateDevices=yes' '$K'"
ok "the PAM service the kiosk unit names exists" test -f "$DEPLOY/allwedd-kiosk.pam"
P="$DEPLOY/allwedd-sync.path"
ok "allwedd-sync.path waits for manifest.ini.minisig" grep -q '^PathExistsGlob=.*/manifest.ini.minisig$' "$P"
inbox=$(sed -n 's/^#\?inbox = //p' "$DEPLOY/allwedd.ini")
T="$DEPLOY/allwedd-metrics.timer"
ok "allwedd-metrics.timer runs the metrics every minute" grep -qx 'OnUnitActiveSec=1min' "$T"
ok "allwedd-metrics.service writes node_exporter's textfile folder" \
  grep -qx 'ExecStart=/usr/bin/allwedd metrics --textfile /var/lib/prometheus/node-exporter' \
  "$DEPLOY/allwedd-metrics.service"
ok "allwedd-sync.path watches the configured inbox ($inbox)" grep -q "^PathExistsGlob=$inbox/" "$P"

# The shipped configuration: as it is, and with every commented example
# uncommented (each must be a real setting with a valid value).
"$ALLWEDD" config --config "$DEPLOY/allwedd.ini" >/dev/null 2>"$TEST_TMP/config.err"
check_eq "debian/system/allwedd.ini loads" "$? $(cat "$TEST_TMP/config.err")" "0 "
sed 's/^#\([a-z_]* =\)/\1/' "$DEPLOY/allwedd.ini" >"$TEST_TMP/all.ini"
"$ALLWEDD" config --config "$TEST_TMP/all.ini" >/dev/null 2>"$TEST_TMP/config.err"
check_eq "... and so does every example in it, uncommented" "$? $(cat "$TEST_TMP/config.err")" "0 "

# The system user and the state folder, in a temp root.
SYS="$TEST_TMP/sysroot"
mkdir -p "$SYS/etc" "$SYS/usr/lib/sysusers.d" "$SYS/usr/lib/tmpfiles.d"
cp "$DEPLOY/allwedd.sysusers" "$SYS/usr/lib/sysusers.d/allwedd.conf"
cp "$DEPLOY/allwedd.tmpfiles" "$SYS/usr/lib/tmpfiles.d/allwedd.conf"
systemd-sysusers --root="$SYS" allwedd.conf >/dev/null 2>&1
check_eq "systemd-sysusers creates the user" "$(cut -d: -f1,6,7 "$SYS/etc/passwd")" \
  "allwedd:/var/lib/allwedd:/usr/sbin/nologin"
uid=$(cut -d: -f3 "$SYS/etc/passwd")
# The ACL line for node_exporter's folder names the user, which only the
# host's NSS can resolve: with --root it is skipped with a warning, and on
# a real system (user made by sysusers first) it applies.
systemd-tmpfiles --create --root="$SYS" allwedd.conf 2>"$TEST_TMP/tmpfiles.err"
check_eq "systemd-tmpfiles creates /var/lib/allwedd 0700 for allwedd" \
  "$(stat -c '%a %u' "$SYS/var/lib/allwedd")" "700 $uid"
check_eq "... and the inbox 0770 for allwedd" "$(stat -c '%a %u' "$SYS/srv/allwedd/inbox")" "770 $uid"
check_eq "... with no other complaint" "$(grep -vc 'u:allwedd:rwx' "$TEST_TMP/tmpfiles.err")" 0

for u in "${UNITS[@]}"; do
  case $u in *.service)
    score=$(systemd-analyze security --offline=true --root="$ROOT" "$u" 2>/dev/null | tail -n 1)
    echo "      ${score#→ }";;
  esac
done
finish
