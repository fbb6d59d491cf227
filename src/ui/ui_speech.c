/*
 * The read-aloud: what every screen and state says, the "Gwrando / Listen"
 * control at the right end of the top bar, and when speech starts and
 * stops. Each screen's sentences are declared into its scene (scene_say)
 * right after it is drawn, from the same data and the same catalogue
 * strings the screen shows, in reading order: heading, question, the key
 * facts, then the buttons' words. Numbers, dates and addresses go through
 * core/spoken.h, so espeak-ng only ever receives words.
 *
 * Privacy: sentences naming the patient (name, date of birth, postcode, NHS
 * number, what they typed) are marked personal and are spoken only when
 * [speech] private_audio says the audio goes to headphones; otherwise a
 * short note says that personal details are not read aloud. The key
 * worker's name and phone are not personal to the patient and are read.
 *
 * Speech never changes what is on the screen except the control itself;
 * it asks the host through actions (UI_ACT_SPEAK, UI_ACT_SPEAK_STOP), and
 * stops when the person leaves the screen, changes language, or the idle
 * warning appears (which is then read, when Listen was used).
 */
#include "ui/ui_private.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/card.h"
#include "core/clock.h"
#include "core/spoken.h"
#include "core/store_metrics.h"
#include "core/sync_text.h"

enum {
  UI_SPEECH_AWAKE_MS = 10 * 60 * 1000, /* the longest speech keeps the screen awake */
  UI_SPEECH_WORDS_MAX = 4096,
};

/* The note said instead of personal details. */
static const char ui_speech_privacy_msgid[] =
    "For privacy, names and personal details are not read aloud here.";

/* ---- declaring sentences ------------------------------------------------ */

/* Text as shown, in words, in lang, as one sentence. */
static void ui_say_in(scene_t *sc, lang_t lang, const char *text, unsigned flags)
{
  char words[UI_SPEECH_WORDS_MAX];
  if (!text || !text[0])
    return;
  if (spoken_text(lang, text, words, sizeof words))
    scene_say(sc, lang, words, flags);
  sodium_memzero(words, sizeof words);
}

/* Text as shown, in the ui's language. */
static void ui_say(ui_t *ui, scene_t *sc, const char *text)
{
  ui_say_in(sc, ui->lang, text, 0);
}

/* Words already made for speech ("LABEL: words"), in the ui's language. */
static void ui_say_words(ui_t *ui, scene_t *sc, const char *label, const char *words,
                         unsigned flags)
{
  char line[UI_SPEECH_WORDS_MAX];
  if (!words || !words[0])
    return;
  if (label)
    snprintf(line, sizeof line, "%s: %s", label, words);
  else
    snprintf(line, sizeof line, "%s", words);
  scene_say(sc, ui->lang, line, flags);
  sodium_memzero(line, sizeof line);
}

/* "LABEL: text" as shown, in words. */
static void ui_say_labelled(ui_t *ui, scene_t *sc, const char *label, const char *text,
                            unsigned flags)
{
  char words[UI_SPEECH_WORDS_MAX];
  if (!text || !text[0])
    return;
  if (spoken_text(ui->lang, text, words, sizeof words))
    ui_say_words(ui, sc, label, words, flags);
  sodium_memzero(words, sizeof words);
}

/* "Phone: dim dau naw, ..." for an E.164 or written phone number. */
static void ui_say_phone(ui_t *ui, scene_t *sc, const char *label, const char *phone)
{
  char words[512];
  if (phone && phone[0] && spoken_phone(ui->lang, phone, words, sizeof words))
    ui_say_words(ui, sc, label, words, 0);
  else
    ui_say_labelled(ui, sc, label, phone, 0);
}

/* A date of birth or other personal date. */
static void ui_say_date(ui_t *ui, scene_t *sc, const char *label, const char *iso, unsigned flags)
{
  char words[256];
  if (spoken_date(ui->lang, iso, false, words, sizeof words))
    ui_say_words(ui, sc, label, words, flags);
  sodium_memzero(words, sizeof words);
}

/* What was typed, letter by letter (personal). */
static void ui_say_typed(ui_t *ui, scene_t *sc, const char *label, const char *typed)
{
  char words[512];
  if (!typed || !typed[0])
    return;
  if (spoken_code(ui->lang, typed, words, sizeof words))
    ui_say_words(ui, sc, label, words, SCENE_SAY_PERSONAL);
  else
    ui_say_labelled(ui, sc, label, typed, SCENE_SAY_PERSONAL);
  sodium_memzero(words, sizeof words);
}

/* An NHS number, digits in the 3-3-4 groups it is shown in (personal). */
static void ui_say_nhs(ui_t *ui, scene_t *sc, const char *label, const char *digits)
{
  char grouped[16], words[256];
  size_t n = strlen(digits);
  if (!n)
    return;
  snprintf(grouped, sizeof grouped, "%.3s%s%.3s%s%.4s", digits, n > 3 ? " " : "",
           n > 3 ? digits + 3 : "", n > 6 ? " " : "", n > 6 ? digits + 6 : "");
  if (spoken_digits(ui->lang, grouped, words, sizeof words))
    ui_say_words(ui, sc, label, words, SCENE_SAY_PERSONAL);
  sodium_memzero(grouped, sizeof grouped);
  sodium_memzero(words, sizeof words);
}

/* The buttons' words, in order (NULL entries skipped). */
static void ui_say_buttons(ui_t *ui, scene_t *sc, const char *const *labels, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (labels[i])
      ui_say(ui, sc, labels[i]);
}

/* A leaflet section: heading, then its paragraphs and items. */
static void ui_say_section(ui_t *ui, scene_t *sc, const leaflet_section_t *sec, bool bullets_only)
{
  if (!sec)
    return;
  ui_say(ui, sc, sec->heading);
  for (size_t i = 0; i < sec->block_count; i++)
    if (!bullets_only || sec->blocks[i].kind == LEAFLET_BULLET)
      ui_say(ui, sc, sec->blocks[i].text);
}

/* ---- the screens -------------------------------------------------------- */

/* Welcome: the Welsh column, then the English one. */
static void ui_speech_welcome(ui_t *ui, scene_t *sc)
{
  static const char *const texts[] = {
    "Welcome", "Find your key worker and print your card. Choose your language:", NULL,
    "Looking for support for yourself, a carer or family? No need to give your details.",
    "Support for carers and family", "What would you like to talk about?",
    "Have your appointment letter? You can scan its barcode.",
  };
  for (int lang = LANG_CY; lang <= LANG_EN; lang++)
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
      if (i != 5 || ui_concerns_offered(ui))
        ui_say_in(sc, (lang_t)lang,
                texts[i] ? ui_tr_in(ui, (lang_t)lang, texts[i])
                         : lang == LANG_CY ? "Cymraeg" : "English", 0);
}

/* Date of birth: the question, what was typed, and whether it is a date. */
static void ui_speech_dob(ui_t *ui, scene_t *sc)
{
  const ui_person_t *p = &ui->person;
  ui_say(ui, sc, p->by_barcode ? ui_tr(ui, "Thank you. Now your date of birth")
                               : ui_tr(ui, "Your date of birth"));
  ui_say(ui, sc, ui_tr(ui, "Day, month and year. For example: 03 07 1961"));
  ui_say_typed(ui, sc, ui_tr(ui, "Day"), p->day);
  ui_say_typed(ui, sc, ui_tr(ui, "Month"), p->month);
  ui_say_typed(ui, sc, ui_tr(ui, "Year"), p->year);
  char iso[16];
  snprintf(iso, sizeof iso, "%s-%s-%s", p->year, p->month, p->day);
  char problem[256];
  ui_dob_problem_text(ui, problem, sizeof problem);
  if (problem[0])
    ui_say(ui, sc, problem); /* names no typed value: not personal */
  else if (strlen(p->year) == 4 && strlen(p->month) == 2 && strlen(p->day) == 2)
    ui_say_date(ui, sc, NULL, iso, SCENE_SAY_PERSONAL);
  sodium_memzero(iso, sizeof iso);
  const char *buttons[] = {ui_tr(ui, "Delete"), ui_tr(ui, "Next"), ui_tr(ui, "Back")};
  ui_say_buttons(ui, sc, buttons, 3);
}

/* The family name and postcode keyboards. */
static void ui_speech_keyboard(ui_t *ui, scene_t *sc, bool postcode)
{
  ui_say(ui, sc, postcode ? ui_tr(ui, "Your postcode") : ui_tr(ui, "Your family name"));
  ui_say(ui, sc, postcode
                     ? ui_tr(ui, "We need one more detail to be sure it is you.")
                     : ui_tr(ui, "Your surname, as on your appointment letter. You can leave "
                                 "out accents."));
  ui_say_typed(ui, sc, NULL, postcode ? ui->person.postcode : ui->person.name);
  const char *buttons[] = {ui_tr(ui, "Delete"), ui_tr(ui, "Next"),
                           postcode ? NULL : ui_tr(ui, "Space"), ui_tr(ui, "Back")};
  ui_say_buttons(ui, sc, buttons, 4);
}

/* "We couldn't find you". */
static void ui_speech_not_found(ui_t *ui, scene_t *sc)
{
  ui_say(ui, sc, ui_tr(ui, "We couldn't find you"));
  ui_say(ui, sc, ui_tr(ui, "Please ask at reception. They will be glad to help you."));
  ui_say(ui, sc, ui_tr(ui, "You can also try again. Check the date of birth and the spelling "
                           "of the family name."));
  const char *buttons[] = {ui_tr(ui, "Try again"), ui_tr(ui, "Finish")};
  ui_say_buttons(ui, sc, buttons, 2);
}

/* Identification paused. */
static void ui_speech_locked(ui_t *ui, scene_t *sc)
{
  int64_t left = ident_lockout_remaining_ms(&ui->lockout, ui->now_ms);
  unsigned long minutes = left <= 0 ? 0 : (unsigned long)((left + 59999) / 60000);
  char when[160];
  ui_plural(ui, when, sizeof when, "You can try again in %lu minute.",
            "You can try again in %lu minutes.", minutes);
  ui_say(ui, sc, ui_tr(ui, "Please ask at reception"));
  ui_say(ui, sc, ui_tr(ui, "To protect everyone's privacy, finding people on this screen is "
                           "paused for a short time."));
  ui_say(ui, sc, minutes ? when : ui_tr(ui, "You can try again now."));
  ui_say(ui, sc, ui_tr(ui, "You can still read about support services."));
  const char *buttons[] = {minutes ? ui_tr(ui, "Support services") : ui_tr(ui, "Try again"),
                           ui_tr(ui, "Finish")};
  ui_say_buttons(ui, sc, buttons, 2);
}

/* The store could not be read while looking someone up. */
static void ui_speech_store_fault(ui_t *ui, scene_t *sc)
{
  ui_say(ui, sc, ui_tr(ui, "Sorry, we cannot look up your details just now"));
  ui_say(ui, sc, ui_tr(ui, "This is a problem with this screen, not with your details."));
  ui_say(ui, sc, ui_tr(ui, "Please ask at reception. They will be glad to help you."));
  const char *buttons[] = {ui_tr(ui, "Try again"), ui_tr(ui, "Finish")};
  ui_say_buttons(ui, sc, buttons, 2);
}

/* "Is this you?": the name and date of birth are personal. */
static void ui_speech_confirm(ui_t *ui, scene_t *sc)
{
  const patient_t *pt = &ui->person.patient;
  char name[2 * sizeof(((patient_t *)0)->given_name) + 2];
  ui_say(ui, sc, ui_tr(ui, "Is this you?"));
  snprintf(name, sizeof name, "%s %s", pt->given_name, pt->family_name);
  ui_say_in(sc, ui->lang, name, SCENE_SAY_PERSONAL);
  sodium_memzero(name, sizeof name);
  ui_say_date(ui, sc, ui_tr(ui, "Date of birth"), pt->date_of_birth, SCENE_SAY_PERSONAL);
  const char *buttons[] = {ui_tr(ui, "Yes, this is me"), ui_tr(ui, "No, this is not me"),
                           ui_tr(ui, "Back")};
  ui_say_buttons(ui, sc, buttons, 3);
}

/* The key worker: who, how to reach them, when not to, what they do. */
static void ui_speech_key_worker(ui_t *ui, scene_t *sc)
{
  const key_worker_t *kw = &ui->person.key_worker;
  bool cy = ui->lang == LANG_CY;
  char name[2 * sizeof(((patient_t *)0)->given_name) + 128];
  snprintf(name, sizeof name, "%s %s %s", ui_tr(ui, "Your key worker is"), kw->given_name,
           kw->family_name);
  ui_say(ui, sc, name);
  ui_say(ui, sc, cy ? kw->role_cy : kw->role_en);
  ui_say(ui, sc, cy ? kw->team_cy : kw->team_en);
  ui_say_phone(ui, sc, ui_tr(ui, "Phone"), kw->phone);
  ui_say_labelled(ui, sc, ui_tr(ui, "When to call"), cy ? kw->hours_cy : kw->hours_en, 0);
  ui_say_labelled(ui, sc, ui_tr(ui, "Email"), kw->email, 0);
  const leaflet_t *lf = ui_leaflet(ui);
  ui_say_section(ui, sc, lf ? leaflet_section_find(lf, LEAFLET_SECTION_NOT_EMERGENCY) : NULL, true);
  ui_say_section(ui, sc, lf ? leaflet_section_find(lf, LEAFLET_SECTION_WHAT_THEY_DO) : NULL, false);
  ui_frame_t f;
  ui_frame_init(ui, &f);
  bool concerns = ui_key_worker_buttons(ui, &f) > 3;
  const char *buttons[] = {ui_tr(ui, "Print my card"), ui_tr(ui, "Read about key workers"),
                           ui_tr(ui, "Support services"),
                           concerns ? ui_tr(ui, "What would you like to talk about?") : NULL,
                           ui_tr(ui, "Finish")};
  ui_say_buttons(ui, sc, buttons, 5);
}

/* No key worker recorded yet. */
static void ui_speech_no_key_worker(ui_t *ui, scene_t *sc)
{
  ui_say(ui, sc, ui_tr(ui, "Your key worker has not been recorded yet"));
  ui_say(ui, sc, ui_tr(ui, "This is not something you have done wrong. Everyone with cancer in "
                           "Wales should have a key worker, and we have let the team know."));
  ui_say(ui, sc, ui_tr(ui, "Please ask at reception. They can help you today."));
  const leaflet_t *lf = ui_leaflet(ui);
  ui_say_section(ui, sc, lf ? leaflet_section_find(lf, LEAFLET_SECTION_NOT_EMERGENCY) : NULL, true);
  const char *buttons[] = {ui_tr(ui, "Read about key workers"), ui_tr(ui, "Support services"),
                           ui_concerns_offered(ui) ? ui_tr(ui, "What would you like to talk about?")
                                                   : NULL,
                           ui_tr(ui, "Finish")};
  ui_say_buttons(ui, sc, buttons, 4);
}

/* The whole key worker leaflet (all pages: the person asked to listen). */
static void ui_speech_leaflet(ui_t *ui, scene_t *sc)
{
  const leaflet_t *lf = ui_leaflet(ui);
  if (lf) {
    ui_say(ui, sc, leaflet_title(lf));
    ui_say(ui, sc, leaflet_subtitle(lf));
    for (size_t s = 0; s < leaflet_section_count(lf); s++)
      ui_say_section(ui, sc, leaflet_section(lf, s), false);
  }
  const char *buttons[] = {ui_tr(ui, "Print this leaflet"), ui_tr(ui, "Back")};
  ui_say_buttons(ui, sc, buttons, 2);
}

/* Printing: waiting, done, or the kind fault message. */
static void ui_speech_printing(ui_t *ui, scene_t *sc)
{
  bool card = ui->print_kind == UI_ACT_PRINT_CARD;
  if (ui->print_phase == UI_PRINT_WAITING) {
    ui_say(ui, sc, card ? ui_tr(ui, "Printing your card") : ui_tr(ui, "Printing"));
    ui_say(ui, sc, ui_tr(ui, "This takes up to a minute. Please wait here."));
    return;
  }
  if (ui->print_phase == UI_PRINT_LIMIT) {
    char printed[200];
    ui_plural(ui, printed, sizeof printed, "We have printed %lu card for you.",
              "We have printed %lu cards for you.", (unsigned long)ui->person.cards_printed);
    ui_say(ui, sc, ui_tr(ui, "You already have your card"));
    ui_say(ui, sc, printed);
    ui_say(ui, sc, ui_tr(ui, "If you need another one, please ask at reception. They will be "
                             "glad to help you."));
  } else if (ui->print_phase == UI_PRINT_OUT && ui->staff) {
    bool test = ui->print_kind == UI_ACT_PRINT_TEST;
    ui_say(ui, sc, test ? ui_tr(ui, "The test card is printed")
                        : ui_tr(ui, "The card is printed"));
    ui_say(ui, sc, test ? ui_tr(ui, "It is in the printer tray. Check that it printed clearly.")
                        : ui_tr(ui, "It is in the printer tray. Give it to the patient."));
  } else if (ui->print_phase == UI_PRINT_OUT) {
    ui_say(ui, sc, card ? ui_tr(ui, "Please take your card")
                        : ui_tr(ui, "Please take your printout"));
    ui_say(ui, sc, card ? ui_tr(ui, "The card is in the printer tray. Keep it somewhere safe "
                                    "and bring it to your appointments.")
                        : ui_tr(ui, "It is in the printer tray. Keep it somewhere safe and "
                                    "bring it to your appointments."));
  } else if (ui->print_fault == UI_FAULT_NO_SHEET_PRINTER) {
    ui_say(ui, sc, ui_tr(ui, "This kiosk cannot print this"));
    ui_say(ui, sc, ui_tr(ui, "There is no paper printer here. This kiosk prints Key Worker Cards "
                             "only."));
    ui_say(ui, sc, ui_tr(ui, "Please ask at reception if you would like a printed copy."));
    ui_say(ui, sc, ui_tr(ui, "The details are still on the screen if you go back."));
  } else {
    static const char *const faults[] = {
      [UI_FAULT_NONE] = "Something went wrong with the printer.",
      [UI_FAULT_OFFLINE] = "The printer is not working at the moment.",
      [UI_FAULT_NO_MEDIA] = "The printer has run out of cards or paper.",
      [UI_FAULT_JAM] = "The printer needs attention from a member of staff.",
      [UI_FAULT_TIMEOUT] = "The printer did not answer in time.",
      [UI_FAULT_OTHER] = "Something went wrong with the printer.",
    };
    ui_say(ui, sc, ui_print_fault_title(ui));
    ui_say(ui, sc, ui_tr(ui, faults[ui->print_fault <= UI_FAULT_OTHER ? ui->print_fault
                                                                        : UI_FAULT_OTHER]));
    if (ui->staff) {
      ui_say(ui, sc, ui_tr(ui, "Check the printer (staff tools, Printer), then try again."));
      char lines[6][200];
      int n = ui_printer_words(ui, false, "", ui->print_reasons, lines, 6);
      for (int i = 0; i < n; i++)
        ui_say(ui, sc, lines[i]);
      ui_say(ui, sc, ui->print_detail);
    } else
      ui_say(ui, sc, ui_print_fault_ask(ui));
    if (ui_print_fault_back(ui))
      ui_say(ui, sc, ui_print_fault_back(ui));
  }
  const char *buttons[] = {ui->staff ? ui_tr(ui, "Back to staff tools") : ui_tr(ui, "Finish"),
                           ui_tr(ui, "Back")};
  ui_say_buttons(ui, sc, buttons, ui->staff ? 1 : 2); /* staff: one way back */
}

/* Support: the categories, as their buttons say them. */
static void ui_speech_support(ui_t *ui, scene_t *sc)
{
  ui_say(ui, sc, ui_tr(ui, "Support services"));
  if (ui->support_fault) {
    ui_say(ui, sc, ui_tr(ui, "Sorry, we cannot show the support services just now."));
    ui_say(ui, sc, ui_tr(ui, "Please ask at reception. They will be glad to help you."));
  } else if (!ui->ncategories) {
    ui_say(ui, sc, ui_tr(ui, "There are no services to show yet. Please ask at reception."));
  }
  if (!ui->support_fault && ui_concerns_offered(ui))
    ui_say(ui, sc, ui_tr(ui, "What would you like to talk about?"));
  for (int i = 0; i < ui->ncategories; i++)
    ui_say(ui, sc, ui_category_title(ui, ui->categories[i]));
  ui_say(ui, sc, ui_tr(ui, "Back"));
}

/* The services of one category. */
static void ui_speech_support_list(ui_t *ui, scene_t *sc)
{
  ui_say(ui, sc, ui_category_title(ui, ui->category));
  for (size_t i = 0; i < ui->nservices; i++)
    ui_say(ui, sc, ui->lang == LANG_CY ? ui->services[i].name_cy : ui->services[i].name_en);
  ui_say(ui, sc, ui_tr(ui, "Back"));
}

/* One service. */
static void ui_speech_support_detail(ui_t *ui, scene_t *sc)
{
  if (ui->service < ui->nservices) {
    const service_t *s = &ui->services[ui->service];
    bool cy = ui->lang == LANG_CY;
    ui_say(ui, sc, cy ? s->name_cy : s->name_en);
    ui_say(ui, sc, cy ? s->summary_cy : s->summary_en);
    ui_say_phone(ui, sc, ui_tr(ui, "Phone"), s->phone);
    ui_say_labelled(ui, sc, ui_tr(ui, "Open"), cy ? s->hours_cy : s->hours_en, 0);
    ui_say_labelled(ui, sc, ui_tr(ui, "Area"), s->area, 0);
    if (s->url[0]) {
      char line[1024];
      snprintf(line, sizeof line, "%s %s",
               ui_tr(ui, "Point your phone camera at the code to open the website:"), s->url);
      ui_say(ui, sc, line);
    }
  }
  const char *buttons[] = {ui_tr(ui, "Print these details"), ui_tr(ui, "Back")};
  ui_say_buttons(ui, sc, buttons, 2);
}

/* "Are you still there?" over any screen. */
static void ui_speech_idle(ui_t *ui, scene_t *sc)
{
  int64_t left_ms = ui->idle_deadline_ms - ui->now_ms;
  unsigned long seconds = left_ms <= 0 ? 0 : (unsigned long)((left_ms + 999) / 1000);
  char body[256];
  ui_plural(ui, body, sizeof body,
            "For your privacy, this screen will go back to the start in %lu second.",
            "For your privacy, this screen will go back to the start in %lu seconds.", seconds);
  ui_say(ui, sc, ui_tr(ui, "Are you still there?"));
  ui_say(ui, sc, body);
  const char *buttons[] = {ui_tr(ui, "I need more time"), ui_tr(ui, "Finish now")};
  ui_say_buttons(ui, sc, buttons, 2);
}

/* ---- staff screens ---- */

/* The store's error, as the staff screens show it (for staff: not personal). */
static void ui_speech_store_error(ui_t *ui, scene_t *sc, const char *error)
{
  ui_say(ui, sc, ui_tr(ui, "The local data cannot be read."));
  ui_say(ui, sc, error);
}

/* The data's age, as the staff screens show it. */
static void ui_speech_data_age(ui_t *ui, scene_t *sc, bool full)
{
  store_summary_t sum;
  memset(&sum, 0, sizeof sum);
  if (!ui->store || !store_summary(ui->store, &sum)) {
    ui_speech_store_error(ui, sc, ui->store ? store_error(ui->store) : ui_tr(ui, "There is no store."));
    return;
  }
  time_t gen = sum.last_generated[0] ? clock_parse_utc(sum.last_generated) : (time_t)-1;
  if (gen == (time_t)-1 || clock_now() - gen > 48 * 3600)
    ui_say(ui, sc, ui_tr(ui, "Warning: the data is more than 48 hours old. Run a sync."));
  char generated[64], synced[64];
  ui_format_when(ui, sum.last_generated, generated, sizeof generated);
  ui_format_when(ui, sum.last_sync_at, synced, sizeof synced);
  ui_say_labelled(ui, sc, ui_tr(ui, "Data exported"), generated, 0);
  ui_say_labelled(ui, sc, ui_tr(ui, "Last sync"), synced, 0);
  if (full) {
    char counts[256];
    ui_say_labelled(ui, sc, ui_tr(ui, "Site"), sum.site, 0);
    snprintf(counts, sizeof counts, "%s: %ld. %s: %ld. %s: %ld", ui_tr(ui, "Patients"),
             sum.patients, ui_tr(ui, "Key workers"), sum.key_workers, ui_tr(ui, "Services"),
             sum.services);
    ui_say(ui, sc, counts);
  }
}

/* The PIN keypad (the PIN itself is never said), or the pause after too
 * many wrong PINs. */
static void ui_speech_staff_pin(ui_t *ui, scene_t *sc)
{
  if (ui->now_ms < ui->pin_paused_until_ms) {
    int64_t left = ui->pin_paused_until_ms - ui->now_ms;
    char when[160];
    ui_plural(ui, when, sizeof when, "You can try again in %lu minute.",
              "You can try again in %lu minutes.", (unsigned long)((left + 59999) / 60000));
    ui_say(ui, sc, ui_tr(ui, "Staff mode is paused"));
    ui_say(ui, sc, ui_tr(ui, "Too many wrong PINs have been entered."));
    ui_say(ui, sc, when);
    ui_say(ui, sc, ui_tr(ui, "Back to the patient screen"));
    return;
  }
  ui_say(ui, sc, ui_tr(ui, "Staff: enter your PIN"));
  if (!ui->cfg->staff_pin_hash[0])
    ui_say(ui, sc, ui_tr(ui, "Staff mode is not set up on this kiosk. Set a PIN with: allwedd "
                             "staff-pin"));
  else if (ui->pin_wrong)
    ui_say(ui, sc, ui_tr(ui, "That PIN is not right. Please try again."));
  const char *buttons[] = {ui_tr(ui, "OK"), ui_tr(ui, "Delete"), ui_tr(ui, "Cancel")};
  ui_say_buttons(ui, sc, buttons, 3);
}

/* "N failed PIN attempts since ..." after a login that followed them. */
static void ui_speech_pin_notice(ui_t *ui, scene_t *sc)
{
  if (ui->pin_notice_failures <= 0)
    return;
  char since[40] = "-", text[400], num[24];
  time_t t = clock_parse_utc(ui->pin_notice_since);
  struct tm tm;
  if (t != (time_t)-1 && localtime_r(&t, &tm))
    strftime(since, sizeof since, "%Y-%m-%d %H:%M", &tm); /* said as a date and a time */
  snprintf(num, sizeof num, "%d", ui->pin_notice_failures);
  const char *args[] = {num, since};
  const char *fmt = i18n_nget(ui->cat, ui->lang, "kiosk", "%lu failed PIN attempt since %s",
                              "%lu failed PIN attempts since %s",
                              (unsigned long)ui->pin_notice_failures);
  if (!i18n_format_args(text, sizeof text, fmt, args, 2))
    snprintf(text, sizeof text, "%s failed PIN attempts since %s", num, since);
  ui_say(ui, sc, text);
  ui_say(ui, sc, ui_tr(ui, "If that was not you, tell whoever looks after this kiosk."));
}

/* The staff menu. */
static void ui_speech_staff_menu(ui_t *ui, scene_t *sc)
{
  size_t no_kw = 0;
  store_summary_t sum;
  memset(&sum, 0, sizeof sum);
  ui_say(ui, sc, ui_tr(ui, "Staff tools"));
  ui_speech_pin_notice(ui, sc);
  ui_staff_attention_t today;
  if (ui_staff_attention(ui, &today))
    for (int i = 0; i < today.n; i++)
      ui_say(ui, sc, today.line[i].text);
  else if (ui->store)
    ui_speech_store_error(ui, sc, store_error(ui->store));
  if (ui->records_failed) {
    char what[512], line[1024];
    ui_plural(ui, what, sizeof what, "%lu record could not be written:",
              "%lu records could not be written:", ui->records_failed);
    snprintf(line, sizeof line, "%s %s", what, ui->records_failed_reason);
    ui_say(ui, sc, line);
  }
  ui_speech_data_age(ui, sc, false);
  bool stale = true;
  if (ui->store && store_summary(ui->store, &sum) && sum.last_generated[0]) {
    time_t gen = clock_parse_utc(sum.last_generated);
    stale = gen == (time_t)-1 || clock_now() - gen > 48 * 3600;
  }
  /* The count only when the store gave it, as the screen does: never
   * "(0)" for "cannot read". */
  bool counted = ui->store && store_patients_without_key_worker(ui->store, &no_kw, NULL, 0);
  char no_kw_label[160];
  if (counted)
    snprintf(no_kw_label, sizeof no_kw_label, "%s (%zu)", ui_tr(ui, "Patients with no key worker"),
             no_kw);
  else
    snprintf(no_kw_label, sizeof no_kw_label, "%s", ui_tr(ui, "Patients with no key worker"));
  const char *buttons[] = {ui_tr(ui, "Reprint a card"), ui_tr(ui, "Printer"),
                           stale ? ui_tr(ui, "Sync the data (the data is old)")
                                 : ui_tr(ui, "Sync the data"),
                           no_kw_label,
                           ui_speech_available(ui) ? ui_tr(ui, "Test speech") : NULL,
                           ui_tr(ui, "Leave the kiosk"),
                           ui_tr(ui, "Back to the patient screen")};
  ui_say_buttons(ui, sc, buttons, 7);
}

/* NHS number for a reprint. */
static void ui_speech_staff_find(ui_t *ui, scene_t *sc)
{
  ui_say(ui, sc, ui_tr(ui, "Reprint a card: NHS number"));
  ui_say_nhs(ui, sc, NULL, ui->person.staff_nhs_entry);
  if (ui->staff_store_error[0])
    ui_speech_store_error(ui, sc, ui->staff_store_error);
  else
    ui_say(ui, sc, ui->staff_not_found ? ui_tr(ui, "No patient has that NHS number.")
                                       : ui_tr(ui, "Type the NHS number or scan the letter."));
  const char *buttons[] = {ui_tr(ui, "Find"), ui_tr(ui, "Delete"), ui_tr(ui, "Back")};
  ui_say_buttons(ui, sc, buttons, 3);
}

/* The patient found for a reprint, their key worker, and the reasons. */
static void ui_speech_staff_reprint(ui_t *ui, scene_t *sc)
{
  const ui_person_t *p = &ui->person;
  bool confirm = ui->staff_reason[0] && p->has_key_worker;
  char name[2 * sizeof(((patient_t *)0)->given_name) + 2];
  if (confirm)
    ui_say(ui, sc, ui_tr(ui, "Print a new card?"));
  snprintf(name, sizeof name, "%s %s", p->patient.given_name, p->patient.family_name);
  ui_say_in(sc, ui->lang, name, SCENE_SAY_PERSONAL);
  ui_say_date(ui, sc, ui_tr(ui, "Date of birth"), p->patient.date_of_birth, SCENE_SAY_PERSONAL);
  ui_say_nhs(ui, sc, ui_tr(ui, "NHS number"), p->patient.nhs_number);
  if (p->has_key_worker) {
    snprintf(name, sizeof name, "%s %s", p->key_worker.given_name, p->key_worker.family_name);
    ui_say_labelled(ui, sc, ui_tr(ui, "Key worker"), name, 0);
    ui_say_phone(ui, sc, ui_tr(ui, "Phone"), p->key_worker.phone);
    if (confirm) {
      ui_say_labelled(ui, sc, ui_tr(ui, "Reason"), ui_staff_reason_label(ui, ui->staff_reason), 0);
      const char *buttons[] = {ui_tr(ui, "Yes, print the card"), ui_tr(ui, "No, choose again")};
      ui_say_buttons(ui, sc, buttons, 2);
    } else {
      ui_say(ui, sc, ui_tr(ui, "Why is a new card needed?"));
      const char *buttons[] = {ui_tr(ui, "Lost"), ui_tr(ui, "Damaged"),
                               ui_tr(ui, "Key worker changed"), ui_tr(ui, "First card")};
      ui_say_buttons(ui, sc, buttons, 4);
    }
  } else if (ui->staff_store_error[0]) {
    ui_speech_store_error(ui, sc, ui->staff_store_error);
  } else {
    ui_say(ui, sc, ui_tr(ui, "This patient has no key worker recorded, so there is no card to "
                             "print. Please tell the cancer team."));
  }
  sodium_memzero(name, sizeof name);
  ui_say(ui, sc, ui_tr(ui, "Back"));
}

/* Printer status. */
static void ui_speech_staff_printer(ui_t *ui, scene_t *sc)
{
  ui_say(ui, sc, ui_tr(ui, "Printer"));
  if (!ui->printer_known) {
    ui_say(ui, sc, ui_tr(ui, "Asking the printer..."));
  } else {
    ui_say(ui, sc, ui->printer_ready ? ui_tr(ui, "Ready") : ui_tr(ui, "Not ready"));
    char lines[6][200];
    int n = ui_staff_printer_lines(ui, lines, 6);
    for (int i = 0; i < n; i++)
      ui_say(ui, sc, lines[i]);
    /* The printer's own detail (CUPS's English, IPP keywords) stays on the
     * screen, small; the voice reads only the worded state and reasons, in
     * the staff's language, and points to the detail when nothing is worded. */
    if (!n && !ui->printer_ready && ui->printer_status[0])
      ui_say(ui, sc, ui_tr(ui, "The printer's own message is on the screen."));
  }
  const char *buttons[] = {ui_tr(ui, "Print a test card"), ui_tr(ui, "Check again"),
                           ui_tr(ui, "Back")};
  ui_say_buttons(ui, sc, buttons, 3);
}

/* Sync status. */
static void ui_speech_staff_sync(ui_t *ui, scene_t *sc)
{
  ui_say(ui, sc, ui_tr(ui, "Sync the data"));
  ui_say_labelled(ui, sc, ui_tr(ui, "Folder"), ui->cfg->bundle_dir[0] ? ui->cfg->bundle_dir : "-",
                  0);
  ui_speech_data_age(ui, sc, true);
  if (ui->sync_running) {
    ui_say(ui, sc, ui_tr(ui, "Syncing..."));
  } else if (ui->sync_known) {
    ui_say(ui, sc, ui->sync_ok ? ui_tr(ui, "The last sync worked.")
                               : ui_tr(ui, "The last sync did not work. The data is as it was."));
    if (ui->sync_message[0]) { /* the sync's reason, in the staff's language, as shown */
      char message[1024];
      sync_text_translate(ui->sync_message, ui->cat, ui->lang, message, sizeof message);
      ui_say(ui, sc, message);
    }
  }
  /* A bundle refused since the last import is said, as the screen shows it:
   * never skipped in silence. */
  bool read = true;
  store_sync_attempt_t a;
  store_match_t m = ui->store ? store_last_sync_attempt(ui->store, &a) : STORE_NOT_FOUND;
  if (m == STORE_ERROR) {
    read = false;
  } else if (m == STORE_FOUND && a.result != STORE_SYNC_IMPORTED) {
    char at[64], reason[1024];
    ui_format_when(ui, a.at, at, sizeof at);
    sync_text_translate(a.reason, ui->cat, ui->lang, reason, sizeof reason);
    ui_say(ui, sc, ui_tr(ui, "A bundle from the inbox was refused. The data is as it was."));
    ui_say_labelled(ui, sc, at, reason, 0);
  }
  store_sync_run_t run;
  m = ui->store ? store_last_sync_run(ui->store, &run) : STORE_NOT_FOUND;
  if (m == STORE_ERROR)
    read = false;
  if (m == STORE_FOUND) {
    ui_say(ui, sc, ui_tr(ui, "Last sync report"));
    for (size_t i = 0; i < run.nfiles; i++) {
      store_sync_file_t r = run.files[i];
      char line[600];
      for (char *c = r.file; *c; c++)
        *c = *c == '_' ? ' ' : *c; /* "key_workers.csv": key workers dot csv */
      ui_sync_file_line(ui, &r, line, sizeof line);
      ui_say(ui, sc, line);
    }
  }
  if (!read)
    ui_speech_store_error(ui, sc, store_error(ui->store));
  const char *buttons[] = {ui->sync_running ? NULL : ui_tr(ui, "Sync now"), ui_tr(ui, "Back")};
  ui_say_buttons(ui, sc, buttons, 2);
}

/* Patients with no key worker: the count, then their NHS numbers. */
static void ui_speech_staff_no_kw(ui_t *ui, scene_t *sc)
{
  char count[96];
  ui_say(ui, sc, ui_tr(ui, "Patients with no key worker"));
  if (ui->staff_store_error[0]) { /* never "0 patients" when the store could not say */
    ui_speech_store_error(ui, sc, ui->staff_store_error);
    ui_say(ui, sc, ui_tr(ui, "Back"));
    return;
  }
  ui_plural(ui, count, sizeof count, "%lu patient", "%lu patients",
            (unsigned long)ui->no_kw_count);
  ui_say(ui, sc, count);
  for (size_t i = 0; i < ui->no_kw_shown && ui->no_kw; i++)
    ui_say_nhs(ui, sc, NULL, ui->no_kw[i]);
  ui_say(ui, sc, ui_tr(ui, "Back"));
}

/* The help or display dialog, as drawn (ui_layout.c): the help in both
 * languages over the welcome screen, Welsh first. */
void ui_speech_dialog(ui_t *ui, scene_t *sc)
{
  static const char help_msgid[] =
      "Please ask at reception. The staff there will be glad to help you.";
  if (ui->dialog == UI_DIALOG_HELP) {
    bool both = ui->screen == UI_SCREEN_WELCOME;
    int first = both ? (int)LANG_CY : (int)ui->lang, last = both ? (int)LANG_EN : (int)ui->lang;
    for (int l = first; l <= last; l++) {
      ui_say_in(sc, (lang_t)l, ui_tr_in(ui, (lang_t)l, "Need help?"), 0);
      ui_say_in(sc, (lang_t)l, ui_tr_in(ui, (lang_t)l, help_msgid), 0);
      ui_say_in(sc, (lang_t)l, ui_tr_in(ui, (lang_t)l, "OK"), 0);
    }
    return;
  }
  if (ui->dialog != UI_DIALOG_DISPLAY)
    return;
  static const int sizes[] = {100, 130, 160, 200};
  char line[256];
  const char *now = ui_tr(ui, ui_display_size_msgid(ui->text_percent));
  snprintf(line, sizeof line, "%s: %s %d%%", ui_tr(ui, "Text size"), now, ui->text_percent);
  ui_say(ui, sc, line);
  const char *buttons[7];
  char names[4][64];
  for (int i = 0; i < 4; i++) {
    snprintf(names[i], sizeof names[i], "%s %d%%", ui_tr(ui, ui_display_size_msgid(sizes[i])),
             sizes[i]);
    buttons[i] = names[i];
  }
  ui_say_buttons(ui, sc, buttons, 4);
  const char *normal = ui_tr(ui, "Normal colours"), *high = ui_tr(ui, "High contrast");
  snprintf(line, sizeof line, "%s: %s", ui_tr(ui, "Colours"), ui->high_contrast ? high : normal);
  ui_say(ui, sc, line);
  buttons[4] = normal;
  buttons[5] = high;
  buttons[6] = ui_tr(ui, "OK");
  ui_say_buttons(ui, sc, buttons + 4, 3);
}

/* Declare what the current state says. */
void ui_speech_declare(ui_t *ui, scene_t *sc)
{
  if (ui->idle_warning) {
    ui_speech_idle(ui, sc);
    return;
  }
  if (ui->dialog) { /* a help or display dialog: only it takes taps, so only it is read */
    ui_speech_dialog(ui, sc);
    return;
  }
  if (ui->scan_notice) { /* the barcode dialog first, then the screen under it */
    ui_say(ui, sc, ui_tr(ui, "We could not read that barcode. Please use the keypad."));
    const char *ok[] = {ui_tr(ui, "OK")};
    ui_say_buttons(ui, sc, ok, 1);
  }
  switch (ui->screen) {
  case UI_SCREEN_WELCOME: ui_speech_welcome(ui, sc); break;
  case UI_SCREEN_DOB: ui_speech_dob(ui, sc); break;
  case UI_SCREEN_NAME: ui_speech_keyboard(ui, sc, false); break;
  case UI_SCREEN_POSTCODE: ui_speech_keyboard(ui, sc, true); break;
  case UI_SCREEN_NOT_FOUND: ui_speech_not_found(ui, sc); break;
  case UI_SCREEN_LOCKED: ui_speech_locked(ui, sc); break;
  case UI_SCREEN_CONFIRM: ui_speech_confirm(ui, sc); break;
  case UI_SCREEN_STORE_FAULT: ui_speech_store_fault(ui, sc); break;
  case UI_SCREEN_KEY_WORKER: ui_speech_key_worker(ui, sc); break;
  case UI_SCREEN_NO_KEY_WORKER: ui_speech_no_key_worker(ui, sc); break;
  case UI_SCREEN_LEAFLET: ui_speech_leaflet(ui, sc); break;
  case UI_SCREEN_PRINTING: ui_speech_printing(ui, sc); break;
  case UI_SCREEN_SUPPORT: ui_speech_support(ui, sc); break;
  case UI_SCREEN_SUPPORT_LIST: ui_speech_support_list(ui, sc); break;
  case UI_SCREEN_SUPPORT_DETAIL: ui_speech_support_detail(ui, sc); break;
  case UI_SCREEN_STAFF_PIN: ui_speech_staff_pin(ui, sc); break;
  case UI_SCREEN_STAFF_MENU: ui_speech_staff_menu(ui, sc); break;
  case UI_SCREEN_STAFF_FIND: ui_speech_staff_find(ui, sc); break;
  case UI_SCREEN_STAFF_REPRINT: ui_speech_staff_reprint(ui, sc); break;
  case UI_SCREEN_STAFF_PRINTER: ui_speech_staff_printer(ui, sc); break;
  case UI_SCREEN_STAFF_SYNC: ui_speech_staff_sync(ui, sc); break;
  case UI_SCREEN_STAFF_NO_KW: ui_speech_staff_no_kw(ui, sc); break;
  case UI_SCREEN_SURVEY: ui_survey_speech(ui, sc); break;
  case UI_SCREEN_CONCERNS:
  case UI_SCREEN_CONCERNS_SCORE:
  case UI_SCREEN_CONCERNS_LIST: ui_concerns_speech(ui, sc); break;
  case UI_SCREEN_COUNT: break;
  }
}

/* ---- the control and its actions ---------------------------------------- */

/* Whether the Listen control is offered. */
static bool ui_speech_shown(const ui_t *ui)
{
  return ui->speech.available && ui->cfg->speech_enabled;
}

/* Whether the host can play speech. */
void ui_set_speech_available(ui_t *ui, bool available)
{
  if (ui->speech.available == available)
    return;
  ui->speech.available = available;
  ui_touch(ui);
}

/* Whether the Listen control may be shown. */
bool ui_speech_available(const ui_t *ui) { return ui_speech_shown(ui); }

/* True while speech asked for has not ended. */
bool ui_speaking(const ui_t *ui) { return ui->speech.speaking; }

/* What tapping Listen would say now. */
bool ui_speech_script(ui_t *ui, spoken_script_t *out)
{
  spoken_script_clear(out);
  /* The sentences the scene would declare, without drawing it again (a
   * long leaflet takes tens of milliseconds to lay out; its words, one). */
  scene_t *sc = scene_new(1, 1, (scene_color_t){0, 0, 0, 255});
  if (!sc)
    return false;
  ui_speech_declare(ui, sc);
  bool private_audio = ui->cfg->speech_private_audio, noted = false;
  for (size_t i = 0; i < scene_say_count(sc); i++) {
    const scene_say_t *say = scene_say_item(sc, i);
    if ((say->flags & SCENE_SAY_PERSONAL) && !private_audio) {
      if (!noted)
        spoken_script_add(out, say->lang, ui_tr_in(ui, say->lang, ui_speech_privacy_msgid));
      noted = true;
      continue;
    }
    spoken_script_add(out, say->lang, say->words);
  }
  bool ok = !scene_failed(sc);
  scene_free(sc);
  return ok;
}

/* Ask the host to say the current screen. */
static void ui_speech_start(ui_t *ui)
{
  ui_action_t act = {.kind = UI_ACT_SPEAK, .lang = ui->lang};
  if (ui_speech_script(ui, &act.speech) && act.speech.count) {
    ui_push_action(ui, &act);
    ui->speech.speaking = true;
    ui->speech.used = true;
    ui->speech.screen = ui->screen;
    ui->speech.lang = ui->lang;
    ui->speech.idle = ui->idle_warning;
    ui->speech.dialog = ui->dialog;
    ui->speech.started_ms = ui->now_ms;
    ui_touch(ui);
  }
  ui_action_wipe(&act);
}

/* Remember what is being said (the screen, language, overlay) so that
 * leaving it stops the speech. */
static void ui_speech_begun(ui_t *ui)
{
  ui->speech.speaking = true;
  ui->speech.screen = ui->screen;
  ui->speech.lang = ui->lang;
  ui->speech.idle = ui->idle_warning;
  ui->speech.dialog = ui->dialog;
  ui->speech.started_ms = ui->now_ms;
  ui_touch(ui);
}

bool ui_speech_test(ui_t *ui)
{
  static const char test_msgid[] = "This is a test of the kiosk's speech in Welsh and English.";
  if (!ui_speech_shown(ui))
    return false;
  ui_action_t act = {.kind = UI_ACT_SPEAK, .lang = ui->lang};
  spoken_script_clear(&act.speech);
  /* One sentence in each voice, at the configured rate and volume. */
  bool ok = spoken_script_add(&act.speech, LANG_CY, ui_tr_in(ui, LANG_CY, test_msgid)) &&
            spoken_script_add(&act.speech, LANG_EN, ui_tr_in(ui, LANG_EN, test_msgid));
  if (ok) {
    ui_push_action(ui, &act);
    ui_speech_begun(ui);
  }
  ui_action_wipe(&act);
  return ok;
}

/* Ask the host to stop speaking. */
static void ui_speech_stop(ui_t *ui)
{
  ui_action_t act = {.kind = UI_ACT_SPEAK_STOP, .lang = ui->lang};
  ui_push_action(ui, &act);
  ui->speech.speaking = false;
  ui_touch(ui);
}

/* Listen was tapped. */
void ui_speech_toggle(ui_t *ui)
{
  if (!ui_speech_shown(ui))
    return;
  if (ui->speech.speaking)
    ui_speech_stop(ui);
  else
    ui_speech_start(ui);
}

/* After each event: follow the end of speech and the screen it reads. */
void ui_speech_follow(ui_t *ui, const ui_event_t *ev)
{
  ui_speech_state_t *sp = &ui->speech;
  if (ev->kind == UI_EV_SPEECH_DONE && sp->speaking) {
    sp->speaking = false;
    ui->last_input_ms = ui->now_ms; /* a full idle period after listening */
    ui_touch(ui);
  }
  bool dialog_opened = ui->dialog && ui->dialog != sp->dialog;
  if (sp->speaking && (!ui_speech_shown(ui) || ui->screen != sp->screen ||
                       ui->lang != sp->lang || ui->idle_warning != sp->idle ||
                       ui->dialog != sp->dialog))
    ui_speech_stop(ui);
  /* Someone who listens hears a dialog they open too. */
  if (dialog_opened && sp->used && !ui->idle_warning && ui_speech_shown(ui))
    ui_speech_start(ui);
  if (!sp->speaking)
    sp->dialog = ui->dialog;
  /* Someone who listens hears the idle warning too, once per warning. */
  if (ui->idle_warning && sp->used && !sp->idle && ui_speech_shown(ui))
    ui_speech_start(ui);
  if (!ui->idle_warning)
    sp->idle = false;
}

/* True while speech holds off the idle timeout. */
bool ui_speech_awake(const ui_t *ui)
{
  return ui->speech.speaking && ui->now_ms - ui->speech.started_ms < UI_SPEECH_AWAKE_MS;
}

/* When ui_speech_awake() next changes, or -1. */
int64_t ui_speech_deadline_ms(const ui_t *ui)
{
  return ui_speech_awake(ui) ? ui->speech.started_ms + UI_SPEECH_AWAKE_MS : -1;
}

/* A loudspeaker with two sound waves in the square (x, y, s), in ink on
 * fill: the same sign in every language, for people who cannot read the
 * label. Drawn from rectangles and lines so it takes the theme's colours. */
static void ui_speech_speaker(scene_t *sc, int x, int y, int s, scene_color_t ink,
                              scene_color_t fill)
{
  scene_color_t none = {0, 0, 0, 0};
  int cy = y + s / 2, mouth = x + s * 42 / 100, centre = x + s * 36 / 100;
  int stroke = s / 12 < 2 ? 2 : s / 12;
  /* the waves: arcs of two rings around the cone's mouth, cut clear of it */
  for (int k = 0; k < 2; k++) {
    int r = s * (k ? 50 : 30) / 100;
    scene_rect(sc, centre - r, cy - r, 2 * r, 2 * r, none, ink, stroke, r, 0);
  }
  int cover = centre - s / 2 - stroke;
  scene_rect(sc, cover, y - stroke, mouth + s * 8 / 100 - cover, s + 2 * stroke, fill, fill, 0, 0, 0);
  /* the body, then the cone widening to the right */
  int body_w = s * 20 / 100, body_h = s * 32 / 100;
  scene_rect(sc, x, cy - body_h / 2, body_w, body_h, ink, ink, 0, 2, 0);
  for (int i = 0; x + body_w + i < mouth; i++) {
    int half = body_h / 2 + (s * 40 / 100 - body_h / 2) * i / (mouth - x - body_w);
    scene_line(sc, x + body_w + i, cy - half, x + body_w + i, cy + half, ink, 1);
  }
}

/* The Listen slot's label: the longer of "Listen" and "Stop", so the bar
 * does not move when speech starts. */
const char *ui_speech_listen_label(const ui_t *ui)
{
  const char *listen = ui_tr(ui, "Listen"), *stop = ui_tr(ui, "Stop");
  return strlen(stop) > strlen(listen) ? stop : listen;
}

/* The Listen button in its slot of the bar (ui_bar_t): a loudspeaker and
 * the word, the same sign in every language for people who cannot read
 * the label. Its right edge is the same on every screen. The welcome
 * screen's label is bilingual when it fits. Without an audio device its
 * place stays empty, so the other controls are where `allwedd render
 * --targets` says, with or without a loudspeaker. */
void ui_speech_listen_button(ui_t *ui, scene_t *sc, const ui_frame_t *f)
{
  ui_rect_t r = f->bar.listen;
  if (!r.w || !ui_speech_shown(ui))
    return;
  const ui_theme_t *th = &f->th;
  bool speaking = ui->speech.speaking;
  const char *msgid = speaking ? "Stop" : "Listen";
  int icon = ui_bar_icon(f->bar_font, r.h), pad = ui_bar_pad(f);
  int text_x = r.x + pad + icon + f->gap / 2, text_w = r.x + r.w - pad - text_x;
  char label[128];
  snprintf(label, sizeof label, "%s\n%s", ui_tr_in(ui, LANG_CY, msgid),
           ui_tr_in(ui, LANG_EN, msgid));
  if (!ui_before_language(ui))
    snprintf(label, sizeof label, "%s", ui_tr(ui, msgid));
  else if (!ui_bar_label_fits(ui, f, label, text_w, r.h - 8)) /* both, on one line if must */
    snprintf(label, sizeof label, "%s / %s", ui_tr_in(ui, LANG_CY, msgid),
             ui_tr_in(ui, LANG_EN, msgid));

  /* colours as ui_button gives a quiet bar button, or a primary one while speaking */
  bool pressed = ui->pressing && ui->pressed_target == UI_T_LISTEN;
  scene_color_t fill = speaking ? th->primary : th->bg, edge = speaking ? th->primary : th->border;
  scene_color_t ink = speaking ? th->on_primary : th->text;
  if (pressed) {
    fill = th->key_pressed;
    ink = ui->high_contrast ? th->bg : th->on_primary;
  }
  scene_rect(sc, r.x, r.y, r.w, r.h, fill, edge, speaking ? 3 : 2, r.h / 6 < 16 ? r.h / 6 : 16,
             UI_T_LISTEN);
  ui_speech_speaker(sc, r.x + pad, r.y + (r.h - icon) / 2, icon, ink, fill);
  int px = ui_fit_px(ui, f, label, true, text_w, r.h - 8, f->bar_font, f->bar.min_font_px);
  scene_text_style_t st = {.font_px = px, .min_font_px = px, .bold = true, .wrap = true,
                           .align = SCENE_ALIGN_CENTER, .valign = SCENE_ALIGN_CENTER,
                           .color = ink, .label = "bar.listen"};
  scene_text(sc, &ui->measurer, text_x, r.y + 4, text_w, r.h - 8, label, &st);
}
