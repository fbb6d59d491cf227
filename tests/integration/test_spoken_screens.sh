# What every screen says, through the real binary: for every screen of
# `allwedd render --list`, in both languages, with and without personal
# details (--private: the superset of what is said), the words of
# `allwedd speak SCREEN --text`:
# - never say a date as a cardinal day and a month ("twenty-nine February",
#   "dau ddeg Tachwedd"): docs/speech.md says dates use ordinals, as the
#   confirm screen does ("the eighteenth of April", "y deunawfed o Ebrill");
# - never start a sentence with a small letter ("zero requests ...").
. "$ALLWEDD_SOURCE_DIR/tests/lib/common.sh"

EN_CARDINAL='(^|[^a-z-])(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)(-[a-z]+)? (January|February|March|April|May|June|July|August|September|October|November|December)'
CY_CARDINAL='(^|[^a-z])(un|dau|tri|pedwar|pump|chwech|saith|wyth|naw|deg|ddeg) (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr)'
# A sentence start: the line's start, or after ". ", "? ", "! " (not after
# an abbreviation such as "a.m.").
LOWER_START='(^|[^.][^.][.?!] )([a-z]|â|ê|î|ô|û|ŵ|ŷ)'

screens=$("$ALLWEDD" render --list)
check_eq "render --list names screens" "$([ -n "$screens" ] && echo yes)" yes
n=0
: >"$TEST_TMP/all"
for screen in $screens; do
  for lang in cy en; do
    for extra in --private; do
      # shellcheck disable=SC2086
      if ! "$ALLWEDD" speak "$screen" --lang "$lang" --text $extra >"$TEST_TMP/words" 2>"$TEST_TMP/err"; then
        check_eq "speak $screen --lang $lang $extra exits 0" "$(cat "$TEST_TMP/err")" ""
        continue
      fi
      n=$((n + 1))
      sed "s|^|$screen $lang $extra: |" "$TEST_TMP/words" >>"$TEST_TMP/all"
      pattern=$EN_CARDINAL
      [ "$lang" = cy ] && pattern=$CY_CARDINAL
      if grep -Eq -- "$pattern" "$TEST_TMP/words"; then
        check_eq "$screen ($lang $extra): no date said as a cardinal" \
          "$(grep -Eo -- "$pattern" "$TEST_TMP/words" | head -3)" ""
      fi
      if grep -Eq -- "$LOWER_START" "$TEST_TMP/words"; then
        check_eq "$screen ($lang $extra): sentences start with a capital" \
          "$(grep -Eo -- ".{0,20}$LOWER_START.{0,20}" "$TEST_TMP/words" | head -3)" ""
      fi
    done
  done
done
check_eq "every screen spoken in both languages" "$n" "$(($(echo "$screens" | wc -l) * 2))"
# The checks can fail: the screens that show dates say them with ordinals.
grep -q "staff-menu en --private: .*the twentieth of November" "$TEST_TMP/all"
check_eq "staff-menu (en): the twentieth of November" $? 0
grep -q "dob-invalid en --private: .*no twenty-ninth of February" "$TEST_TMP/all"
check_eq "dob-invalid (en): the twenty-ninth of February" $? 0
grep -q "dob-invalid cy --private: .*y nawfed ar hugain o Chwefror" "$TEST_TMP/all"
check_eq "dob-invalid (cy): y nawfed ar hugain o Chwefror" $? 0
grep -q "staff-sync cy --private: .*yr ugeinfed o Dachwedd" "$TEST_TMP/all"
check_eq "staff-sync (cy): yr ugeinfed o Dachwedd" $? 0
echo "twenty November twenty twenty-six" | grep -Eq -- "$EN_CARDINAL"
check_eq "the English check catches a cardinal date" $? 0
echo "Data: dau ddeg Tachwedd" | grep -Eq -- "$CY_CARDINAL"
check_eq "the Welsh check catches a cardinal date" $? 0
echo "Staff tools. zero requests" | grep -Eq -- "$LOWER_START"
check_eq "the capital check catches a small letter" $? 0
finish
