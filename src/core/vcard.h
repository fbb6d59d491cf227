/*
 * The QR payload of the Key Worker Card: a vCard 3.0 (RFC 2426) of the key
 * worker, so a patient can save the contact with a phone camera, and the QR
 * sizing rules shared by the card layout (core) and the renderer (platform).
 *
 * Choices, documented in docs/printing.md: CRLF line endings; text values
 * escaped (backslash, comma, semicolon, newline); lines are never folded
 * (phones and zbar read long lines, and folding inside a multi-byte UTF-8
 * character breaks some readers); no CHARSET parameter (vCard 3.0 takes the
 * charset from its container, a QR code has none, and phones read UTF-8);
 * one language per vCard (the patient's), to keep the code small enough for
 * 0.4 mm modules on an ID-1 card.
 */
#ifndef ALLWEDD_VCARD_H
#define ALLWEDD_VCARD_H

#include <stdbool.h>
#include <stddef.h>

#include <qrencode.h>

#include "core/i18n.h"
#include "core/model.h"

/* Escape a vCard text value (\\ \, \; \n; CR dropped) into out. Returns the
 * length written, or (size_t)-1 when out is too small (out then holds ""). */
size_t vcard_escape(const char *in, char *out, size_t outlen);

/* The vCard of kw with role, team and hours in lang; org (the site, may be
 * NULL or "") becomes the organisation with the team as its unit. false when
 * out is too small or kw has no name. */
bool vcard_build(const key_worker_t *kw, lang_t lang, const char *org, char *out,
                 size_t outlen);

/* QR error correction levels, as libqrencode numbers them. */
typedef enum { VCARD_QR_L = 0, VCARD_QR_M, VCARD_QR_Q, VCARD_QR_H } vcard_qr_level_t;

enum { VCARD_QR_QUIET_MODULES = 4 };

/* How a payload is drawn in a square box of box_px: the level, the symbol's
 * width in modules (without quiet zone) and the integer module size. The
 * rule: encode at level M; if a higher level still gets the same module
 * size, use the highest such level (more damage tolerance for free). */
typedef struct {
  vcard_qr_level_t level;
  int modules;     /* symbol width in modules, quiet zone not included */
  int module_px;   /* 0 when the box is too small for even 1 px modules */
} vcard_qr_plan_t;

/* Plan payload in a box_px square; false when it cannot be encoded (too
 * long for any QR version, or no memory). */
bool vcard_qr_plan(const char *payload, int box_px, vcard_qr_plan_t *plan);

/* Plan and encode: the libqrencode symbol at the planned level (bit 0 of
 * each data byte set = dark module), the caller frees it with
 * QRcode_free(). NULL when it cannot be encoded. */
QRcode *vcard_qr_encode(const char *payload, int box_px, vcard_qr_plan_t *plan);

/* Symbol width in modules of payload at level (quiet zone not included);
 * 0 when it cannot be encoded. */
int vcard_qr_modules(const char *payload, vcard_qr_level_t level);

#endif
