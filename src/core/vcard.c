/*
 * vCard 3.0 payload for the card's QR code and the QR sizing plan. Pure:
 * builds bytes and asks libqrencode only for symbol sizes; never draws.
 * See vcard.h for the format choices (CRLF, no folding, no CHARSET).
 */
#include "core/vcard.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <qrencode.h>

#include "core/rules.h"

/* Escape a vCard text value into out. */
size_t vcard_escape(const char *in, char *out, size_t outlen)
{
  size_t n = 0;
  if (!outlen)
    return (size_t)-1;
  for (const char *p = in; *p; p++) {
    char esc = 0;
    if (*p == '\\' || *p == ',' || *p == ';')
      esc = *p;
    else if (*p == '\n')
      esc = 'n';
    else if (*p == '\r')
      continue;
    size_t need = esc ? 2 : 1;
    if (n + need >= outlen) {
      out[0] = '\0';
      return (size_t)-1;
    }
    if (esc) {
      out[n++] = '\\';
      out[n++] = esc;
    } else {
      out[n++] = *p;
    }
  }
  out[n] = '\0';
  return n;
}

/* A growing output buffer that remembers overflow. */
typedef struct {
  char *buf;
  size_t len, cap;
  bool overflow;
} vbuf_t;

/* Append formatted text to b. */
__attribute__((format(printf, 2, 3)))
static void vbuf_printf(vbuf_t *b, const char *fmt, ...)
{
  if (b->overflow)
    return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= b->cap - b->len) {
    b->overflow = true;
    return;
  }
  b->len += (size_t)n;
}

/* Append "NAME:escaped(value)\r\n" when value is not empty. */
static void vbuf_text_line(vbuf_t *b, const char *name, const char *value)
{
  char esc[MODEL_TEXT_MAX * 8 + 1];
  if (!value || !*value)
    return;
  if (vcard_escape(value, esc, sizeof esc) == (size_t)-1) {
    b->overflow = true;
    return;
  }
  vbuf_printf(b, "%s:%s\r\n", name, esc);
}

/* Build the key worker's vCard 3.0 in lang. */
bool vcard_build(const key_worker_t *kw, lang_t lang, const char *org, char *out, size_t outlen)
{
  char family[MODEL_NAME_MAX * 8 + 1], given[MODEL_NAME_MAX * 8 + 1];
  char full[MODEL_NAME_MAX * 8 + 2], team[MODEL_TEXT_MAX * 8 + 1], site[MODEL_TEXT_MAX * 8 + 1];
  vbuf_t b = {.buf = out, .cap = outlen};
  bool cy = lang == LANG_CY;
  const char *role = cy && kw->role_cy[0] ? kw->role_cy : kw->role_en;
  const char *team_text = cy && kw->team_cy[0] ? kw->team_cy : kw->team_en;
  const char *hours = cy && kw->hours_cy[0] ? kw->hours_cy : kw->hours_en;

  if (!outlen || (!kw->given_name[0] && !kw->family_name[0]))
    goto fail;
  out[0] = '\0';
  if (vcard_escape(kw->family_name, family, sizeof family) == (size_t)-1 ||
      vcard_escape(kw->given_name, given, sizeof given) == (size_t)-1 ||
      vcard_escape(team_text, team, sizeof team) == (size_t)-1 ||
      vcard_escape(org ? org : "", site, sizeof site) == (size_t)-1)
    goto fail;
  snprintf(full, sizeof full, "%s%s%s", kw->given_name, kw->given_name[0] && kw->family_name[0] ? " " : "",
           kw->family_name);
  vbuf_printf(&b, "BEGIN:VCARD\r\nVERSION:3.0\r\n");
  vbuf_printf(&b, "N:%s;%s;;;\r\n", family, given);
  vbuf_text_line(&b, "FN", full);
  vbuf_text_line(&b, "TITLE", role);
  if (site[0] && team[0])
    vbuf_printf(&b, "ORG:%s;%s\r\n", site, team);
  else if (site[0] || team[0])
    vbuf_printf(&b, "ORG:%s\r\n", site[0] ? site : team);
  if (kw->phone[0]) {
    char dial[RULES_PHONE_MAX + 8];
    rules_phone_dial_string(kw->phone, dial, sizeof dial); /* an extension after a pause */
    vbuf_printf(&b, "TEL;TYPE=WORK,VOICE:%s\r\n", dial);
  }
  if (kw->email[0])
    vbuf_printf(&b, "EMAIL;TYPE=INTERNET:%s\r\n", kw->email);
  vbuf_text_line(&b, "NOTE", hours);
  vbuf_printf(&b, "END:VCARD\r\n");
  if (b.overflow)
    goto fail;
  return true;
fail:
  if (outlen)
    out[0] = '\0';
  return false;
}

/* Symbol width in modules of payload at level. */
int vcard_qr_modules(const char *payload, vcard_qr_level_t level)
{
  QRcode *qr = QRcode_encodeString(payload, 0, (QRecLevel)level, QR_MODE_8, 1);
  int width = qr ? qr->width : 0;
  QRcode_free(qr);
  return width;
}

/* Encode payload for a box: level M, upgraded while the module size holds. */
QRcode *vcard_qr_encode(const char *payload, int box_px, vcard_qr_plan_t *plan)
{
  QRcode *best = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!best)
    return NULL;
  plan->level = VCARD_QR_M;
  plan->modules = best->width;
  plan->module_px = box_px / (best->width + 2 * VCARD_QR_QUIET_MODULES);
  if (plan->module_px < 1) {
    plan->module_px = 0;
    return best;
  }
  for (int level = VCARD_QR_Q; level <= VCARD_QR_H; level++) {
    QRcode *qr = QRcode_encodeString(payload, 0, (QRecLevel)level, QR_MODE_8, 1);
    if (!qr || box_px / (qr->width + 2 * VCARD_QR_QUIET_MODULES) != plan->module_px) {
      QRcode_free(qr);
      break;
    }
    QRcode_free(best);
    best = qr;
    plan->level = (vcard_qr_level_t)level;
    plan->modules = qr->width;
  }
  return best;
}

/* Plan payload in a box (vcard_qr_encode without keeping the symbol). */
bool vcard_qr_plan(const char *payload, int box_px, vcard_qr_plan_t *plan)
{
  QRcode *qr = vcard_qr_encode(payload, box_px, plan);
  QRcode_free(qr);
  return qr != NULL;
}
