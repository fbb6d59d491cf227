#!/usr/bin/env bash
# Write DIR/manifest.ini for the CSV files in an export bundle (the contract is
# ../shared/EXPORT_FORMAT.md) and, when a minisign secret key is given, sign it
# as DIR/manifest.ini.minisig.
#
#   make-bundle-manifest.sh [--generated TIMESTAMP] [--site TEXT] [--source TEXT]
#                           [--comment TEXT] DIR [SECRET_KEY]
#
#   --generated  UTC ISO 8601 time of the export (YYYY-MM-DDTHH:MM:SSZ);
#                default: now. A kiosk refuses a bundle that is not newer than
#                the last one it imported.
#   --site       [export] site (shown to staff); default: the value already in
#                DIR/manifest.ini, else "Example Cancer Centre".
#   --source     [export] source; default: the value already in DIR/manifest.ini,
#                else "Example University Health Board cancer information system".
#   --comment    minisign trusted comment; default "allwedd export TIMESTAMP".
#
# Rows are counted as the importer counts them: data records, header excluded,
# blank lines skipped, and a line break inside a quoted field does not start a
# new record. Without a key, a stale DIR/manifest.ini.minisig is removed (it
# could no longer verify). Exit status: 0 done, 1 failure, 2 usage error.
set -euo pipefail
export LC_ALL=C

# Print the comment block above as help; exit with $1 (default 2, usage error).
usage() {
  local status="${1:-2}"
  if [ "$status" -eq 0 ]; then
    awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
  else
    awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0" >&2
  fi
  exit "$status"
}

die() {
  echo "make-bundle-manifest: $*" >&2
  exit 1
}

generated=""
site=""
source_text=""
comment=""
positional=()
while [ $# -gt 0 ]; do
  case "$1" in
    --generated) [ $# -ge 2 ] || usage; generated="$2"; shift 2 ;;
    --generated=*) generated="${1#*=}"; shift ;;
    --site) [ $# -ge 2 ] || usage; site="$2"; shift 2 ;;
    --site=*) site="${1#*=}"; shift ;;
    --source) [ $# -ge 2 ] || usage; source_text="$2"; shift 2 ;;
    --source=*) source_text="${1#*=}"; shift ;;
    --comment) [ $# -ge 2 ] || usage; comment="$2"; shift 2 ;;
    --comment=*) comment="${1#*=}"; shift ;;
    -h|--help) usage 0 ;;
    --) shift; positional+=("$@"); break ;;
    -*) echo "make-bundle-manifest: unknown option $1" >&2; usage ;;
    *) positional+=("$1"); shift ;;
  esac
done
if [ ${#positional[@]} -lt 1 ] || [ ${#positional[@]} -gt 2 ]; then usage; fi
dir="${positional[0]}"
key="${positional[1]:-}"

[ -d "$dir" ] || die "$dir is not a directory"
[ -z "$key" ] || [ -r "$key" ] || die "cannot read secret key $key"
[ -z "$key" ] || command -v minisign >/dev/null || die "minisign is not installed"

# Print the value of KEY in the [export] section of an existing manifest.
existing_export_value() {
  [ -f "$dir/manifest.ini" ] || return 0
  awk -v want="$1" '
    /^[ \t]*\[/ { in_export = ($0 ~ /^[ \t]*\[export\][ \t\r]*$/); next }
    in_export && index($0, "=") {
      k = substr($0, 1, index($0, "=") - 1); v = substr($0, index($0, "=") + 1)
      gsub(/^[ \t]+|[ \t\r]+$/, "", k); gsub(/^[ \t]+|[ \t\r]+$/, "", v)
      if (k == want) { print v; exit }
    }' "$dir/manifest.ini"
}

[ -n "$generated" ] || generated="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
[ -n "$site" ] || site="$(existing_export_value site)"
[ -n "$site" ] || site="Example Cancer Centre"
[ -n "$source_text" ] || source_text="$(existing_export_value source)"
[ -n "$source_text" ] || source_text="Example University Health Board cancer information system"
[ -n "$comment" ] || comment="allwedd export $generated"

[[ "$generated" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$ ]] ||
  die "--generated must be UTC ISO 8601 like 2026-11-20T23:05:00Z (got '$generated')"
for value in "$site" "$source_text"; do
  case "$value" in
    *$'\n'* | *$'\r'* | *';'* | *'#'*) die "site and source may not contain line breaks, ';' or '#'" ;;
  esac
done
case "$comment" in *$'\n'* | *$'\r'*) die "--comment may not contain line breaks" ;; esac

# Lower-case hex SHA-256 of a file.
sha256_of() {
  if command -v sha256sum >/dev/null; then
    sha256sum -b "$1" | awk '{ print $1 }'
  elif command -v shasum >/dev/null; then
    shasum -a 256 -b "$1" | awk '{ print $1 }'
  else
    openssl dgst -sha256 -r "$1" | awk '{ print $1 }'
  fi
}

# Count CSV data records: a record ends at a line end outside quotes; each '"'
# flips the in-quotes state (a doubled quote flips twice). Blank lines outside
# quotes are skipped, as the importer skips them. The header is not counted.
count_rows() {
  awk '
    {
      line = $0
      if (!inq) {
        probe = line
        sub(/^\357\273\277/, "", probe)   # UTF-8 byte-order mark
        sub(/\r$/, "", probe)
        if (probe ~ /^[ \t]*$/) next   # blank (or spaces only): skipped by the importer
      }
      copy = line
      quotes = gsub(/"/, "", copy)
      if (quotes % 2) inq = !inq
      if (!inq) records++
    }
    END {
      if (inq) { print "unterminated quoted field at end of file" > "/dev/stderr"; exit 1 }
      print (records > 0 ? records - 1 : 0)
    }' "$1"
}

# Known files in the contract order first, then any other CSV by name.
files=()
for name in key_workers.csv patients.csv key_worker_history.csv services.csv; do
  [ -f "$dir/$name" ] && files+=("$name")
done
while IFS= read -r path; do
  name="${path##*/}"
  case " ${files[*]} " in *" $name "*) ;; *) files+=("$name") ;; esac
done < <(find "$dir" -maxdepth 1 -type f -name '*.csv' | sort)
[ ${#files[@]} -gt 0 ] || die "no .csv files in $dir"

tmp="$(mktemp "$dir/.manifest.ini.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
{
  echo "; Allwedd export bundle manifest (EXPORT_FORMAT.md), written by make-bundle-manifest.sh"
  echo "[export]"
  echo "format = 1"
  echo "generated = $generated"
  echo "source = $source_text"
  echo "site = $site"
  for name in "${files[@]}"; do
    rows="$(count_rows "$dir/$name")" || die "$name: cannot count rows"
    echo
    echo "[$name]"
    echo "rows = $rows"
    echo "sha256 = $(sha256_of "$dir/$name")"
    echo "$name: $rows rows" >&2
  done
} >"$tmp"
chmod 644 "$tmp"
mv -f "$tmp" "$dir/manifest.ini"
trap - EXIT

if [ -n "$key" ]; then
  minisign -S -s "$key" -m "$dir/manifest.ini" -x "$dir/manifest.ini.minisig" -t "$comment" >/dev/null ||
    die "minisign could not sign $dir/manifest.ini"
  echo "signed $dir/manifest.ini -> manifest.ini.minisig" >&2
elif [ -f "$dir/manifest.ini.minisig" ]; then
  rm -f "$dir/manifest.ini.minisig"
  echo "removed stale $dir/manifest.ini.minisig (no key given: bundle is unsigned)" >&2
fi
echo "wrote $dir/manifest.ini" >&2
