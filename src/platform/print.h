/*
 * Printing through IPP with libcups, without ever blocking the caller: a
 * print job runs in its own worker thread, and the kiosk's event loop asks
 * print_job_poll() for the state and a message each frame.
 *
 * The destination is a CUPS queue name (asked of the CUPS server in
 * CUPS_SERVER / client.conf), "" for the default destination, or an ipp://
 * or ipps:// printer URI spoken to directly (no cupsd needed). The worker
 * asks the printer for its state and formats, refuses early when it is
 * stopped, out of media, jammed or offline, chooses the first of the
 * profile's formats the printer accepts, submits the pages, and follows the
 * job until it is completed, stopped, aborted or times out. A job that does
 * not finish is cancelled, so a card never comes out later for nobody.
 *
 * Every ending has an outcome keyword (for the print record), a message for
 * staff (English, with the IPP reasons) and a msgid for the patient (msgctxt
 * "print" in locales/cy.po and en.po: a kind, bilingual "please ask at reception").
 */
#ifndef ALLWEDD_PRINT_H
#define ALLWEDD_PRINT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/profile.h"
#include "platform/raster.h"

typedef enum {
  PRINT_STATE_CONNECTING = 0, /* finding the printer, asking its state */
  PRINT_STATE_SENDING,        /* writing and submitting the document */
  PRINT_STATE_PRINTING,       /* the printer has the job */
  PRINT_STATE_DONE,           /* finished: see outcome */
} print_state_t;

typedef enum {
  PRINT_OUTCOME_NONE = 0,     /* still running */
  PRINT_OUTCOME_COMPLETED,    /* printed */
  PRINT_OUTCOME_STOPPED,      /* queue or printer stopped or paused */
  PRINT_OUTCOME_MEDIA_EMPTY,  /* out of cards or paper */
  PRINT_OUTCOME_MEDIA_JAM,    /* card or paper stuck */
  PRINT_OUTCOME_OFFLINE,      /* printer offline (as the printer or cupsd says) */
  PRINT_OUTCOME_UNREACHABLE,  /* cannot connect to the printer or CUPS server */
  PRINT_OUTCOME_NOT_FOUND,    /* no such queue, or no default destination */
  PRINT_OUTCOME_REFUSED,      /* not accepting jobs, no usable format, request refused */
  PRINT_OUTCOME_ABORTED,      /* the printer aborted or cancelled the job */
  PRINT_OUTCOME_TIMEOUT,      /* not finished in time (the job was cancelled) */
  PRINT_OUTCOME_CANCELED,     /* print_job_cancel() */
  PRINT_OUTCOME_ERROR,        /* a local failure (writing the document) */
} print_outcome_t;

typedef struct {
  print_state_t state;
  print_outcome_t outcome;
  int job_id;                 /* 0 until the printer accepted the job */
  char printer[256];          /* the queue name or URI actually used */
  char format[64];            /* the document format sent */
  char staff_message[512];    /* English, for staff and logs */
  const char *patient_msgid;  /* msgctxt "print"; translate with i18n_get() */
  int64_t elapsed_ms;         /* since print_job_start() */
} print_status_t;

typedef struct {
  const char *printer;        /* queue, ipp:// URI, or NULL/"" for the default */
  const char *title;          /* job-name; never patient data */
  int timeout_s;              /* whole job; <= 0: 60 */
  bool check_only;            /* ask the printer's state, send nothing: the job
                                 ends COMPLETED ("ready") or with the reason it
                                 could not print, as a real job would */
} print_options_t;

typedef struct print_job print_job_t;

/* Start printing doc (its pages are taken: doc is left empty) with profile
 * p (copied); with opt->check_only doc may be empty. Returns at once; NULL
 * with err only when the worker thread cannot start. */
print_job_t *print_job_start(const print_options_t *opt, const profile_t *p, raster_doc_t *doc,
                             char *err, size_t errlen);

/* Copy the job's current status into out; true once it is finished (state
 * DONE). Never blocks for longer than a mutex. */
bool print_job_poll(print_job_t *job, print_status_t *out);

/* Ask the job to stop: it cancels the printer's job if there is one and
 * ends with PRINT_OUTCOME_CANCELED. Returns at once. */
void print_job_cancel(print_job_t *job);

/* Block until the job ends (for the command line); fills out. */
void print_job_wait(print_job_t *job, print_status_t *out);

/* Cancel if still running, wait for the worker, free. NULL is fine. */
void print_job_free(print_job_t *job);

/* "completed", "stopped", "media-empty", ... as written to the print record. */
const char *print_outcome_keyword(print_outcome_t outcome);

/* The patient msgid (ctx "print") for an outcome; NONE: "Printing your card…". */
const char *print_patient_msgid(print_outcome_t outcome);

#endif
