/*
 * Named preview states: every screen with sample records, for `allwedd
 * render`, `allwedd demo` without a display, and the overflow test. The
 * records are fictional and mirror assets/sample (the same people and
 * texts); the "longest" set uses the sample's longest values (a 61-character
 * patient name, the brain tumour key worker's role and team, the longest
 * service texts, all in one record) so the overflow test sees the worst
 * case the real data reaches.
 */
#include "ui/ui_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

typedef struct {
  const char *name;
  ui_screen_t screen;
} ui_preview_def_t;

static const ui_preview_def_t ui_previews[] = {
  {"welcome", UI_SCREEN_WELCOME},
  {"dob", UI_SCREEN_DOB},
  {"name", UI_SCREEN_NAME},
  {"postcode", UI_SCREEN_POSTCODE},
  {"postcode-digits", UI_SCREEN_POSTCODE},
  {"not-found", UI_SCREEN_NOT_FOUND},
  {"locked", UI_SCREEN_LOCKED},
  {"confirm", UI_SCREEN_CONFIRM},
  {"key-worker", UI_SCREEN_KEY_WORKER},
  {"no-key-worker", UI_SCREEN_NO_KEY_WORKER},
  {"leaflet", UI_SCREEN_LEAFLET},
  {"printing", UI_SCREEN_PRINTING},
  {"printed", UI_SCREEN_PRINTING},
  {"print-fault", UI_SCREEN_PRINTING},
  {"print-limit", UI_SCREEN_PRINTING},
  {"support", UI_SCREEN_SUPPORT},
  {"support-list", UI_SCREEN_SUPPORT_LIST},
  {"support-detail", UI_SCREEN_SUPPORT_DETAIL},
  {"idle", UI_SCREEN_KEY_WORKER},
  {"staff-pin", UI_SCREEN_STAFF_PIN},
  {"staff-paused", UI_SCREEN_STAFF_PIN},
  {"staff-menu", UI_SCREEN_STAFF_MENU},
  {"staff-find", UI_SCREEN_STAFF_FIND},
  {"staff-reprint", UI_SCREEN_STAFF_REPRINT},
  {"staff-printer", UI_SCREEN_STAFF_PRINTER},
  {"staff-sync", UI_SCREEN_STAFF_SYNC},
  {"staff-no-kw", UI_SCREEN_STAFF_NO_KW},
  {"store-fault", UI_SCREEN_STORE_FAULT},
  {"support-fault", UI_SCREEN_SUPPORT},
  {"staff-records-failed", UI_SCREEN_STAFF_MENU},
  {"staff-store-error", UI_SCREEN_STAFF_NO_KW},
  {"survey-knew", UI_SCREEN_SURVEY},
  {"survey-easy", UI_SCREEN_SURVEY},
  {"barcode-unreadable", UI_SCREEN_DOB},
  {"concerns", UI_SCREEN_CONCERNS},
  {"concerns-practical", UI_SCREEN_CONCERNS},
  {"concerns-score", UI_SCREEN_CONCERNS_SCORE},
  {"concerns-list", UI_SCREEN_CONCERNS_LIST},
  {"concerns-list-carer", UI_SCREEN_CONCERNS_LIST},
  {"print-no-sheet", UI_SCREEN_PRINTING}, /* a slip where there is no sheet printer */
  {"staff-reprint-confirm", UI_SCREEN_STAFF_REPRINT}, /* a reason chosen: print it? */
  {"staff-printed", UI_SCREEN_PRINTING},   /* a staff reprint done: back to staff tools */
  {"dob-invalid", UI_SCREEN_DOB},
  {"help", UI_SCREEN_NO_KEY_WORKER},  /* "Need help?" over a patient's screen */
  {"help-welcome", UI_SCREEN_WELCOME}, /* the same over the welcome screen, in both languages */
  {"display", UI_SCREEN_SUPPORT},     /* text size and colours over the support services */
};
enum { UI_PREVIEW_COUNT = sizeof ui_previews / sizeof ui_previews[0] };

/* How many named previews there are. */
size_t ui_preview_count(void) { return UI_PREVIEW_COUNT; }

/* The i-th preview's name, or NULL. */
const char *ui_preview_name(size_t i) { return i < UI_PREVIEW_COUNT ? ui_previews[i].name : NULL; }

/* A stable name for a tap target. */
void ui_target_name(int target, char *out, size_t outlen)
{
  static const struct { int id; const char *name; } names[] = {
    {UI_T_BACK, "back"}, {UI_T_LANG_SWITCH, "lang"},
    {UI_T_START_CY, "start-cy"}, {UI_T_START_EN, "start-en"},
    {UI_T_CARER_CY, "carer-cy"}, {UI_T_CARER_EN, "carer-en"}, {UI_T_DELETE, "delete"},
    {UI_T_NEXT, "next"}, {UI_T_DOB_DAY, "dob-day"}, {UI_T_DOB_MONTH, "dob-month"},
    {UI_T_DOB_YEAR, "dob-year"}, {UI_T_SPACE, "space"}, {UI_T_KEYS_PAGE, "keys-page"},
    {UI_T_YES, "yes"}, {UI_T_NO, "no"}, {UI_T_TRY_AGAIN, "try-again"}, {UI_T_FINISH, "finish"},
    {UI_T_PRINT_CARD, "print-card"}, {UI_T_LEAFLET, "leaflet"}, {UI_T_SUPPORT, "support"},
    {UI_T_PRINT_LEAFLET, "print-leaflet"}, {UI_T_PRINT_SLIP, "print-slip"},
    {UI_T_PAGE_UP, "page-up"}, {UI_T_PAGE_DOWN, "page-down"}, {UI_T_MORE_TIME, "more-time"},
    {UI_T_STAFF_REPRINT, "staff-reprint"}, {UI_T_STAFF_PRINTER, "staff-printer"},
    {UI_T_STAFF_SYNC, "staff-sync"}, {UI_T_STAFF_NO_KW, "staff-no-kw"},
    {UI_T_STAFF_LEAVE, "staff-leave"}, {UI_T_STAFF_DONE, "staff-done"},
    {UI_T_TEST_PRINT, "test-print"}, {UI_T_SYNC_NOW, "sync-now"},
    {UI_T_REASON_LOST, "reason-lost"}, {UI_T_REASON_DAMAGED, "reason-damaged"},
    {UI_T_REASON_KW_CHANGED, "reason-key-worker-changed"}, {UI_T_REASON_NEW, "reason-new"},
    {UI_T_LISTEN, "listen"},
    {UI_T_ANSWER_YES, "answer-yes"}, {UI_T_ANSWER_NO, "answer-no"},
    {UI_T_ANSWER_NOT_SURE, "answer-not-sure"}, {UI_T_SKIP, "skip"},
    {UI_T_NOTICE_OK, "notice-ok"},
    {UI_T_STAFF_SPEECH_TEST, "staff-speech-test"},
    {UI_T_CONCERNS_CY, "concerns-cy"}, {UI_T_CONCERNS_EN, "concerns-en"},
    {UI_T_CONCERNS, "concerns"}, {UI_T_CONCERNS_NEXT, "concerns-next"},
    {UI_T_CONCERNS_LIST, "concerns-list"}, {UI_T_CONCERNS_PRINT, "concerns-print"},
    {UI_T_CONCERNS_NAME, "concerns-name"}, {UI_T_CONCERNS_CHANGE, "concerns-change"},
    {UI_T_SCORE_DOWN, "score-down"}, {UI_T_SCORE_UP, "score-up"},
    {UI_T_KEYS_LETTERS_1, "keys-letters-1"}, {UI_T_KEYS_LETTERS_2, "keys-letters-2"},
    {UI_T_KEYS_LETTERS_3, "keys-letters-3"}, {UI_T_KEYS_DIGITS, "keys-digits"},
    {UI_T_HELP, "help"}, {UI_T_DISPLAY, "display"},
    {UI_T_DIALOG_OK, "dialog-ok"}, {UI_T_SIZE_100, "size-100"}, {UI_T_SIZE_130, "size-130"},
    {UI_T_SIZE_160, "size-160"}, {UI_T_SIZE_200, "size-200"},
    {UI_T_COLOURS_NORMAL, "colours-normal"}, {UI_T_COLOURS_HIGH, "colours-high"},
  };
  out[0] = '\0';
  if (target >= UI_T_DIGIT_0 && target <= UI_T_DIGIT_0 + 9)
    snprintf(out, outlen, "digit-%d", target - UI_T_DIGIT_0);
  else if (target >= UI_T_LETTER_A && target < UI_T_LETTER_A + 26)
    snprintf(out, outlen, "letter-%c", 'A' + target - UI_T_LETTER_A);
  else if (target >= UI_T_CONCERN_0 && target < UI_T_CONCERN_0 + CONCERNS_ITEM_MAX)
    snprintf(out, outlen, "concern-%s", concerns_item((size_t)(target - UI_T_CONCERN_0))
                                            ? concerns_item((size_t)(target - UI_T_CONCERN_0))->key
                                            : "?");
  else if (target >= UI_T_SCORE_0 && target <= UI_T_SCORE_0 + CONCERNS_SCORE_MAX)
    snprintf(out, outlen, "score-%d", target - UI_T_SCORE_0);
  else if (target >= UI_T_ITEM_0)
    snprintf(out, outlen, "item-%d", target - UI_T_ITEM_0);
  else if (target >= UI_T_CATEGORY_0)
    snprintf(out, outlen, "category-%d", target - UI_T_CATEGORY_0);
  for (size_t i = 0; !out[0] && i < sizeof names / sizeof names[0]; i++)
    if (names[i].id == target)
      snprintf(out, outlen, "%s", names[i].name);
}

/* The sample patient (normal or longest). */
static void ui_sample_patient(patient_t *p, bool longest)
{
  memset(p, 0, sizeof *p);
  if (longest) {
    snprintf(p->nhs_number, sizeof p->nhs_number, "9993467049");
    snprintf(p->given_name, sizeof p->given_name, "Gwenll\xc3\xaf" "an Angharad Morwenna");
    snprintf(p->family_name, sizeof p->family_name, "Pryce-Llewellyn ap Gruffudd-Llwyd");
    snprintf(p->date_of_birth, sizeof p->date_of_birth, "1938-06-27");
    snprintf(p->postcode, sizeof p->postcode, "SA1 8EN");
  } else {
    snprintf(p->nhs_number, sizeof p->nhs_number, "9992232684");
    snprintf(p->given_name, sizeof p->given_name, "Si\xc3\xa2n");
    snprintf(p->family_name, sizeof p->family_name, "Jones-Pugh");
    snprintf(p->date_of_birth, sizeof p->date_of_birth, "1956-04-18");
    snprintf(p->postcode, sizeof p->postcode, "CF14 4XW");
  }
  snprintf(p->preferred_language, sizeof p->preferred_language, "cy");
  snprintf(p->key_worker_id, sizeof p->key_worker_id, longest ? "KW-BN-01" : "KW-BR-01");
}

/* The sample key worker (normal or longest). */
static void ui_sample_key_worker(key_worker_t *k, bool longest)
{
  memset(k, 0, sizeof *k);
  if (longest) {
    snprintf(k->id, sizeof k->id, "KW-BN-01");
    snprintf(k->given_name, sizeof k->given_name, "Angharad Gwenll\xc3\xaf" "an");
    snprintf(k->family_name, sizeof k->family_name, "Vaughan-Llywelyn ap Gruffudd");
    snprintf(k->role_cy, sizeof k->role_cy, "Nyrs Glinigol Arbenigol ar gyfer Tiwmorau'r "
             "Ymennydd a'r System Nerfol Ganolog");
    snprintf(k->role_en, sizeof k->role_en, "Clinical Nurse Specialist for Brain and Central "
             "Nervous System Tumours");
    snprintf(k->team_cy, sizeof k->team_cy, "T\xc3\xaem niwro-oncoleg a chymorth tiwmorau'r "
             "ymennydd, Canolfan Ganser Glan Hafren");
    snprintf(k->team_en, sizeof k->team_en, "Neuro-oncology and brain tumour support team, "
             "Glan Hafren Cancer Centre");
    snprintf(k->phone, sizeof k->phone, "+442920180678");
    snprintf(k->email, sizeof k->email, "angharad.vaughan-llywelyn@glanhafren.example");
    snprintf(k->hours_cy, sizeof k->hours_cy, "Llun\xe2\x80\x93Mercher 9yb\xe2\x80\x93" "3yp");
    snprintf(k->hours_en, sizeof k->hours_en, "Mon\xe2\x80\x93Wed 9am\xe2\x80\x93" "3pm");
  } else {
    snprintf(k->id, sizeof k->id, "KW-BR-01");
    snprintf(k->given_name, sizeof k->given_name, "Gwenno");
    snprintf(k->family_name, sizeof k->family_name, "Rees");
    snprintf(k->role_cy, sizeof k->role_cy, "Nyrs Glinigol Arbenigol");
    snprintf(k->role_en, sizeof k->role_en, "Clinical Nurse Specialist");
    snprintf(k->team_cy, sizeof k->team_cy, "T\xc3\xaem gofal y fron");
    snprintf(k->team_en, sizeof k->team_en, "Breast care team");
    snprintf(k->phone, sizeof k->phone, "+442920180123");
    snprintf(k->email, sizeof k->email, "gwenno.rees@glanhafren.example");
    snprintf(k->hours_cy, sizeof k->hours_cy, "Llun\xe2\x80\x93Gwener 9yb\xe2\x80\x93" "4yp");
    snprintf(k->hours_en, sizeof k->hours_en, "Mon\xe2\x80\x93" "Fri 9am\xe2\x80\x93" "4pm");
  }
}

/* One sample service. */
static void ui_sample_service(service_t *s, const char *id, const char *name_en,
                              const char *name_cy, const char *summary_en,
                              const char *summary_cy, const char *phone, const char *url,
                              const char *hours_en, const char *hours_cy, const char *area)
{
  memset(s, 0, sizeof *s);
  snprintf(s->id, sizeof s->id, "%s", id);
  snprintf(s->category, sizeof s->category, "emotional");
  snprintf(s->name_en, sizeof s->name_en, "%s", name_en);
  snprintf(s->name_cy, sizeof s->name_cy, "%s", name_cy);
  snprintf(s->summary_en, sizeof s->summary_en, "%s", summary_en);
  snprintf(s->summary_cy, sizeof s->summary_cy, "%s", summary_cy);
  snprintf(s->phone, sizeof s->phone, "%s", phone);
  snprintf(s->url, sizeof s->url, "%s", url);
  snprintf(s->hours_en, sizeof s->hours_en, "%s", hours_en);
  snprintf(s->hours_cy, sizeof s->hours_cy, "%s", hours_cy);
  snprintf(s->area, sizeof s->area, "%s", area);
}

/* The sample services of one category. */
static void ui_sample_services(ui_t *ui, bool longest)
{
  size_t n = longest ? 8 : 4;
  service_t *list = calloc(n, sizeof *list);
  if (!list)
    return;
  ui_sample_service(&list[0], "S-MACMILLAN", "Macmillan Cancer Support", "Cymorth Canser Macmillan",
                    "Free, confidential support by phone from cancer nurses, benefits advisers "
                    "and specialists.",
                    "Cymorth cyfrinachol am ddim dros y ff\xc3\xb4n gan nyrsys canser, "
                    "cynghorwyr budd-daliadau ac arbenigwyr.",
                    "+448088080000", "https://www.macmillan.org.uk", "Every day 8am\xe2\x80\x93" "8pm",
                    "Bob dydd 8yb\xe2\x80\x93" "8yh", "UK / Y DU");
  ui_sample_service(&list[1], "S-SAMARITANS", "Samaritans", "Samariaid",
                    "Someone to talk to, any time, about anything that is troubling you.",
                    "Rhywun i siarad \xc3\xa2 nhw, unrhyw bryd, am unrhyw beth sy'n eich poeni.",
                    "116123", "https://www.samaritans.org", "24 hours a day, every day",
                    "24 awr y dydd, bob dydd", "UK / Y DU");
  ui_sample_service(&list[2], "S-TENOVUS", "Tenovus Cancer Care", "Gofal Canser Tenovus",
                    "A Welsh charity with a free support line and counselling.",
                    "Elusen Gymreig gyda llinell gymorth a chwnsela am ddim.", "+448088081010",
                    "https://www.tenovuscancercare.org.uk", "", "", "Cymru / Wales");
  ui_sample_service(&list[3], "S-COUNSEL", "Glan Hafren counselling service",
                    "Gwasanaeth cwnsela Glan Hafren",
                    "Talk to a counsellor at the cancer centre. Ask your key worker.",
                    "Siaradwch \xc3\xa2 chwnselydd yn y ganolfan ganser. Gofynnwch i'ch "
                    "gweithiwr allweddol.", "+442920180400", "", "Mon\xe2\x80\x93" "Fri",
                    "Llun\xe2\x80\x93Gwener", "");
  for (size_t i = 4; i < n; i++)
    ui_sample_service(&list[i], "S-FAMILY-SUPPORT",
                      "Family support worker (children and young people)",
                      "Gweithiwr cymorth i deuluoedd (plant a phobl ifanc)",
                      "From the day you are diagnosed, the Equality Act 2010 protects you from "
                      "unfair treatment at work because of cancer. Your employer must consider "
                      "reasonable changes, such as time off for treatment.",
                      "O'r diwrnod y cewch ddiagnosis, mae Deddf Cydraddoldeb 2010 yn eich "
                      "diogelu rhag cael eich trin yn annheg yn y gwaith oherwydd canser. Rhaid "
                      "i'ch cyflogwr ystyried newidiadau rhesymol, fel amser i ffwrdd ar gyfer "
                      "triniaeth.",
                      "+441632960123", "https://www.citizensadvice.org.uk/wales/",
                      "Every day 8am\xe2\x80\x93" "8pm; at other times call 111",
                      "Bob dydd 8yb\xe2\x80\x93" "8yh; ar adegau eraill ffoniwch 111",
                      "Caerdydd, Bro Morgannwg a Chasnewydd / Cardiff, Vale of Glamorgan and "
                      "Newport");
  if (longest)
    memcpy(&list[0], &list[4], sizeof list[0]);
  ui->services = list;
  ui->nservices = n;
  ui->service = 0;
  snprintf(ui->category, sizeof ui->category, "%s", longest ? "palliative" : "emotional");
}

/* The checklist's previews: a group with some items ticked (longest: all
 * of them), the score chosen, the list of an identified patient with their
 * name to be printed, and a carer's list. */
static void ui_preview_concerns(ui_t *ui, const char *name, bool longest)
{
  ui_person_t *p = &ui->person;
  bool carer = !strcmp(name, "concerns-list-carer");
  for (size_t i = 0; i < concerns_item_count(); i++) {
    const concerns_item_t *it = concerns_item(i);
    bool tick = longest ? true
              : it->group == CONCERNS_PHYSICAL ? i % 3 == 0
              : !strcmp(it->key, "practical.money") || !strcmp(it->key, "emotional.worry") ||
                    !strcmp(it->key, "information.next");
    if (tick)
      concerns_toggle(&p->concerns, i);
  }
  if (strcmp(name, "concerns") != 0)
    concerns_set_score(&p->concerns, longest ? 10 : 7);
  p->concerns_step = !strcmp(name, "concerns-practical") ? 1 : 0;
  p->concerns_from = carer ? UI_SCREEN_WELCOME : UI_SCREEN_KEY_WORKER;
  if (!carer) {
    ui_sample_patient(&p->patient, longest);
    ui_sample_key_worker(&p->key_worker, longest);
    p->has_patient = p->has_key_worker = true;
    p->concerns_with_name = !strcmp(name, "concerns-list");
  }
}

/* Person and screen state for a named preview. */
static void ui_preview_state(ui_t *ui, const char *name, bool longest)
{
  ui_person_t *p = &ui->person;
  bool patient = strstr(name, "key-worker") || !strcmp(name, "confirm") || !strcmp(name, "help") ||
                 !strcmp(name, "idle") || !strncmp(name, "print", 5) ||
                 !strcmp(name, "leaflet") || !strncmp(name, "staff-reprint", 13) ||
                 !strcmp(name, "staff-printed") ||
                 !strncmp(name, "survey", 6);
  if (patient) {
    ui_sample_patient(&p->patient, longest);
    ui_sample_key_worker(&p->key_worker, longest);
    p->has_patient = true;
    p->has_key_worker = strcmp(name, "no-key-worker") != 0;
  }
  snprintf(p->day, sizeof p->day, longest ? "27" : "18");
  snprintf(p->month, sizeof p->month, longest ? "06" : "04");
  snprintf(p->year, sizeof p->year, longest ? "1938" : "195");
  p->dob_field = 2;
  snprintf(p->name, sizeof p->name, "%s", longest ? "PRYCE LLEWELLYN AP GRUFFUDD LLWYD" : "JONES PUGH");
  snprintf(p->postcode, sizeof p->postcode, "%s", longest ? "SA1 8EN" : "CF14 4");
  p->keys_digits = !strcmp(name, "postcode-digits");
  if (!strcmp(name, "locked"))
    ui->lockout.locked_until_ms = ui->now_ms + 120000;
  if (!strcmp(name, "printing") || !strcmp(name, "printed") || !strcmp(name, "print-fault")) {
    ui->print_kind = UI_ACT_PRINT_CARD;
    ui->print_phase = name[5] == 'i' ? UI_PRINT_WAITING : name[5] == 'e' ? UI_PRINT_OUT
                                                                          : UI_PRINT_FAULT;
    ui->print_fault = UI_FAULT_NO_MEDIA;
    ui->print_started_ms = ui->now_ms;
    ui->print_return = UI_SCREEN_KEY_WORKER;
  }
  if (!strncmp(name, "survey", 6)) {
    bool easy = !strcmp(name, "survey-easy");
    ui->print_kind = UI_ACT_PRINT_CARD;
    ui->print_phase = easy ? UI_PRINT_OUT : UI_PRINT_WAITING;
    ui->print_started_ms = ui->now_ms;
    ui->print_return = UI_SCREEN_KEY_WORKER;
    ui->survey.question = easy ? UI_SURVEY_EASY : UI_SURVEY_KNEW;
  }
  if (!strcmp(name, "staff-reprint-confirm"))
    snprintf(ui->staff_reason, sizeof ui->staff_reason, "%s", longest ? "key_worker_changed" : "lost");
  if (!strcmp(name, "staff-printed")) {
    ui->print_kind = UI_ACT_PRINT_CARD;
    ui->print_phase = UI_PRINT_OUT;
    ui->print_return = UI_SCREEN_STAFF_MENU;
  }
  if (!strcmp(name, "print-no-sheet")) {
    ui->print_kind = UI_ACT_PRINT_SERVICE;
    ui->print_phase = UI_PRINT_FAULT;
    ui->print_fault = UI_FAULT_NO_SHEET_PRINTER;
    ui->print_return = UI_SCREEN_SUPPORT_DETAIL;
  }
  if (!strcmp(name, "print-limit")) {
    ui->print_kind = UI_ACT_PRINT_CARD;
    ui->print_phase = UI_PRINT_LIMIT;
    ui->print_return = UI_SCREEN_KEY_WORKER;
    p->cards_printed = 2;
  }
  if (!strncmp(name, "support", 7) || !strcmp(name, "display")) {
    for (int i = 0; i < UI_CATEGORY_COUNT; i++)
      snprintf(ui->categories[i], sizeof ui->categories[i], "%s",
               (const char *[]){"urgent", "symptoms", "emotional", "financial", "carers_family",
                                "support_groups", "practical", "palliative", "work",
                                "lifestyle", "information", "clinical_trials"}[i]);
    ui->ncategories = UI_CATEGORY_COUNT;
    ui_sample_services(ui, longest);
  }
  if (!strncmp(name, "concerns", 8))
    ui_preview_concerns(ui, name, longest);
  if (!strcmp(name, "support-fault"))
    ui->support_fault = true;
  if (!strcmp(name, "dob-invalid")) {
    /* The longest reason a date is refused, its box marked (ui_dob_mark's state). */
    snprintf(p->day, sizeof p->day, "29");
    snprintf(p->month, sizeof p->month, "02");
    snprintf(p->year, sizeof p->year, "1957");
    p->dob_check = ident_dob_check(p->day, p->month, p->year, "2026-11-29", IDENT_DOB_NO_BOX);
    p->dob_field = (int)p->dob_check.box;
    p->dob_replace = true;
  }
  if (!strcmp(name, "barcode-unreadable")) {
    ui->scan_notice = true;
    ui->scan_notice_until_ms = ui->now_ms + UI_SCAN_NOTICE_MS;
  }
  if (!strncmp(name, "help", 4))
    ui->dialog = UI_DIALOG_HELP;
  if (!strcmp(name, "display"))
    ui->dialog = UI_DIALOG_DISPLAY;
  if (!strcmp(name, "idle")) {
    ui->idle_warning = true;
    ui->idle_deadline_ms = ui->now_ms + 20000;
  }
  if (!strncmp(name, "staff", 5)) {
    ui->staff = strcmp(name, "staff-pin") != 0 && strcmp(name, "staff-paused") != 0;
    snprintf(ui->pin, sizeof ui->pin, "1234");
    if (!strcmp(name, "staff-paused"))
      ui->pin_paused_until_ms = ui->now_ms + (longest ? 3600000 : 30000);
    /* The longest menu also tells staff about wrong PINs since the last login. */
    ui->pin_notice_failures = !strcmp(name, "staff-menu") && longest ? 12 : 0;
    snprintf(ui->pin_notice_since, sizeof ui->pin_notice_since, "2026-11-29T10:00:00Z");
    snprintf(p->staff_nhs_entry, sizeof p->staff_nhs_entry, "999223268");
    ui->printer_known = true;
    ui->printer_ready = !longest;
    snprintf(ui->printer_status, sizeof ui->printer_status, "%s",
             longest ? "media-empty: card-printer: out of cards (the card hopper is empty) "
                       "(printer-state-reasons: media-empty-error, media-needed-report, "
                       "cover-open-warning); nothing was sent"
                     : "completed: card-printer is ready: idle, accepting jobs, will be sent "
                       "image/pwg-raster (printer-state-reasons: )");
    snprintf(ui->printer_reasons, sizeof ui->printer_reasons, "%s",
             longest ? "media-empty-error, media-needed-report, cover-open-warning" : "");
    ui->sync_known = true;
    ui->sync_ok = true;
    ui->sync_message[0] = '\0'; /* a sync that worked: the stored report is shown */
    ui->no_kw_count = ui->no_kw_shown = longest ? 40 : 5;
    free(ui->no_kw);
    ui->no_kw = calloc(ui->no_kw_shown, sizeof *ui->no_kw);
    for (size_t i = 0; ui->no_kw && i < ui->no_kw_shown; i++)
      snprintf(ui->no_kw[i], sizeof ui->no_kw[i], "999%07zu", 1000000 + i * 7919);
    if (!ui->no_kw)
      ui->no_kw_shown = 0;
    if (!strcmp(name, "staff-records-failed")) {
      ui->records_failed = longest ? 1234 : 3;
      snprintf(ui->records_failed_reason, sizeof ui->records_failed_reason, "%s",
               longest ? "cannot write the audit log: the store is busy (a sync may be "
                         "importing); try again"
                       : "cannot write the audit log: disk full");
    }
    if (!strcmp(name, "staff-store-error"))
      snprintf(ui->staff_store_error, sizeof ui->staff_store_error, "%s",
               longest ? "cannot count the patients with no key worker: the store is busy "
                         "(a sync may be importing); try again"
                       : "cannot count the patients with no key worker: the store is damaged");
  }
}

/* Put the ui into a named preview state. */
bool ui_preview(ui_t *ui, const char *name, bool longest, int64_t now_ms)
{
  const ui_preview_def_t *def = NULL;
  for (size_t i = 0; i < UI_PREVIEW_COUNT; i++)
    if (!strcmp(ui_previews[i].name, name))
      def = &ui_previews[i];
  if (!def)
    return false;
  lang_t lang = ui->lang;
  int percent = ui->text_percent;
  bool contrast = ui->high_contrast;
  if (now_ms > ui->now_ms)
    ui->now_ms = now_ms;
  /* A preview is no journey: its sample ticks are not counted. */
  ui->person.concerns = (concerns_selection_t){0};
  ui_finish(ui);
  ui->lang = lang;
  ui->text_percent = percent;
  ui->high_contrast = contrast;
  ui->last_input_ms = ui->now_ms;
  ui_preview_state(ui, name, longest);
  ui_go(ui, def->screen);
  return true;
}
