/*
 * The figures of the key worker implementation report: what the NHS Wales
 * key worker standards ask cancer networks to audit, read from the store
 * (store_report.h) into plain values, plus the CSV of the same figures.
 * Pure: no drawing (core/report_layout.h lays the figures out, and
 * platform/report_draw.h draws them). Counts only: nothing here identifies
 * a patient.
 *
 * Sources (../shared/seeds/key-worker-principles-wales-2014.txt): every
 * cancer patient must have a named key worker; the key worker is reviewed at
 * diagnosis, start of treatment, end of the primary treatment plan,
 * recurrence and recognition of incurability, and changes are kept to a
 * minimum; the patient is given a completed Key Worker Card.
 */
#ifndef ALLWEDD_REPORT_DATA_H
#define ALLWEDD_REPORT_DATA_H

#include "core/concerns.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/store.h"

/* The Patient Experience Survey anchors the report compares with: in 2013,
 * 66 % of Welsh cancer patients had a key worker; in 2016, 86 % were given
 * the name and contact details of their key worker. */
enum { REPORT_ANCHOR_2013_PERCENT = 66, REPORT_ANCHOR_2016_PERCENT = 86 };

/* The longest period a report covers, in days (a year, leap or not). */
enum { REPORT_MAX_DAYS = 366 };

/* The default period: the 12 weeks (84 days) up to and including --to. */
enum { REPORT_DEFAULT_DAYS = 84 };

/* Card reasons (cards_printed.reason), in display order. */
enum { REPORT_CARD_REASONS = 4 };
extern const char *const report_card_reasons[REPORT_CARD_REASONS];

/* Languages counted at the kiosk, Welsh first: "cy", "en". */
enum { REPORT_LANGUAGES = 2 };
extern const char *const report_languages[REPORT_LANGUAGES];

/* Card channels (cards_printed.by). */
enum { REPORT_CHANNELS = 2 };
extern const char *const report_channels[REPORT_CHANNELS];

/* Reasons of key worker allocations (key_worker_history.reason): the five
 * key points first, then the other reasons the export allows. */
enum { REPORT_KW_REASONS = 8, REPORT_KEY_POINTS = 5 };
extern const char *const report_kw_reasons[REPORT_KW_REASONS];

/* Support categories (services.csv categories) in the kiosk's order, with
 * the kiosk's own title for each (msgctxt "kiosk"). */
enum { REPORT_SUPPORT_CATEGORIES = 12 };
extern const char *const report_support_categories[REPORT_SUPPORT_CATEGORIES][2];

/* The anonymous answers: "Did you already know who your key worker is?"
 * (yes, no, not_sure) and "Was this easy to use?" (yes, no). */
enum { REPORT_KNEW_ANSWERS = 3, REPORT_EASY_ANSWERS = 2 };
extern const char *const report_knew_answers[REPORT_KNEW_ANSWERS];
extern const char *const report_easy_answers[REPORT_EASY_ANSWERS];

typedef struct {
  char *pathway;            /* "" when the export gave none; owned */
  long patients, with_key_worker;
} report_pathway_t;

typedef struct {
  long run;                 /* sync_runs.id */
  char finished_at[21];     /* UTC ISO 8601 */
  char generated[32];       /* the bundle's generated time */
  long patients, with_key_worker;
} report_sync_point_t;

typedef struct {
  char monday[11];          /* the ISO week's Monday, "YYYY-MM-DD" */
  long cards[REPORT_CARD_REASONS][REPORT_CHANNELS];
} report_week_t;

typedef struct {
  char *outcome;            /* print outcome keyword; owned */
  long count;
} report_fault_t;

typedef struct {
  /* The period, inclusive UTC dates, and when the report was made. */
  char from[11], to[11];
  char made_at[21];
  /* The snapshot: site, bundle and its age when the report was made. */
  char site[256];
  char bundle_generated[32];   /* "" before the first sync */
  char last_sync_at[32];
  double data_age_hours;       /* since the bundle was generated; < 0 unknown */
  /* Patients with a named key worker, now (snapshot). */
  long patients, with_key_worker;
  report_pathway_t *pathways;
  size_t npathways;
  /* The same after each sync that finished in the period. */
  report_sync_point_t *trend;
  size_t ntrend;
  /* Cards printed, per ISO week overlapping the period (every week, zeros
   * included), and the totals. */
  report_week_t *weeks;
  size_t nweeks;
  long cards_by_reason[REPORT_CARD_REASONS];
  long cards_by_channel[REPORT_CHANNELS];
  long cards_total;
  /* Card print jobs the printer did not complete, by outcome. */
  report_fault_t *faults;
  size_t nfaults;
  long faults_total;
  /* Key worker allocations from the history, from_date in the period:
   * the patient's first key worker, or a change of key worker. */
  long first_allocations[REPORT_KW_REASONS];
  long changes[REPORT_KW_REASONS];
  /* At the kiosk, from the audit log. */
  long no_key_worker_events;     /* "no key worker" screens shown */
  long no_key_worker_patients;   /* different patients among them */
  long identify_failures;        /* tries that found no one (or not one) */
  long lockouts;                 /* identification paused after failed tries */
  /* Anonymous counts (store_counts.h), kept per calendar month: the months
   * the period touches, from the 1st of from's month to the last day of
   * to's month. */
  char counts_from[11], counts_to[11];
  long language_chosen[REPORT_LANGUAGES];        /* cy, en */
  long support_viewed[REPORT_SUPPORT_CATEGORIES];
  long knew_key_worker[REPORT_KNEW_ANSWERS];
  long easy_to_use[REPORT_EASY_ANSWERS];
  /* The concerns checklist (store_concerns.h): journeys that ticked
   * something in each group, over the days of the period. */
  long concerns[CONCERNS_GROUP_COUNT];
} report_t;

/* Resolve the period from the optional --from and --to (NULL: not given)
 * and today's UTC date: to defaults to today, from to REPORT_DEFAULT_DAYS
 * days ending on to. false with the reason in err when a date is malformed,
 * from is after to, or the period is longer than REPORT_MAX_DAYS. */
bool report_period(const char *from, const char *to, const char *today, char out_from[11],
                   char out_to[11], char *err, size_t errlen);

/* Read every figure for the period [from, to] from the store. made_at
 * (UTC ISO 8601) is the report's time, for the data's age. NULL with the
 * reason in err. */
report_t *report_collect(store_t *st, const char *from, const char *to, const char *made_at,
                         char *err, size_t errlen);

void report_free(report_t *r);

/* Percentage of part in whole, rounded to a whole number; -1 when whole is 0. */
int report_percent(long part, long whole);

/* Write the figures as CSV (RFC 4180, LF line ends, header
 * "figure,group,value,total,from,to,source"; see docs/report.md). false on
 * a write error (errno set by stdio). */
bool report_write_csv(const report_t *r, FILE *out);

#endif
