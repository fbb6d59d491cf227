/*
 * Barcode scanners at the kiosk: a USB scanner is a "keyboard wedge" that
 * types what it reads, a few milliseconds per key, usually ending with
 * Enter or Tab. On the screens that take a barcode (the welcome screen, the
 * date of birth and family name screens, and staff's NHS number screen)
 * printable keys are held and assembled into scans (core/ident.h): a scan
 * ends on Enter, keypad Enter or Tab; keys left before a gap longer than
 * [scanner] max_key_gap_ms are not a scan (a stray key is dropped, or on
 * the name screen typed into the name, as a keyboard would), except a
 * burst of ten or more, which only a scanner without a suffix types.
 *
 * A scan holding an NHS number (found inside "NHS No: 943 476 5919",
 * "]C0...", and so on; ident_barcode_parse) starts identification or, for
 * staff, the reprint look-up; any other code gets "We could not read that
 * barcode. Please use the keypad." in a dialog that a touch dismisses.
 * What the scanner typed is wiped as soon as it is handed on.
 */
#include "ui/ui_private.h"

#include <sodium.h>

/* Whether the screen takes a barcode. */
static bool ui_scan_screen(const ui_t *ui)
{
  switch (ui->screen) {
  case UI_SCREEN_WELCOME:
  case UI_SCREEN_DOB:
  case UI_SCREEN_NAME:
  case UI_SCREEN_STAFF_FIND:
    return true;
  default:
    return false;
  }
}

/* The longest gap between a scan's keys. */
static int64_t ui_scan_gap_ms(const ui_t *ui)
{
  int gap = ui->cfg->scanner_max_key_gap_ms;
  return gap > 0 ? gap : IDENT_SCAN_GAP_DEFAULT_MS;
}

/* "We could not read that barcode": shown until a touch, a key or a while. */
static void ui_scan_unreadable(ui_t *ui)
{
  ui->scan_notice = true;
  ui->scan_notice_until_ms = ui->now_ms + UI_SCAN_NOTICE_MS;
  ui_touch(ui);
}

/* Take the notice away. */
void ui_scan_notice_dismiss(ui_t *ui)
{
  if (!ui->scan_notice)
    return;
  ui->scan_notice = false;
  ui_touch(ui);
}

/* A whole scan: an NHS number goes on, anything else is "not readable". */
static void ui_scan_complete(ui_t *ui, const char *scanned)
{
  char nhs[11];
  if (ident_barcode_parse(scanned, nhs) != IDENT_BARCODE_NHS) {
    ui_scan_unreadable(ui);
    return;
  }
  ui_scan_notice_dismiss(ui);
  if (ui->screen == UI_SCREEN_STAFF_FIND)
    ui_staff_scan(ui, nhs);
  else if (!ui->staff)
    ui_identify_barcode(ui, nhs);
  sodium_memzero(nhs, sizeof nhs);
}

/* Keys held from before a gap: a scan without a suffix, or keys a person
 * typed (into the name, as a keyboard would), or a stray key (dropped). */
static void ui_scan_stale(ui_t *ui, ident_stale_t kind, char *keys)
{
  if (kind == IDENT_STALE_SCAN)
    ui_scan_complete(ui, keys);
  else if (kind == IDENT_STALE_KEYS && ui->screen == UI_SCREEN_NAME)
    for (const char *p = keys; *p; p++)
      ui_key_as_target(ui, *p);
  sodium_memzero(keys, IDENT_SCAN_MAX + 1);
}

/* Time passes: keys held past the gap are not a scan. */
void ui_scan_expire(ui_t *ui)
{
  char keys[IDENT_SCAN_MAX + 1];
  ident_stale_t kind = ident_scan_expire(&ui->scanner, ui->now_ms, ui_scan_gap_ms(ui), keys,
                                         sizeof keys);
  if (kind != IDENT_STALE_NONE)
    ui_scan_stale(ui, kind, keys);
  if (ui->scan_notice && ui->now_ms >= ui->scan_notice_until_ms)
    ui_scan_notice_dismiss(ui);
}

/* When the scanner next needs a tick (-1: never). */
int64_t ui_scan_deadline(const ui_t *ui)
{
  int64_t next = ident_scan_deadline(&ui->scanner, ui_scan_gap_ms(ui));
  if (ui->scan_notice && (next < 0 || ui->scan_notice_until_ms < next))
    next = ui->scan_notice_until_ms;
  return next;
}

/* A key on a screen that takes a barcode; false when it is an ordinary
 * key for the screen (Backspace, Escape, an Enter with nothing held). */
bool ui_scan_key(ui_t *ui, int key)
{
  char out[IDENT_SCAN_MAX + 1];
  if (!ui_scan_screen(ui))
    return false;
  ui_scan_expire(ui);
  ident_key_t k = ident_scan_key(&ui->scanner, key, ui->now_ms, out, sizeof out);
  if (k == IDENT_KEY_HELD)
    return true;
  if (k == IDENT_KEY_SCANNED) {
    ui_scan_complete(ui, out);
    sodium_memzero(out, sizeof out);
    return true;
  }
  /* Another key: what is held was typed by a person (or is a stray key). */
  if (ui->scanner.len || ui->scanner.too_long) {
    char keys[IDENT_SCAN_MAX + 1];
    ident_scan_expire(&ui->scanner, INT64_MAX, 0, keys, sizeof keys);
    ui_scan_stale(ui, IDENT_STALE_KEYS, keys);
  }
  return false;
}
