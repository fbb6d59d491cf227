# Bundles for tests: keys made with minisign, the sample export copied and
# edited, manifests written and signed by scripts/make-bundle-manifest.sh.

MAKE_MANIFEST="$ALLWEDD_SOURCE_DIR/scripts/make-bundle-manifest.sh"
SAMPLE="$ALLWEDD_SOURCE_DIR/assets/sample"

# make_keys NAME: $TEST_TMP/NAME.pub and NAME.key, no password.
make_keys() {
  minisign -G -W -f -p "$TEST_TMP/$1.pub" -s "$TEST_TMP/$1.key" >/dev/null 2>&1
}

# sample_bundle DIR: a copy of the sample export's CSV files (unsigned).
sample_bundle() {
  rm -rf "$1"; mkdir -p "$1"
  cp "$SAMPLE"/*.csv "$1"/
}

# seal DIR GENERATED [KEYNAME]: write the manifest and sign it (no key: unsigned).
seal() {
  local key=()
  [ -n "${3:-}" ] && key=("$TEST_TMP/$3.key")
  bash "$MAKE_MANIFEST" --generated "$2" --site "Test Cancer Centre" "$1" "${key[@]}" >/dev/null 2>&1
}

# db_hash DB: a digest of the database file's bytes.
db_hash() { sha256sum "$1" | cut -d' ' -f1; }
