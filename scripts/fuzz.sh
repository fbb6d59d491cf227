#!/usr/bin/env bash
# Build the libFuzzer harnesses (tests/fuzz/, clang with
# -fsanitize=fuzzer,address,undefined) in build-fuzz/ and run each one for a
# fixed time on seed corpora made from the repository's own files: the
# sample export (assets/sample), the catalogues (locales/) and the demo key.
#
#   scripts/fuzz.sh [--seconds N] [NAME...]     NAME: csv manifest minisig po rules
#
# N is per fuzzer (default 60). CI (.ci/run) uses --seconds 20; a longer
# hunt is e.g. `scripts/fuzz.sh --seconds 3600 csv`. New interesting inputs
# are kept in build-fuzz/corpus/NAME/ between runs. Any crash, leak,
# undefined behaviour, timeout or broken promise is a finding: its input is
# saved as build-fuzz/artifacts/NAME-crash-... (replay it with
# `build-fuzz/tests/fuzz/fuzz_NAME FILE`) and the script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --seconds=*) seconds="${1#--seconds=}"; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
case "$seconds" in ''|*[!0-9]*) echo "fuzz.sh: --seconds must be a whole number" >&2; exit 2 ;; esac
[ ${#names[@]} -gt 0 ] || names=(csv manifest minisig po rules)
for n in "${names[@]}"; do
  [ -f "tests/fuzz/fuzz_$n.c" ] || { echo "fuzz.sh: no fuzzer '$n' (tests/fuzz/fuzz_$n.c)" >&2; exit 2; }
done

dir=build-fuzz
command -v clang >/dev/null || { echo "fuzz.sh: needs clang and libclang-rt-14-dev (scripts/install-deps.sh test)" >&2; exit 2; }
cmake -S . -B "$dir" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DALLWEDD_FUZZ=ON -DALLWEDD_TESTS=OFF -DALLWEDD_BENCH=OFF >/dev/null
targets=()
for n in "${names[@]}"; do targets+=("fuzz_$n"); done
cmake --build "$dir" -j"$(nproc)" --target "${targets[@]}"

# Seed corpora: the repository's own files, fresh each run.
seeds="$dir/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{csv,manifest,minisig,po,rules} "$dir/corpus" "$dir/artifacts"
cp assets/sample/*.csv "$seeds/csv/"
cp assets/sample/manifest.ini "$seeds/manifest/"
cp assets/sample/manifest.ini.minisig assets/demo-key/demo.pub "$seeds/minisig/"
{ cat assets/sample/manifest.ini.minisig; printf '\0'; cat assets/sample/manifest.ini; } \
  > "$seeds/minisig/signature-and-message"
cp locales/*.po "$seeds/po/"
grep -h '^"Plural-Forms:' locales/*.po | sed 's/^"Plural-Forms: *//; s/\\n"$//' \
  | awk -v d="$seeds/po" '{ print > (d "/plural-" NR) }'
# Value rules: each field of the sample CSVs, behind the selector byte of the
# rule its column is checked with (tests/fuzz/fuzz_rules.c), plus the
# manifest's timestamp.
awk -v d="$seeds/rules" '
  function emit(sel, v,   f) {
    if ((sel SUBSEP v) in seen) return
    seen[sel, v] = 1
    f = sprintf("%s/%03d-%05d", d, sel, ++count)
    printf "%c%s", sel, v > f
    close(f)
  }
  function fields(line,   i, c, q, v, n) {
    n = 0; v = ""; q = 0
    for (i = 1; i <= length(line); i++) {
      c = substr(line, i, 1)
      if (q) { if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { v = v c; i++ } else q = 0 } else v = v c }
      else if (c == "\"") q = 1
      else if (c == ",") { F[++n] = v; v = "" }
      else v = v c
    }
    F[++n] = v
    return n
  }
  FNR == 1 { sub(/^\xef\xbb\xbf/, ""); sub(/\r$/, ""); nh = fields($0); for (i = 1; i <= nh; i++) H[i] = F[i]; next }
  {
    sub(/\r$/, ""); n = fields($0)
    for (i = 1; i <= n && i <= nh; i++) {
      h = H[i]; v = F[i]
      if (h == "nhs_number") emit(0, v)
      else if (h ~ /date/) { emit(1, v); emit(2, v) }
      else if (h == "postcode") emit(3, v)
      else if (h == "phone") { emit(4, v); emit(5, v) }
      else if (h == "url") emit(6, v)
      else if (h == "email") emit(7, v)
      else if (h ~ /_id$|^category$|^pathway$|^preferred_language$/) emit(8, v)
      else emit(229, v)
    }
  }
  END { emit(10, "2026-11-20T23:05:00Z"); emit(10, "2026-11-20T23:05:00+00:00") }
' assets/sample/*.csv

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
failed=()
for n in "${names[@]}"; do
  mkdir -p "$dir/corpus/$n"
  echo "== fuzz_$n for ${seconds}s"
  if ! "$dir/tests/fuzz/fuzz_$n" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$dir/artifacts/$n-" \
      "$dir/corpus/$n" "$seeds/$n" >"$dir/fuzz_$n.log" 2>&1; then
    failed+=("$n")
    tail -n 60 "$dir/fuzz_$n.log"
  else
    grep -E '^stat::(number_of_executed_units|new_units_added)|^Done ' "$dir/fuzz_$n.log" || true
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: findings in: ${failed[*]} (inputs in $dir/artifacts/, logs in $dir/fuzz_NAME.log)" >&2
  exit 1
fi
echo "fuzz.sh: no findings (${names[*]}, ${seconds}s each)"
