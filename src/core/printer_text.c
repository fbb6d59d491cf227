/*
 * Printer wording for staff (printer_text.h): tables from keyword to
 * message id. A keyword not listed maps to NULL, never to a guess.
 */
#include "core/printer_text.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  const char *keyword, *msgid;
} printer_word_t;

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The msgid of keyword in a table, or NULL. */
static const char *printer_lookup(const printer_word_t *table, size_t n, const char *keyword)
{
  for (size_t i = 0; keyword && i < n; i++)
    if (!strcmp(table[i].keyword, keyword))
      return table[i].msgid;
  return NULL;
}

/* keyword without a -error / -warning / -report suffix, into base. */
static void printer_reason_base(const char *keyword, char *base, size_t baselen)
{
  static const char *const suffixes[] = {"-error", "-warning", "-report"};
  snprintf(base, baselen, "%s", keyword ? keyword : "");
  size_t len = strlen(base);
  for (size_t i = 0; i < COUNT(suffixes); i++) {
    size_t n = strlen(suffixes[i]);
    if (len > n && !strcmp(base + len - n, suffixes[i])) {
      base[len - n] = '\0';
      return;
    }
  }
}

const char *printer_text_reason_msgid(const char *keyword)
{
  static const printer_word_t reasons[] = {
    {"media-empty", "Out of cards or paper"},
    {"media-needed", "Load cards or paper"},
    {"media-low", "Cards or paper running low"},
    {"media-jam", "A card or sheet is stuck in the printer"},
    {"media-path-jam", "A card or sheet is stuck in the printer"},
    {"cover-open", "A cover or door is open"},
    {"door-open", "A cover or door is open"},
    {"interlock-open", "A cover or door is open"},
    {"input-tray-missing", "The card hopper or paper tray is missing"},
    {"output-tray-missing", "The output tray is missing"},
    {"output-area-full", "The output tray is full"},
    {"output-area-almost-full", "The output tray is nearly full"},
    {"marker-supply-empty", "Out of ribbon, ink or toner"},
    {"marker-supply-low", "Ribbon, ink or toner running low"},
    {"toner-empty", "Out of ribbon, ink or toner"},
    {"toner-low", "Ribbon, ink or toner running low"},
    {"marker-waste-full", "The waste container is full"},
    {"marker-waste-almost-full", "The waste container is nearly full"},
    {"offline", "The printer is offline"},
    {"shutdown", "The printer is switched off"},
    {"paused", "The printer queue is paused"},
    {"moving-to-paused", "The printer queue is pausing"},
    {"stopped", "The printer has stopped"},
    {"stopping", "The printer is stopping"},
    {"connecting-to-device", "Connecting to the printer"},
    {"timed-out", "The printer did not answer in time"},
    {"other", "The printer reports a problem"},
    {"spool-area-full", "The print server is full"},
    {"cups-missing-filter", "The print server cannot convert the card for this printer"},
    {"cups-insecure-filter", "The print server cannot convert the card for this printer"},
  };
  char base[96];
  printer_reason_base(keyword, base, sizeof base);
  if (!base[0] || !strcmp(base, "none"))
    return NULL;
  return printer_lookup(reasons, COUNT(reasons), base);
}

bool printer_text_reason_is_warning(const char *keyword)
{
  size_t len = keyword ? strlen(keyword) : 0;
  return (len > 8 && !strcmp(keyword + len - 8, "-warning")) ||
         (len > 7 && !strcmp(keyword + len - 7, "-report"));
}

const char *printer_text_state_msgid(const char *state)
{
  static const printer_word_t states[] = {
    {"idle", "Ready"},          {"3", "Ready"},    {"processing", "Printing"},
    {"printing", "Printing"},   {"4", "Printing"}, {"stopped", "Stopped"},
    {"5", "Stopped"},
  };
  return printer_lookup(states, COUNT(states), state);
}

const char *printer_text_outcome_msgid(const char *outcome)
{
  static const printer_word_t outcomes[] = {
    {"completed", "The printer is ready"},
    {"running", "Printing now"},
    {"stopped", "The printer queue is stopped or paused"},
    {"media-empty", "Out of cards or paper"},
    {"media-jam", "A card or sheet is stuck in the printer"},
    {"offline", "The printer is offline"},
    {"unreachable", "The printer does not answer (is it switched on and connected?)"},
    {"not-found", "There is no such printer (check [printer] name)"},
    {"refused", "The printer refused the job"},
    {"aborted", "The printer stopped the job"},
    {"timeout", "The printer did not answer in time"},
    {"canceled", "The print was cancelled"},
    {"error", "The kiosk could not prepare the print"},
  };
  return printer_lookup(outcomes, COUNT(outcomes), outcome);
}

const char *printer_text_job_state_msgid(const char *state)
{
  static const printer_word_t jobs[] = {
    {"pending", "Waiting to print"},
    {"held", "Held in the queue"},
    {"processing", "Printing"},
    {"stopped", "Stopped"},
    {"canceled", "Cancelled"},
    {"aborted", "Stopped by the printer"},
    {"completed", "Printed"},
    {"not-found", "The printer no longer knows this job"},
    {"unknown", "Not known: the printer did not answer"},
  };
  return printer_lookup(jobs, COUNT(jobs), state);
}
