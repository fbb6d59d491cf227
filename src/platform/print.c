/*
 * Print jobs over IPP (libcups), one worker thread per job. The worker owns
 * the HTTP connection and the document; the caller only ever takes a status
 * snapshot under the job's mutex, so the kiosk's event loop never waits on
 * the network. The same IPP requests serve a cupsd queue (printer-uri
 * ipp://localhost/printers/NAME on the CUPS server) and a printer spoken to
 * directly by its ipp:// URI.
 */
#include "platform/print.h"
#include "platform/print_private.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cups/cups.h>

#include "core/clock.h"

/* A job that timed out is cancelled at the printer within this much more. */
enum { PRINT_CANCEL_GRACE_MS = 500 };

/* Back-off between tries of a Print-Job the printer answered "busy" (or
 * another temporary error): the first pause, and the longest. */
enum { PRINT_RETRY_FIRST_MS = 200, PRINT_RETRY_MAX_MS = 2000 };

struct print_job {
  pthread_t thread;
  pthread_mutex_t lock;
  print_status_t status;      /* under lock */
  int cancel;                 /* set by print_job_cancel(); read by the worker */
  /* Worker-owned after start: */
  profile_t profile;
  raster_doc_t doc;
  char printer[256];
  char title[128];
  char job_name[160];         /* title + a token: finds our job on the printer */
  int timeout_s;
  bool check_only;
  int64_t start_ms;
  int64_t deadline_ms;        /* since start_ms: the network gives up here */
  http_t *http;
  char uri[1024];             /* printer-uri */
  char resource[1024];
  char docfile[256];          /* while being written; unlinked once written */
  int docfd;                  /* the written document, open, its name gone (-1: none) */
  /* The printer behind a cupsd queue, followed directly (job_follow): */
  bool is_queue;
  char device_uri[1024];      /* its ipp(s):// URI; "" when not an IPP device */
  print_conn_t device;        /* opened on first use */
  int device_job_id;          /* the printer's id for our job, once found */
  bool device_failed;         /* it did not answer: rely on cupsd alone */
};

/* Outcome keywords, in print_outcome_t order. */
static const char *const OUTCOMES[] = {
    "running", "completed", "stopped", "media-empty", "media-jam", "offline", "unreachable",
    "not-found", "refused", "aborted", "timeout", "canceled", "error"};

/* The print-record keyword of an outcome. */
const char *print_outcome_keyword(print_outcome_t outcome)
{
  return (unsigned)outcome < sizeof OUTCOMES / sizeof OUTCOMES[0] ? OUTCOMES[outcome] : "error";
}

/* The patient's message (msgctxt "print") for an outcome. */
const char *print_patient_msgid(print_outcome_t outcome)
{
  switch (outcome) {
  case PRINT_OUTCOME_NONE:
    return "Printing your card…";
  case PRINT_OUTCOME_COMPLETED:
    return "Please take your card.";
  case PRINT_OUTCOME_MEDIA_EMPTY:
    return "Sorry, the printer has run out of cards. Please ask at reception.";
  case PRINT_OUTCOME_MEDIA_JAM:
    return "Sorry, the card is stuck in the printer. Please ask at reception.";
  default:
    return "Sorry, the printer is not working right now. Please ask at reception.";
  }
}

/* Milliseconds since the job started. */
static int64_t job_elapsed(const print_job_t *job) { return clock_monotonic_ms() - job->start_ms; }

/* Set the running state (and the elapsed time). */
static void job_set_state(print_job_t *job, print_state_t state)
{
  pthread_mutex_lock(&job->lock);
  job->status.state = state;
  pthread_mutex_unlock(&job->lock);
}

/* End the job with an outcome and a staff message. */
__attribute__((format(printf, 3, 4)))
static void job_finish(print_job_t *job, print_outcome_t outcome, const char *fmt, ...)
{
  va_list ap;
  pthread_mutex_lock(&job->lock);
  va_start(ap, fmt);
  vsnprintf(job->status.staff_message, sizeof job->status.staff_message, fmt, ap);
  va_end(ap);
  job->status.outcome = outcome;
  job->status.patient_msgid = print_patient_msgid(outcome);
  job->status.elapsed_ms = job_elapsed(job);
  job->status.state = PRINT_STATE_DONE;
  pthread_mutex_unlock(&job->lock);
}

/* True when the caller asked to stop. */
static bool job_cancelled(print_job_t *job)
{
  pthread_mutex_lock(&job->lock);
  bool c = job->cancel != 0;
  pthread_mutex_unlock(&job->lock);
  return c;
}

/* Milliseconds left before the job's deadline (at least 1). */
static int job_remaining_ms(const print_job_t *job)
{
  int64_t left = job->deadline_ms - job_elapsed(job);
  return left > 1 ? (int)left : 1;
}

/* True once the job's time is up. */
static bool job_out_of_time(const print_job_t *job)
{
  return job_elapsed(job) >= job->deadline_ms;
}

/* libcups calls this whenever the connection has been quiet for
 * PRINT_WAIT_SLICE_S while sending or waiting for an answer: keep waiting
 * (1) while the job has time left and nobody cancelled it. So a printer
 * that accepts the connection and never answers costs the timeout, not
 * libcups' own waits. */
static int job_http_wait(http_t *http, void *data)
{
  (void)http;
  print_job_t *job = data;
  return !job_out_of_time(job) && !job_cancelled(job);
}

/* Why the last request on the job's connection failed, in words. */
static void job_failure_reason(print_job_t *job, char *out, size_t outlen)
{
  print_conn_t c = {.http = job->http};
  print_conn_failure(&c, out, outlen);
}

/* A new IPP request for the job's printer with the usual operation attributes. */
static ipp_t *job_request(const print_job_t *job, ipp_op_t op)
{
  ipp_t *req = ippNewRequest(op);
  ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, job->uri);
  ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
  return req;
}

/* Find and connect to the destination (print_conn_open) within the job's
 * time. false after job_finish(). */
static bool job_resolve(print_job_t *job)
{
  char why[512];
  print_conn_t c;
  int ms = job_remaining_ms(job);
  print_conn_result_t r = print_conn_open(&c, job->printer, ms < 10000 ? ms : 10000, &job->cancel,
                                          job_http_wait, job, why, sizeof why);
  if (r != PRINT_CONN_OK) {
    job_finish(job, r == PRINT_CONN_UNREACHABLE ? PRINT_OUTCOME_UNREACHABLE : PRINT_OUTCOME_NOT_FOUND,
               "%s", why);
    return false;
  }
  job->http = c.http;
  job->is_queue = c.is_queue;
  snprintf(job->printer, sizeof job->printer, "%s", c.name);
  snprintf(job->uri, sizeof job->uri, "%s", c.uri);
  snprintf(job->resource, sizeof job->resource, "%s", c.resource);
  return true;
}

/* The outcome that the printer's state and reasons mean for a job, or NONE
 * when nothing stands in the way. detail receives the reasons. Suffixes
 * -warning and -report are informational, except offline-report (cupsd
 * says so when its backend cannot reach the device). */
print_outcome_t print_printer_blocker(ipp_t *attrs, char *detail, size_t detaillen)
{
  print_outcome_t found = PRINT_OUTCOME_NONE;
  ipp_attribute_t *reasons = ippFindAttribute(attrs, "printer-state-reasons", IPP_TAG_KEYWORD);
  int state = ippGetInteger(ippFindAttribute(attrs, "printer-state", IPP_TAG_ENUM), 0);
  size_t len = 0;
  detail[0] = '\0';
  for (int i = 0; i < ippGetCount(reasons); i++) {
    const char *r = ippGetString(reasons, i, NULL);
    char base[128];
    if (!r || !strcmp(r, "none"))
      continue;
    len += (size_t)snprintf(detail + len, len < detaillen ? detaillen - len : 0, "%s%s",
                            len ? ", " : "", r);
    if (len >= detaillen)
      len = detaillen - 1;
    snprintf(base, sizeof base, "%s", r);
    size_t n = strlen(base);
    bool report = n > 7 && !strcmp(base + n - 7, "-report");
    bool warning = n > 8 && !strcmp(base + n - 8, "-warning");
    if (n > 6 && !strcmp(base + n - 6, "-error"))
      base[n - 6] = '\0';
    if (warning || (report && strcmp(r, "offline-report")))
      continue;
    if (report)
      base[n - 7] = '\0';
    print_outcome_t o = PRINT_OUTCOME_NONE;
    if (!strcmp(base, "media-jam"))
      o = PRINT_OUTCOME_MEDIA_JAM;
    else if (!strcmp(base, "media-empty") || !strcmp(base, "media-needed"))
      o = PRINT_OUTCOME_MEDIA_EMPTY;
    else if (!strcmp(base, "offline") || !strcmp(base, "shutdown"))
      o = PRINT_OUTCOME_OFFLINE;
    else if (!strcmp(base, "paused") || !strcmp(base, "stopped"))
      o = PRINT_OUTCOME_STOPPED;
    /* Jam beats empty beats offline beats stopped: the most specific advice. */
    if (o != PRINT_OUTCOME_NONE && (found == PRINT_OUTCOME_NONE || o == PRINT_OUTCOME_MEDIA_JAM ||
                                    (o == PRINT_OUTCOME_MEDIA_EMPTY && found != PRINT_OUTCOME_MEDIA_JAM) ||
                                    (o == PRINT_OUTCOME_OFFLINE && found == PRINT_OUTCOME_STOPPED)))
      found = o;
  }
  if (found == PRINT_OUTCOME_NONE && state == IPP_PSTATE_STOPPED)
    found = PRINT_OUTCOME_STOPPED;
  if (!detail[0])
    snprintf(detail, detaillen, "none");
  return found;
}

/* The staff message for a blocking printer outcome. */
const char *print_blocker_text(print_outcome_t o)
{
  switch (o) {
  case PRINT_OUTCOME_MEDIA_JAM:
    return "card or paper jam";
  case PRINT_OUTCOME_MEDIA_EMPTY:
    return "out of cards or paper";
  case PRINT_OUTCOME_OFFLINE:
    return "printer offline";
  case PRINT_OUTCOME_STOPPED:
    return "printer stopped or paused";
  default:
    return "printer not ready";
  }
}

/* End the job after a request that failed: TIMEOUT when the job's time ran
 * out waiting for the answer, else by the IPP status. */
static void job_request_failed(print_job_t *job, const char *operation, ipp_status_t st)
{
  char why[256];
  job_failure_reason(job, why, sizeof why);
  if (job_out_of_time(job))
    job_finish(job, PRINT_OUTCOME_TIMEOUT, "%s did not answer %s within %d s (%s)", job->printer,
               operation, job->timeout_s, why);
  else if (st == IPP_STATUS_ERROR_NOT_FOUND)
    job_finish(job, PRINT_OUTCOME_NOT_FOUND, "no printer '%s': %s", job->printer, why);
  else if (st == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || st == IPP_STATUS_ERROR_INTERNAL)
    job_finish(job, PRINT_OUTCOME_UNREACHABLE, "printer %s unreachable: %s", job->printer, why);
  else
    job_finish(job, PRINT_OUTCOME_REFUSED, "printer %s refused %s: %s", job->printer, operation,
               why);
}

/* Get-Printer-Attributes; NULL after job_finish() on failure. */
static ipp_t *job_printer_attrs(print_job_t *job)
{
  static const char *const want[] = {"printer-state",          "printer-state-reasons",
                                     "printer-is-accepting-jobs", "document-format-supported",
                                     "media-supported",        "sides-supported",
                                     "print-color-mode-supported", "printer-state-message",
                                     "device-uri"};
  ipp_t *req = job_request(job, IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                (int)(sizeof want / sizeof want[0]), NULL, want);
  ipp_t *resp = cupsDoRequest(job->http, req, job->resource);
  ipp_status_t st = cupsLastError();
  if (resp && st <= IPP_STATUS_OK_EVENTS_COMPLETE)
    return resp;
  ippDelete(resp);
  job_request_failed(job, "Get-Printer-Attributes", st);
  return NULL;
}

/* The values of attr joined by ", " ("none" when it has none). */
void print_join_strings(ipp_attribute_t *attr, char *out, size_t outlen)
{
  size_t len = 0;
  out[0] = '\0';
  for (int i = 0; i < ippGetCount(attr) && len < outlen; i++)
    len += (size_t)snprintf(out + len, outlen - len, "%s%s", i ? ", " : "",
                            ippGetString(attr, i, NULL));
  if (!out[0])
    snprintf(out, outlen, "none");
}

/* The profile's formats that can carry a page_count-page document. */
static void list_profile_formats(const profile_t *p, size_t page_count, char *out, size_t outlen)
{
  size_t len = 0;
  out[0] = '\0';
  for (size_t i = 0; i < p->nformats && len < outlen; i++)
    if (raster_can_write(p->formats[i], page_count))
      len += (size_t)snprintf(out + len, outlen - len, "%s%s", len ? ", " : "", p->formats[i]);
  if (!out[0])
    snprintf(out, outlen, "none");
}

/* What the printer says about itself (printer-state-message) as
 * ': "TEXT"' for a staff message, or "" when it says nothing. */
static void printer_says(ipp_t *attrs, char *out, size_t outlen)
{
  const char *msg = ippGetString(ippFindAttribute(attrs, "printer-state-message", IPP_TAG_TEXT), 0, NULL);
  if (msg && *msg)
    snprintf(out, outlen, ": \"%s\"", msg);
  else if (outlen)
    out[0] = '\0';
}

/* What staff can do about a blocking outcome, or "". */
static const char *blocker_hint(print_outcome_t o)
{
  return o == PRINT_OUTCOME_STOPPED ? "; cupsenable the queue once the printer is fixed" : "";
}

/* Check the printer can take a job now and pick the format; false after
 * job_finish(). */
static bool job_check_printer(print_job_t *job, ipp_t *attrs, const char **format)
{
  char detail[512], said[300];
  print_outcome_t blocker = print_printer_blocker(attrs, detail, sizeof detail);
  pthread_mutex_lock(&job->lock);
  snprintf(job->status.reasons, sizeof job->status.reasons, "%s", detail);
  pthread_mutex_unlock(&job->lock);
  if (blocker != PRINT_OUTCOME_NONE) {
    printer_says(attrs, said, sizeof said);
    job_finish(job, blocker, "%s: %s%s (printer-state-reasons: %s); nothing was sent%s",
               job->printer, print_blocker_text(blocker), said, detail, blocker_hint(blocker));
    return false;
  }
  ipp_attribute_t *acc = ippFindAttribute(attrs, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
  if (acc && !ippGetBoolean(acc, 0)) {
    job_finish(job, PRINT_OUTCOME_REFUSED, "%s is not accepting jobs (cupsaccept it)",
               job->printer);
    return false;
  }
  ipp_attribute_t *formats = ippFindAttribute(attrs, "document-format-supported", IPP_TAG_MIMETYPE);
  for (size_t i = 0; i < job->profile.nformats; i++) {
    const char *f = job->profile.formats[i];
    if (!raster_can_write(f, job->doc.count))
      continue; /* e.g. PNG for a two-page document */
    if (!formats || ippContainsString(formats, f)) {
      *format = f;
      return true;
    }
  }
  char offered[256], accepted[512];
  list_profile_formats(&job->profile, job->doc.count, offered, sizeof offered);
  print_join_strings(formats, accepted, sizeof accepted);
  job_finish(job, PRINT_OUTCOME_REFUSED,
             "%s accepts none of the formats profile %s offers for a %zu-page document (%s); "
             "the printer accepts: %s",
             job->printer, job->profile.name, job->doc.count, offered, accepted);
  return false;
}

/* Write the document to a private temporary file and keep it only as an
 * open descriptor: its name is removed at once, so a process killed while
 * printing leaves no copy of the card (the key worker, the team, perhaps the
 * patient's name) in TMPDIR. false after job_finish(). */
static bool job_write_document(print_job_t *job, const char *format)
{
  char err[512];
  const char *tmp = getenv("TMPDIR");
  snprintf(job->docfile, sizeof job->docfile, "%s/allwedd-print-XXXXXX",
           tmp && *tmp ? tmp : "/tmp");
  int fd = mkstemp(job->docfile);
  if (fd < 0) {
    job_finish(job, PRINT_OUTCOME_ERROR, "cannot create a temporary file: %s", strerror(errno));
    job->docfile[0] = '\0';
    return false;
  }
  close(fd);
  bool ok = raster_write(&job->doc, &job->profile, format, job->docfile, err, sizeof err);
  /* The writer may replace the file (write, then rename): open what it
   * wrote, then remove the name. */
  if (ok && (job->docfd = open(job->docfile, O_RDONLY | O_CLOEXEC)) < 0) {
    snprintf(err, sizeof err, "cannot read back the document: %s", strerror(errno));
    ok = false;
  }
  unlink(job->docfile);
  job->docfile[0] = '\0';
  if (!ok) {
    job_finish(job, PRINT_OUTCOME_ERROR, "%s", err);
    return false;
  }
  return true;
}

/* True for an answer that means "not now": the printer is busy with
 * another job (ippeveprinter, many IPP Everywhere printers) or briefly
 * unavailable. Not "not accepting jobs": that is a queue someone rejected. */
static bool print_status_temporary(ipp_status_t st)
{
  return st == IPP_STATUS_ERROR_BUSY || st == IPP_STATUS_ERROR_TEMPORARY ||
         st == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || st == IPP_STATUS_ERROR_TOO_MANY_JOBS;
}

/* Wait ms (in short steps) unless the job is cancelled or its time would
 * run out first; true when the full pause passed with time left. */
static bool job_pause(print_job_t *job, int ms)
{
  int64_t until = job_elapsed(job) + ms;
  if (until >= job->deadline_ms)
    return false;
  while (job_elapsed(job) < until) {
    if (job_cancelled(job))
      return false;
    struct timespec ts = {0, 20 * 1000000L};
    nanosleep(&ts, NULL);
  }
  return true;
}

/* Send Print-Job with the document once; the response (NULL on failure)
 * and the IPP status in *st. */
static ipp_t *job_send_print_job(print_job_t *job, ipp_t *attrs, const char *format, ipp_status_t *st)
{
  ipp_t *req = job_request(job, IPP_OP_PRINT_JOB);
  ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", NULL, job->job_name);
  ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_MIMETYPE, "document-format", NULL, format);
  ipp_attribute_t *media = ippFindAttribute(attrs, "media-supported", IPP_TAG_ZERO);
  if (ippContainsString(media, job->profile.pwg_media))
    ippAddString(req, IPP_TAG_JOB, IPP_TAG_KEYWORD, "media", NULL, job->profile.pwg_media);
  const char *sides = profile_sides_keyword(job->profile.sides);
  if (job->doc.count > 1 && ippContainsString(ippFindAttribute(attrs, "sides-supported", IPP_TAG_KEYWORD), sides))
    ippAddString(req, IPP_TAG_JOB, IPP_TAG_KEYWORD, "sides", NULL, sides);
  if (!job->profile.color &&
      ippContainsString(ippFindAttribute(attrs, "print-color-mode-supported", IPP_TAG_KEYWORD), "monochrome"))
    ippAddString(req, IPP_TAG_JOB, IPP_TAG_KEYWORD, "print-color-mode", NULL, "monochrome");
  /* A retry sends the document again from its start. */
  ipp_t *resp = NULL;
  if (lseek(job->docfd, 0, SEEK_SET) == 0) {
    resp = cupsDoIORequest(job->http, req, job->resource, job->docfd, -1);
    *st = cupsLastError();
  } else {
    ippDelete(req);
    *st = IPP_STATUS_ERROR_INTERNAL;
  }
  return resp;
}

/* Print-Job with the document, tried again with back-off while the printer
 * answers "busy" (or another temporary error) and the job has time left;
 * returns the job id or 0 after job_finish(). */
static int job_submit(print_job_t *job, ipp_t *attrs, const char *format)
{
  int pause_ms = PRINT_RETRY_FIRST_MS, attempt = 1, id = 0;
  ipp_status_t st;
  char why[256];
  for (;; attempt++) {
    ipp_t *resp = job_send_print_job(job, attrs, format, &st);
    id = ippGetInteger(ippFindAttribute(resp, "job-id", IPP_TAG_INTEGER), 0);
    ippDelete(resp);
    if (st <= IPP_STATUS_OK_EVENTS_COMPLETE && id > 0)
      break;
    job_failure_reason(job, why, sizeof why);
    if (!print_status_temporary(st) || job_out_of_time(job)) {
      if (job_out_of_time(job) && attempt > 1)
        job_finish(job, PRINT_OUTCOME_TIMEOUT, "%s was still busy after %d s and %d tries (%s)",
                   job->printer, job->timeout_s, attempt, why);
      else if (job_out_of_time(job))
        job_request_failed(job, "Print-Job", st);
      else
        job_finish(job, st == IPP_STATUS_ERROR_NOT_FOUND ? PRINT_OUTCOME_NOT_FOUND : PRINT_OUTCOME_REFUSED,
                   "%s refused the job: %s", job->printer, why);
      return 0;
    }
    pthread_mutex_lock(&job->lock);
    snprintf(job->status.staff_message, sizeof job->status.staff_message,
             "%.200s answered %s (%.200s) to try %d; trying again in %d ms", job->printer,
             ippErrorString(st), why, attempt, pause_ms);
    pthread_mutex_unlock(&job->lock);
    if (!job_pause(job, pause_ms)) {
      if (job_cancelled(job))
        job_finish(job, PRINT_OUTCOME_CANCELED, "cancelled while %s was busy", job->printer);
      else
        job_finish(job, PRINT_OUTCOME_TIMEOUT, "%s was still busy after %d s and %d tries (%s)",
                   job->printer, job->timeout_s, attempt, why);
      return 0;
    }
    pause_ms = pause_ms * 2 > PRINT_RETRY_MAX_MS ? PRINT_RETRY_MAX_MS : pause_ms * 2;
  }
  pthread_mutex_lock(&job->lock);
  job->status.job_id = id;
  job->status.attempts = attempt;
  snprintf(job->status.format, sizeof job->status.format, "%s", format);
  job->status.staff_message[0] = '\0';
  job->status.state = PRINT_STATE_PRINTING;
  pthread_mutex_unlock(&job->lock);
  return id;
}

/* Cancel the printer's job (best effort: it may have ended already). */
static void job_cancel_remote(print_job_t *job, int id)
{
  ipp_t *req = job_request(job, IPP_OP_CANCEL_JOB);
  ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", id);
  ippDelete(cupsDoRequest(job->http, req, job->resource));
}

/* The job's state and reasons; 0 when the printer did not answer. */
static ipp_jstate_t job_state(print_job_t *job, int id, char *reasons, size_t len)
{
  static const char *const want[] = {"job-state", "job-state-reasons"};
  ipp_t *req = job_request(job, IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", id);
  ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2, NULL, want);
  ipp_t *resp = cupsDoRequest(job->http, req, job->resource);
  ipp_jstate_t state = (ipp_jstate_t)ippGetInteger(ippFindAttribute(resp, "job-state", IPP_TAG_ENUM), 0);
  ipp_attribute_t *r = ippFindAttribute(resp, "job-state-reasons", IPP_TAG_KEYWORD);
  reasons[0] = '\0';
  for (int i = 0, n = 0; i < ippGetCount(r); i++)
    n += snprintf(reasons + n, (size_t)n < len ? len - (size_t)n : 0, "%s%s", i ? ", " : "",
                  ippGetString(r, i, NULL));
  ippDelete(resp);
  return state;
}

/* Cancel job id at the printer after the job's own time ran out, allowing
 * the request PRINT_CANCEL_GRACE_MS more. */
static void job_cancel_late(print_job_t *job, int id)
{
  int64_t grace = job_elapsed(job) + PRINT_CANCEL_GRACE_MS;
  if (job->deadline_ms < grace)
    job->deadline_ms = grace;
  /* After a failed request libcups would reconnect with a 30 s limit of its
   * own; reconnect here within the grace, or leave the job be. */
  if (httpGetState(job->http) != HTTP_STATE_WAITING &&
      httpReconnect2(job->http, PRINT_CANCEL_GRACE_MS, &job->cancel) != 0)
    return;
  job_cancel_remote(job, id);
}

/* The state of our job on the printer behind the queue (IPP devices only);
 * 0 when there is none, it is not there yet, or the printer does not
 * answer (then it is not asked again). */
static ipp_jstate_t job_device_state(print_job_t *job, char *reasons, size_t len)
{
  char why[512];
  if (!job->device_uri[0] || job->device_failed)
    return (ipp_jstate_t)0;
  if (!job->device.http) {
    int ms = job_remaining_ms(job);
    if (print_conn_open(&job->device, job->device_uri, ms < 2000 ? ms : 2000, &job->cancel,
                        job_http_wait, job, why, sizeof why) != PRINT_CONN_OK) {
      job->device_failed = true;
      return (ipp_jstate_t)0;
    }
  }
  ipp_jstate_t st = print_device_job_state(&job->device, job->job_name, &job->device_job_id, reasons, len);
  if (!st && cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE)
    job->device_failed = true;
  return st;
}

/* Get-Printer-Attributes from the printer behind the queue; NULL if it
 * does not answer. */
static ipp_t *job_device_attrs(print_job_t *job)
{
  static const char *const want[] = {"printer-state", "printer-state-reasons", "printer-state-message"};
  ipp_t *req = print_conn_request(&job->device, IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, NULL, want);
  ipp_t *resp = cupsDoRequest(job->device.http, req, job->device.resource);
  if (resp && cupsLastError() <= IPP_STATUS_OK_EVENTS_COMPLETE)
    return resp;
  ippDelete(resp);
  return NULL;
}

/* Cancel our job on the printer behind the queue, if it was found. */
static void job_cancel_device(print_job_t *job)
{
  if (!job->device.http || !job->device_job_id)
    return;
  ipp_t *req = print_conn_request(&job->device, IPP_OP_CANCEL_JOB);
  ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job->device_job_id);
  ippDelete(cupsDoRequest(job->device.http, req, job->device.resource));
}

/* Follow job id until it ends, the printer blocks it, or time runs out.
 * Behind a cupsd queue whose device is an IPP printer, the printer's own
 * job is followed too: its completion ends the job at once (cupsd's ipp
 * backend notices only at its next poll, 1 s or more later), and when
 * cupsd calls the job completed as soon as the card was sent (a device URI
 * with ?waitjob=false) the card is followed on the printer until it is
 * really out, or jams. */
static void job_follow(print_job_t *job, int id)
{
  char reasons[512] = "", dreasons[512] = "", detail[512] = "", said[300] = "";
  int sleep_ms = 20;
  bool on_device = false; /* cupsd is done with it; the printer is not */
  for (;;) {
    ipp_jstate_t st = on_device ? IPP_JSTATE_COMPLETED : job_state(job, id, reasons, sizeof reasons);
    ipp_jstate_t dev = st == IPP_JSTATE_PROCESSING || st == IPP_JSTATE_COMPLETED
                           ? job_device_state(job, dreasons, sizeof dreasons)
                           : (ipp_jstate_t)0;
    if (dev == IPP_JSTATE_COMPLETED || (st == IPP_JSTATE_COMPLETED && !dev)) {
      if (job->device_job_id)
        job_finish(job, PRINT_OUTCOME_COMPLETED, "job %d on %s completed (the printer's job %d)", id,
                   job->printer, job->device_job_id);
      else
        job_finish(job, PRINT_OUTCOME_COMPLETED, "job %d on %s completed", id, job->printer);
      return;
    }
    if (dev == IPP_JSTATE_ABORTED || dev == IPP_JSTATE_CANCELED) {
      if (!on_device)
        job_cancel_remote(job, id);
      job_finish(job, PRINT_OUTCOME_ABORTED, "job %d on %s: the printer %s its job %d (%s)", id,
                 job->printer, dev == IPP_JSTATE_ABORTED ? "aborted" : "cancelled", job->device_job_id,
                 dreasons);
      return;
    }
    if (st == IPP_JSTATE_ABORTED || st == IPP_JSTATE_CANCELED) {
      job_finish(job, PRINT_OUTCOME_ABORTED, "job %d on %s was %s by the printer (%s)", id,
                 job->printer, st == IPP_JSTATE_ABORTED ? "aborted" : "cancelled", reasons);
      return;
    }
    on_device = st == IPP_JSTATE_COMPLETED; /* and the printer's job is still going */
    if (job_cancelled(job)) {
      if (!on_device)
        job_cancel_remote(job, id);
      job_cancel_device(job);
      job_finish(job, PRINT_OUTCOME_CANCELED, "job %d on %s cancelled", id, job->printer);
      return;
    }
    ipp_t *attrs = on_device ? job_device_attrs(job) : job_printer_attrs(job);
    if (!attrs && on_device) {
      job_finish(job, PRINT_OUTCOME_COMPLETED, "job %d on %s sent to the printer, which then stopped "
                 "answering (its job %d was %s)", id, job->printer, job->device_job_id, dreasons);
      return;
    }
    if (!attrs) {
      job_cancel_late(job, id); /* ended already; do not leave the job to print later */
      return;
    }
    print_outcome_t blocker = print_printer_blocker(attrs, detail, sizeof detail);
    printer_says(attrs, said, sizeof said);
    ippDelete(attrs);
    if (blocker == PRINT_OUTCOME_NONE && st == IPP_JSTATE_STOPPED)
      blocker = PRINT_OUTCOME_STOPPED;
    if (blocker != PRINT_OUTCOME_NONE) {
      if (!on_device)
        job_cancel_remote(job, id);
      job_cancel_device(job);
      job_finish(job, blocker, "%s: %s%s (printer-state-reasons: %s; job %d: %s); job cancelled%s",
                 job->printer, print_blocker_text(blocker), said, detail, id,
                 on_device ? dreasons : reasons, blocker_hint(blocker));
      return;
    }
    if (job_out_of_time(job)) {
      if (!on_device)
        job_cancel_late(job, id);
      job_cancel_device(job);
      job_finish(job, PRINT_OUTCOME_TIMEOUT,
                 "job %d on %s not finished after %d s (job-state %d: %s; printer-state-reasons: "
                 "%s%s%s); job cancelled",
                 id, job->printer, job->timeout_s, (int)(on_device ? dev : st),
                 on_device ? dreasons : reasons, detail, said[0] ? "; printer says" : "", said);
      return;
    }
    int nap_ms = sleep_ms < job_remaining_ms(job) ? sleep_ms : job_remaining_ms(job);
    struct timespec ts = {nap_ms / 1000, (long)(nap_ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    if (sleep_ms < 250)
      sleep_ms += 20;
  }
}

/* The worker: resolve, check, write, submit, follow; always finishes. */
static void *print_worker(void *arg)
{
  print_job_t *job = arg;
  ipp_t *attrs = NULL;
  const char *format = NULL;
  if (!job_resolve(job))
    goto done;
  pthread_mutex_lock(&job->lock);
  snprintf(job->status.printer, sizeof job->status.printer, "%s", job->printer);
  pthread_mutex_unlock(&job->lock);
  if (!(attrs = job_printer_attrs(job)) || !job_check_printer(job, attrs, &format))
    goto done;
  const char *device = ippGetString(ippFindAttribute(attrs, "device-uri", IPP_TAG_URI), 0, NULL);
  if (job->is_queue && device)
    print_device_printer_uri(device, job->device_uri, sizeof job->device_uri);
  if (job->check_only) {
    static const char *const states[] = {"idle", "printing", "stopped"};
    int state = ippGetInteger(ippFindAttribute(attrs, "printer-state", IPP_TAG_ENUM), 0);
    char detail[512];
    print_printer_blocker(attrs, detail, sizeof detail);
    job_finish(job, PRINT_OUTCOME_COMPLETED, "%s is ready: %s, accepting jobs, will be sent %s"
               " (printer-state-reasons: %s)", job->printer,
               state >= IPP_PSTATE_IDLE && state <= IPP_PSTATE_STOPPED ? states[state - IPP_PSTATE_IDLE] : "?",
               format, detail);
    goto done;
  }
  if (job_cancelled(job)) {
    job_finish(job, PRINT_OUTCOME_CANCELED, "cancelled before sending");
    goto done;
  }
  job_set_state(job, PRINT_STATE_SENDING);
  if (!job_write_document(job, format))
    goto done;
  int id = job_submit(job, attrs, format);
  if (id > 0)
    job_follow(job, id);
done:
  ippDelete(attrs);
  if (job->docfile[0])
    unlink(job->docfile);
  if (job->docfd >= 0)
    close(job->docfd);
  job->docfd = -1;
  if (job->http)
    httpClose(job->http);
  job->http = NULL;
  print_conn_close(&job->device);
  raster_doc_clear(&job->doc);
  return NULL;
}

/* Start a job in its own thread. */
print_job_t *print_job_start(const print_options_t *opt, const profile_t *p, raster_doc_t *doc,
                             char *err, size_t errlen)
{
  print_job_t *job = calloc(1, sizeof *job);
  if (job)
    job->docfd = -1;
  if (!job) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  pthread_mutex_init(&job->lock, NULL);
  job->profile = *p;
  job->doc = *doc;
  *doc = (raster_doc_t){0};
  snprintf(job->printer, sizeof job->printer, "%s", opt->printer ? opt->printer : "");
  snprintf(job->title, sizeof job->title, "%s", opt->title ? opt->title : "Allwedd");
  /* A token makes the name ours alone among every kiosk's jobs on a shared
   * printer; it says nothing about the patient. */
  snprintf(job->job_name, sizeof job->job_name, "%s #%06x", job->title,
           (unsigned)(arc4random() & 0xFFFFFFu));
  job->timeout_s = opt->timeout_s > 0 ? opt->timeout_s : 60;
  job->deadline_ms = (int64_t)job->timeout_s * 1000;
  job->check_only = opt->check_only;
  job->start_ms = clock_monotonic_ms();
  job->status.state = PRINT_STATE_CONNECTING;
  job->status.patient_msgid = print_patient_msgid(PRINT_OUTCOME_NONE);
  snprintf(job->status.printer, sizeof job->status.printer, "%s",
           job->printer[0] ? job->printer : "(default)");
  int rc = pthread_create(&job->thread, NULL, print_worker, job);
  if (rc != 0) {
    snprintf(err, errlen, "cannot start the print thread: %s", strerror(rc));
    raster_doc_clear(&job->doc);
    pthread_mutex_destroy(&job->lock);
    free(job);
    return NULL;
  }
  return job;
}

/* Snapshot the status; true once finished. */
bool print_job_poll(print_job_t *job, print_status_t *out)
{
  pthread_mutex_lock(&job->lock);
  *out = job->status;
  if (out->state != PRINT_STATE_DONE)
    out->elapsed_ms = job_elapsed(job);
  pthread_mutex_unlock(&job->lock);
  return out->state == PRINT_STATE_DONE;
}

/* Ask the worker to stop. */
void print_job_cancel(print_job_t *job)
{
  pthread_mutex_lock(&job->lock);
  job->cancel = 1;
  pthread_mutex_unlock(&job->lock);
}

/* Block until the job ends. */
void print_job_wait(print_job_t *job, print_status_t *out)
{
  while (!print_job_poll(job, out)) {
    struct timespec ts = {0, 5 * 1000000L};
    nanosleep(&ts, NULL);
  }
}

/* Cancel, join and free. */
void print_job_free(print_job_t *job)
{
  if (!job)
    return;
  print_job_cancel(job);
  pthread_join(job->thread, NULL);
  pthread_mutex_destroy(&job->lock);
  free(job);
}
