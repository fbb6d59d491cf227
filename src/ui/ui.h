/*
 * The kiosk's screens as a pure state machine. Events go in (a press or
 * release at x,y, a key from a USB barcode scanner, a timer tick, print or
 * sync progress reported by the host); a scene comes out (src/core/scene.h),
 * and requests the UI cannot carry out itself (print a card, run a sync,
 * leave the kiosk) come out as actions for the host to perform.
 *
 * This module never calls SDL, never prints and never reads a clock for
 * durations: every event carries the monotonic time in milliseconds, so a
 * test can drive a whole journey, a lockout or an idle timeout in
 * microseconds. It reads the store (identification, key worker, services,
 * the staff figures) and never writes it: the audit entries, the
 * identification lockout and the staff PIN tries it wants kept leave as
 * actions (UI_ACT_AUDIT, UI_ACT_SAVE_LOCKOUT, UI_ACT_STAFF_PIN_*) that the
 * host writes off the event thread, and a
 * record the host could not write comes back as UI_EV_RECORD_FAILED for
 * staff. A store error is shown as one (patients: "please ask at
 * reception"; staff: the error), never as "no match" or "0 patients".
 *
 * Privacy: everything known about the person at the screen lives in one
 * struct that is wiped (sodium_memzero) when the journey ends, when the
 * idle countdown expires, and in ui_free().
 */
#ifndef ALLWEDD_UI_H
#define ALLWEDD_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/concerns.h"
#include "core/config.h"
#include "core/i18n.h"
#include "core/ident.h"
#include "core/model.h"
#include "core/scene.h"
#include "core/spoken.h"
#include "core/store.h"

typedef struct ui ui_t;

typedef enum {
  UI_SCREEN_WELCOME = 0,
  UI_SCREEN_DOB,            /* date of birth keypad */
  UI_SCREEN_NAME,           /* family name keyboard */
  UI_SCREEN_POSTCODE,       /* asked only when DOB + name is not unique */
  UI_SCREEN_NOT_FOUND,      /* "we couldn't find you" (no match or several) */
  UI_SCREEN_LOCKED,         /* too many failed tries: paused */
  UI_SCREEN_CONFIRM,        /* "Is this you?" */
  UI_SCREEN_KEY_WORKER,
  UI_SCREEN_NO_KEY_WORKER,
  UI_SCREEN_LEAFLET,        /* about key workers */
  UI_SCREEN_PRINTING,       /* progress, done, or a fault */
  UI_SCREEN_SUPPORT,        /* service categories */
  UI_SCREEN_SUPPORT_LIST,
  UI_SCREEN_SUPPORT_DETAIL,
  UI_SCREEN_STAFF_PIN,
  UI_SCREEN_STAFF_MENU,
  UI_SCREEN_STAFF_FIND,     /* NHS number for a reprint */
  UI_SCREEN_STAFF_REPRINT,  /* the patient found, and the reason */
  UI_SCREEN_STAFF_PRINTER,
  UI_SCREEN_STAFF_SYNC,
  UI_SCREEN_STAFF_NO_KW,
  UI_SCREEN_STORE_FAULT,    /* the store failed: please ask at reception (not "no match") */
  UI_SCREEN_SURVEY,         /* one optional anonymous question (ui_survey.c) */
  UI_SCREEN_CONCERNS,       /* "What would you like to talk about?": one group's items (ui_concerns.c) */
  UI_SCREEN_CONCERNS_SCORE, /* the optional 0-10 "how much is this worrying you" */
  UI_SCREEN_CONCERNS_LIST,  /* "My list for today": what was ticked, and print it */
  UI_SCREEN_COUNT
} ui_screen_t;

/* Tap targets. Buttons carry these ids in their scene RECT ops, so a test
 * (or the Xvfb smoke test) can find a button by what it does. */
typedef enum {
  UI_T_NONE = 0,
  UI_T_BACK, UI_T_LANG_SWITCH,
  UI_T_TEXT_SIZE, UI_T_CONTRAST, /* retired: the display dialog's UI_T_SIZE_* and UI_T_COLOURS_* */
  UI_T_START_CY, UI_T_START_EN, UI_T_CARER_CY, UI_T_CARER_EN,
  UI_T_DIGIT_0, /* ... UI_T_DIGIT_0 + 9 */
  UI_T_DELETE = UI_T_DIGIT_0 + 10, UI_T_NEXT, UI_T_DOB_DAY, UI_T_DOB_MONTH, UI_T_DOB_YEAR,
  UI_T_LETTER_A, /* ... UI_T_LETTER_A + 25 */
  UI_T_SPACE = UI_T_LETTER_A + 26, UI_T_KEYS_PAGE,
  UI_T_YES, UI_T_NO, UI_T_TRY_AGAIN, UI_T_FINISH,
  UI_T_PRINT_CARD, UI_T_LEAFLET, UI_T_SUPPORT, UI_T_PRINT_LEAFLET, UI_T_PRINT_SLIP,
  UI_T_PAGE_UP, UI_T_PAGE_DOWN, UI_T_MORE_TIME,
  UI_T_STAFF_REPRINT, UI_T_STAFF_PRINTER, UI_T_STAFF_SYNC, UI_T_STAFF_NO_KW,
  UI_T_STAFF_LEAVE, UI_T_STAFF_DONE, UI_T_TEST_PRINT, UI_T_SYNC_NOW,
  UI_T_REASON_LOST, UI_T_REASON_DAMAGED, UI_T_REASON_KW_CHANGED, UI_T_REASON_NEW,
  UI_T_LISTEN,           /* "Gwrando / Listen" in the top bar (ui_speech.c) */
  UI_T_ANSWER_YES, UI_T_ANSWER_NO, UI_T_ANSWER_NOT_SURE, UI_T_SKIP,
  UI_T_NOTICE_OK,   /* dismisses "We could not read that barcode" */
  UI_T_CONCERNS_CY, UI_T_CONCERNS_EN, /* welcome: the checklist without identifying */
  UI_T_CONCERNS,         /* key worker, support: "What would you like to talk about?" */
  UI_T_CONCERNS_NEXT, UI_T_CONCERNS_LIST, UI_T_CONCERNS_PRINT, UI_T_CONCERNS_NAME,
  UI_T_CONCERNS_CHANGE, UI_T_SCORE_DOWN, UI_T_SCORE_UP,
  /* A keyboard's pages on a short screen (ui_keyboard_short_keys): letters
   * page 1..3, and the postcode's digits. */
  UI_T_KEYS_LETTERS_1, UI_T_KEYS_LETTERS_2, UI_T_KEYS_LETTERS_3, UI_T_KEYS_DIGITS,
  UI_T_HELP,             /* "Angen help? / Need help?" in the bar: opens the help dialog */
  UI_T_DISPLAY,          /* "Arddangos / Display" in the bar: text size and colours */
  UI_T_DIALOG_OK,        /* closes the help or display dialog */
  UI_T_SIZE_100, UI_T_SIZE_130, UI_T_SIZE_160, UI_T_SIZE_200, /* display dialog: text size */
  UI_T_COLOURS_NORMAL, UI_T_COLOURS_HIGH,                    /* display dialog: theme */
  UI_T_STAFF_SPEECH_TEST, /* "Profi llais / Test speech" on the staff menu (ui_speech.c) */
  UI_T_CATEGORY_0 = 200, /* ... one per category shown */
  UI_T_ITEM_0 = 300,     /* ... one per list row shown */
  UI_T_SCORE_0 = 400,    /* ... UI_T_SCORE_0 + 10: the concerns score */
  UI_T_CONCERN_0 = 450,  /* ... one per concerns item (core/concerns.h index) */
} ui_target_t;

typedef enum {
  UI_EV_PRESS,      /* finger or mouse down at (x, y) */
  UI_EV_RELEASE,    /* up at (x, y): a tap when on the target pressed */
  UI_EV_KEY,        /* a key: key holds '0'..'9', 'A'..'Z', ' ' and other printable ASCII
                     * (a scanner types "NHS No: 943-476-5919"), '\b', '\n' (Enter or
                     * keypad Enter), '\t' (Tab), 27 (Escape) */
  UI_EV_TICK,       /* time passes */
  UI_EV_PRINT,      /* progress of the print the UI asked for */
  UI_EV_SYNC_DONE,  /* the sync the UI asked for has finished */
  UI_EV_PRINTER_STATUS, /* an answer to UI_ACT_PRINTER_STATUS */
  UI_EV_LOCKOUT_LOADED, /* the saved identification lockout, at start-up (lockout) */
  UI_EV_RECORD_FAILED,  /* records (audit, card prints) could not be written: count,
                         * message (the reason, for staff) */
  UI_EV_SPEECH_DONE,    /* the speech the UI asked for has been heard to its end */
  UI_EV_STORE_DAMAGED,  /* the store failed its check at start (store_check.h): message
                         * (the exact reason, for staff). Identification then shows
                         * the store fault screen, never "not found" */
} ui_event_kind_t;

typedef enum {
  UI_PRINT_SENT,    /* accepted by the printer, printing */
  UI_PRINT_DONE,    /* the card is out */
  UI_PRINT_FAILED,  /* see ui_print_fault_t */
} ui_print_state_t;

typedef enum {
  UI_FAULT_NONE = 0,
  UI_FAULT_OFFLINE,   /* off, unplugged, not found */
  UI_FAULT_NO_MEDIA,  /* out of cards or paper */
  UI_FAULT_JAM,       /* jammed, cover open */
  UI_FAULT_TIMEOUT,   /* no answer in time */
  UI_FAULT_OTHER,
  UI_FAULT_NO_SHEET_PRINTER, /* a leaflet or slip on a site with no sheet printer
                              * ([printer] sheet_printer): nothing was sent */
} ui_print_fault_t;

typedef struct {
  ui_event_kind_t kind;
  int64_t now_ms;            /* monotonic milliseconds; every event carries it */
  int x, y;                  /* PRESS, RELEASE */
  int key;                   /* KEY */
  ui_print_state_t print;    /* PRINT */
  ui_print_fault_t fault;    /* PRINT when FAILED */
  bool ok;                   /* SYNC_DONE, PRINTER_STATUS (printer ready) */
  const char *message;       /* SYNC_DONE, PRINTER_STATUS, RECORD_FAILED, PRINT detail for
                              * staff; may be NULL */
  unsigned long count;       /* RECORD_FAILED: how many records were not written */
  const ident_lockout_t *lockout; /* LOCKOUT_LOADED: as saved (core/store_ident.h), its times
                                   * rebased to the events' clock; copied. A try left open
                                   * by the restart counts as failed. */
  const char *reasons;       /* PRINTER_STATUS, PRINT when FAILED: the printer's
                              * printer-state-reasons keywords joined by ", " (RFC 8011;
                              * shown to staff in words, core/printer_text.h); may be
                              * NULL. PRINTER_STATUS's message starts with the check's
                              * outcome keyword and ": " (print_outcome_keyword) */
} ui_event_t;

typedef enum {
  UI_ACT_NONE = 0,
  UI_ACT_PRINT_CARD,      /* patient + key_worker, reason, by */
  UI_ACT_PRINT_LEAFLET,   /* lang */
  UI_ACT_PRINT_SERVICE,   /* service, lang */
  UI_ACT_PRINT_TEST,
  UI_ACT_PRINTER_STATUS,  /* answer with UI_EV_PRINTER_STATUS */
  UI_ACT_SYNC,            /* answer with UI_EV_SYNC_DONE */
  UI_ACT_QUIT,            /* staff asked to leave the kiosk */
  UI_ACT_SAVE_LOCKOUT,    /* lockout: save it (core/store_ident.h) so a restart keeps it */
  UI_ACT_AUDIT,           /* actor, event, detail: append to the audit log (store_audit) */
  UI_ACT_STAFF_PIN_TRY,   /* at: record a staff PIN try as wrong (store_staff_pin_try) */
  UI_ACT_STAFF_PIN_CLEAR, /* a right PIN: forget the tries (store_staff_pin_clear) */
  UI_ACT_SPEAK,           /* speech: say it now, instead of anything being said; answer
                             with UI_EV_SPEECH_DONE when it has been played to its end */
  UI_ACT_SPEAK_STOP,      /* stop speaking at once (the person tapped Listen again, or
                             left the screen) */
  UI_ACT_COUNT,           /* event: one more of this anonymous count (store_count_add) */
  UI_ACT_PRINT_CONCERNS,  /* concerns, lang, key_worker (has_key_worker), patient (with_name):
                             "My list for today" (core/concerns_list.h) on the sheet printer */
  UI_ACT_CONCERNS_COUNT,  /* concerns_groups: a journey ended with these groups ticked; one
                             more of each in the anonymous daily counts (store_concerns.h) */
} ui_action_kind_t;

/* A request for the host. Holds patient data for a card: the host must
 * ui_action_wipe() it when done. */
typedef struct {
  ui_action_kind_t kind;
  lang_t lang;
  patient_t patient;
  key_worker_t key_worker;
  service_t service;
  char reason[32];     /* new | lost | damaged | key_worker_changed */
  char by[16];         /* kiosk | staff */
  ident_lockout_t lockout; /* SAVE_LOCKOUT: times in the events' clock (now_ms); the
                            * host rebases them to wall-clock to save */
  char actor[16];          /* AUDIT: "kiosk" or "staff" */
  char event[32];          /* AUDIT: "identified", "store_error", ...; COUNT: the count's name
                            * (core/store_counts.h), nothing else */
  char detail[256];        /* AUDIT: no more patient data than the audit needs */
  char at[21];             /* STAFF_PIN_TRY: UTC "YYYY-MM-DDTHH:MM:SSZ" */
  spoken_script_t speech; /* SPEAK: the words, already privacy-filtered (may hold a
                             name when [speech] private_audio is set) */
  concerns_selection_t concerns; /* PRINT_CONCERNS: what was ticked, the score */
  bool has_key_worker;     /* PRINT_CONCERNS: key_worker heads the list */
  bool with_name;          /* PRINT_CONCERNS: the patient chose to have their name printed */
  unsigned concerns_groups; /* CONCERNS_COUNT: 1 << concerns_group_t, nothing else */
} ui_action_t;

typedef struct {
  const config_t *cfg;   /* required; must outlive the ui */
  const i18n_t *cat;     /* required */
  store_t *store;        /* may be NULL (previews): identification then finds no one */
  scene_measurer_t measurer; /* required: the renderer's (draw_measurer, which caches and
                              * forgets) or any other; the UI keeps no cache of texts */
} ui_options_t;

/* A new UI on the welcome screen for a display of width x height pixels.
 * NULL when an option is missing or memory runs out. */
ui_t *ui_new(const ui_options_t *opt, int width, int height);

/* Wipe the person's data and free everything; NULL is fine. */
void ui_free(ui_t *ui);

/* The display changed size. */
void ui_resize(ui_t *ui, int width, int height);

/* Feed one event. */
void ui_handle(ui_t *ui, const ui_event_t *ev);

/* The scene for the current state, rebuilt only when the state changed;
 * owned by the ui and valid until the next ui_handle()/ui_scene(). NULL when
 * memory runs out. */
const scene_t *ui_scene(ui_t *ui);

/* A number that changes whenever the scene would look different, so the
 * host redraws only then. */
uint64_t ui_scene_serial(const ui_t *ui);

/* The next pending action, removed from the queue; false when none. The
 * host takes them after every event: one event queues a handful at most,
 * and the queue holds UI_MAX_ACTIONS (32). */
bool ui_take_action(ui_t *ui, ui_action_t *out);

/* How many actions could not be queued because the host stopped taking
 * them (each loss is also reported by a UI_ACT_AUDIT "actions_lost"). */
size_t ui_actions_lost(const ui_t *ui);

/* Wipe an action's patient data. */
void ui_action_wipe(ui_action_t *act);

/* When the UI next needs a UI_EV_TICK (monotonic ms), or -1 for never:
 * the host sleeps until then (SDL_WaitEventTimeout) and never spins. */
int64_t ui_next_deadline_ms(const ui_t *ui);

ui_screen_t ui_screen(const ui_t *ui);
lang_t ui_lang(const ui_t *ui);
bool ui_idle_warning_shown(const ui_t *ui);

/* True while any data about the person at the screen is held. */
bool ui_holds_patient(const ui_t *ui);
/* True while a patient's record from the store is held (from "Is this
 * you?" until the journey ends or the try fails). What the person typed
 * may be held without it: after a failed try, "Try again" keeps what was
 * right until the journey ends. */
bool ui_holds_record(const ui_t *ui);

/* A stable name for a tap target ("start-en", "digit-7", "letter-A",
 * "category-2"), for `allwedd render --targets` and scripted tests; out
 * receives "" for an unknown id. */
void ui_target_name(int target, char *out, size_t outlen);

/* Stable lower-case names ("key-worker"), for logs and `allwedd render`. */
const char *ui_screen_name(ui_screen_t screen);

/* Named preview states for `allwedd render` and the overflow test: each is
 * a screen, with the sample data, in some state ("idle" is the key worker
 * screen with the idle warning, "print-fault" the printing screen after a
 * fault). */
size_t ui_preview_count(void);
const char *ui_preview_name(size_t i);

/* Put the ui into preview state name with the built-in sample records
 * (longest: the longest records the export allows that real names and
 * texts reach). false for an unknown name. */
bool ui_preview(ui_t *ui, const char *name, bool longest, int64_t now_ms);

/* What is wrong with sc, the scene ui shows (issue 12): any text, QR code,
 * image or button drawn (even partly) off the screen; any text half under a
 * button; and on the first page, a screen's question or heading missing or,
 * on the key worker screens, the name, the phone number or any line of the
 * "not an emergency contact" panel not on page 1; on a message screen, the
 * sentence saying what to do not on page 1; a heading cut across pages
 * (found from the pages the screen's flows made, ui_flow.c). Each fault is passed to report
 * (may be NULL) as one line naming the text's label; returns how many. */
size_t ui_scene_faults(const ui_t *ui, const scene_t *sc,
                       void (*report)(void *ctx, const char *what), void *ctx);

/* Text size (100, 130, 160, 200 %: WCAG 1.4.4) and theme. */
void ui_set_text_scale(ui_t *ui, int percent);
void ui_set_high_contrast(ui_t *ui, bool on);
void ui_set_lang(ui_t *ui, lang_t lang);

/* The printable slip of a support service ("print these details"): Welsh
 * then English, phone large, a QR code of the web address; one page of
 * width x height pixels at dpi with margin_px on every side, text fitted
 * with m. NULL when memory runs out; text that cannot fit is recorded in
 * scene_overflow_count(). */
scene_t *ui_service_slip(const service_t *s, const i18n_t *cat, int width_px, int height_px,
                         int dpi, int margin_px, const scene_measurer_t *m);

/* The minimum touch target in pixels for this display (15 mm, at least 88). */
int ui_min_target_px(const ui_t *ui);

/* ---- read-aloud (ui_speech.c) ---- */

/* Whether the host can play speech. The Listen control is shown only while
 * this is true and [speech] enabled is set; a UI starts with it set from
 * the configuration (so previews show the control), and the kiosk sets it
 * from whether an audio device opened. Turning it off stops any speech. */
void ui_set_speech_available(ui_t *ui, bool available);
bool ui_speech_available(const ui_t *ui);

/* True while the UI has asked for speech that has not ended. */
bool ui_speaking(const ui_t *ui);

/* What tapping Listen would say now, privacy rules applied: the sentences
 * the current scene declares (the same declaration, made without drawing),
 * in reading order, without those marked personal unless [speech]
 * private_audio is set (a short note then says why they are not read). The
 * same words UI_ACT_SPEAK carries. false when memory runs out. */
bool ui_speech_script(ui_t *ui, spoken_script_t *out);

#endif
