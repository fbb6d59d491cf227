/*
 * The records the kiosk works with, as read from the store. Plain value
 * structs with fixed-size, always NUL-terminated UTF-8 fields: the sync
 * refuses any value longer than its field, so nothing is ever truncated.
 * Sizes are in bytes and allow 4 bytes per character of the documented
 * character limits.
 */
#ifndef ALLWEDD_MODEL_H
#define ALLWEDD_MODEL_H

#include <stdbool.h>

enum {
  MODEL_NAME_MAX = 80,     /* characters in a given or family name */
  MODEL_TEXT_MAX = 160,    /* characters in a role, team, hours, service name */
  MODEL_SUMMARY_MAX = 600, /* characters in a service summary */
  MODEL_URL_MAX = 400,     /* bytes in a URL or e-mail address */
};

typedef struct {
  char nhs_number[11];           /* 10 digits, no spaces */
  char given_name[MODEL_NAME_MAX * 4 + 1];
  char family_name[MODEL_NAME_MAX * 4 + 1];
  char date_of_birth[11];        /* YYYY-MM-DD */
  char postcode[11];             /* normalised "CF14 2TL" or "BFPO 105", or "" */
  char preferred_language[3];    /* "cy", "en" or "" */
  char key_worker_id[33];        /* "" when no key worker is allocated yet */
  char pathway[MODEL_TEXT_MAX * 4 + 1];
} patient_t;

typedef struct {
  char id[33];
  char given_name[MODEL_NAME_MAX * 4 + 1];
  char family_name[MODEL_NAME_MAX * 4 + 1];
  char role_en[MODEL_TEXT_MAX * 4 + 1];
  char role_cy[MODEL_TEXT_MAX * 4 + 1];
  char team_en[MODEL_TEXT_MAX * 4 + 1];
  char team_cy[MODEL_TEXT_MAX * 4 + 1];
  char phone[32];                /* E.164, e.g. "+442920615888", with an extension "+442920615888;ext=2345" */
  char email[MODEL_URL_MAX + 1];
  char hours_en[MODEL_TEXT_MAX * 4 + 1];
  char hours_cy[MODEL_TEXT_MAX * 4 + 1];
} key_worker_t;

typedef struct {
  char id[65];
  char category[20];             /* one of the EXPORT_FORMAT.md categories */
  char name_en[MODEL_TEXT_MAX * 4 + 1];
  char name_cy[MODEL_TEXT_MAX * 4 + 1];
  char summary_en[MODEL_SUMMARY_MAX * 4 + 1];
  char summary_cy[MODEL_SUMMARY_MAX * 4 + 1];
  char phone[32];                /* E.164 (extension as for key workers), a short number "116123", or "" */
  char url[MODEL_URL_MAX + 1];   /* https:// or "" */
  char hours_en[MODEL_TEXT_MAX * 4 + 1];
  char hours_cy[MODEL_TEXT_MAX * 4 + 1];
  char area[MODEL_TEXT_MAX * 4 + 1];
} service_t;

#endif
