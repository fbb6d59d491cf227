#!/usr/bin/env bash
# The catalogues locales/en.po and locales/cy.po, checked as a translator's
# tools would: msgfmt --check on each; every English msgid has a non-empty
# Welsh translation (all six forms for plurals), none fuzzy; no Welsh string
# that merely repeats the English unless locales/identical.txt lists it;
# the same c-format flags and printf directives in both languages; and no
# Welsh entry that English lacks. Each problem is printed with its file and
# line. The checker is first run on a deliberately broken pair, so this test
# proves it can fail.
set -u

src=${ALLWEDD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
loc=$src/locales
[ -f "$loc/en.po" ] && [ -f "$loc/cy.po" ] || { echo "FAIL $loc/en.po or cy.po is missing"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

command -v msgfmt >/dev/null || { echo "FAIL msgfmt not found (Debian package gettext)"; exit 1; }

# po_records FILE: one line per entry, fields separated by \037:
# line, key (msgctxt \004 msgid, or msgid), msgid_plural, flags, nforms, msgstr...
# Strings stay escaped as in the file, so they never contain a raw newline.
po_records() {
  awk -v SEP=$'\037' '
    function unq(s) { sub(/^[ \t]*"/, "", s); sub(/"[ \t]*$/, "", s); return s }
    function reset() { has_id = 0; has_ctx = 0; ctx = ""; id = ""; idp = ""; n = 0; flags = ""; cur = ""; delete str }
    function flush(   rec, i) {
      if (has_id && !(id == "" && !has_ctx)) {
        rec = line SEP (has_ctx ? ctx "\004" : "") id SEP idp SEP flags SEP n
        for (i = 0; i < n; i++) rec = rec SEP str[i]
        print rec
      }
      reset()
    }
    BEGIN { reset() }
    /^#~/ { next }
    /^#,/ { if (n > 0) flush(); if ($0 ~ /fuzzy/) flags = flags " fuzzy"
            if ($0 ~ /(^#,|[ ,])c-format/) flags = flags " c-format"; next }
    /^#/  { if (n > 0) flush(); next }
    /^msgctxt[ \t]/ { if (n > 0) flush(); has_ctx = 1; ctx = unq(substr($0, 8)); cur = "ctx"; next }
    /^msgid[ \t]/   { if (n > 0) flush(); has_id = 1; line = FNR; id = unq(substr($0, 6)); cur = "id"; next }
    /^msgid_plural[ \t]/ { idp = unq(substr($0, 13)); cur = "idp"; next }
    /^msgstr\[/ { k = $0; sub(/^msgstr\[/, "", k); k = k + 0; rest = $0; sub(/^msgstr\[[0-9]+\]/, "", rest)
                  str[k] = unq(rest); n = k + 1; cur = "s" k; next }
    /^msgstr[ \t]/ { str[0] = unq(substr($0, 7)); n = 1; cur = "s0"; next }
    /^[ \t]*"/ { s = unq($0)
                 if (cur == "ctx") ctx = ctx s; else if (cur == "id") id = id s
                 else if (cur == "idp") idp = idp s; else if (cur ~ /^s/) str[substr(cur, 2) + 0] = str[substr(cur, 2) + 0] s
                 next }
    END { flush() }
  ' "$1"
}

# check_pair EN_PO CY_PO IDENTICAL_TXT: print each problem; exit status = problems found.
check_pair() {
  local en=$1 cy=$2 ident=$3 problems=0 po
  for po in "$en" "$cy"; do
    # A warning (e.g. a missing header field) counts too: the files must be clean.
    if ! msgfmt --check -o /dev/null "$po" 2>"$tmp/msgfmt.err" || [ -s "$tmp/msgfmt.err" ]; then
      sed "s/^/FAIL msgfmt --check: /" "$tmp/msgfmt.err"
      problems=$((problems + 1))
    fi
  done
  { echo "# en"; po_records "$en"; } >"$tmp/en.rec"
  { echo "# cy"; po_records "$cy"; } >"$tmp/cy.rec"
  # The awk below tells its three inputs apart by order; each starts with a
  # comment line so that none is ever empty (which would shift the count).
  { echo "# identical.txt"; [ ! -f "$ident" ] || cat "$ident"; } >"$tmp/ident.txt"
  awk -v SEP=$'\037' -v EN="$en" -v CY="$cy" '
    # printf directives of s as "position:conversion,..." (positions 1-based).
    function specs(s,   out, seq, pos, d, conv, i) {
      out = ""; seq = 0
      while (match(s, /%(%|([1-9][0-9]*\$)?[-+ #0]*([0-9]+|\*)?(\.([0-9]+|\*))?(hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn])/)) {
        d = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
        if (d == "%%") continue
        if (match(d, /^%[1-9][0-9]*\$/)) pos = substr(d, 2, RLENGTH - 2) + 0; else pos = ++seq
        conv = d; sub(/^%([1-9][0-9]*\$)?[-+ #0]*([0-9]+|\*)?(\.([0-9]+|\*))?/, "", conv)
        sp[pos] = conv
      }
      for (i = 1; i <= 20; i++) if (i in sp) { out = out i ":" sp[i] ","; delete sp[i] }
      return out
    }
    function name(key,   k) { k = key; sub(/\004/, "\" msgid \"", k); return (key ~ /\004/ ? "msgctxt \"" : "msgid \"") k "\"" }
    function fail(file, line, key, why) { printf "FAIL %s:%s: %s: %s\n", file, line, name(key), why; bad++ }
    FNR == 1 { file++ }
    file == 1 { if ($0 !~ /^#/ && $0 != "") same_ok[$0] = 1; next }
    /^#/ { next }
    { n = split($0, f, SEP) }
    file == 2 {
      key = f[2]; en_line[key] = f[1]; en_plural[key] = f[3]; en_flags[key] = f[4]; en_n[key] = f[5]
      for (i = 0; i < f[5]; i++) { en_str[key, i] = f[6 + i]; if (f[6 + i] == "") fail(EN, f[1], key, "empty English msgstr[" i "]") }
      if (f[4] ~ /fuzzy/) fail(EN, f[1], key, "fuzzy")
      next
    }
    {
      key = f[2]; line = f[1]; id = key; sub(/^.*\004/, "", id); seen[key] = 1
      if (!(key in en_line)) { fail(CY, line, key, "not in " EN); next }
      if (f[4] ~ /fuzzy/) fail(CY, line, key, "fuzzy: not yet translated")
      if ((f[4] ~ /c-format/) != (en_flags[key] ~ /c-format/)) fail(CY, line, key, "c-format flag differs from " EN)
      if (f[3] != en_plural[key]) fail(CY, line, key, "msgid_plural differs from " EN)
      if (f[3] != "" && f[5] != 6) fail(CY, line, key, "has " f[5] " plural forms, Welsh needs 6")
      last_en = en_str[key, en_n[key] - 1]
      for (i = 0; i < f[5]; i++) {
        s = f[6 + i]
        if (s == "") { fail(CY, line, key, "empty Welsh msgstr" (f[3] != "" ? "[" i "]" : "")); continue }
        if ((s == en_str[key, 0] || s == last_en) && !(id in same_ok))
          fail(CY, line, key, "Welsh \"" s "\" is identical to the English (list it in locales/identical.txt if intended)")
        if (f[4] ~ /c-format/) {
          want = specs(last_en); got = specs(s)
          if (f[3] == "" || i == f[5] - 1) { if (got != want) fail(CY, line, key, "printf directives \"" got "\" but English has \"" want "\"") }
          else if (got != want && got != "") fail(CY, line, key, "plural form " i " directives \"" got "\" but English has \"" want "\"")
        }
      }
    }
    END {
      for (key in en_line) if (!(key in seen)) fail(EN, en_line[key], key, "no Welsh translation in " CY)
      exit bad > 255 ? 255 : bad
    }
  ' "$tmp/ident.txt" "$tmp/en.rec" "$tmp/cy.rec"
  problems=$((problems + $?))
  return $((problems > 255 ? 255 : problems))
}

status=0

echo "-- the checker catches a broken pair"
mkdir -p "$tmp/bad"
header() { # LANGUAGE PLURAL-FORMS
  printf '%s\n' 'msgid ""' 'msgstr ""' '"Project-Id-Version: test\n"' \
    '"PO-Revision-Date: 2026-01-01 00:00+0000\n"' '"Last-Translator: test\n"' \
    '"Language-Team: test\n"' "\"Language: $1\\n\"" '"MIME-Version: 1.0\n"' \
    '"Content-Type: text/plain; charset=UTF-8\n"' '"Content-Transfer-Encoding: 8bit\n"' \
    "\"Plural-Forms: $2\\n\""
}
hdr_en=$(header en 'nplurals=2; plural=(n != 1);')
hdr_cy=$(header cy 'nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;')
cat >"$tmp/bad/en.po" <<EOF
$hdr_en
msgctxt "card"
msgid "Phone"
msgstr "Phone"

msgid "Hours"
msgstr "Hours"

msgid "Only English"
msgstr "Only English"

#, c-format
msgid "Printed %s"
msgstr "Printed %s"

#, c-format
msgid "%lu day"
msgid_plural "%lu days"
msgstr[0] "%lu day"
msgstr[1] "%lu days"

msgid "999"
msgstr "999"
EOF
cat >"$tmp/bad/cy.po" <<EOF
$hdr_cy
msgctxt "card"
msgid "Phone"
msgstr "Phone"

msgid "Hours"
msgstr ""

#, c-format
msgid "Printed %s"
msgstr "Argraffwyd %d"

#, c-format
msgid "%lu day"
msgid_plural "%lu days"
msgstr[0] "dim"
msgstr[1] "%lu diwrnod"
msgstr[2] "%lu ddiwrnod"
msgstr[3] "%lu diwrnod"
msgstr[4] "%lu diwrnod"
msgstr[5] ""

msgid "999"
msgstr "999"

msgid "Only Welsh"
msgstr "Cymraeg yn unig"
EOF
printf '# comment\n999\n' >"$tmp/bad/identical.txt"
(cd "$tmp" && check_pair bad/en.po bad/cy.po bad/identical.txt) >"$tmp/bad.out" 2>&1
sed 's/^/   /' "$tmp/bad.out"
for want in 'msgfmt --check: .*cy.po' \
            'cy.po:[0-9]*: msgctxt "card" msgid "Phone": Welsh "Phone" is identical' \
            'cy.po:[0-9]*: msgid "Hours": empty Welsh msgstr$' \
            'cy.po:[0-9]*: msgid "Printed %s": printf directives "1:d," but English has "1:s,"' \
            'cy.po:[0-9]*: msgid "%lu day": empty Welsh msgstr\[5\]' \
            'cy.po:[0-9]*: msgid "Only Welsh": not in .*en.po' \
            'en.po:[0-9]*: msgid "Only English": no Welsh translation in .*cy.po'; do
  if grep -q -- "$want" "$tmp/bad.out"; then
    echo "ok   caught: $want"
  else
    echo "FAIL the checker missed: $want"
    status=1
  fi
done
if grep -q '"999"' "$tmp/bad.out"; then
  echo "FAIL identical.txt was not honoured for \"999\""
  status=1
fi

echo "-- locales/en.po and locales/cy.po"
if (cd "$src" && check_pair locales/en.po locales/cy.po locales/identical.txt); then
  echo "ok   every en.po msgid has a Welsh translation; directives agree; no unlisted copies"
else
  echo "FAIL the catalogues have problems (listed above)"
  status=1
fi
for po in "$loc/en.po" "$loc/cy.po"; do
  msgfmt --check --statistics -o /dev/null "$po" 2>&1 | sed "s|^|   $(basename "$po"): |"
done
exit $status
