/*
 * The inside of the kiosk UI, shared by its files: the state struct, the
 * per-screen table, the layout metrics and the small widget and flow-layout
 * toolkit every screen draws with. Nothing outside src/ui includes this.
 *
 * Files: ui.c (events, timers, navigation, wipe), ui_layout.c (theme,
 * metrics, buttons, the bar, the page rail), ui_dialog.c (dialogs over a
 * screen), ui_keys.c (keypads and keyboards), ui_check.c (what a scene must
 * be), ui_scan.c
 * (barcode scanners), ui_flow.c (paginated text columns), ui_identify.c,
 * ui_patient.c, ui_support.c, ui_staff.c (screens), ui_survey.c (the
 * optional anonymous questions and counts), ui_preview.c (sample data and
 * named preview states).
 */
#ifndef ALLWEDD_UI_PRIVATE_H
#define ALLWEDD_UI_PRIVATE_H

#include "ui/ui.h"

#include "core/leaflet.h"
#include "core/store_sync.h"

enum {
  UI_MAX_ACTIONS = 32,        /* one event asks for a handful at most */
  UI_NO_KW_MAX = 200,
  UI_CATEGORY_COUNT = 12,
  UI_HOLD_MS = 3000,          /* staff corner press-and-hold */
  UI_PRINT_GRACE_MS = 15000,  /* beyond print_timeout_s before the UI gives up */
  UI_STAFF_PIN_MAX = 12,
  UI_SCAN_NOTICE_MS = 15000,  /* "could not read that barcode" left alone this long */
};

/* Everything about the person at the screen: wiped as one block. */
typedef struct {
  char day[3], month[3], year[5];
  int dob_field;                   /* 0 day, 1 month, 2 year */
  ident_dob_check_t dob_check;     /* what is wrong with the date typed, shown at once
                                    * (core/ident.h); problem IDENT_DOB_OK when nothing */
  bool dob_replace;                /* the next digit starts the box in use anew (a full
                                    * box tapped, or the box marked wrong) */
  unsigned facts_looked_up;        /* IDENT_FACT_* of the last look-up (for "Try again") */
  unsigned retry_ask;              /* after a failed try: the IDENT_FACT_* "Try again"
                                    * asks again (0: start afresh); see ident_retry() */
  char name[MODEL_NAME_MAX * 4 + 1];
  char postcode[12];
  bool keys_digits;                /* postcode keyboard on its 0-9 page */
  int keys_letters_page;           /* a short screen's letters page shown (0: A-M) */
  char nhs[11];                    /* from a barcode or staff entry */
  bool by_barcode;
  bool has_patient, has_key_worker;
  patient_t patient;
  key_worker_t key_worker;
  char staff_nhs_entry[11];
  int cards_printed;               /* card prints asked for in this journey (a failed one is given back) */
  concerns_selection_t concerns;   /* what the person ticked (issue 15): wiped with the rest */
  int concerns_step;               /* the offered group UI_SCREEN_CONCERNS shows (0..) */
  bool concerns_with_name;         /* print the patient's name on their list */
  ui_screen_t concerns_from;       /* where the checklist was opened (Back from its first group) */
} ui_person_t;

typedef enum {
  UI_PRINT_IDLE = 0, UI_PRINT_WAITING, UI_PRINT_OUT, UI_PRINT_FAULT,
  UI_PRINT_LIMIT,  /* not printed: [kiosk] card_prints_per_journey cards already */
} ui_print_phase_t;

/* A dialog of the controls every screen shares, over the screen (ui_layout.c). */
typedef enum {
  UI_DIALOG_NONE = 0,
  UI_DIALOG_HELP,      /* "Need help?": please ask at reception */
  UI_DIALOG_DISPLAY,   /* text size and colours */
} ui_dialog_t;

/* The read-aloud's state (ui_speech.c). */
typedef struct {
  bool available;        /* the host can play speech: Listen is shown */
  bool speaking;         /* asked for, not yet ended */
  bool used;             /* Listen was used during this journey */
  ui_screen_t screen;    /* what is being read: screen, language, idle overlay */
  lang_t lang;
  bool idle;
  ui_dialog_t dialog;    /* the chrome dialog open when it began */
  int64_t started_ms;
} ui_speech_state_t;

/* The optional questions of one journey (ui_survey.c). Nothing here names
 * the person: the answers leave at once as anonymous counts. */
typedef enum { UI_SURVEY_KNEW = 0, UI_SURVEY_EASY } ui_survey_question_t;
typedef struct {
  ui_survey_question_t question;  /* the one UI_SCREEN_SURVEY asks */
  bool asked_knew, asked_easy;    /* each asked once a journey */
  bool lang_stated;               /* the person chose a language themselves */
  lang_t stated_lang;
} ui_survey_t;

struct ui {
  const config_t *cfg;
  const i18n_t *cat;
  store_t *store;
  scene_measurer_t measurer;      /* the renderer's (which may cache), or any other */
  int width, height;
  bool sheet_printing;            /* the site can print a sheet (a concerns list): [printer]
                                   * sheet_printer is set, or the card printer's profile is a
                                   * sheet, as the host decides (kiosk_host.c); true when the
                                   * profile cannot be read (the host then says why) */

  ui_screen_t screen;
  lang_t lang;
  int text_percent;
  bool high_contrast;
  int page;                       /* page of the current screen's content */
  /* What the flows of the scene being drawn found (ui_flow.c), for
   * ui_scene_faults: a text that must be on page 1 and is not, or a
   * heading cut across pages. Emptied when a scene is drawn. */
  char flow_fault[4][256];
  int flow_faults;
  /* The labels of the texts the flows put after the first page (each
   * once), so a check can say what was paged away. */
  char flow_later[24][40];
  int flow_laters;
  /* The body text size (px) the latest flow was drawn at, after any
   * shrinking to keep what must be on page 1 there. */
  int flow_body_px;

  int64_t now_ms;                 /* time of the latest event */
  int64_t last_input_ms;
  bool idle_warning;
  int64_t idle_deadline_ms;       /* when the warning expires */

  bool pressing;
  int pressed_target;
  int64_t press_ms;
  bool hold_armed;                /* the press began in the staff corner */

  ident_policy_t ident_policy;    /* the lockout rule, from the configuration */
  ident_lockout_t lockout;        /* failed tries and any pause (core/ident.h) */

  ident_scan_t scanner;           /* keys from a USB barcode scanner (ui_scan.c) */
  ui_dialog_t dialog;             /* help or display dialog over the screen */
  uint64_t help_counted;          /* bit (1 << screen): "Need help?" already audited on that
                                   * screen this journey (one request per screen per journey;
                                   * cleared by ui_finish) */
  bool scan_notice;               /* "We could not read that barcode" is shown */
  int64_t scan_notice_until_ms;

  ui_person_t person;
  bool carer;                     /* reached support without identifying */
  bool support_fault;             /* the services could not be read from the store */

  char category[20];              /* current support category */
  service_t *services;            /* of that category, in display order */
  size_t nservices;
  size_t service;                 /* index of the service shown */
  char categories[UI_CATEGORY_COUNT][20];
  int ncategories;

  ui_survey_t survey;             /* reset when the journey ends */

  ui_print_phase_t print_phase;
  ui_print_fault_t print_fault;
  ui_action_kind_t print_kind;
  int64_t print_started_ms;
  ui_screen_t print_return;       /* where "Back" goes from the printing screen */

  bool staff;
  char pin[UI_STAFF_PIN_MAX + 1];
  bool pin_wrong;
  /* Wrong staff PINs since the last right one: read from the store at the
   * first corner hold (store_staff.h), then kept here and there. */
  bool pin_tries_loaded;
  int pin_failures;
  char pin_failures_since[21];    /* UTC of the first of them */
  int64_t pin_paused_until_ms;    /* staff mode paused until then */
  int pin_notice_failures;        /* shown on the staff menu after a login */
  char pin_notice_since[21];
  bool staff_not_found;
  char staff_store_error[256];    /* a store error to show staff ("" when none) */
  char store_damaged[512];        /* the start-up check's finding ("" when the store is sound) */
  unsigned long records_failed;   /* records the host could not write, not yet seen */
  char records_failed_reason[256];
  char staff_reason[32];           /* reprint reason chosen, to confirm ("" none) */
  char printer_status[256];       /* the check's "OUTCOME: detail" (English, shown small) */
  char printer_reasons[512];      /* its printer-state-reasons keywords, ", " between */
  char print_detail[256];         /* a failed print's detail for staff (English, shown small
                                   * in staff mode only; never patient data) */
  char print_reasons[512];        /* its printer-state-reasons keywords */
  bool printer_ready, printer_known;
  char sync_message[512];
  bool sync_ok, sync_running, sync_known;
  size_t no_kw_count;
  char (*no_kw)[11];
  size_t no_kw_shown;

  ui_action_t actions[UI_MAX_ACTIONS]; /* a ring from action_head */
  int action_head, nactions;
  size_t actions_lost;            /* not queued, not yet reported */
  size_t actions_lost_total;

  leaflet_t *leaflets[LANG_COUNT]; /* built on first use */

  ui_speech_state_t speech;

  scene_t *scene;
  bool dirty;
  uint64_t serial;
};

/* ---- layout metrics and theme (ui_layout.c) ---- */

/* A box on the screen in pixels: what every widget is placed in. */
typedef struct { int x, y, w, h; } ui_rect_t;

typedef struct {
  scene_color_t bg, text, muted, primary, on_primary, secondary_text, border,
      bar, panel, panel_edge, warn_panel, warn_edge, field, field_active, key,
      key_pressed, error, success, scrim;
} ui_theme_t;

/* The controls every screen shares (ui_top_bar), placed once per frame so
 * each is in the same place on every screen: Back at the start, Finish
 * next to it, then language, display, help and Listen at the end. A slot
 * with w == 0 is not offered at this size (Listen without speech). In
 * portrait the bar is at the bottom of the screen, within a seated
 * person's reach (BS 8300-2; docs/kiosk.md). */
typedef struct {
  ui_rect_t band;                 /* the bar's background */
  ui_rect_t back, finish, lang, display, help, listen;
  int font_px;                    /* its labels: the text scale, shrunk to fit the row,
                                   * never under min_font_px */
  int min_font_px;                /* the body text at 100 % */
  int rows;                       /* 1, or 2 (portrait at large text) */
  bool bottom;                    /* at the bottom of the screen (portrait) */
} ui_bar_t;

typedef struct {
  int w, h;
  int target;      /* minimum touch target */
  int button_h;    /* standard button height */
  int margin, gap;
  int small, body, heading, title, name, phone;   /* font px, text scale applied */
  int bar_font;    /* the bar's labels (bar.font_px) */
  bool portrait, compact;
  int bar_h;       /* the bar's height (at the top, or at the bottom in portrait) */
  ui_bar_t bar;
  int rail_w;      /* the page rail's width (ui_rail_width) */
  int cx, cy, cw, ch;   /* content area beside the bar (ui_content()) */
  ui_theme_t th;
} ui_frame_t;

typedef enum {
  UI_TK_SMALL, UI_TK_BODY, UI_TK_BODY_BOLD, UI_TK_HEADING, UI_TK_TITLE, UI_TK_NAME,
  UI_TK_PHONE, UI_TK_MUTED
} ui_text_kind_t;

/* QUIET and BAR are the bar's buttons (plain, and outlined for back/finish):
 * their text is the bar's (ui_bar_t.font_px), sized so the bar fits. */
typedef enum {
  UI_BTN_PRIMARY, UI_BTN_SECONDARY, UI_BTN_KEY, UI_BTN_QUIET, UI_BTN_HERO, UI_BTN_BAR
} ui_button_kind_t;

/* One button of a row or column of buttons. */
typedef struct {
  const char *text;        /* the label shown (UTF-8) */
  int target;              /* ui_target_t */
  ui_button_kind_t kind;
} ui_choice_t;

void ui_frame_init(const ui_t *ui, ui_frame_t *f);
scene_text_style_t ui_style(const ui_frame_t *f, ui_text_kind_t kind, const char *label);

/* The content area below the top bar. */
ui_rect_t ui_content(const ui_frame_t *f);

/* Text in a box with a style kind; returns the height used. */
int ui_text(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, const char *text,
            ui_text_kind_t kind, scene_align_t align, const char *label);

/* Height the text needs at width w. */
int ui_text_height(ui_t *ui, const ui_frame_t *f, int w, const char *text,
                   const scene_text_style_t *st);

/* Whether every word of text (words split at spaces and newlines) fits
 * width w px at px, bold or not, so wrapping never breaks inside a word;
 * false for a word the measurer cannot measure or of 256 bytes or more. */
bool ui_words_fit(ui_t *ui, const char *text, bool bold, int w, int px);

/* The largest font size from max_px down to min_px at which text wraps
 * into w x h without breaking a word (min_px when none does). */
int ui_fit_px(ui_t *ui, const ui_frame_t *f, const char *text, bool bold, int w, int h,
              int max_px, int min_px);

/* A button filling box, its label centred (wraps, then shrinks); label
 * names the text in overflow reports. Returns the label's colour (for a
 * sign drawn on it). */
scene_color_t ui_button(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, const char *text,
               ui_button_kind_t kind, int target, const char *label);

/* The bar of shared controls (ui_bar_t: at the top, at the bottom in
 * portrait): left_target (UI_T_BACK, UI_T_SKIP, UI_T_STAFF_DONE...) with
 * left_text in the Back slot, or with left_target 0 left_text as a title
 * (clear of the staff corner; no left_text: nothing); Finish in its slot
 * when finish; the language switch when language_switch; then display,
 * "Need help?" and Listen, always. A left label longer than the Back slot
 * takes the Finish slot's room when there is no Finish. */
void ui_top_bar(ui_t *ui, scene_t *sc, const ui_frame_t *f, const char *left_text,
                int left_target, bool finish, bool language_switch);

/* The inset of a bar button's label from its edges, and the size of
 * Listen's loudspeaker beside a label of px in a button h high. */
int ui_bar_pad(const ui_frame_t *f);
int ui_bar_icon(int px, int h);

/* Whether text fits w x h at the bar's size, wrapped at spaces, unshrunk
 * (a bilingual label on the welcome screen, only when it does). */
bool ui_bar_label_fits(ui_t *ui, const ui_frame_t *f, const char *text, int w, int h);

/* The help or display dialog, when one is open (ui_scene). */
void ui_chrome_dialog(ui_t *ui, scene_t *sc, const ui_frame_t *f);

/* A tap while a chrome dialog is open (only its buttons take taps). */
void ui_chrome_dialog_tap(ui_t *ui, int target);

/* Open a chrome dialog (help: audited and counted, by screen name only). */
void ui_chrome_dialog_open(ui_t *ui, ui_dialog_t dialog);
/* True on a screen for staff: the staff PIN and staff screens, and any
 * screen shown in staff mode (a staff reprint's printing screen). Those
 * carry no "Need help?" (it tells a patient to ask at reception) and are
 * never counted as a patient's request for help. */
bool ui_staff_facing(const ui_t *ui);
/* True on a screen shown before anyone has chosen a language (the welcome
 * screen): its bar's labels and the site name are in both languages. */
bool ui_before_language(const ui_t *ui);
/* The smallest size of the site's name in the bar (it shrinks to fit). */
#define UI_SITE_NAME_MIN_PX 8

/* The msgid naming a text size ("Normal", "Large", "Larger", "Largest"). */
const char *ui_display_size_msgid(int percent);

/* A page rail (Up, "Page 2 of 3", More, in words) in the box, for
 * paginated content. */
void ui_page_rail(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, int page,
                  int pages);

/* The same in a row across box (Up at the left, More at the right, each
 * ui_rail_width() wide). */
void ui_page_row(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, int page, int pages);

/* Width of the page rail (and of a page row's buttons). */
int ui_rail_width(const ui_frame_t *f);

/* n buttons in rows of per_row from the top of box, each button_h tall
 * (a short last row shares the width). */
void ui_button_stack(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, int per_row,
                     const ui_choice_t *buttons, int n);

/* Height a stack of n buttons in rows of per_row needs. */
int ui_button_stack_height(const ui_frame_t *f, int per_row, int n);

/* Buttons in a column at the right (landscape) or rows at the bottom
 * (portrait, or very wide); returns the rest of the content area, for the
 * flow, and in spare (may be NULL; w == 0 when none) the room left in the
 * action column under the buttons. */
ui_rect_t ui_side_actions(ui_t *ui, scene_t *sc, const ui_frame_t *f, const ui_choice_t *buttons,
                          int n, ui_rect_t *spare);

/* ---- keypads and keyboards (ui_keys.c) ---- */

enum { UI_KEYS_MAX = 40 };

/* The keys of an on-screen keyboard or keypad, in reading order. */
typedef struct {
  const char *labels[UI_KEYS_MAX];   /* UTF-8; NULL leaves a cell empty */
  int targets[UI_KEYS_MAX];
  int n, cols;
  const char *words[UI_KEYS_MAX];    /* a word drawn small over the label, or NULL */
  char page_words[4][48], page_ranges[4][16]; /* its page keys' ("Letters", "N–Z") */
} ui_keys_t;

/* A keypad screen's content area: the box for the text and the box for
 * the keypad (beside it in landscape, under it in portrait). */
typedef struct { ui_rect_t text, keys; } ui_keypad_layout_t;
ui_keypad_layout_t ui_keypad_split(const ui_frame_t *f);

/* Whether the content area is shorter than four rows of touch targets (a
 * 5-inch panel): ui_keypad_split() then puts the keypad in three rows of
 * four at the right, and a screen may lay itself out for that. */
bool ui_keypad_short(const ui_frame_t *f);

/* Keys in a grid filling box, each cell the touch target with the key
 * drawn inset (UI_T_NEXT drawn as the action key). */
void ui_key_grid(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, const ui_keys_t *keys);

/* The numeric keypad (1-9, Delete, 0, next_label) filling box: in four
 * rows, or in as many rows of touch targets as box holds (three rows of
 * four, two of six) on a short screen. */
void ui_keypad(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, const char *next_label);

/* The letters keyboard for a name (letters, Space), or for a postcode
 * (letters and digits together when avail_h allows, else one page of
 * them with a page key; digits_page chooses). */
void ui_keyboard_keys(ui_t *ui, const ui_frame_t *f, bool postcode, bool digits_page, int avail_h,
                      ui_keys_t *keys);

/* One page of the name or postcode keyboard on a short screen (a 5-inch
 * panel), in cells keys: the letters in as few pages as fit beside a Space
 * key (names) and a key to each other page ("Letters N–Z"); the
 * postcode's digits on a page of their own ("Numbers 0–9"). digits_page
 * and letters_page (clamped) choose the page. Returns the number of
 * letters pages (1 to 3). */
int ui_keyboard_short_keys(ui_t *ui, bool postcode, bool digits_page, int letters_page, int cells,
                           ui_keys_t *keys);

/* Whether the keyboard of ui_keyboard_keys() leaves no room for the
 * field row above it (a content area of a few rows: a 5-inch panel). */
bool ui_keyboard_short(ui_t *ui, const ui_frame_t *f, bool postcode);

/* Where a keyboard of keys goes: across the bottom of the content area,
 * keys as large as avail_h allows (at least the touch target). */
ui_rect_t ui_keyboard_box(const ui_frame_t *f, const ui_keys_t *keys, int avail_h);

/* A key typed into a text field of cap bytes: letters, digits (when
 * digits), a single space between words, Delete. false when the key is
 * not one of these. */
bool ui_keys_type(char *field, size_t cap, int target, bool digits);

/* A keypad key typed into a field of digits of at most max digits:
 * digits and Delete. false when the key is not one of these. */
bool ui_keypad_type(char *field, size_t max, int target);

/* The idle overlay with its countdown (ui_dialog.c). */
void ui_idle_overlay(ui_t *ui, scene_t *sc, const ui_frame_t *f);

/* The plural message for n in the ui's language with n put in for its
 * "%lu" (translations never reach printf). */
void ui_plural(const ui_t *ui, char *out, size_t outlen, const char *msgid,
               const char *msgid_plural, unsigned long n);

/* The string msgid in the ui's language (msgctxt "kiosk"). */
const char *ui_tr(const ui_t *ui, const char *msgid);
/* The same in a given language. */
const char *ui_tr_in(const ui_t *ui, lang_t lang, const char *msgid);

/* ---- paginated text column (ui_flow.c) ---- */

enum { UI_FLOW_MAX = 96, UI_FLOW_TEXT_MAX = 24 * 1024 };

typedef enum {
  UI_FLOW_TEXT, UI_FLOW_GAP, UI_FLOW_QR, UI_FLOW_PANEL, UI_FLOW_END_PANEL, UI_FLOW_BREAK
} ui_flow_kind_t;

typedef struct {
  ui_flow_kind_t kind;
  ui_text_kind_t text_kind;
  size_t text;          /* offset into the flow's text arena */
  int px;               /* GAP height, QR size */
  bool keep_with_next;
  bool warn;            /* PANEL: a warning panel */
  bool center;
  const char *label;
  int height, x_indent; /* computed */
  int line_of;          /* 0: whole; n >= 1: line n of a text split into its lines to page it */
} ui_flow_item_t;

typedef struct {
  ui_flow_item_t items[UI_FLOW_MAX];
  int n;
  char arena[UI_FLOW_TEXT_MAX];
  size_t used;
  bool full;
  int first_until;      /* items up to this one must be on the first page (spread); -1 none */
  bool split_first;     /* the panel holding first_until may break across pages */
} ui_flow_t;

void ui_flow_init(ui_flow_t *fl);
void ui_flow_text(ui_flow_t *fl, ui_text_kind_t kind, const char *label, const char *text);
__attribute__((format(printf, 4, 5)))
void ui_flow_textf(ui_flow_t *fl, ui_text_kind_t kind, const char *label, const char *fmt, ...);
void ui_flow_gap(ui_flow_t *fl, int px);
void ui_flow_qr(ui_flow_t *fl, const char *payload, int size_px);
void ui_flow_panel(ui_flow_t *fl, bool warn);
void ui_flow_end_panel(ui_flow_t *fl);
/* The staff's test of speech (issue 13): one sentence in Welsh, then in
 * English, through the same host path as Listen (configured rate and
 * volume); leaving the menu stops it. false (nothing asked) when speech
 * is not available: the control is hidden then. */
bool ui_speech_test(ui_t *ui);
/* The words of a reprint reason keyword ("lost" -> "Lost"), in the UI's
 * language; the keyword itself when unknown. */
const char *ui_staff_reason_label(const ui_t *ui, const char *reason);
/* A moment from the store (UTC "YYYY-MM-DDTHH:MM:SSZ") as staff read it,
 * local time, in the UI's language: "20 Tachwedd 2026, 23:05"
 * (i18n_format_utc_local); "-" when empty; any other text as it is. */
void ui_format_when(const ui_t *ui, const char *utc, char *out, size_t outlen);
/* One file of a sync report, its counts through the plural forms:
 * "patients.csv: 2 res, 1 wedi'i ychwanegu, ..." (ui_staff.c). */
void ui_sync_file_line(const ui_t *ui, const store_sync_file_t *r, char *out, size_t outlen);
/* The printer's answer in the staff's words (ui_staff.c): what the check
 * found (core/printer_text.h) and one line per printer-state-reason with
 * words for it ("(warning)" after a warning); the raw detail is not among
 * them (the screen shows ui->printer_status after them, smaller). Returns
 * how many lines (at most max). */
int ui_staff_printer_lines(const ui_t *ui, char lines[][200], int max);
/* The same for any answer: status "OUTCOME: detail" (its outcome in words
 * unless ready; "" for none), reasons the printer-state-reasons keywords. */
int ui_printer_words(const ui_t *ui, bool ready, const char *status, const char *reasons,
                     char lines[][200], int max);
/* The patient's print-fault screen after ui->print_kind failed (ui_patient.c,
 * shown and said alike): its title, what to ask at reception (a card can be
 * reprinted there; a list, leaflet or slip: only "ask"), and where the
 * details still are (NULL: no such line, and always for staff). Catalogue
 * strings, valid while the catalogue is. */
const char *ui_print_fault_title(const ui_t *ui);
const char *ui_print_fault_ask(const ui_t *ui);
const char *ui_print_fault_back(const ui_t *ui);
/* Today's counts on the staff menu (ui_staff.c, store_attention.h): help
 * asked for at the screen (always), failed prints and leaflets or slips
 * with no sheet printer (when any), each a sentence in the UI's language
 * through its plural forms, with the label the menu draws it under. */
typedef struct {
  struct { char text[200]; const char *label; } line[3];
  int n;
  bool warn;        /* anything happened today */
} ui_staff_attention_t;
/* false when the store could not say (store_error()); *out is then empty. */
bool ui_staff_attention(ui_t *ui, ui_staff_attention_t *out);
/* The last sync's warnings and rejected rows, counted, the first few shown
 * (ui_sync_notes.c); false when the store could not give them (the caller
 * shows store_error()). */
bool ui_flow_sync_notes(ui_t *ui, ui_flow_t *fl);
/* A column break, honoured only when drawn in several columns. */
void ui_flow_break(ui_flow_t *fl);
/* The last item stays on the same page as the next one. */
void ui_flow_keep(ui_flow_t *fl);
/* The last item is centred. */
void ui_flow_center(ui_flow_t *fl);
/* Everything up to the last item must be on the first page (spread): the
 * safety information. When it would not be, the flow's text is drawn
 * smaller, step by step down to 40 %, until it is (issue 12: safety
 * information is never paged away, whatever the text scale). */
void ui_flow_first_page(ui_flow_t *fl);

/* Draw page ui->page of the flow in the box, with a page rail at the right
 * when it needs more than one page (ui->page is clamped). Returns the
 * number of pages. */
int ui_flow_draw(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_flow_t *fl, ui_rect_t box);

/* The same in cols side-by-side columns, each column one page; ui->page
 * then counts spreads of cols pages. */
int ui_flow_draw_cols(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_flow_t *fl, ui_rect_t box,
                      int cols);

/* Columns a flow of width w gets: 3 or 2 on wide landscape areas. */
int ui_flow_columns(const ui_frame_t *f, int w);

/* ---- screens ---- */

/* A message screen under the top bar: the flow, then a row of buttons. */
void ui_message_screen(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_flow_t *fl,
                       const ui_choice_t *buttons, int n);


typedef struct {
  ui_screen_t screen;
  const char *name;
  void (*draw)(ui_t *ui, scene_t *sc, const ui_frame_t *f);
  void (*tap)(ui_t *ui, int target);
  ui_screen_t back;     /* where UI_T_BACK goes (UI_SCREEN_COUNT: handled by tap) */
} ui_screen_def_t;

extern const ui_screen_def_t ui_identify_screens[];
extern const size_t ui_identify_screen_count;
extern const ui_screen_def_t ui_patient_screens[];
extern const size_t ui_patient_screen_count;
extern const ui_screen_def_t ui_support_screens[];
extern const size_t ui_support_screen_count;
extern const ui_screen_def_t ui_staff_screens[];
extern const size_t ui_staff_screen_count;
extern const ui_screen_def_t ui_survey_screens[];
extern const size_t ui_survey_screen_count;
extern const ui_screen_def_t ui_concerns_screens[];
extern const size_t ui_concerns_screen_count;

/* ---- shared state changes (ui.c) ---- */

/* Change screen: resets the page, marks the scene dirty. */
void ui_go(ui_t *ui, ui_screen_t screen);
/* Something visible changed. */
void ui_touch(ui_t *ui);
/* Forget the person entirely and return to the welcome screen. */
void ui_finish(ui_t *ui);
/* Wipe the person's data (not the screen). */
void ui_wipe_person(ui_t *ui);
/* Queue an action for the host (when the host stops taking them and the
 * queue is full: counted, and reported by an audit action when room comes). */
void ui_push_action(ui_t *ui, const ui_action_t *act);
/* Queue an audit entry for the host (UI_ACT_AUDIT). */
void ui_audit(ui_t *ui, const char *actor, const char *event, const char *detail);
/* Ask the host to print (card/leaflet/service/test) and show progress. */
void ui_start_print(ui_t *ui, ui_action_t *act, ui_screen_t return_to);
/* Handle a print progress event. */
void ui_print_progress(ui_t *ui, const ui_event_t *ev);

/* The key worker leaflet in the ui's language (cached); NULL on failure. */
const leaflet_t *ui_leaflet(ui_t *ui);

/* ---- identification (ui_identify.c) ---- */

/* Start identifying (from the welcome screen), honouring a lockout. */
void ui_identify_start(ui_t *ui);
/* A complete barcode (10 digits) was scanned on an identify screen. */
void ui_identify_barcode(ui_t *ui, const char *digits);
/* True while identification is paused. */
bool ui_locked(const ui_t *ui);
/* A try that did not end in a confirmed person: counted (saved), and the
 * pause audited when it begins; true when identification is now paused. */
bool ui_identify_count_failure(ui_t *ui);
/* Ask the host to save the lockout state. */
void ui_lockout_save(ui_t *ui);
/* Take a saved lockout state (UI_EV_LOCKOUT_LOADED). */
void ui_identify_restore(ui_t *ui, const ident_lockout_t *saved);
/* Continue after the person confirmed who they are. */
void ui_identify_confirmed(ui_t *ui);
/* What is wrong with the date of birth typed (person.dob_check), in plain
 * words in the ui's language; "" when nothing is. Names no typed value, so
 * it may be read aloud. */
void ui_dob_problem_text(const ui_t *ui, char *out, size_t outlen);

/* ---- barcode scanner (ui_scan.c) ---- */

/* A key on a screen that takes a barcode: held, or a whole scan handled;
 * false when it is an ordinary key for the screen. */
bool ui_scan_key(ui_t *ui, int key);
/* Time passes: held keys past the gap are handled, the notice expires. */
void ui_scan_expire(ui_t *ui);
/* When the scanner next needs a tick (-1: never). */
int64_t ui_scan_deadline(const ui_t *ui);
/* Take "We could not read that barcode" away. */
void ui_scan_notice_dismiss(ui_t *ui);
/* The notice as a dialog over the screen. */
void ui_scan_notice_overlay(ui_t *ui, scene_t *sc, const ui_frame_t *f);
/* A key as a tap on the current screen (ui.c). */
void ui_key_as_target(ui_t *ui, int key);

/* ---- support (ui_support.c) ---- */

/* Open the category list (loads categories from the store). */
void ui_support_open(ui_t *ui);
/* Load the services of a category, sorted in the ui's language. */
bool ui_support_load(ui_t *ui, const char *category);
/* The category's name and icon. */
const char *ui_category_title(const ui_t *ui, const char *category);
const char *ui_category_icon(const char *category);

/* ---- read-aloud (ui_speech.c) ---- */

/* Declare what the current state says, into the scene just drawn. */
void ui_speech_declare(ui_t *ui, scene_t *sc);
/* Listen was tapped: speak the screen, or stop. */
void ui_speech_toggle(ui_t *ui);
/* After each event: speech ended, or the screen it was reading went away. */
void ui_speech_follow(ui_t *ui, const ui_event_t *ev);
/* True while speech holds off the idle timeout (a person listening is
 * there); never longer than UI_SPEECH_AWAKE_MS after it began. */
bool ui_speech_awake(const ui_t *ui);
/* When ui_speech_awake() next changes, or -1. */
int64_t ui_speech_deadline_ms(const ui_t *ui);
/* The Listen button in its bar slot (f->bar.listen), when speech is
 * available; nothing otherwise (the slot stays empty). */
void ui_speech_listen_button(ui_t *ui, scene_t *sc, const ui_frame_t *f);
/* The Listen slot's label, for sizing the bar: the longer of "Listen" and
 * "Stop" in the ui's language (the slot does not move while speaking). */
const char *ui_speech_listen_label(const ui_t *ui);
/* Declare what an open chrome dialog says (ui_layout.c's words). */
void ui_speech_dialog(ui_t *ui, scene_t *sc);

/* ---- anonymous answers and counts (ui_survey.c) ---- */

/* The person chose a language (welcome screen, or the language switch):
 * counted anonymously, and kept as their stated preference. */
void ui_survey_language_chosen(ui_t *ui, lang_t lang);
/* The person confirmed who they are: their stated language goes to the
 * audit log ("language_stated") for central to record the preference. */
void ui_survey_identified(ui_t *ui);
/* A support category was opened: counted anonymously. */
void ui_survey_support_viewed(ui_t *ui, const char *category);
/* A patient's card started printing: ask "Did you already know who your
 * key worker is?" while it prints (once a journey). */
void ui_survey_card_printing(ui_t *ui);
/* A print ended (done or failed): after a patient's card, ask "Was this
 * easy to use?" (once a journey); a fault is shown at once. */
void ui_survey_print_ended(ui_t *ui);
/* Forget the journey's questions (when it ends). */
void ui_survey_reset(ui_t *ui);
/* Declare what the question screen says (read-aloud: ui_speech.c). */
void ui_survey_speech(ui_t *ui, scene_t *sc);

/* ---- the concerns checklist (ui_concerns.c) ---- */

/* Whether the checklist is offered ([concerns] enabled). */
bool ui_concerns_offered(const ui_t *ui);
/* Open the checklist at its first group; Back from there returns to from
 * (the welcome screen: the caller has wiped the person first). Ticks made
 * earlier in the journey are kept. */
void ui_concerns_open(ui_t *ui, ui_screen_t from);
/* How many buttons the key worker screen shows in frame f: 4 with the
 * checklist's when it is offered and fits (ui_patient.c), else 3. */
int ui_key_worker_buttons(const ui_t *ui, const ui_frame_t *f);
/* The journey ends (before the person is wiped): the groups ticked leave
 * as anonymous daily counts (UI_ACT_CONCERNS_COUNT), nothing else. */
void ui_concerns_journey_end(ui_t *ui);
/* Declare what the checklist's screens say (read-aloud: ui_speech.c). */
void ui_concerns_speech(ui_t *ui, scene_t *sc);

/* ---- staff (ui_staff.c) ---- */

/* The corner was held: ask for the PIN. */
void ui_staff_begin(ui_t *ui);
/* Handle a sync result or a printer status. */
void ui_staff_event(ui_t *ui, const ui_event_t *ev);
/* The store failed its check at start: keep the reason for staff. */
void ui_store_damaged(ui_t *ui, const char *message);

/* Digits for the staff NHS number field (a scanner on the find screen). */
void ui_staff_scan(ui_t *ui, const char *digits);

#endif
