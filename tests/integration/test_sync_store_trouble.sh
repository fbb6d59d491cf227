# A store in trouble (issue 10): locked by another program past the busy
# timeout, on a full disk, on a read-only file system. Each gets its own
# plain message and exit status 1, and the store holds exactly what it held.
# Real conditions, not simulations: a second sqlite3 process holding the
# write lock, a small tmpfs, a read-only bind mount (both need root, as CI
# runs; without it those two parts say why they are skipped).
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"
. "$ALLWEDD_SOURCE_DIR/tests/lib/bundle.sh"
: "${ALLWEDD_GEN_BUNDLE:?ALLWEDD_GEN_BUNDLE must name bench_gen_bundle}"

make_keys k
B="$TEST_TMP/bundle"; BIG="$TEST_TMP/big"
# The big bundle replaces every patient of the sample on purpose: forced
# (max_removal_percent cannot be set past 90).
printf '[sync]\n' > "$TEST_TMP/sync.ini"
FORCE=(--force --reason "test: a bundle that replaces the sample")
sync() { "$ALLWEDD" sync "$1" --db "$2" --pubkey "$TEST_TMP/k.pub" --config "$TEST_TMP/sync.ini" "${FORCE[@]}" \
           >"$TEST_TMP/out" 2>"$TEST_TMP/err"; }
# content DB: what the snapshot holds (a file's bytes can differ after a
# rolled-back transaction in WAL mode; its content must not).
content() {
  sqlite3 "$1" "SELECT (SELECT count(*) FROM patients) || '/' || (SELECT count(*) FROM key_workers) || '/' ||
                (SELECT count(*) FROM services) || '/' || (SELECT count(*) FROM key_worker_history) || '/' ||
                (SELECT group_concat(generated) FROM sync_runs)"
}
sample_bundle "$B"; seal "$B" 2026-11-20T23:05:00Z k
"$ALLWEDD_GEN_BUNDLE" "$BIG" 30000 --generated 2026-11-22T00:00:00Z >/dev/null
minisign -S -s "$TEST_TMP/k.key" -m "$BIG/manifest.ini" -t big >/dev/null

echo "-- busy: another program holds the write lock past the busy timeout"
DB="$TEST_TMP/busy/store.db"; mkdir -p "$TEST_TMP/busy"
sync "$B" "$DB"; check_eq "the sample imports" $? 0
BEFORE=$(content "$DB")
ok "the store's content can be read" [ -n "$BEFORE" ]
LOCKED="$TEST_TMP/busy/locked"
printf 'BEGIN IMMEDIATE;\nDELETE FROM sync_runs WHERE 0;\n.shell touch %s\n.shell sleep 30\nROLLBACK;\n' "$LOCKED" |
  sqlite3 "$DB" >/dev/null 2>&1 &
holder=$!
cleanup_hooks+=("kill $holder 2>/dev/null")
for _ in $(seq 1 200); do [ -e "$LOCKED" ] && break; sleep 0.05; done
ok "the other program holds the lock" [ -e "$LOCKED" ]
sync "$BIG" "$DB"; check_eq "busy store: exit 1" $? 1
check_contains "busy: said plainly" "$TEST_TMP/err" \
  "allwedd sync: store trouble: the store is busy: another program held it for more than 5 seconds"
check_contains "busy: nothing changed" "$TEST_TMP/err" "nothing was changed in $DB"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
check_eq "busy: the store holds what it held" "$(content "$DB")" "$BEFORE"
sync "$BIG" "$DB"; check_eq "once the lock is gone the same bundle imports" $? 0

if mkdir -p "$TEST_TMP/full" && mount -t tmpfs -o size=1m tmpfs "$TEST_TMP/full" 2>/dev/null; then
  cleanup_hooks+=("umount '$TEST_TMP/full' 2>/dev/null")
  echo "-- disk full: the store's file system (a 1 MB tmpfs) fills during the import"
  DB="$TEST_TMP/full/store.db"
  sync "$B" "$DB"; check_eq "the sample fits" $? 0
  BEFORE=$(content "$DB")
  ok "disk full: the content before can be read" [ -n "$BEFORE" ]
  sync "$BIG" "$DB"; check_eq "disk full: exit 1" $? 1
  check_contains "disk full: said plainly, not 'disk I/O error'" "$TEST_TMP/err" \
    "allwedd sync: store trouble: the disk that holds the store is full: nothing was changed; free some space and sync again"
  check_eq "disk full: the store holds what it held" "$(content "$DB")" "$BEFORE"
  check_eq "disk full: integrity" "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
  "$ALLWEDD" status --db "$DB" >/dev/null 2>&1; check_eq "disk full: the kiosk's data still reads" $? 0
  umount "$TEST_TMP/full"
else
  echo "skip disk full: mounting a tmpfs needs root (CI runs as root)"
fi

if mkdir -p "$TEST_TMP/ro" "$TEST_TMP/ro-view" && sync "$B" "$TEST_TMP/ro/store.db" &&
   mount --bind "$TEST_TMP/ro" "$TEST_TMP/ro-view" 2>/dev/null; then
  cleanup_hooks+=("umount '$TEST_TMP/ro-view' 2>/dev/null")
  echo "-- read-only: the store's folder is on a read-only mount"
  if mount -o remount,ro,bind "$TEST_TMP/ro-view" 2>/dev/null; then
    DB="$TEST_TMP/ro-view/store.db"
    BEFORE=$(content "$TEST_TMP/ro/store.db")   # read through the writable path
    HASH=$(db_hash "$TEST_TMP/ro/store.db")
    ok "read-only: the content before can be read" [ -n "$BEFORE" ]
    sync "$BIG" "$DB"; check_eq "read-only: exit 1" $? 1
    check_contains "read-only: said plainly" "$TEST_TMP/err" \
      "allwedd sync: store trouble: the store is read-only (its file, its folder or the file system refuses writes)"
    check_eq "read-only: the store holds what it held" "$(content "$TEST_TMP/ro/store.db")" "$BEFORE"
    check_eq "read-only: byte for byte" "$(db_hash "$TEST_TMP/ro/store.db")" "$HASH"
  else
    echo "skip read-only: remounting read-only needs root"
  fi
  umount "$TEST_TMP/ro-view"
else
  echo "skip read-only: a bind mount needs root (CI runs as root)"
fi

echo "-- read-only for the sync's user: a store file owned by root, 0644, synced as nobody"
RO="$TEST_TMP/nobody"; mkdir -p "$RO"; cp -r "$BIG" "$RO/big"; cp "$TEST_TMP/k.pub" "$TEST_TMP/sync.ini" "$RO/"
sync "$B" "$RO/store.db"; check_eq "the sample imports (as root)" $? 0
chmod 755 "$TEST_TMP" "$RO"; chmod -R a+rX "$RO/big" "$RO/k.pub" "$RO/sync.ini"; chmod 644 "$RO"/store*.db
BEFORE=$(content "$RO/store.db")
ok "the content before can be read" [ -n "$BEFORE" ]
if command -v runuser >/dev/null && [ "$(id -u)" = 0 ]; then
  runuser -u nobody -- "$ALLWEDD" sync "$RO/big" --db "$RO/store.db" --pubkey "$RO/k.pub" --config "$RO/sync.ini" "${FORCE[@]}" \
    >"$TEST_TMP/out" 2>"$TEST_TMP/err"
  check_eq "a store this user cannot write: exit 1" $? 1
  check_contains "... said plainly" "$TEST_TMP/err" "store trouble: the store is read-only"
  check_eq "... the store holds what it held" "$(content "$RO/store.db")" "$BEFORE"
else
  echo "skip: running as another user needs root"
fi

finish
