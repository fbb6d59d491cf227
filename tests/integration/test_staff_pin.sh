# allwedd staff-pin and the staff PIN's file: PINs a stranger tries first
# are refused with nothing written; 6- and 12-digit PINs are accepted; the
# hash goes to a file of its own, always 0600 (even replacing a 0644 one),
# given to its folder's owner when run as root; a hash left in a readable
# configuration file is warned about by `allwedd config` and the kiosk, and
# removed by staff-pin. The PIN itself is never written anywhere.
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"

D="$TEST_TMP/store"
mkdir -p "$D"
CONF="$TEST_TMP/allwedd.ini"
PINFILE="$D/kiosk-staff-pin"
printf '[store]\ndb_path = %s/kiosk.db\n[site]\nname = Test\n' "$D" > "$CONF"
chmod 644 "$CONF"

mode() { stat -c %a "$1"; }

echo "-- PINs a stranger tries first are refused, nothing written"
for pin in 0000 9999 1234 4321 0123 7890 123456 1212 123123 123 4826159370312 48a6; do
  echo "$pin" | "$ALLWEDD" staff-pin --config "$CONF" >/dev/null 2>"$TEST_TMP/err"
  check_eq "'$pin' refused: exit 1" $? 1
done
ok "no PIN file after refusals" test ! -e "$PINFILE"
echo 123 | "$ALLWEDD" staff-pin --config "$CONF" >/dev/null 2>"$TEST_TMP/err"
check_contains "the reason is given" "$TEST_TMP/err" "PIN refused: a PIN has 4 to 12 digits"
echo 1234 | "$ALLWEDD" staff-pin --config "$CONF" >/dev/null 2>"$TEST_TMP/err"
check_contains "a run is named as such" "$TEST_TMP/err" "counting up or down"
ok "the refusal does not repeat the PIN" bash -c "! grep -q 1234 '$TEST_TMP/err'"

echo "-- longer PINs are accepted; the hash's file is 0600"
echo 482615 | "$ALLWEDD" staff-pin --config "$CONF" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_eq "6 digits: exit 0" $? 0
check_contains "says where" "$TEST_TMP/out" "staff PIN set in $PINFILE"
check_eq "PIN file mode" "$(mode "$PINFILE")" 600
check_eq "an Argon2id hash" "$(cut -c1-10 "$PINFILE")" '$argon2id$'
ok "the PIN is not in the file" bash -c "! grep -q 482615 '$PINFILE'"
check_eq "the configuration is untouched" "$(mode "$CONF")/$(grep -c staff_pin "$CONF")" "644/0"
chmod 644 "$PINFILE"
echo 482615937031 | "$ALLWEDD" staff-pin --config "$CONF" >/dev/null 2>&1
check_eq "12 digits: exit 0" $? 0
check_eq "a 0644 PIN file is replaced by a 0600 one" "$(mode "$PINFILE")" 600
ls "$D" > "$TEST_TMP/ls"
check_eq "no temporary files left" "$(grep -c tmp "$TEST_TMP/ls")" 0
"$ALLWEDD" config --config "$CONF" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
check_contains "config: the hash is set" "$TEST_TMP/out" "[kiosk] staff_pin_hash = (set)"
check_contains "config: names the file" "$TEST_TMP/out" "# staff PIN file: $PINFILE"
check_eq "config: no warning for a 0600 file" "$(wc -c < "$TEST_TMP/err")" 0

echo "-- a readable PIN file is warned about"
chmod 640 "$PINFILE"
"$ALLWEDD" config --config "$CONF" >/dev/null 2>"$TEST_TMP/err"
check_contains "config warns (group)" "$TEST_TMP/err" \
  "allwedd config: warning: $PINFILE holds the staff PIN hash and can be read by its group (mode 0640): run 'chmod 600 $PINFILE'"
chmod 600 "$PINFILE"

echo "-- a hash in a readable configuration file: warned about, then moved"
rm -f "$PINFILE"
HASH='$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA'
printf '[store]\ndb_path = %s/kiosk.db\n[kiosk]\nid = desk-2\nstaff_pin_hash = %s\n[site]\nname = Test\n' \
  "$D" "$HASH" > "$CONF"
chmod 644 "$CONF"
"$ALLWEDD" config --config "$CONF" >/dev/null 2>"$TEST_TMP/err"
check_contains "config warns (every user)" "$TEST_TMP/err" \
  "holds the staff PIN hash ([kiosk] staff_pin_hash) and can be read by every user (mode 0644): run 'chmod 600 $CONF', or 'allwedd staff-pin' to move it to a file of its own"
SDL_VIDEODRIVER=dummy "$ALLWEDD" kiosk --config "$CONF" --windowed --run-ms 200 >/dev/null 2>"$TEST_TMP/kerr"
check_eq "the kiosk still starts" $? 0
check_contains "the kiosk warns too" "$TEST_TMP/kerr" \
  "allwedd kiosk: warning: $CONF holds the staff PIN hash ([kiosk] staff_pin_hash) and can be read by every user"
echo 30571946 | "$ALLWEDD" staff-pin --config "$CONF" >"$TEST_TMP/out" 2>&1
check_eq "staff-pin: exit 0" $? 0
check_contains "says the old hash was removed" "$TEST_TMP/out" "old staff_pin_hash removed from $CONF"
check_eq "the hash line is gone, the rest kept" "$(cat "$CONF")" \
  "$(printf '[store]\ndb_path = %s/kiosk.db\n[kiosk]\nid = desk-2\n[site]\nname = Test' "$D")"
check_eq "the configuration keeps its mode" "$(mode "$CONF")" 644
"$ALLWEDD" config --config "$CONF" >/dev/null 2>"$TEST_TMP/err"
check_eq "config: no warning now" "$(wc -c < "$TEST_TMP/err")" 0

echo "-- an unreadable or broken PIN file leaves staff mode off, and says why"
echo "nonsense" > "$PINFILE"
SDL_VIDEODRIVER=dummy "$ALLWEDD" kiosk --config "$CONF" --windowed --run-ms 200 >/dev/null 2>"$TEST_TMP/kerr"
check_eq "the kiosk still starts" $? 0
check_contains "the kiosk says why" "$TEST_TMP/kerr" \
  "allwedd kiosk: warning: $PINFILE: not a staff PIN hash (set one with: allwedd staff-pin); staff mode is off"

if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
  echo "-- run as root, the file belongs to its folder's owner (the kiosk's user)"
  chown nobody "$D"
  rm -f "$PINFILE"
  echo 30571946 | "$ALLWEDD" staff-pin --config "$CONF" >/dev/null 2>&1
  check_eq "owned by the folder's owner, 0600" "$(stat -c '%U %a' "$PINFILE")" "nobody 600"
  chown root "$D"
fi

echo "-- usage"
"$ALLWEDD" staff-pin --no-such >/dev/null 2>&1
check_eq "unknown option: exit 2" $? 2
"$ALLWEDD" staff-pin --help > "$TEST_TMP/out"
check_contains "--help names the rules" "$TEST_TMP/out" "counting up or down (1234, 4321, 0123)"
finish
