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
  int attempts;               /* Print-Job requests sent (more than 1 when the
                                 printer answered busy and it was tried again) */
  char printer[256];          /* the queue name or URI actually used */
  char format[64];            /* the document format sent */
  char staff_message[512];    /* English, for staff and logs */
  char reasons[512];          /* printer-state-reasons (RFC 8011) as the printer gave them
                                 when asked before sending, joined by ", "; "" when
                                 none or not asked: for staff words (core/printer_text.h) */
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

/* ---- The printer outside a job ----
 *
 * These block for at most timeout_ms (every request they make counts):
 * call them from a worker thread or the command line, never from the
 * kiosk's event loop. The printer is named as for print_options_t. */

typedef enum {
  PRINT_QUEUE_UNKNOWN = 0,    /* could not ask (see error) */
  PRINT_QUEUE_IDLE,
  PRINT_QUEUE_PROCESSING,
  PRINT_QUEUE_STOPPED,        /* cupsdisable, or CUPS stopped it after a fault */
} print_queue_state_t;

typedef struct {
  print_queue_state_t state;
  bool is_queue;              /* a CUPS queue (false: an ipp:// printer asked directly) */
  bool accepting;             /* printer-is-accepting-jobs */
  print_outcome_t blocker;    /* what a card sent now would end with (NONE: it would
                                 be sent; REFUSED: not accepting; UNREACHABLE or
                                 NOT_FOUND when it could not be asked) */
  int queued_jobs;            /* queued-job-count; -1 unknown */
  char printer[256];          /* the queue (the default resolved) or the URI */
  char reasons[512];          /* printer-state-reasons joined by ", "; "none" */
  char message[256];          /* printer-state-message, e.g. the reason given to
                                 cupsdisable -r ("hopper open"); "" when none */
  char device_uri[512];       /* a queue's device-uri; "" otherwise */
  char error[512];            /* UNKNOWN: why it could not be asked (English) */
} print_queue_info_t;

/* Ask printer for its state, reasons and state message (for metrics and
 * the staff screen). true with out filled; false with out->state UNKNOWN
 * and the reason in out->error (the other fields stay empty). Holds no
 * patient data. */
bool print_queue_state(const char *printer, int timeout_ms, print_queue_info_t *out);

/* "idle", "processing", "stopped", "unknown": for metric labels. */
const char *print_queue_state_keyword(print_queue_state_t state);

/* The staff screen's words for a state (msgctxt "print", both locales):
 * "Printer: ready", "Printer: printing", "Printer: stopped", "Printer: not
 * answering". */
const char *print_queue_state_msgid(print_queue_state_t state);

typedef enum {
  PRINT_RESUME_NOT_STOPPED = 0, /* nothing to do */
  PRINT_RESUME_RESUMED,       /* Resume-Printer accepted: audit "printer_resumed" */
  PRINT_RESUME_NOT_READY,     /* stopped, and its printer still reports a fault or
                                 does not answer: left stopped */
  PRINT_RESUME_NOT_A_QUEUE,   /* an ipp:// printer: no CUPS queue to resume */
  PRINT_RESUME_FAILED,        /* could not ask, or cupsd refused Resume-Printer
                                 (the user may not manage queues) */
} print_resume_t;

/* [printer] auto_resume: resume queue (IPP Resume-Printer to the CUPS
 * server, as cupsenable does) when it is stopped and its printer reports
 * ready. Ready means: for a queue whose device-uri is ipp:// or ipps://
 * (IPP Everywhere), the device itself answers Get-Printer-Attributes not
 * stopped and with no fault reason; for any other device, the queue's own
 * printer-state-reasons show no fault besides "paused". A queue that is not
 * accepting jobs (cupsreject) is left so: that is someone's decision, not a
 * fault. state gets the queue's state (after resuming: as it is now), why
 * one English sentence for staff, the log and the audit detail. The kiosk
 * host calls this from its print worker every so often while the queue is
 * stopped and no job runs, and audits "printer_resumed" on RESUMED. */
print_resume_t print_queue_resume_if_ready(const char *queue, int timeout_ms, print_queue_info_t *state,
                                           char *why, size_t whylen);

/* "resumed", "not-stopped", "not-ready", "not-a-queue", "failed". */
const char *print_resume_keyword(print_resume_t r);

typedef enum {
  PRINT_JOB_UNKNOWN = 0,      /* could not ask */
  PRINT_JOB_NOT_FOUND,        /* the printer knows no such job (purged, or another printer) */
  PRINT_JOB_PENDING,
  PRINT_JOB_HELD,
  PRINT_JOB_PROCESSING,
  PRINT_JOB_STOPPED,
  PRINT_JOB_CANCELED,
  PRINT_JOB_ABORTED,
  PRINT_JOB_COMPLETED,
} print_job_state_t;

/* The state of job job_id on printer (Get-Job-Attributes): for print
 * records left unfinished by a crash (issue 11). true with *state and the
 * job-state-reasons in detail (NOT_FOUND is an answer too); false with
 * *state UNKNOWN and the reason in detail. A record needs the printer the
 * job was sent to (print_status_t.printer), not "(default)". */
bool print_job_state_by_id(const char *printer, int job_id, int timeout_ms, print_job_state_t *state,
                           char *detail, size_t detaillen);

/* "completed", "aborted", "canceled", "pending", "held", "processing",
 * "stopped", "not-found", "unknown". */
const char *print_job_state_keyword(print_job_state_t s);

/* Cancel-Job job_id on printer (a card still queued after a crash must not
 * come out later for nobody). false with the reason in why. */
bool print_job_cancel_by_id(const char *printer, int job_id, int timeout_ms, char *why, size_t whylen);

#endif
