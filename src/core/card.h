/*
 * The Key Worker Card layout: geometry in millimetres (safe area, columns,
 * QR size from the 0.4 mm module rule, font sizes in points), turned into a
 * scene in pixels at the printer profile's resolution. Pure: text is fitted
 * with the measurer the caller passes (the renderer's, so the card on screen
 * and on paper is the same), nothing is drawn here.
 *
 * Content, Welsh first: heading in both languages, the key worker's name,
 * role, team (when shown), phone (largest), hours, the site, "not an emergency number"
 * with 999 / NHS 111 Wales, the print date and a QR code (vCard). The
 * patient's name and the key worker's team ("Breast care team") only when
 * configured (a lost card should not tell a finder that its owner has
 * cancer, or which). When everything does not fit, all text
 * shrinks together (to a floor per element) and wraps; nothing leaves the
 * safe area and nothing is clipped.
 */
#ifndef ALLWEDD_CARD_H
#define ALLWEDD_CARD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/i18n.h"
#include "core/model.h"
#include "core/profile.h"
#include "core/scene.h"

/* Smallest QR module the card accepts, in millimetres (phone cameras read
 * 0.4 mm modules at arm's length; smaller fails on worn cards). */
#define CARD_QR_MIN_MODULE_MM 0.4

typedef struct {
  const key_worker_t *kw;         /* required */
  const patient_t *patient;       /* may be NULL */
  bool show_patient_name;         /* config_t.card_show_patient_name */
  bool show_team;                 /* config_t.show_team: the team on the card and in its QR */
  const char *site;               /* the site in qr_lang, for the vCard; may be NULL or "" */
  const char *site_cy, *site_en;  /* the site's name in each language; may be NULL or "" */
  const char *acute_oncology_phone; /* the site's 24-hour line as configured; NULL or "": none */
  const char *acute_oncology_hours_cy, *acute_oncology_hours_en; /* may be NULL or "" */
  const char *print_date;         /* "YYYY-MM-DD" */
  lang_t qr_lang;                 /* language of the vCard in the QR */
  const i18n_t *cat;              /* catalogue; NULL: English msgids only */
} card_content_t;

/* Which languages a card face carries. */
typedef enum { CARD_FACE_BILINGUAL = 0, CARD_FACE_CY, CARD_FACE_EN } card_face_t;

enum { CARD_FACES_MAX = 2 };

typedef struct {
  int x, y, w, h;
} card_rect_t;

/* What was laid out, for tests, the CLI and the audit. */
typedef struct {
  int qr_modules;                 /* QR symbol width, quiet zone excluded */
  int qr_module_px;
  double qr_module_mm;
  int qr_level;                   /* vcard_qr_level_t */
  double text_scale;              /* 1.0: preferred sizes; less: shrunk to fit */
  int cards;                      /* cards on this page: 1, or 2 (two faces on a sheet) */
  card_rect_t card[CARD_FACES_MAX];       /* each card's edge on the page, px */
  card_rect_t safe[CARD_FACES_MAX];       /* each card's safe area, px */
  int payload_detail;             /* vCard detail in the QR (card_payload) */
} card_report_t;

/* Pages the profile prints for one card: 2 for a two-faced card on a card
 * printer, else 1. */
int card_page_count(const profile_t *p);

/* The vCard of the card's key worker (in c->qr_lang, site as ORG) at a
 * level of detail: 0 the whole vCard; 1 without NOTE (hours); 2 also
 * without ORG; 3 also without TITLE. The layout uses the fullest one whose
 * QR code fits beside readable text (card_report_t.payload_detail). false
 * when out is too small or the key worker has no name. */
bool card_payload(const card_content_t *c, int detail, char *out, size_t outlen);

/* The card page as a scene in pixels at p->dpi: page 0 .. card_page_count-1.
 * NULL with a reason in err (no key worker, bad page, QR impossible at the
 * 0.4 mm rule, no memory). Text that could not fit even at its floor size is
 * recorded in scene_overflows(); callers refuse to print such a scene.
 * report may be NULL. */
scene_t *card_scene(const card_content_t *c, const profile_t *p, int page,
                    const scene_measurer_t *m, card_report_t *report, char *err,
                    size_t errlen);

/* A stored phone number as the screens, slips and card show it:
 * rules_phone_format (the UK national format, "029 2061 5888", "0800 1111",
 * "116 123", an extension after ext_word: "029 2061 5888 ext. 2345"; NULL
 * leaves it out); anything else is copied as it is. */
void card_format_phone(const char *stored, const char *ext_word, char *out, size_t outlen);

#endif
