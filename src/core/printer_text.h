/*
 * Printer states, reasons and job states in words staff read (issue 12:
 * staff screens in the staff's language). Each function maps an IPP or
 * print-outcome keyword to a message id (msgctxt "kiosk", in both
 * catalogues); the caller translates it and may show the raw keyword after
 * it, smaller. Pure: no CUPS here, only the keywords as RFC 8011 and
 * PWG 5100.9 spell them, and this project's print outcome keywords
 * (platform/print.h print_outcome_keyword).
 */
#ifndef ALLWEDD_PRINTER_TEXT_H
#define ALLWEDD_PRINTER_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* An IPP printer-state-reasons keyword (RFC 8011 5.4.12, PWG 5100.9), with
 * or without its -error / -warning / -report suffix: "media-empty-error"
 * -> "Out of cards or paper". NULL for "none" and for keywords with no
 * words here (the caller shows the keyword as it is). */
const char *printer_text_reason_msgid(const char *keyword);

/* Whether a reason keyword is only a warning or a report (its suffix says
 * so): the printer still prints. */
bool printer_text_reason_is_warning(const char *keyword);

/* IPP printer-state, as the keyword ("idle", "processing", "stopped") or the
 * enum value's number ("3", "4", "5"): "Ready", "Printing", "Stopped";
 * NULL for anything else. */
const char *printer_text_state_msgid(const char *state);

/* A print outcome keyword ("completed", "media-empty", "unreachable", ...:
 * print_outcome_keyword): what it means for staff. NULL for unknown. */
const char *printer_text_outcome_msgid(const char *outcome);

/* An IPP job-state keyword as print_job_state_keyword() spells it
 * ("pending", "held", "processing", "stopped", "canceled", "aborted",
 * "completed", "not-found", "unknown"). NULL for anything else. */
const char *printer_text_job_state_msgid(const char *state);

#endif
