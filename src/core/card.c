/*
 * Key Worker Card layout. Geometry is decided in millimetres and points and
 * converted to pixels at the profile's dpi; text is fitted with scene_text()
 * and the caller's measurer. One face is: a bilingual heading across the
 * top, a text column on the left (who, role, team, phone, hours, site), the
 * QR code with its caption and the print date on the right, and the
 * emergency notice in a band across the bottom.
 *
 * Fitting: every element has a preferred size, a wrap size and a floor. The
 * whole face is measured at a common scale (1.0, 0.95, ... 0.5) and the
 * first scale at which both columns fit is used, so a long Welsh name
 * shrinks the card's text evenly instead of being cut. It never draws.
 */
#include "core/card.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/leaflet.h"
#include "core/rules.h"
#include "core/vcard.h"

enum { CARD_TEXT_MAX = 2048, CARD_ITEMS_MAX = 12, CARD_PAYLOAD_MAX = 4096 };

/* Text floors (points): nothing on a card is smaller than CARD_TEXT_FLOOR_PT
 * (6 pt), and the emergency band is at least 7 pt bold, so a patient can
 * read them (issue 12; RNIB clear print asks far more of documents, a card
 * cannot hold it). */
#define CARD_TEXT_FLOOR_PT 6.0
#define CARD_EMERGENCY_FLOOR_PT 7.0

static const scene_color_t WHITE = {255, 255, 255, 255};
static const scene_color_t BRAND = {0, 94, 184, 255};
static const scene_color_t INK = {33, 43, 50, 255};
static const scene_color_t GREY = {66, 84, 98, 255};
static const scene_color_t ALERT = {190, 30, 20, 255};
static const scene_color_t ALERT_BG = {253, 236, 234, 255};
static const scene_color_t BLACK = {0, 0, 0, 255};

/* One text element of a face. */
typedef struct {
  const char *label;        /* overflow reports: "card.name" */
  char text[CARD_TEXT_MAX];
  double pt, wrap_pt, floor_pt;
  bool bold, wrap;
  scene_align_t align;
  scene_color_t color;
  double gap_mm;            /* space after it */
  int h;                    /* measured height at the current scale, px */
} card_item_t;

/* Everything one face needs while it is laid out. */
typedef struct {
  const card_content_t *c;
  const profile_t *p;
  const scene_measurer_t *m;
  card_face_t face;
  scene_t *scratch;         /* measuring only */
  card_item_t heading, band, caption, date;
  card_item_t left[CARD_ITEMS_MAX];
  size_t nleft;
  char payload[CARD_PAYLOAD_MAX];
  int qr_side, qr_module_px, qr_modules, qr_level;
  int payload_detail;
  bool compact;             /* labels dropped, the band's short form: when nothing else fits */
} card_face_ctx_t;

/* Millimetres to pixels at dpi, rounded. */
static int mm_px(double mm, int dpi) { return (int)lround(mm * dpi / 25.4); }

/* Points to pixels at dpi, rounded, at least 1. */
static int pt_px(double pt, int dpi)
{
  int px = (int)lround(pt * dpi / 72.0);
  return px < 1 ? 1 : px;
}

/* Pages per card. */
int card_page_count(const profile_t *p)
{
  return p->placement == PROFILE_PLACE_PAGE && p->faces == PROFILE_FACES_CY_EN ? 2 : 1;
}

/* Format a stored phone number as the national format shows it. */
void card_format_phone(const char *stored, const char *ext_word, char *out, size_t outlen)
{
  rules_phone_format(stored, ext_word, out, outlen);
}

/* The vCard with the given detail: 0 full, 1 without NOTE, 2 also without
 * ORG, 3 also without TITLE (name, phone and e-mail always stay). */
/* Add the site's acute oncology line to the vCard as a second, labelled
 * number (iOS shows the item's X-ABLabel; other phones show the number):
 * the number that matters most during chemotherapy is never dropped for
 * room. Nothing is added without a configured number; a number that is not
 * a UK phone number fails. */
static bool card_payload_acute(const card_content_t *c, int detail, char *out, size_t outlen)
{
  char e164[RULES_PHONE_MAX], label[256], escaped[512];
  const char *why, *end_marker = "END:VCARD\r\n";
  if (!c->acute_oncology_phone || !c->acute_oncology_phone[0])
    return true;
  if (!rules_phone(c->acute_oncology_phone, false, e164, &why))
    return false;
  snprintf(label, sizeof label, "%s",
           i18n_get(c->cat, c->qr_lang, "card", "Acute oncology line"));
  if (vcard_escape(label, escaped, sizeof escaped) == (size_t)-1)
    return false;
  char *end = strstr(out, end_marker);
  size_t used = end ? (size_t)(end - out) : 0;
  if (!end)
    return false;
  /* The label goes before the number does when the QR needs room. */
  int n = detail >= 2 ? snprintf(end, outlen - used, "item1.TEL;TYPE=VOICE:%s\r\n%s", e164, end_marker)
                      : snprintf(end, outlen - used, "item1.TEL;TYPE=VOICE:%s\r\nitem1.X-ABLabel:%s\r\n%s",
                                 e164, escaped, end_marker);
  return n > 0 && (size_t)n < outlen - used;
}

static bool card_payload_detail(const card_content_t *c, int detail, char *out, size_t outlen)
{
  key_worker_t *kw = malloc(sizeof *kw);
  if (!kw)
    return false;
  *kw = *c->kw;
  if (!c->show_team)
    kw->team_cy[0] = kw->team_en[0] = '\0';
  if (detail >= 1)
    kw->hours_cy[0] = kw->hours_en[0] = '\0';
  if (detail >= 2)
    kw->team_cy[0] = kw->team_en[0] = '\0';
  if (detail >= 3)
    kw->role_cy[0] = kw->role_en[0] = '\0';
  bool ok = vcard_build(kw, c->qr_lang, detail >= 2 ? NULL : c->site, out, outlen);
  free(kw);
  return ok && card_payload_acute(c, detail, out, outlen);
}

/* The card's vCard payload. */
bool card_payload(const card_content_t *c, int detail, char *out, size_t outlen)
{
  return c->kw && card_payload_detail(c, detail, out, outlen);
}

/* A catalogue string in the face's language(s): "cy / en" when bilingual. */
static void card_msg(const card_face_ctx_t *f, const char *msgid, char *out, size_t outlen)
{
  const char *cy = i18n_get(f->c->cat, LANG_CY, "card", msgid);
  const char *en = i18n_get(f->c->cat, LANG_EN, "card", msgid);
  if (f->face == CARD_FACE_CY)
    snprintf(out, outlen, "%s", cy);
  else if (f->face == CARD_FACE_EN)
    snprintf(out, outlen, "%s", en);
  else if (!strcmp(cy, en))
    snprintf(out, outlen, "%s", en);
  else
    snprintf(out, outlen, "%s / %s", cy, en);
}

/* A data pair in the face's language(s); an empty side falls back. */
static void card_pair(const card_face_ctx_t *f, const char *cy, const char *en, char *out,
                      size_t outlen)
{
  if (!cy[0])
    cy = en;
  if (!en[0])
    en = cy;
  if (f->face == CARD_FACE_CY || (f->face == CARD_FACE_BILINGUAL && !strcmp(cy, en)))
    snprintf(out, outlen, "%s", cy);
  else if (f->face == CARD_FACE_EN)
    snprintf(out, outlen, "%s", en);
  else
    snprintf(out, outlen, "%s / %s", cy, en);
}

/* Set an item's style. */
static card_item_t *card_item(card_item_t *it, const char *label, double pt, double wrap_pt,
                              double floor_pt, bool bold, scene_color_t color, double gap_mm)
{
  it->label = label;
  it->pt = pt;
  it->wrap_pt = wrap_pt;
  it->floor_pt = floor_pt;
  it->bold = bold;
  it->wrap = true;
  it->align = SCENE_ALIGN_START;
  it->color = color;
  it->gap_mm = gap_mm;
  return it;
}

/* "Printed 3 March 2025" in one language. */
static void card_printed(const card_face_ctx_t *f, lang_t lang, char *out, size_t outlen)
{
  char date[64];
  const char *args[1] = {date};
  if (!i18n_format_date(lang, f->c->print_date, date, sizeof date))
    snprintf(date, sizeof date, "%s", f->c->print_date ? f->c->print_date : "");
  if (!i18n_format_args(out, outlen, i18n_get(f->c->cat, lang, "card", "Printed %s"), args, 1))
    snprintf(out, outlen, "%s", date);
}

/* The site's acute oncology number as people write it ("" when none). */
static void card_acute_phone(const card_content_t *c, char *out, size_t outlen)
{
  char e164[RULES_PHONE_MAX];
  const char *why;
  out[0] = '\0';
  if (!c->acute_oncology_phone || !c->acute_oncology_phone[0])
    return;
  if (rules_phone(c->acute_oncology_phone, false, e164, &why))
    card_format_phone(e164, NULL, out, outlen);
  else
    snprintf(out, outlen, "%s", c->acute_oncology_phone);
}

/* The acute oncology line in lang ("" when the site has none): "Unwell
 * during treatment? Acute oncology line: 029 2018 0999 (24 hours a day)";
 * short: "Acute oncology line: 029 2018 0999". */
static void card_acute_line(const card_content_t *c, lang_t lang, bool short_form, char *out,
                            size_t outlen)
{
  char phone[64];
  card_acute_phone(c, phone, sizeof phone);
  out[0] = '\0';
  if (!phone[0])
    return;
  const char *hours = lang == LANG_CY ? c->acute_oncology_hours_cy : c->acute_oncology_hours_en;
  const char *args[2] = {phone, hours};
  bool with_hours = !short_form && hours && hours[0];
  const char *msgid = short_form   ? "Acute oncology line: %s"
                      : with_hours ? "Unwell during treatment? Acute oncology line: %s (%s)"
                                   : "Unwell during treatment? Acute oncology line: %s";
  if (!i18n_format_args(out, outlen, i18n_get(c->cat, lang, "card", msgid), args, with_hours ? 2 : 1))
    snprintf(out, outlen, "%s", phone);
}

/* Both languages' labels, the number once: "Llinell oncoleg acíwt / Acute
 * oncology line: 029 2018 0999" ("" when the site has none). */
static void card_acute_pair(const card_content_t *c, char *out, size_t outlen)
{
  char phone[64];
  card_acute_phone(c, phone, sizeof phone);
  out[0] = '\0';
  if (phone[0])
    snprintf(out, outlen, "%s / %s: %s", i18n_get(c->cat, LANG_CY, "card", "Acute oncology line"),
             i18n_get(c->cat, LANG_EN, "card", "Acute oncology line"), phone);
}

/* Fill the face's text items. */
static void card_items(card_face_ctx_t *f)
{
  const key_worker_t *kw = f->c->kw;
  char a[256], b[CARD_TEXT_MAX - 300], phone[64];
  card_item_t *it;
  bool mono = !f->p->color;
  scene_color_t brand = mono ? BLACK : BRAND, ink = mono ? BLACK : INK;
  scene_color_t grey = mono ? BLACK : GREY;

  card_msg(f, "Key Worker Card", f->heading.text, sizeof f->heading.text);
  card_item(&f->heading, "card.heading", 7.5, 6.5, 6, true, brand, 0);

  f->nleft = 0;
  if (!f->compact) {
    card_msg(f, "Your key worker", f->left[f->nleft].text, CARD_TEXT_MAX);
    card_item(&f->left[f->nleft++], "card.label", 6, 6, 6, false, grey, 0.3);
  }
  it = &f->left[f->nleft++];
  snprintf(it->text, sizeof it->text, "%s%s%s", kw->given_name,
           kw->given_name[0] && kw->family_name[0] ? " " : "", kw->family_name);
  card_item(it, "card.name", 10, 8.5, 6.5, true, ink, 0.4);
  card_pair(f, kw->role_cy, kw->role_en, f->left[f->nleft].text, CARD_TEXT_MAX);
  card_item(&f->left[f->nleft++], "card.role", 6.5, 6, 6, false, ink, 0.4);
  /* The team only when the site shows it (a team's name can tell a finder
   * the diagnosis), and not on the compact face (the QR's ORG carries it). */
  if (f->c->show_team && !f->compact) {
    card_pair(f, kw->team_cy, kw->team_en, f->left[f->nleft].text, CARD_TEXT_MAX);
    card_item(&f->left[f->nleft++], "card.team", 6, 6, 6, false, grey, 0.8);
  } else if (!f->compact) {
    f->left[f->nleft - 1].gap_mm = 0.8; /* the role keeps the team's space below */
  }
  if (!f->compact) {
    card_msg(f, "Phone", f->left[f->nleft].text, CARD_TEXT_MAX);
    card_item(&f->left[f->nleft++], "card.phone_label", 6, 6, 6, false, grey, 0);
  }
  it = &f->left[f->nleft++];
  card_format_phone(kw->phone, NULL, phone, sizeof phone);
  snprintf(it->text, sizeof it->text, "%s", phone);
  const char *ext = rules_phone_extension(kw->phone);
  card_item(it, "card.phone", 13, 11, 9, true, brand, ext ? 0 : 0.6)->wrap = false;
  if (ext) { /* the extension on a line of its own: the number stays large */
    card_msg(f, "ext.", a, sizeof a);
    it = &f->left[f->nleft++];
    snprintf(it->text, sizeof it->text, "%s %s", a, ext);
    card_item(it, "card.phone_ext", 7, 6, 6, true, brand, 0.6);
  }
  /* The compact face leaves the hours, team and site to the QR code's
   * vCard (NOTE, ORG) and the leaflet: the phone numbers come first. */
  if (!f->compact) {
    card_msg(f, "Hours", a, sizeof a);
    card_pair(f, kw->hours_cy, kw->hours_en, b, sizeof b);
    it = &f->left[f->nleft++];
    snprintf(it->text, sizeof it->text, "%s: %s", a, b);
    card_item(it, "card.hours", 6, 6, 6, false, ink, 0.4);
  }
  it = &f->left[f->nleft++];
  card_pair(f, f->c->site_cy ? f->c->site_cy : "", f->c->site_en ? f->c->site_en : "", it->text,
            sizeof it->text);
  if (!it->text[0])
    snprintf(it->text, sizeof it->text, "%s", f->c->site ? f->c->site : "");
  if (f->compact)
    it->text[0] = '\0';
  card_item(it, "card.site", 6.5, 6, 6, false, ink, 0.4);
  if (f->c->show_patient_name && f->c->patient) {
    card_msg(f, "Patient", a, sizeof a);
    it = &f->left[f->nleft++];
    snprintf(it->text, sizeof it->text, "%s: %s %s", a, f->c->patient->given_name,
             f->c->patient->family_name);
    card_item(it, "card.patient", 6, 6, 6, false, ink, 0.4);
  }

  /* The band is the short form of the leaflet's "not an emergency contact"
   * section, named, so the card and the leaflet always say the same. */
  const char *lead = "", *detail = "";
  leaflet_section_card_msgids(LEAFLET_SECTION_NOT_EMERGENCY, &lead, &detail);
  card_msg(f, lead, a, sizeof a);
  card_msg(f, detail, b, sizeof b);
  char acute_cy[320], acute_en[320];
  card_acute_line(f->c, LANG_CY, f->compact, acute_cy, sizeof acute_cy);
  card_acute_line(f->c, LANG_EN, f->compact, acute_en, sizeof acute_en);
  if (f->compact && f->face == CARD_FACE_BILINGUAL) {
    /* The short form: the acute oncology line once, with both labels. The
     * separator is held to the number before it by a no-break space, so a
     * line never starts with "·". */
    const i18n_t *cat = f->c->cat;
    char acute[320] = "";
    card_acute_pair(f->c, acute, sizeof acute);
    snprintf(f->band.text, sizeof f->band.text, "%s%s%s %s\n%s %s", acute, acute[0] ? "\n" : "",
             i18n_get(cat, LANG_CY, "card", lead),
             i18n_get(cat, LANG_CY, "card", "Emergency 999\u00a0· NHS 111 Wales"),
             i18n_get(cat, LANG_EN, "card", lead),
             i18n_get(cat, LANG_EN, "card", "Emergency 999\u00a0· NHS 111 Wales"));
  } else if (f->face == CARD_FACE_BILINGUAL) {
    const i18n_t *cat = f->c->cat;
    snprintf(f->band.text, sizeof f->band.text, "%s%s%s%s%s %s\n%s %s", acute_cy,
             acute_cy[0] ? "\n" : "", acute_en, acute_en[0] ? "\n" : "",
             i18n_get(cat, LANG_CY, "card", lead), i18n_get(cat, LANG_CY, "card", detail),
             i18n_get(cat, LANG_EN, "card", lead), i18n_get(cat, LANG_EN, "card", detail));
  } else {
    const char *acute = f->face == CARD_FACE_CY ? acute_cy : acute_en;
    snprintf(f->band.text, sizeof f->band.text, "%.300s%s%.200s %.1200s", acute, acute[0] ? "\n" : "",
             a, b);
  }
  card_item(&f->band, "card.emergency", 7.5, 7, CARD_EMERGENCY_FLOOR_PT, true, ink, 0);

  card_msg(f, "Scan to save this contact", f->caption.text, sizeof f->caption.text);
  card_item(&f->caption, "card.qr_caption", 6, 6, 6, false, grey, 0.3)->align =
      SCENE_ALIGN_CENTER;
  if (f->face == CARD_FACE_BILINGUAL) {
    card_printed(f, LANG_CY, a, sizeof a);
    card_printed(f, LANG_EN, b, sizeof b);
    snprintf(f->date.text, sizeof f->date.text, "%s\n%s", a, b);
  } else {
    card_printed(f, f->face == CARD_FACE_CY ? LANG_CY : LANG_EN, f->date.text,
                 sizeof f->date.text);
  }
  card_item(&f->date, "card.date", 6, 6, 6, false, grey, 0)->align = SCENE_ALIGN_CENTER;
}

/* The scene_text style of it at scale s. */
static scene_text_style_t card_style(const card_item_t *it, double s, int dpi)
{
  double pt = it->pt * s, wrap = it->wrap_pt * s;
  double floor = it->floor_pt > CARD_TEXT_FLOOR_PT ? it->floor_pt : CARD_TEXT_FLOOR_PT;
  double min_pt = wrap > floor ? wrap : floor;
  scene_text_style_t st = {.font_px = pt_px(pt > min_pt ? pt : min_pt, dpi),
                           .min_font_px = pt_px(min_pt, dpi),
                           .shrink_floor_px = pt_px(floor, dpi), /* a word never goes below */
                           .bold = it->bold, .wrap = it->wrap, .align = it->align,
                           .color = it->color, .label = it->label};
  return st;
}

/* Measure it at scale s in width w; sets it->h. */
static int card_measure(card_face_ctx_t *f, card_item_t *it, double s, int w)
{
  scene_text_style_t st = card_style(it, s, f->p->dpi);
  it->h = it->text[0] ? scene_text(f->scratch, f->m, 0, 0, w, 1 << 20, it->text, &st) : 0;
  return it->h;
}

/* Plan the QR for the payload of the given detail within budget_px: the
 * module is the largest whole pixel count up to a 25 mm code, never under
 * 0.4 mm. false (with err) when the payload cannot be built or the code
 * does not fit. */
static bool card_plan_qr(card_face_ctx_t *f, int detail, int budget_px, char *err,
                         size_t errlen)
{
  int dpi = f->p->dpi;
  int min_module = (int)ceil(CARD_QR_MIN_MODULE_MM * dpi / 25.4 - 1e-9);
  int target = mm_px(25, dpi);
  vcard_qr_plan_t plan;
  if (!card_payload_detail(f->c, detail, f->payload, sizeof f->payload)) {
    snprintf(err, errlen, "the key worker's contact card cannot be built");
    return false;
  }
  int modules = vcard_qr_modules(f->payload, VCARD_QR_M);
  int total = modules + 2 * VCARD_QR_QUIET_MODULES;
  int module_px = target / total > min_module ? target / total : min_module;
  if (total * module_px > budget_px)
    module_px = min_module;
  if (!modules || total * module_px > budget_px ||
      !vcard_qr_plan(f->payload, total * module_px, &plan)) {
    snprintf(err, errlen, "the QR code cannot have %.1f mm modules in a %.1f mm box at %d dpi",
             CARD_QR_MIN_MODULE_MM, budget_px * 25.4 / dpi, dpi);
    return false;
  }
  f->qr_side = total * module_px;
  f->qr_module_px = plan.module_px;
  f->qr_modules = plan.modules;
  f->qr_level = plan.level;
  f->payload_detail = detail;
  return true;
}

/* Padding inside the emergency band at scale s. */
static int card_band_pad(double s, int dpi) { return mm_px(s > 0.6 ? s : 0.6, dpi); }

/* Where things go on a face, for one scale and QR size. */
typedef struct {
  double s;
  int sx, sy, sw, sh;        /* safe area */
  int left_w;                /* text column width */
  int mid_top;               /* top of the columns, below the heading */
  int band_y, band_w, band_h;
  bool band_full;            /* the band runs under the QR column too */
} card_geom_t;

/* Measure the face at g->s; true when both columns fit above the band,
 * trying the band across the full width first, then under the text
 * column only. Fills the rest of g. */
static bool card_fits(card_face_ctx_t *f, card_geom_t *g)
{
  int dpi = f->p->dpi, pad = card_band_pad(g->s, dpi), gap = mm_px(0.8, dpi);
  double s = g->s;
  g->left_w = g->sw - f->qr_side - mm_px(2.5, dpi);
  g->mid_top = g->sy + card_measure(f, &f->heading, s, g->sw) + gap;
  int left = 0;
  for (size_t i = 0; i < f->nleft; i++)
    if (card_measure(f, &f->left[i], s, g->left_w))
      left += f->left[i].h + mm_px(f->left[i].gap_mm * s, dpi);
  int right = f->qr_side + mm_px(0.5, dpi) + card_measure(f, &f->caption, s, f->qr_side) +
              mm_px(f->caption.gap_mm * s, dpi) + card_measure(f, &f->date, s, f->qr_side);
  for (int full = 1; full >= 0; full--) {
    g->band_full = full;
    g->band_w = full ? g->sw : g->left_w;
    g->band_h = card_measure(f, &f->band, s, g->band_w - 2 * pad) + 2 * pad;
    g->band_y = g->sy + g->sh - g->band_h;
    int room = g->band_y - gap - g->mid_top;
    if (left <= room && (full ? right <= room : right <= g->sy + g->sh - g->mid_top))
      return true;
  }
  return false;
}

/* The largest QR side the face allows: at most 42 % of the width, and the
 * height below the heading less the caption and date at full size. */
static int card_qr_budget(card_face_ctx_t *f, int sw, int sh)
{
  int dpi = f->p->dpi, w = (int)(0.42 * sw);
  int h = sh - card_measure(f, &f->heading, 1.0, sw) - mm_px(0.8 + 0.5, dpi) -
          card_measure(f, &f->caption, 1.0, w) - mm_px(f->caption.gap_mm, dpi) -
          card_measure(f, &f->date, 1.0, w);
  return w < h ? w : h;
}

/* Append one measured item at (x, y) in width w, given at most max_h of
 * height (less records an overflow); returns the next y. */
static int card_emit(card_face_ctx_t *f, scene_t *sc, card_item_t *it, double s, int x, int y,
                     int w, int max_h)
{
  if (!it->text[0])
    return y;
  scene_text_style_t st = card_style(it, s, f->p->dpi);
  scene_text(sc, f->m, x, y, w, it->h < max_h ? it->h : (max_h > 0 ? max_h : 0), it->text, &st);
  return y + it->h + mm_px(it->gap_mm * s, f->p->dpi);
}

/* Choose the QR detail and the text scale: keep the whole vCard while the
 * text stays at 70 % or more, then drop the vCard's NOTE, then its ORG,
 * then its TITLE, and only then go down to 50 %. false (with err) when the QR cannot be planned
 * at all; when nothing fits, g holds the last try (it then overflows). */
static void card_items(card_face_ctx_t *f);

static bool card_choose(card_face_ctx_t *f, card_geom_t *g, char *err, size_t errlen)
{
  static const struct { int detail; double min_s; } passes[] = {
      {0, 0.7}, {1, 0.7}, {2, 0.7}, {3, 0.5}};
  int budget = card_qr_budget(f, g->sw, g->sh);
  bool planned = false;
  for (size_t i = 0; i < sizeof passes / sizeof passes[0]; i++) {
    if (!card_plan_qr(f, passes[i].detail, budget, err, errlen))
      continue;
    planned = true;
    for (g->s = 1.0; g->s >= passes[i].min_s - 1e-9; g->s -= 0.05)
      if (card_fits(f, g))
        return true;
  }
  if (!planned)
    return false;
  if (!f->compact) {
    /* Make room without going under the text floors: drop the labels a
     * card does without, and use the band's short form. */
    f->compact = true;
    card_items(f);
    return card_choose(f, g, err, errlen);
  }
  g->s = 0.5;
  card_fits(f, g);
  return true;
}

/* Lay out one face inside the safe area (sx, sy, sw, sh) of sc. */
static bool card_face(card_face_ctx_t *f, scene_t *sc, int sx, int sy, int sw, int sh,
                      card_report_t *rep, char *err, size_t errlen)
{
  int dpi = f->p->dpi;
  card_geom_t g = {.sx = sx, .sy = sy, .sw = sw, .sh = sh};
  card_items(f);
  if (!card_choose(f, &g, err, errlen))
    return false;
  double s = g.s;
  int pad = card_band_pad(s, dpi), gap = mm_px(0.8, dpi), rule = mm_px(0.25, dpi);
  int y = card_emit(f, sc, &f->heading, s, sx, sy, sw, g.mid_top - gap - sy);
  scene_line(sc, sx, y + gap / 2, sx + sw, y + gap / 2, f->p->color ? BRAND : BLACK,
             rule < 1 ? 1 : rule);
  y = g.mid_top;
  int left_bottom = g.band_y - gap;
  for (size_t i = 0; i < f->nleft; i++)
    y = card_emit(f, sc, &f->left[i], s, sx, y, g.left_w, left_bottom - y);
  int qx = sx + sw - f->qr_side, right_bottom = g.band_full ? g.band_y - gap : sy + sh;
  scene_qr(sc, qx, g.mid_top, f->qr_side, f->payload, BLACK, WHITE);
  int ry = g.mid_top + f->qr_side + mm_px(0.5, dpi);
  ry = card_emit(f, sc, &f->caption, s, qx, ry, f->qr_side, right_bottom - ry);
  card_emit(f, sc, &f->date, s, qx, ry, f->qr_side, right_bottom - ry);
  int border = mm_px(0.3, dpi) > 1 ? mm_px(0.3, dpi) : 1;
  scene_rect(sc, sx, g.band_y, g.band_w, g.band_h, f->p->color ? ALERT_BG : WHITE,
             f->p->color ? ALERT : BLACK, border, mm_px(1.2, dpi), 0);
  card_emit(f, sc, &f->band, s, sx + pad, g.band_y + pad, g.band_w - 2 * pad, g.band_h - 2 * pad);
  if (rep) {
    rep->qr_modules = f->qr_modules;
    rep->qr_module_px = f->qr_module_px;
    rep->qr_module_mm = f->qr_module_px * 25.4 / dpi;
    rep->qr_level = f->qr_level;
    rep->text_scale = s;
    rep->payload_detail = f->payload_detail;
  }
  return true;
}

/* Cut marks outside the four corners of the card rectangle. */
static void card_cut_marks(scene_t *sc, const profile_t *p, int x, int y, int w, int h)
{
  int gap = mm_px(2, p->dpi), len = mm_px(5, p->dpi), lw = mm_px(0.2, p->dpi);
  int xs[2] = {x, x + w}, ys[2] = {y, y + h};
  lw = lw < 1 ? 1 : lw;
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++) {
      int dx = i ? 1 : -1, dy = j ? 1 : -1;
      scene_line(sc, xs[i] + dx * gap, ys[j], xs[i] + dx * (gap + len), ys[j], BLACK, lw);
      scene_line(sc, xs[i], ys[j] + dy * gap, xs[i], ys[j] + dy * (gap + len), BLACK, lw);
    }
}

/* Lay out the card on page `page` of the profile. */
scene_t *card_scene(const card_content_t *c, const profile_t *p, int page,
                    const scene_measurer_t *m, card_report_t *report, char *err,
                    size_t errlen)
{
  scene_t *sc = NULL;
  card_face_ctx_t *f = NULL;
  card_report_t rep = {0};
  int pw = 0, ph = 0, dpi = p->dpi;
  if (!c->kw || (!c->kw->given_name[0] && !c->kw->family_name[0])) {
    snprintf(err, errlen, "no key worker to print");
    goto fail;
  }
  if (page < 0 || page >= card_page_count(p)) {
    snprintf(err, errlen, "profile %s has no page %d", p->name, page + 1);
    goto fail;
  }
  profile_page_px(p, &pw, &ph);
  f = calloc(1, sizeof *f);
  sc = scene_new(pw, ph, WHITE);
  if (!f || !sc || !(f->scratch = scene_new(pw, ph, WHITE))) {
    snprintf(err, errlen, "out of memory");
    goto fail;
  }
  f->c = c;
  f->p = p;
  f->m = m;
  bool sheet = p->placement == PROFILE_PLACE_SHEET;
  int faces = sheet && p->faces == PROFILE_FACES_CY_EN ? 2 : 1;
  int cw = sheet ? mm_px(p->card_width_mm, dpi) : pw, ch = sheet ? mm_px(p->card_height_mm, dpi) : ph;
  double inset_mm = sheet ? p->card_margin_mm : fmax(p->card_margin_mm, p->margin_mm);
  int inset = mm_px(inset_mm, dpi);
  for (int i = 0; i < faces; i++) {
    int cx = sheet ? (pw - cw) / 2 : 0;
    int cy = sheet ? mm_px(p->margin_mm + 12, dpi) + i * (ch + mm_px(20, dpi)) : 0;
    f->face = p->faces == PROFILE_FACES_BILINGUAL ? CARD_FACE_BILINGUAL
              : (sheet ? i : page) == 0     ? CARD_FACE_CY
                                            : CARD_FACE_EN;
    if (sheet)
      card_cut_marks(sc, p, cx, cy, cw, ch);
    if (!card_face(f, sc, cx + inset, cy + inset, cw - 2 * inset, ch - 2 * inset, &rep, err,
                   errlen))
      goto fail;
    rep.card[i] = (card_rect_t){cx, cy, cw, ch};
    rep.safe[i] = (card_rect_t){cx + inset, cy + inset, cw - 2 * inset, ch - 2 * inset};
    rep.cards = i + 1;
  }
  if (scene_failed(sc)) {
    snprintf(err, errlen, "out of memory");
    goto fail;
  }
  if (report)
    *report = rep;
  scene_free(f->scratch);
  free(f);
  return sc;
fail:
  if (f)
    scene_free(f->scratch);
  free(f);
  scene_free(sc);
  return NULL;
}
