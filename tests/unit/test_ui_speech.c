/*
 * The read-aloud in the kiosk UI (src/ui/ui_speech.c), headless, with the
 * real screens, a store synced from the signed sample, the real catalogues
 * and font measurer:
 * - every named preview state, in Welsh and in English, with the normal and
 *   the longest records, says something, in its language, in words (no
 *   bare digits left for espeak-ng to misread);
 * - personal details (name, date of birth, postcode, NHS number, what was
 *   typed) are never in what is said unless [speech] private_audio is set,
 *   and then they are; the key worker's name and phone are said;
 * - the Listen control: on every screen at the same right edge, a tap asks
 *   the host to speak (UI_ACT_SPEAK with the same words ui_speech_script
 *   gives), a second tap stops, leaving the screen or changing language
 *   stops, the end of speech turns the control back; a person listening is
 *   not timed out, and hears the idle warning; no control (and no speech)
 *   without an audio device or with [speech] enabled = false.
 */
#include <ctype.h>

#include "test_ui_fixture.h"

static spoken_script_t script, script2; /* large: not on the stack */

/* The script as one string, parts joined by " | ". */
static const char *joined(const spoken_script_t *s)
{
  static char out[SPOKEN_SCRIPT_TEXT_MAX + 256];
  out[0] = '\0';
  for (size_t i = 0; i < s->count; i++) {
    size_t len = strlen(out);
    snprintf(out + len, sizeof out - len, "%s%s", i ? " | " : "", spoken_script_part(s, i, NULL));
  }
  return out;
}

/* True when text has a digit (espeak-ng would read it as it likes). */
static bool has_digit(const char *text)
{
  for (const char *p = text; *p; p++)
    if (isdigit((unsigned char)*p))
      return true;
  return false;
}

/* Words of an untranslated English catalogue string in Welsh speech. */
static const char *english_in_welsh(const char *text)
{
  static const char *const tells[] = {" the ", "Your ", " your ", "Back.", "Finish.", "Print ",
                                      "Please ", "Support services"};
  for (size_t i = 0; i < sizeof tells / sizeof tells[0]; i++)
    if (strstr(text, tells[i]))
      return tells[i];
  return NULL;
}

/* Every preview state, both languages, normal and longest records. */
static void test_every_state(fx_t *fx)
{
  TEST_SECTION("every screen and state says something, in its language, in words");
  int empty = 0, digits = 0, english = 0, personal = 0, checked = 0;
  for (size_t i = 0; i < ui_preview_count(); i++) {
    const char *name = ui_preview_name(i);
    for (int lang = LANG_CY; lang <= LANG_EN; lang++) {
      for (int longest = 0; longest < 2; longest++) {
        fresh_ui(fx, 1280, 800);
        CHECK(ui_preview(fx->ui, name, longest, fx->now));
        ui_set_lang(fx->ui, (lang_t)lang);
        CHECK(ui_speech_script(fx->ui, &script));
        const char *all = joined(&script);
        checked++;
        if (!script.count || !all[0]) {
          empty++;
          printf("FAIL %s %s: nothing is said\n", name, i18n_lang_code((lang_t)lang));
        }
        /* The printer's own detail (CUPS's English, IPP keywords) is shown,
         * not read: the staff's language only. */
        if (!strncmp(name, "staff-printer", 13) &&
            (strstr(all, "completed") || strstr(all, "printer-state-reasons") ||
             strstr(all, "media-empty") || strstr(all, "card-printer"))) {
          english++;
          printf("FAIL %s %s: the printer's raw detail read aloud: %s\n", name,
                 i18n_lang_code((lang_t)lang), all);
        }
        if (has_digit(all)) {
          digits++;
          printf("FAIL %s %s: digits left: %s\n", name, i18n_lang_code((lang_t)lang), all);
        }
        /* The welcome screen, and the help over it, are in both languages. */
        bool bilingual = !strcmp(name, "welcome") || !strcmp(name, "help-welcome");
        const char *tell = lang == LANG_CY && strncmp(name, "staff", 5) && !bilingual
                               ? english_in_welsh(all) : NULL;
        if (tell) {
          english++;
          printf("FAIL %s cy: English \"%s\" in: %s\n", name, tell, all);
        }
        for (size_t p = 0; p < script.count; p++) {
          lang_t part_lang;
          spoken_script_part(&script, p, &part_lang);
          if ((int)part_lang != lang && !bilingual) {
            printf("FAIL %s: a part in the other language\n", name);
            english++;
          }
        }
        const scene_t *sc = ui_scene(fx->ui);
        for (size_t k = 0; k < scene_say_count(sc); k++)
          personal += (scene_say_item(sc, k)->flags & SCENE_SAY_PERSONAL) != 0;
      }
    }
  }
  printf("   %d states checked\n", checked);
  CHECK_INT(checked, (int)ui_preview_count() * 4);
  CHECK_INT(empty, 0);
  CHECK_INT(digits, 0);
  CHECK_INT(english, 0);
  CHECK(personal > 0);
}

/* Lower-case ASCII letters of s (UTF-8 bytes kept), for word matching. */
static void lower(char *s)
{
  for (; *s; s++)
    *s = (char)tolower((unsigned char)*s);
}

/* Every word drawn (three letters or more, below the top bar) must be said
 * too, with personal details allowed: so a screen that gains a text and a
 * speech that forgets it fail here. Returns the words missing. */
static int unsaid_words(fx_t *fx, const char *what)
{
  static char said[SPOKEN_SCRIPT_TEXT_MAX + 256];
  static const char *const placeholders[] = {"yyyy", "bbbb", "https", "www"};
  const scene_t *sc = ui_scene(fx->ui);
  const scene_op_t *listen = find_target(fx, UI_T_LISTEN);
  int bar_bottom = listen ? listen->y + listen->h : 0;
  int missing = 0;
  snprintf(said, sizeof said, "%s", joined(&script));
  lower(said);
  /* Over the idle warning's scrim, only what is drawn on it counts. */
  size_t first = 0;
  for (size_t i = 0; sc && i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind == SCENE_OP_RECT && !op->x && !op->y && op->w == scene_width(sc) &&
        op->h == scene_height(sc))
      first = i;
  }
  for (size_t i = first; sc && i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    /* The page rail's words ("More", "Page 1 of 3") are not said: the
     * read-aloud reads every page. */
    /* the rail's words are not read (every page is); the printer's own
     * detail (CUPS's English) is shown small for staff, not read */
    if (op->kind != SCENE_OP_TEXT || op->y < bar_bottom || !strncmp(op->label, "rail.", 5) ||
        !strcmp(op->label, "staff.printer.status"))
      continue;
    const char *p = op->text;
    while (*p) {
      /* words: letters, Welsh letters, apostrophes; not dashes or bullets */
      while (*p && ((!isalpha((unsigned char)*p) && (unsigned char)*p < 0xc3) ||
                    (unsigned char)*p == 0xe2)) {
        p += (unsigned char)*p == 0xe2 && p[1] && p[2] ? 3 : 1;
      }
      const char *start = p;
      while (*p && (isalpha((unsigned char)*p) || ((unsigned char)*p >= 0x80 &&
                                                   (unsigned char)*p != 0xe2) || *p == '\''))
        p++;
      char word[128], mutated[128], spelled[256] = "";
      size_t n = (size_t)(p - start);
      if (n < 3 || n >= sizeof word)
        continue;
      memcpy(word, start, n);
      word[n] = '\0';
      lower(word);
      bool skip = false;
      for (size_t k = 0; k < sizeof placeholders / sizeof placeholders[0]; k++)
        skip = skip || !strcmp(word, placeholders[k]);
      /* Welsh soft mutation ("o Fawrth"), and typed names said letter by letter */
      spoken_soft_mutation(word, mutated, sizeof mutated);
      for (size_t k = 0; k < n && strlen(spelled) + 3 < sizeof spelled; k++)
        snprintf(spelled + strlen(spelled), sizeof spelled - strlen(spelled), "%s%c",
                 k ? " " : "", word[k]);
      if (!skip && !strstr(said, word) && !strstr(said, mutated) && !strstr(said, spelled)) {
        if (missing++ < 3)
          printf("FAIL %s: \"%s\" is shown (\"%s\") but not said\n", what, word, op->text);
      }
    }
  }
  return missing;
}

/* Everything shown is said (first page; personal details through headphones). */
static void test_shown_is_said(fx_t *fx)
{
  TEST_SECTION("every word shown is said");
  int missing = 0;
  fx->cfg.speech_private_audio = true;
  for (size_t i = 0; i < ui_preview_count(); i++) {
    for (int lang = LANG_CY; lang <= LANG_EN; lang++) {
      for (int longest = 0; longest < 2; longest++) {
        char what[96];
        fresh_ui(fx, 1280, 800);
        ui_set_lang(fx->ui, (lang_t)lang);
        ui_preview(fx->ui, ui_preview_name(i), longest, fx->now);
        ui_speech_script(fx->ui, &script);
        snprintf(what, sizeof what, "%s %s%s", ui_preview_name(i), i18n_lang_code((lang_t)lang),
                 longest ? " longest" : "");
        missing += unsaid_words(fx, what);
      }
    }
  }
  fx->cfg.speech_private_audio = false;
  CHECK_INT(missing, 0);
}

/* Speech of one preview in one language into script. */
static const char *say(fx_t *fx, const char *preview, lang_t lang)
{
  fresh_ui(fx, 1280, 800);
  ui_set_lang(fx->ui, lang);
  ui_preview(fx->ui, preview, false, fx->now);
  ui_speech_script(fx->ui, &script);
  return joined(&script);
}

/* What the key worker and service screens say, exactly where it matters. */
static void test_words(fx_t *fx)
{
  TEST_SECTION("numbers as people say them, in the screens' words");
  const char *cy = say(fx, "key-worker", LANG_CY);
  CHECK(strstr(cy, "Eich gweithiwr allweddol yw Gwenno Rees."));
  CHECK(strstr(cy, "Ffôn: dim dau naw, dau dim un wyth, dim un dau tri."));
  CHECK(strstr(cy, "Llun i Wener naw y bore i bedwar y prynhawn"));
  CHECK(strstr(cy, "naw naw naw"));
  CHECK(strstr(cy, "un un un"));
  CHECK(!strstr(cy, "cant"));
  const char *en = say(fx, "key-worker", LANG_EN);
  CHECK(strstr(en, "Your key worker is Gwenno Rees. Clinical Nurse Specialist. Breast care team."));
  CHECK(strstr(en, "Phone: oh two nine, two oh one eight, oh one two three."));
  CHECK(strstr(en, "Monday to Friday nine a.m. to four p.m."));
  CHECK(strstr(en, "call nine nine nine"));
  CHECK(strstr(en, "gwenno dot rees at glanhafren dot example"));
  /* reading order: heading, the facts, then the buttons */
  const char *phone = strstr(en, "Phone:"), *print = strstr(en, "Print my card.");
  CHECK(phone && print && phone < print);
  CHECK(strstr(en, "Print my card. Read about key workers. Support services. What would you like to "
                   "talk about? Finish."));

  say(fx, "support-detail", LANG_EN);
  CHECK(strstr(joined(&script), "Phone: oh eight oh eight, eight oh eight, oh oh oh oh."));
  CHECK(strstr(joined(&script), "macmillan dot org dot uk"));

  const char *welcome = say(fx, "welcome", LANG_CY);
  CHECK(script.count == 2);
  lang_t first = LANG_COUNT, second = LANG_COUNT;
  spoken_script_part(&script, 0, &first);
  spoken_script_part(&script, 1, &second);
  CHECK(first == LANG_CY && second == LANG_EN); /* Welsh first, then English */
  CHECK(strstr(welcome, "Croeso.") && strstr(welcome, "Welcome."));
}

/* Personal details only with private audio; the key worker always. */
static void test_privacy(fx_t *fx)
{
  TEST_SECTION("privacy: personal details only through headphones");
  const char *note_en = i18n_get(fx->cat, LANG_EN, "kiosk",
                                 "For privacy, names and personal details are not read aloud here.");
  static const char *const previews[] = {"confirm", "staff-reprint", "dob", "name", "postcode",
                                         "staff-find", "staff-no-kw"};
  for (size_t i = 0; i < sizeof previews / sizeof previews[0]; i++) {
    fx->cfg.speech_private_audio = false;
    const char *open = say(fx, previews[i], LANG_EN);
    bool leaks = strstr(open, "Si\xc3\xa2n") || strstr(open, "Jones") ||
                 strstr(open, "eighteenth of April") || strstr(open, "J O N E S") ||
                 strstr(open, "C F one four") || strstr(open, "nine nine nine, two two three") ||
                 strstr(open, "Day: one eight") || strstr(open, "nine nine nine, one oh oh");
    if (!testlib_check(!leaks, __FILE__, __LINE__, "no personal details said aloud"))
      printf("      %s: %s\n", previews[i], open);
    if (!testlib_check(strstr(open, note_en) != NULL, __FILE__, __LINE__, "the privacy note"))
      printf("      %s: %s\n", previews[i], open);
    fx->cfg.speech_private_audio = true;
    const char *headphones = say(fx, previews[i], LANG_EN);
    CHECK(!strstr(headphones, note_en));
    CHECK(strlen(headphones) > strlen(open) - strlen(note_en));
  }
  fx->cfg.speech_private_audio = true;
  CHECK(strstr(say(fx, "confirm", LANG_EN),
               "Is this you? Si\xc3\xa2n Jones-Pugh. Date of birth: the eighteenth of April, "
               "nineteen fifty-six."));
  CHECK(strstr(say(fx, "confirm", LANG_CY),
               "Ai dyma chi? Si\xc3\xa2n Jones-Pugh. Dyddiad geni: y deunawfed o Ebrill, "
               "mil naw pum deg chwech."));
  fx->cfg.speech_private_audio = false;
  CHECK(strstr(say(fx, "confirm", LANG_EN), "Is this you? For privacy, names and personal "
                                            "details are not read aloud here. Yes, this is me."));
  /* the key worker is not personal to the patient */
  CHECK(strstr(say(fx, "staff-reprint", LANG_EN), "Key worker: Gwenno Rees. Phone: oh two nine"));
}

/* The pending actions, kinds only. */
static int take_kinds(fx_t *fx, ui_action_kind_t *kinds, int max)
{
  static ui_action_t act;
  int n = 0;
  host_drain(fx);
  while (take_action(fx, &act)) {
    if (n < max)
      kinds[n] = act.kind;
    if (act.kind == UI_ACT_SPEAK)
      script2 = act.speech;
    n++;
    ui_action_wipe(&act);
  }
  return n;
}

/* The Listen control and when speech starts and stops. */
static void test_control(fx_t *fx)
{
  TEST_SECTION("Listen: speak, stop, leave the screen, language, end of speech");
  ui_action_kind_t kinds[8];
  fx->cfg.speech_private_audio = false;
  fresh_ui(fx, 1280, 800);
  const scene_op_t *listen = find_target(fx, UI_T_LISTEN);
  CHECK(listen != NULL);
  int right = listen ? listen->x + listen->w : -1;
  CHECK(tap(fx, UI_T_START_CY));
  CHECK(find_target(fx, UI_T_LISTEN) && find_target(fx, UI_T_LISTEN)->x +
        find_target(fx, UI_T_LISTEN)->w == right); /* the same place */
  enter_dob(fx, "18041956");
  enter_name(fx, "JONES PUGH");
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
  CHECK_INT(ui_lang(fx->ui), LANG_CY); /* the language chosen */
  take_kinds(fx, kinds, 8);
  CHECK(shows(fx, "Gwrando"));

  CHECK(tap(fx, UI_T_LISTEN));
  CHECK(ui_speaking(fx->ui));
  CHECK_INT(take_kinds(fx, kinds, 8), 1);
  CHECK_INT(kinds[0], UI_ACT_SPEAK);
  CHECK(ui_speech_script(fx->ui, &script));
  CHECK_STR(joined(&script2), joined(&script));
  CHECK(strstr(joined(&script2), "Gwenno Rees"));
  CHECK(shows(fx, "Stopio") && !shows(fx, "Gwrando"));
  CHECK(find_target(fx, UI_T_LISTEN)->x + find_target(fx, UI_T_LISTEN)->w == right);

  CHECK(tap(fx, UI_T_LISTEN)); /* again: stop */
  CHECK(!ui_speaking(fx->ui));
  CHECK_INT(take_kinds(fx, kinds, 8), 1);
  CHECK_INT(kinds[0], UI_ACT_SPEAK_STOP);
  CHECK(shows(fx, "Gwrando"));

  CHECK(tap(fx, UI_T_LISTEN));
  take_kinds(fx, kinds, 8);
  CHECK(tap(fx, UI_T_LEAFLET)); /* leaving the screen stops */
  CHECK_INT(take_kinds(fx, kinds, 8), 1);
  CHECK_INT(kinds[0], UI_ACT_SPEAK_STOP);
  CHECK(!ui_speaking(fx->ui));

  CHECK(tap(fx, UI_T_LISTEN));
  take_kinds(fx, kinds, 8);
  CHECK(tap(fx, UI_T_PAGE_DOWN) || true); /* a page of the same screen goes on */
  CHECK(ui_speaking(fx->ui));
  CHECK(tap(fx, UI_T_LANG_SWITCH)); /* the words were Welsh: stop */
  CHECK(!ui_speaking(fx->ui));
  CHECK_INT(take_kinds(fx, kinds, 8), 1);
  CHECK_INT(kinds[0], UI_ACT_SPEAK_STOP);

  CHECK(tap(fx, UI_T_LISTEN));
  take_kinds(fx, kinds, 8);
  CHECK(strstr(joined(&script2), "key worker"));
  CHECK(shows(fx, "Stop"));
  send(fx, (ui_event_t){.kind = UI_EV_SPEECH_DONE});
  CHECK(!ui_speaking(fx->ui));
  CHECK(shows(fx, "Listen"));
  CHECK_INT(take_kinds(fx, kinds, 8), 0);
}

/* A person listening is there: no idle warning until speech ends; the
 * warning is then read to them. */
static void test_idle(fx_t *fx)
{
  TEST_SECTION("speech holds off the idle warning, and the warning is read");
  ui_action_kind_t kinds[8];
  fresh_ui(fx, 1280, 800);
  ui_preview(fx->ui, "leaflet", false, fx->now);
  CHECK(tap(fx, UI_T_LISTEN));
  take_kinds(fx, kinds, 8);
  wait_ms(fx, 90 * 1000); /* longer than idle_timeout_s */
  CHECK(!ui_idle_warning_shown(fx->ui));
  CHECK(ui_speaking(fx->ui));
  send(fx, (ui_event_t){.kind = UI_EV_SPEECH_DONE});
  wait_ms(fx, 30 * 1000);
  CHECK(!ui_idle_warning_shown(fx->ui)); /* a full idle period after listening */
  wait_ms(fx, 31 * 1000);
  CHECK(ui_idle_warning_shown(fx->ui));
  CHECK_INT(take_kinds(fx, kinds, 8), 1);
  CHECK_INT(kinds[0], UI_ACT_SPEAK);
  CHECK(strstr(joined(&script2), "Are you still there?") || strstr(joined(&script2), "Ydych chi"));
  CHECK(tap(fx, UI_T_MORE_TIME));
  CHECK_INT(take_kinds(fx, kinds, 8), 1);
  CHECK_INT(kinds[0], UI_ACT_SPEAK_STOP);
  /* speech that never ends (a lost answer) still ends the journey in time */
  CHECK(tap(fx, UI_T_LISTEN));
  take_kinds(fx, kinds, 8);
  for (int i = 0; i < 12 && ui_screen(fx->ui) != UI_SCREEN_WELCOME; i++)
    wait_ms(fx, 60 * 1000);
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  CHECK(!ui_holds_patient(fx->ui));

  TEST_SECTION("someone who listened to the whole welcome screen hears the idle warning later");
  fresh_ui(fx, 1280, 800);
  CHECK(tap(fx, UI_T_LISTEN));
  CHECK_INT(take_kinds(fx, kinds, 8), 1);
  CHECK_INT(kinds[0], UI_ACT_SPEAK);
  send(fx, (ui_event_t){.kind = UI_EV_SPEECH_DONE}); /* heard to the end, on the welcome screen */
  CHECK(tap(fx, UI_T_START_EN));
  take_kinds(fx, kinds, 8);
  wait_ms(fx, 61 * 1000);
  CHECK(ui_idle_warning_shown(fx->ui));
  CHECK_INT(take_kinds(fx, kinds, 8), 1);
  CHECK_INT(kinds[0], UI_ACT_SPEAK);
  CHECK(strstr(joined(&script2), "Are you still there?") != NULL);
  TEST_SECTION("the next person, who did not listen, is not read the warning");
  wait_ms(fx, 21 * 1000); /* the journey ends */
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  take_kinds(fx, kinds, 8);
  CHECK(tap(fx, UI_T_START_EN));
  wait_ms(fx, 61 * 1000);
  CHECK(ui_idle_warning_shown(fx->ui));
  CHECK_INT(take_kinds(fx, kinds, 8), 0);
}

/* No audio device, or speech turned off: no control, nothing said. */
static void test_unavailable(fx_t *fx)
{
  TEST_SECTION("no audio device or speech off: no control anywhere");
  ui_action_kind_t kinds[8];
  int shown = 0;
  for (int off = 0; off < 2; off++) {
    for (size_t i = 0; i < ui_preview_count(); i++) {
      fresh_ui(fx, 1280, 800);
      fx->cfg.speech_enabled = off != 1;
      if (off == 0)
        ui_set_speech_available(fx->ui, false);
      ui_preview(fx->ui, ui_preview_name(i), false, fx->now);
      shown += find_target(fx, UI_T_LISTEN) != NULL;
      send(fx, (ui_event_t){.kind = UI_EV_KEY, .key = 'A'});
      CHECK(!ui_speaking(fx->ui));
    }
  }
  CHECK_INT(shown, 0);
  fx->cfg.speech_enabled = true;
  fresh_ui(fx, 1280, 800);
  ui_preview(fx->ui, "key-worker", false, fx->now);
  CHECK(tap(fx, UI_T_LISTEN));
  take_kinds(fx, kinds, 8);
  ui_set_speech_available(fx->ui, false); /* the device went away */
  send(fx, (ui_event_t){.kind = UI_EV_TICK});
  CHECK(!ui_speaking(fx->ui));
  CHECK_INT(take_kinds(fx, kinds, 8), 1);
  CHECK_INT(kinds[0], UI_ACT_SPEAK_STOP);
  CHECK(!find_target(fx, UI_T_LISTEN));
}

/* The score screen's sentence about the scale, heard in each language: the
 * Welsh for 0 read aloud is "dim" ("nothing"), so "Mae 0 yn golygu dim o
 * gwbl" was heard as "nothing means nothing at all"; a spoken sentence
 * starts with a capital. */
static void test_score_scale(fx_t *fx)
{
  TEST_SECTION("the score screen says what 0 and 10 mean, clearly in both languages");
  for (int lang = LANG_CY; lang <= LANG_EN; lang++) {
    fresh_ui(fx, 1280, 800);
    CHECK(ui_preview(fx->ui, "concerns-score", false, fx->now));
    ui_set_lang(fx->ui, (lang_t)lang);
    CHECK(ui_speech_script(fx->ui, &script));
    const char *all = joined(&script);
    if (lang == LANG_CY) {
      CHECK(strstr(all, "sero") != NULL);
      CHECK(strstr(all, "Mae dim yn golygu") == NULL);
    } else {
      CHECK(strstr(all, "Zero means not at all") != NULL);
    }
    for (size_t i = 0; i < script.count; i++) {
      const char *part = spoken_script_part(&script, i, NULL);
      if (!CHECK(!islower((unsigned char)part[0])))
        printf("      %s: part starts lower-case: %s\n", i18n_lang_code((lang_t)lang), part);
    }
  }
}

int main(void)
{
  fx_t fx;
  if (!fx_open(&fx)) {
    printf("FAIL fixture\n");
    return 1;
  }
  test_every_state(&fx);
  test_words(&fx);
  test_shown_is_said(&fx);
  test_privacy(&fx);
  test_control(&fx);
  test_idle(&fx);
  test_unavailable(&fx);
  test_score_scale(&fx);
  fx_close(&fx);
  return test_summary();
}
