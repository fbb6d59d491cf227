/*
 * One card job: the only code that makes a Key Worker Card, used by
 * `allwedd card` and by the kiosk (a patient's card, a staff reprint).
 *
 *   look-up (by NHS number, or the person the kiosk identified)
 *   -> content from configuration (core/content.h)
 *   -> layout and raster (raster_add_card, at the printer profile's dpi)
 *   -> a file (--out) and/or the printer (print.h's worker thread)
 *   -> the card print record and the audit entry (app/records.h)
 *
 * Every card made is recorded (patient, key worker, reason, printer or file,
 * job id, outcome, by whom) and audited, printed or not. A look-up that
 * finds no card to make records nothing and says why. A store fault during
 * the look-up is reported as a store fault, never as "not found".
 *
 * The job starts on the caller's thread (look-up and layout take about
 * 10 ms) and prints on print.h's worker thread: the kiosk polls it from its
 * event loop, a command waits for it.
 */
#ifndef ALLWEDD_APP_CARD_JOB_H
#define ALLWEDD_APP_CARD_JOB_H

#include <stdbool.h>

#include "app/records.h"
#include "core/config.h"
#include "core/i18n.h"
#include "core/model.h"
#include "core/profile.h"
#include "core/store.h"
#include "platform/draw.h"
#include "platform/print.h"

typedef enum {
  APP_CARD_RUNNING = 0,    /* not finished yet */
  APP_CARD_DONE,           /* written and/or printed as asked */
  APP_CARD_NOT_FOUND,      /* no patient with that NHS number */
  APP_CARD_NO_KEY_WORKER,  /* no key worker allocated, or their record is missing */
  APP_CARD_STORE_FAULT,    /* the look-up failed (store_fault() kind in store_fault) */
  APP_CARD_NOT_MADE,       /* layout or file writing failed */
  APP_CARD_NOT_PRINTED,    /* the printer did not print it: print says why */
} app_card_outcome_t;

/* What a card job works with; everything borrowed, must outlive the job. */
typedef struct {
  const config_t *cfg;
  const i18n_t *cat;
  draw_t *draw;              /* fonts for the layout and raster */
  store_t *store;            /* look-ups; NULL when the request carries the records */
  app_records_t *records;    /* where the print record and audit go */
  const profile_t *profile;  /* the card printer's profile */
} app_card_env_t;

typedef struct {
  const char *nhs_number;          /* look the patient up by this; or NULL and: */
  const patient_t *patient;        /*   the person already identified (copied) */
  const key_worker_t *key_worker;  /*   and their key worker (copied) */
  bool test_card;                  /* a printer test: no patient, no record */
  const char *reason;              /* new | lost | damaged | key_worker_changed */
  const char *by;                  /* kiosk | staff (who asked, the channel) */
  const char *qr_lang;             /* "cy" | "en" | NULL: the patient's preference, else cy */
  const char *out_path;            /* write the card here (.png, .pwg); NULL: no file */
  bool print;                      /* print it (after the file, when both) */
  const char *printer;             /* queue or ipp:// URI; NULL: cfg->printer */
  int timeout_s;                   /* whole print; 0: cfg->print_timeout_s */
} app_card_request_t;

typedef struct {
  app_card_outcome_t outcome;
  store_fault_t store_fault;       /* APP_CARD_STORE_FAULT: its kind */
  print_status_t print;            /* when printing was tried: state, job, reasons */
  char written_path[CONFIG_PATH_MAX]; /* the file written, when one was */
  int pages;                       /* pages of the card document */
  const char *mime;                /* format of the file written */
  char message[768];               /* staff-facing why, when not DONE */
} app_card_result_t;

typedef struct app_card_job app_card_job_t;

/* Start a card job. NULL only when memory runs out. The job may already be
 * finished (a refused look-up, a file-only card): poll it. */
app_card_job_t *app_card_job_start(const app_card_env_t *env, const app_card_request_t *req);

/* The job's result so far; true once it is finished. Never blocks for
 * longer than a mutex. */
bool app_card_job_poll(app_card_job_t *job, app_card_result_t *out);

/* Wait until the job finishes (the print timeout bounds it). */
void app_card_job_wait(app_card_job_t *job, app_card_result_t *out);

/* Cancel a running print (recorded as cancelled), wipe the job's copy of the
 * person and free it. NULL is fine. */
void app_card_job_free(app_card_job_t *job);

/* A stable keyword for an outcome ("done", "not-found"...). */
const char *app_card_outcome_keyword(app_card_outcome_t outcome);

#endif
