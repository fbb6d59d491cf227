/*
 * The controls every screen shares (issue 12), checked on every named
 * preview state at every size the overflow test uses (1920x1080, 1280x800,
 * 1080x1920, 800x480 and a 108 mm 800x480 panel), at 100, 130, 160 and
 * 200 %, in Welsh and English, with the real catalogues and font measurer:
 *
 * - Back, in the same rectangle, on every identification screen (the
 *   confirm and "we couldn't find you" screens included), and the first
 *   control of the bar; exactly one Finish, in the same rectangle, on every
 *   screen once the person is identified and on every concerns screen
 *   (identified or not); Back keeps what was typed.
 * - The bar's labels, and the page rail's words ("Tudalen 1 o 4"), are
 *   never smaller than the body text at 100 %; the bar's labels
 *   grow with the text size (WCAG 1.4.4): at 200 % on the large screens
 *   they are larger than at 100 %.
 * - On a portrait screen every shared control (bar and its dialogs) has
 *   its centre in the lower half of the screen (BS 8300-2 reach; see
 *   docs/kiosk.md).
 * - Every tappable target carries a word (a letter in its label); only the
 *   keypad's digit keys, the date of birth's boxes (labelled above) and the
 *   concerns score's 0 to 10 (explained above) are numbers.
 * - The language switch is on every patient screen after the welcome.
 * - Before a language is chosen (welcome) every bar label and the site's
 *   name are in both languages, Welsh first, and a site name as long as
 *   config allows shrinks and wraps to fit (it is decoration).
 * - Portrait (1080x1920): keypads and keyboards at least 80 % of the
 *   content's width, ending just above the bar; the date boxes just above
 *   the keypad (at most 200 px between, for the message under them).
 * - "Need help?" is on every patient screen; it opens a dialog that says
 *   to ask at reception, is audited by screen name only and is read aloud.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/config.h"
#include "core/i18n.h"
#include "core/spoken.h"
#include "core/store_attention.h"
#include "platform/draw.h"
#include "testlib.h"
#include "ui/ui.h"

static const int sizes[][3] = {
  {1920, 1080, 0}, {1280, 800, 0}, {1080, 1920, 0}, {800, 480, 0}, {800, 480, 108}};
static const int scales[] = {100, 130, 160, 200};

/* Screens of a person identifying themselves: Back, never Finish in the bar. */
static const char *const identifying[] = {"dob", "dob-invalid", "name", "postcode", "postcode-digits",
                                          "not-found", "locked", "confirm", "store-fault"};
/* Screens with one Finish: once identified (the card is not printing), and
 * every concerns screen, identified or not (the ticks are the person's and
 * are wiped when they finish: an anonymous person needs the way out too). */
static const char *const identified[] = {"key-worker", "no-key-worker", "leaflet", "printed",
                                         "print-fault", "print-limit", "survey-easy",
                                         "concerns", "concerns-practical", "concerns-score",
                                         "concerns-list", "concerns-list-carer"};

/* The controls the bar and its dialogs carry. */
static bool chrome_target(int t)
{
  return t == UI_T_BACK || t == UI_T_FINISH || t == UI_T_LANG_SWITCH || t == UI_T_DISPLAY ||
         t == UI_T_HELP || t == UI_T_LISTEN || t == UI_T_SKIP || t == UI_T_DIALOG_OK ||
         (t >= UI_T_SIZE_100 && t <= UI_T_COLOURS_HIGH);
}

/* How many RECTs carry target, and the first of them in *first. */
static int count_target(const scene_t *sc, int target, const scene_op_t **first)
{
  int n = 0;
  *first = NULL;
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind == SCENE_OP_RECT && op->target == target) {
      if (!n)
        *first = op;
      n++;
    }
  }
  return n;
}

/* The scene of preview name in one configuration. */
static const scene_t *show(ui_t *ui, const char *name, lang_t lang, int percent)
{
  ui_set_lang(ui, lang);
  ui_set_high_contrast(ui, false);
  ui_set_text_scale(ui, percent);
  if (!ui_preview(ui, name, false, 5000000))
    return NULL;
  return ui_scene(ui);
}

static bool in_list(const char *name, const char *const *list, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!strcmp(name, list[i]))
      return true;
  return false;
}

/* Whether UTF-8 text has a letter (any script). */
static bool has_letter(const char *text)
{
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
  utf8proc_int32_t cp;
  for (utf8proc_ssize_t n; *p && (n = utf8proc_iterate(p, -1, &cp)) > 0; p += n) {
    utf8proc_category_t c = utf8proc_category(cp);
    if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
      return true;
  }
  return false;
}

/* Every tappable target has a letter in the texts drawn on it. */
static int check_words(const scene_t *sc, const char *what)
{
  int bad = 0;
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *b = scene_op(sc, i);
    if (b->kind != SCENE_OP_RECT || !b->target)
      continue;
    if ((b->target >= UI_T_DIGIT_0 && b->target <= UI_T_DIGIT_0 + 9) ||
        (b->target >= UI_T_DOB_DAY && b->target <= UI_T_DOB_YEAR) ||
        (b->target >= UI_T_SCORE_0 && b->target <= UI_T_SCORE_0 + 10))
      continue; /* digits on a keypad; the date boxes are labelled above them; the
                 * concerns score's 0 to 10, explained above them */
    bool word = false;
    for (size_t j = i + 1; j < scene_count(sc) && !word; j++) {
      const scene_op_t *t = scene_op(sc, j);
      if (t->kind == SCENE_OP_TEXT && t->text && t->x >= b->x && t->y >= b->y &&
          t->x + t->w <= b->x + b->w && t->y + t->h <= b->y + b->h)
        word = has_letter(t->text);
    }
    if (!word) {
      char name[32];
      ui_target_name(b->target, name, sizeof name);
      printf("FAIL %s: target %s (%d,%d %dx%d) has no word on it\n", what, name, b->x, b->y, b->w,
             b->h);
      bad++;
    }
  }
  return bad;
}

/* The body text size at 100 % for a screen (ui_layout.c's base). */
static int body_at_100(int w, int h)
{
  int min_dim = w < h ? w : h, base = min_dim / 30;
  return base < 20 ? 20 : base > 40 ? 40 : base;
}

/* The largest bar label on the scene (0: none), the smallest in *smallest. */
static int bar_font(const scene_t *sc, int *smallest)
{
  int largest = 0;
  *smallest = 1 << 20;
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    /* the site's name is decoration, not a label: it shrinks to fit */
    if (op->kind != SCENE_OP_TEXT || strncmp(op->label, "bar.", 4) ||
        !strcmp(op->label, "bar.site"))
      continue;
    if (op->font_px > largest)
      largest = op->font_px;
    if (op->font_px < *smallest)
      *smallest = op->font_px;
  }
  return largest;
}

typedef struct {
  long scenes, back, finish, small_text, unscaled, reach, words, help, rail_small, rails;
} tally_t;

/* One size, scale and language: every preview. */
static void check_config(ui_t *ui, int w, int h, lang_t lang, int percent, tally_t *t,
                         int *bar_px)
{
  char what[160];
  const scene_op_t *op = NULL;
  scene_op_t back_ref = {0}, finish_ref = {0};
  const scene_t *sc = show(ui, "dob", lang, percent);
  if (sc && count_target(sc, UI_T_BACK, &op) == 1)
    back_ref = *op;
  sc = show(ui, "key-worker", lang, percent);
  if (sc && count_target(sc, UI_T_FINISH, &op) == 1)
    finish_ref = *op;
  if (!back_ref.w || !finish_ref.w) {
    printf("FAIL %dx%d %s %d%%: no Back on dob or no Finish on key-worker\n", w, h,
           i18n_lang_code(lang), percent);
    t->back++;
    return;
  }
  for (size_t p = 0; p < ui_preview_count(); p++) {
    const char *name = ui_preview_name(p);
    sc = show(ui, name, lang, percent);
    snprintf(what, sizeof what, "%s %s %dx%d t%d %d%%", name, i18n_lang_code(lang), w, h,
             ui_min_target_px(ui), percent);
    if (!sc) {
      t->back++;
      continue;
    }
    t->scenes++;
    bool dialog = !strcmp(name, "idle") || !strcmp(name, "barcode-unreadable");
    if (in_list(name, identifying, sizeof identifying / sizeof identifying[0])) {
      int n = count_target(sc, UI_T_BACK, &op);
      if (n != 1 || op->x != back_ref.x || op->y != back_ref.y || op->w != back_ref.w ||
          op->h != back_ref.h) {
        printf("FAIL back     %s: %d Back, not at (%d,%d %dx%d)\n", what, n, back_ref.x,
               back_ref.y, back_ref.w, back_ref.h);
        t->back++;
      }
      if (count_target(sc, UI_T_FINISH, &op) > 1) {
        printf("FAIL finish   %s: more than one Finish\n", what);
        t->finish++;
      }
    }
    if (in_list(name, identified, sizeof identified / sizeof identified[0])) {
      int n = count_target(sc, UI_T_FINISH, &op);
      if (n != 1 || op->x != finish_ref.x || op->y != finish_ref.y || op->w != finish_ref.w ||
          op->h != finish_ref.h) {
        printf("FAIL finish   %s: %d Finish, not exactly one at (%d,%d %dx%d)\n", what, n,
               finish_ref.x, finish_ref.y, finish_ref.w, finish_ref.h);
        t->finish++;
      }
    }
    bool staff = !strncmp(name, "staff", 5);
    if (!staff && !dialog && count_target(sc, UI_T_HELP, &op) != 1) {
      printf("FAIL help     %s: not one \"Need help?\"\n", what);
      t->help++;
    }
    /* The language can be changed on every screen after the welcome. */
    bool welcome = !strcmp(name, "welcome") || !strcmp(name, "help-welcome");
    if (!staff && !dialog && !welcome && count_target(sc, UI_T_LANG_SWITCH, &op) != 1) {
      printf("FAIL language %s: no language switch\n", what);
      t->help++;
    }
    /* Back starts the bar: no shared control before it. */
    for (size_t i = 0; i < scene_count(sc); i++) {
      const scene_op_t *c = scene_op(sc, i);
      if (c->kind != SCENE_OP_RECT || !chrome_target(c->target))
        continue;
      if (c->target != UI_T_DIALOG_OK && !(c->target >= UI_T_SIZE_100) &&
          c->y == back_ref.y && c->x < back_ref.x) {
        printf("FAIL back     %s: target %d left of Back\n", what, c->target);
        t->back++;
      }
      /* Portrait: within a seated person's reach (lower half). */
      if (h > w && c->y + c->h / 2 < h / 2) {
        char tn[32];
        ui_target_name(c->target, tn, sizeof tn);
        printf("FAIL reach    %s: %s centred at y=%d, above the lower half\n", what, tn,
               c->y + c->h / 2);
        t->reach++;
      }
    }
    int smallest = 0, largest = bar_font(sc, &smallest);
    if (largest && smallest < body_at_100(w, h)) {
      printf("FAIL small    %s: a bar label at %d px, under the body size %d px at 100 %%\n",
             what, smallest, body_at_100(w, h));
      t->small_text++;
    }
    /* The page rail's words ("Up", "Page 1 of 4", "More") are never under
     * the body size at 100 % either. */
    for (size_t i = 0; i < scene_count(sc); i++) {
      const scene_op_t *c = scene_op(sc, i);
      if (c->kind != SCENE_OP_TEXT || strncmp(c->label, "rail.", 5))
        continue;
      t->rails++;
      if (c->font_px < body_at_100(w, h)) {
        printf("FAIL rail     %s: %s \"%s\" at %d px, under the body size %d px at 100 %%\n",
               what, c->label, c->text, c->font_px, body_at_100(w, h));
        t->rail_small++;
      }
    }
    if (!strcmp(name, "key-worker"))
      *bar_px = largest;
    t->words += check_words(sc, what);
  }
}

/* Back from "Is this you?" returns to the last question with what was
 * typed; Back from the date of birth goes to the start and forgets. */
static void test_back_keeps(ui_t *ui)
{
  TEST_SECTION("Back from \"Is this you?\" keeps what was typed");
  ui_set_text_scale(ui, 100);
  ui_set_lang(ui, LANG_EN);
  CHECK(ui_preview(ui, "confirm", false, 6000000));
  const scene_t *sc = ui_scene(ui);
  const scene_op_t *back = NULL;
  CHECK_INT(count_target(sc, UI_T_BACK, &back), 1);
  CHECK(count_target(sc, UI_T_FINISH, &back) == 0);
  count_target(sc, UI_T_BACK, &back);
  int x = back->x + back->w / 2, y = back->y + back->h / 2;
  ui_handle(ui, &(ui_event_t){.kind = UI_EV_PRESS, .now_ms = 6000100, .x = x, .y = y});
  ui_handle(ui, &(ui_event_t){.kind = UI_EV_RELEASE, .now_ms = 6000200, .x = x, .y = y});
  CHECK_STR(ui_screen_name(ui_screen(ui)), "postcode");
  sc = ui_scene(ui);
  bool typed = false, record = false;
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    typed = typed || (op->kind == SCENE_OP_TEXT && strstr(op->text, "CF14 4"));
    record = record || (op->kind == SCENE_OP_TEXT && strstr(op->text, "Si\xc3\xa2n"));
  }
  CHECK(typed);
  CHECK(!record);
  CHECK(ui_holds_patient(ui));
}

/* Tap the centre of target on the current scene; false when not drawn. */
static bool tap(ui_t *ui, int target, int64_t *now)
{
  const scene_t *sc = ui_scene(ui);
  const scene_op_t *op = NULL;
  if (!sc || !count_target(sc, target, &op))
    return false;
  int x = op->x + op->w / 2, y = op->y + op->h / 2;
  ui_handle(ui, &(ui_event_t){.kind = UI_EV_PRESS, .now_ms = *now += 50, .x = x, .y = y});
  ui_handle(ui, &(ui_event_t){.kind = UI_EV_RELEASE, .now_ms = *now += 50, .x = x, .y = y});
  return true;
}

/* "Need help?" on each patient screen: the dialog, its audit (the screen's
 * name only), its words read aloud, and OK. */
static void test_help(ui_t *ui)
{
  TEST_SECTION("\"Need help?\": a dialog, an audit naming the screen only, read aloud");
  int64_t now = 7000000;
  int opened = 0;
  for (size_t p = 0; p < ui_preview_count(); p++) {
    const char *name = ui_preview_name(p);
    if (!strncmp(name, "staff", 5) || !strcmp(name, "idle") || !strncmp(name, "help", 4) ||
        !strcmp(name, "display") || !strcmp(name, "barcode-unreadable"))
      continue;
    ui_set_lang(ui, LANG_CY);
    ui_preview(ui, name, false, now);
    ui_action_t act;
    while (ui_take_action(ui, &act))
      ui_action_wipe(&act);
    const char *screen = ui_screen_name(ui_screen(ui));
    if (!tap(ui, UI_T_HELP, &now)) {
      printf("FAIL %s: no help\n", name);
      CHECK(false);
      continue;
    }
    bool audited = false;
    while (ui_take_action(ui, &act)) {
      if (act.kind == UI_ACT_AUDIT && !strcmp(act.event, STORE_EVENT_HELP_REQUESTED)) {
        audited = !strcmp(act.actor, "kiosk") && !strcmp(act.detail, screen);
        if (!audited)
          printf("FAIL %s: audit detail \"%s\", not the screen's name\n", name, act.detail);
      }
      ui_action_wipe(&act);
    }
    CHECK(audited);
    spoken_script_t script;
    CHECK(ui_speech_script(ui, &script));
    bool said = false;
    for (size_t i = 0; i < script.count; i++) {
      lang_t l;
      said = said || strstr(spoken_script_part(&script, i, &l), "dderbynfa") != NULL;
    }
    if (!said)
      printf("FAIL %s: the help dialog is not read aloud\n", name);
    CHECK(said);
    CHECK(tap(ui, UI_T_DIALOG_OK, &now));
    CHECK_STR(ui_screen_name(ui_screen(ui)), screen);
    const scene_op_t *op = NULL;
    CHECK(count_target(ui_scene(ui), UI_T_DIALOG_OK, &op) == 0);
    opened++;
  }
  CHECK(opened > 15);

  TEST_SECTION("\"Need help?\" tapped 30 times on one screen is one request; none on staff screens");
  ui_preview(ui, "dob", false, now);
  ui_action_t act;
  while (ui_take_action(ui, &act))
    ui_action_wipe(&act);
  int helps = 0, dialogs = 0;
  for (int i = 0; i < 30; i++) {
    CHECK(tap(ui, UI_T_HELP, &now));
    const scene_op_t *op = NULL;
    dialogs += count_target(ui_scene(ui), UI_T_DIALOG_OK, &op) == 1;
    CHECK(tap(ui, UI_T_DIALOG_OK, &now));
    while (ui_take_action(ui, &act)) {
      helps += act.kind == UI_ACT_AUDIT && !strcmp(act.event, STORE_EVENT_HELP_REQUESTED);
      ui_action_wipe(&act);
    }
  }
  CHECK_INT(dialogs, 30);
  CHECK_INT(helps, 1);
  int staff_helps = 0;
  for (size_t p = 0; p < ui_preview_count(); p++) {
    const char *name = ui_preview_name(p);
    if (strncmp(name, "staff", 5))
      continue;
    ui_preview(ui, name, false, now);
    const scene_op_t *op = NULL;
    if (count_target(ui_scene(ui), UI_T_HELP, &op)) {
      printf("FAIL %s: a staff screen offers \"Need help?\"\n", name);
      staff_helps++;
    }
  }
  CHECK_INT(staff_helps, 0);

  TEST_SECTION("the display dialog: text size and colours, in words");
  ui_preview(ui, "dob", false, now);
  CHECK(tap(ui, UI_T_DISPLAY, &now));
  CHECK(tap(ui, UI_T_SIZE_200, &now));
  CHECK(tap(ui, UI_T_COLOURS_HIGH, &now));
  CHECK(scene_background(ui_scene(ui)).r == 0);
  CHECK(tap(ui, UI_T_SIZE_100, &now));
  CHECK(tap(ui, UI_T_COLOURS_NORMAL, &now));
  CHECK(tap(ui, UI_T_BACK, &now)); /* drawn under the dialog: it takes no taps */
  CHECK_STR(ui_screen_name(ui_screen(ui)), "dob");
  CHECK(tap(ui, UI_T_DIALOG_OK, &now));
  CHECK(scene_background(ui_scene(ui)).r == 255);
  CHECK_STR(ui_screen_name(ui_screen(ui)), "dob");
}

/* The TEXT ops whose label starts with prefix, joined by spaces (a
 * wrapped text's lines are one op each). */
static void joined(const scene_t *sc, const char *prefix, char *out, size_t outlen)
{
  out[0] = '\0';
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    size_t len = strlen(out);
    if (op->kind == SCENE_OP_TEXT && !strncmp(op->label, prefix, strlen(prefix)))
      snprintf(out + len, outlen - len, "%s%s", len ? " " : "", op->text);
  }
  for (char *c = out; *c; c++)
    if (*c == '\n')
      *c = ' ';
}

/* cy then en in text (Welsh first); says what it got when not. */
static bool welsh_first(const char *text, const char *cy, const char *en, const char *what)
{
  const char *a = strstr(text, cy), *b = strstr(text, en);
  if (a && b && a < b)
    return true;
  printf("FAIL both     %s: \"%s\" is not \"%s\" then \"%s\"\n", what, text, cy, en);
  return false;
}

static void report_fault(void *ctx, const char *what)
{
  printf("FAIL fits     %s: %s\n", (const char *)ctx, what);
}

/* Before a language is chosen (the welcome screen) every bar label and the
 * site name are in both languages, Welsh first, and a site name as long as
 * config allows (160 characters each) shrinks and wraps to fit the bar. */
static void test_welcome_bar(const config_t *base, const i18n_t *cat, draw_t *draw)
{
  TEST_SECTION("welcome: the bar in both languages, Welsh first; a long site name fits");
  static const char *const names_en[] = {
    "Cancer Centre",
    "Velindre Cancer Centre at the University Hospital of Wales, Heath Park Campus, Cardiff",
    "Velindre Cancer Centre Velindre Cancer Centre Velindre Cancer Centre Velindre Cancer "
    "Centre Velindre Cancer Centre Velindre Cancer Centre Velindre Cancer Centre Velindr"};
  int bad = 0, scenes = 0;
  for (size_t n = 0; n < sizeof names_en / sizeof names_en[0]; n++)
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
      config_t cfg = *base;
      cfg.display_width_mm = sizes[s][2];
      snprintf(cfg.site_name_cy, sizeof cfg.site_name_cy, "Canolfan Ganser Felindre");
      snprintf(cfg.site_name_en, sizeof cfg.site_name_en, "%s", names_en[n]);
      ui_options_t opt = {.cfg = &cfg, .cat = cat, .measurer = draw_measurer(draw)};
      ui_t *ui = ui_new(&opt, sizes[s][0], sizes[s][1]);
      CHECK(ui != NULL);
      for (int lang = 0; ui && lang < LANG_COUNT; lang++)
        for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++) {
          const scene_t *sc = show(ui, "welcome", (lang_t)lang, scales[k]);
          char what[96], text[1024];
          snprintf(what, sizeof what, "welcome %s %dx%d/%d %d%% name %zu",
                   i18n_lang_code((lang_t)lang), sizes[s][0],
                   sizes[s][1], sizes[s][2], scales[k], n);
          if (!sc) {
            bad++;
            continue;
          }
          scenes++;
          static const struct { const char *label, *msgid; } bar[] = {
            {"bar.display", "Display"}, {"bar.help", "Need help?"}, {"bar.listen", "Listen"}};
          for (size_t b = 0; b < sizeof bar / sizeof bar[0]; b++) {
            if (!strcmp(bar[b].label, "bar.listen") && !cfg.speech_enabled)
              continue;
            joined(sc, bar[b].label, text, sizeof text);
            bad += !welsh_first(text, i18n_get(cat, LANG_CY, "kiosk", bar[b].msgid),
                                i18n_get(cat, LANG_EN, "kiosk", bar[b].msgid), what);
          }
          joined(sc, "bar.site", text, sizeof text);
          bad += !welsh_first(text, cfg.site_name_cy, cfg.site_name_en, what);
          size_t faults = ui_scene_faults(ui, sc, report_fault, what);
          bad += faults != 0;
        }
      ui_free(ui);
    }
  printf("   %d welcome scenes\n", scenes);
  CHECK(scenes == 3 * 5 * 2 * 4);
  CHECK_INT(bad, 0);
}

/* Portrait (1080x1920): every keypad and keyboard uses the width (at least
 * 80 % of the content's) and ends just above the bar, within reach (issue
 * 12: "use the space"). */
static void test_portrait_keys(ui_t *ui)
{
  TEST_SECTION("portrait: keypads and keyboards at least 80 % of the width, just above the bar");
  /* (the staff PIN keypad is the same ui_keypad_split as staff-find's; this
   * fixture has no PIN set, so its preview shows no keypad) */
  static const char *const screens[] = {"dob", "dob-invalid", "staff-find", "name",
                                        "postcode"};
  int bad = 0;
  for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++)
    for (int lang = 0; lang < LANG_COUNT; lang++)
      for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++) {
        const scene_t *sc = show(ui, screens[i], (lang_t)lang, scales[k]);
        if (!sc) {
          bad++;
          continue;
        }
        int x0 = 1 << 20, x1 = 0, y0 = 1 << 20, y1 = 0, bar_top = 1 << 20, keys = 0, box_y1 = -1;
        for (size_t j = 0; j < scene_count(sc); j++) {
          const scene_op_t *op = scene_op(sc, j);
          if (op->kind != SCENE_OP_RECT || !op->target)
            continue;
          int t = op->target;
          if ((t >= UI_T_DIGIT_0 && t <= UI_T_NEXT) || (t >= UI_T_LETTER_A && t <= UI_T_SPACE)) {
            keys++;
            y0 = op->y < y0 ? op->y : y0;
            x0 = op->x < x0 ? op->x : x0;
            x1 = op->x + op->w > x1 ? op->x + op->w : x1;
            y1 = op->y + op->h > y1 ? op->y + op->h : y1;
          } else if (t >= UI_T_DOB_DAY && t <= UI_T_DOB_YEAR) {
            box_y1 = op->y + op->h;
          } else if (t == UI_T_BACK || t == UI_T_HELP || t == UI_T_DISPLAY ||
                     t == UI_T_LISTEN || t == UI_T_LANG_SWITCH) {
            if (op->y < bar_top && op->y > 1920 / 2)
              bar_top = op->y;
          }
        }
        int content_w = 1080 - 2 * 30; /* the margin at 1080 px: min(1080 / 36, 40) */
        bool wide = keys && (x1 - x0) * 100 >= content_w * 80;
        bool low = keys && y1 <= bar_top && bar_top - y1 <= 60;
        /* the date boxes just above the keypad (room for one message under them) */
        if (!strcmp(screens[i], "dob") && y0 - box_y1 > 200) { /* dob-invalid: the reason */
          printf("FAIL boxes    %s %s %d%%: the date boxes end at y %d, the keypad starts at "
                 "y %d\n", screens[i], i18n_lang_code((lang_t)lang), scales[k], box_y1, y0);
          bad++;
        }
        if (!wide || !low) {
          printf("FAIL keys     %s %s %d%%: %d keys %d px wide of %d, ending at y %d, bar at "
                 "y %d\n", screens[i], i18n_lang_code((lang_t)lang), scales[k], keys, x1 - x0,
                 content_w, y1, bar_top);
          bad++;
        }
      }
  CHECK_INT(bad, 0);
}

int main(void)
{
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  char err[512], locales[512];
  config_t cfg;
  tally_t t = {0};
  config_defaults(&cfg);
  snprintf(cfg.site_name, sizeof cfg.site_name,
           "Canolfan Ganser Glan Hafren / Glan Hafren Cancer Centre");
  snprintf(locales, sizeof locales, "%s/locales", src ? src : ".");
  i18n_t *cat = i18n_load(locales, err, sizeof err);
  draw_t *draw = draw_new(NULL, NULL, NULL, err, sizeof err);
  CHECK(cat != NULL);
  CHECK(draw != NULL);
  if (!cat || !draw) {
    printf("%s\n", err);
    return test_summary();
  }
  TEST_SECTION("Back and Finish in one place; bar text sizes; portrait reach; words on targets");
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    config_t size_cfg = cfg;
    size_cfg.display_width_mm = sizes[s][2];
    ui_options_t opt = {.cfg = &size_cfg, .cat = cat, .measurer = draw_measurer(draw)};
    ui_t *ui = ui_new(&opt, sizes[s][0], sizes[s][1]);
    CHECK(ui != NULL);
    if (!ui)
      continue;
    for (int lang = 0; lang < LANG_COUNT; lang++) {
      int px100 = 0, px200 = 0;
      for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++) {
        int px = 0;
        check_config(ui, sizes[s][0], sizes[s][1], (lang_t)lang, scales[k], &t, &px);
        if (scales[k] == 100)
          px100 = px;
        if (scales[k] == 200)
          px200 = px;
      }
      /* WCAG 1.4.4: the bar's words grow with the text size where there is room. */
      if (sizes[s][0] >= 1280 && px200 <= px100) {
        printf("FAIL scale    %dx%d %s: bar labels %d px at 200 %%, %d px at 100 %%\n",
               sizes[s][0], sizes[s][1], i18n_lang_code((lang_t)lang), px200, px100);
        t.unscaled++;
      }
    }
    if (s == 1) {
      test_back_keeps(ui);
      test_help(ui);
    }
    if (s == 2)
      test_portrait_keys(ui);
    ui_free(ui);
  }
  test_welcome_bar(&cfg, cat, draw);
  printf("   %ld scenes\n", t.scenes);
  CHECK(t.scenes >= (long)(ui_preview_count() * 5 * 4 * 2));
  CHECK_INT(t.back, 0);
  CHECK_INT(t.rail_small, 0);
  CHECK(t.rails > 0); /* some screens page: the rail check ran */
  CHECK_INT(t.finish, 0);
  CHECK_INT(t.help, 0);
  CHECK_INT(t.small_text, 0);
  CHECK_INT(t.unscaled, 0);
  CHECK_INT(t.reach, 0);
  CHECK_INT(t.words, 0);
  draw_free(draw);
  i18n_free(cat);
  return test_summary();
}
