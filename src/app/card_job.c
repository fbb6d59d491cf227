/*
 * The card job (see card_job.h). One error path: every way a card can fail
 * ends in finish(), which sets the outcome and message once; every card
 * submitted to a file or a printer passes through record_begin() and
 * record_end(), which write the print record and the audit entry.
 */
#include "app/card_job.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/content.h"
#include "core/rules.h"
#include "platform/raster.h"

struct app_card_job {
  app_card_env_t env;
  app_card_result_t result;
  bool finished;
  bool test_card;
  print_job_t *print;          /* the running print, if any */
  int64_t print_record_key;    /* its record (0: a test card, not recorded) */
  bool submit_recorded;        /* the printer's job id is on the record */
  card_print_t rec;            /* the record's fields (NHS number: wiped in free) */
};

const char *app_card_outcome_keyword(app_card_outcome_t outcome)
{
  switch (outcome) {
  case APP_CARD_RUNNING: return "running";
  case APP_CARD_DONE: return "done";
  case APP_CARD_NOT_FOUND: return "not-found";
  case APP_CARD_NO_KEY_WORKER: return "no-key-worker";
  case APP_CARD_STORE_FAULT: return "store-fault";
  case APP_CARD_NOT_MADE: return "not-made";
  case APP_CARD_NOT_PRINTED: return "not-printed";
  }
  return "unknown";
}

/* End the job with outcome and a staff message (printf format). */
static void finish(app_card_job_t *job, app_card_outcome_t outcome, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void finish(app_card_job_t *job, app_card_outcome_t outcome, const char *fmt, ...)
{
  va_list ap;
  job->result.outcome = outcome;
  job->finished = true;
  if (fmt) {
    va_start(ap, fmt);
    vsnprintf(job->result.message, sizeof job->result.message, fmt, ap);
    va_end(ap);
  }
}

/* Start the record of one submission (to printer, or "file:PATH"). */
static int64_t record_begin(app_card_job_t *job, const char *printer)
{
  if (job->test_card)
    return 0;
  snprintf(job->rec.printer, sizeof job->rec.printer, "%.*s", (int)sizeof job->rec.printer - 1, printer);
  int64_t key = store_new_record_id();
  app_records_card_begin(job->env.records, &job->rec, key);
  return key;
}

/* End a submission's record and audit it. */
static void record_end(app_card_job_t *job, int64_t key, int job_id, const char *outcome)
{
  char detail[512];
  if (job->test_card || !key)
    return;
  app_records_card_end(job->env.records, key, job_id, outcome);
  snprintf(detail, sizeof detail, "nhs=%s key_worker=%s reason=%s printer=%s job=%d outcome=%s",
           job->rec.nhs_number, job->rec.key_worker_id, job->rec.reason, job->rec.printer, job_id,
           outcome);
  app_records_audit(job->env.records, strcmp(job->rec.by, "kiosk") ? "staff" : "kiosk",
                    "card_print", detail);
}

/* Find the patient and their key worker for req; false after finish(). */
static bool look_up(app_card_job_t *job, const app_card_request_t *req, patient_t *pt,
                    key_worker_t *kw)
{
  char nhs[11];
  const char *why;
  if (!req->nhs_number) {
    if (!req->patient || !req->key_worker) {
      finish(job, APP_CARD_NO_KEY_WORKER, "no patient and key worker given");
      return false;
    }
    *pt = *req->patient;
    *kw = *req->key_worker;
    return true;
  }
  if (!rules_nhs_number(req->nhs_number, nhs, &why)) {
    finish(job, APP_CARD_NOT_FOUND, "NHS number: %s", why);
    return false;
  }
  store_match_t m = store_patient_by_nhs(job->env.store, nhs, pt);
  if (m == STORE_ERROR) {
    job->result.store_fault = store_fault(job->env.store);
    finish(job, APP_CARD_STORE_FAULT, "%s", store_error(job->env.store));
    return false;
  }
  if (m != STORE_FOUND) {
    finish(job, APP_CARD_NOT_FOUND, "no patient with NHS number %s", nhs);
    return false;
  }
  if (!pt->key_worker_id[0]) {
    finish(job, APP_CARD_NO_KEY_WORKER, "patient %s has no key worker allocated: no card to make", nhs);
    return false;
  }
  m = store_key_worker_get(job->env.store, pt->key_worker_id, kw);
  if (m == STORE_ERROR) {
    job->result.store_fault = store_fault(job->env.store);
    finish(job, APP_CARD_STORE_FAULT, "%s", store_error(job->env.store));
    return false;
  }
  if (m != STORE_FOUND) {
    finish(job, APP_CARD_NO_KEY_WORKER, "key worker %s of patient %s is not in the store",
           pt->key_worker_id, nhs);
    return false;
  }
  return true;
}

/* Lay out and draw the card's pages into doc; false after finish(). */
static bool render(app_card_job_t *job, const app_card_request_t *req, const patient_t *pt,
                   const key_worker_t *kw, raster_doc_t *doc)
{
  char err[1024], today[11];
  lang_t qr_lang = LANG_CY;
  if (!(req->qr_lang && i18n_lang_from_code(req->qr_lang, &qr_lang)) && pt)
    i18n_lang_from_code(pt->preferred_language, &qr_lang);
  clock_today(today);
  card_content_t content = content_card(job->env.cfg, job->env.cat, kw, pt, qr_lang, today);
  if (!raster_add_card(doc, job->env.draw, &content, job->env.profile, NULL, err, sizeof err)) {
    finish(job, APP_CARD_NOT_MADE, "%s", err);
    return false;
  }
  job->result.pages = (int)doc->count;
  return true;
}

/* Write the card to req->out_path and record it; false after finish(). */
static bool write_file(app_card_job_t *job, const char *path, const raster_doc_t *doc)
{
  char err[1024], printer[CONFIG_PATH_MAX + 8];
  const char *mime = raster_mime_for_path(path);
  if (!mime) {
    finish(job, APP_CARD_NOT_MADE, "%s: the file name must end in .png, .pwg or .pdf", path);
    return false;
  }
  snprintf(printer, sizeof printer, "file:%s", path);
  int64_t key = record_begin(job, printer);
  bool ok = !strcmp(mime, "image/png")
                ? raster_write_png(doc, job->env.profile->dpi, path, err, sizeof err)
                : raster_write(doc, job->env.profile, mime, path, err, sizeof err);
  record_end(job, key, 0, ok ? "written" : "error");
  if (!ok) {
    finish(job, APP_CARD_NOT_MADE, "%s", err);
    return false;
  }
  snprintf(job->result.written_path, sizeof job->result.written_path, "%s", path);
  job->result.mime = mime;
  return true;
}

/* Hand doc to the printer; false after finish(). */
static bool start_print(app_card_job_t *job, const app_card_request_t *req, raster_doc_t *doc)
{
  char err[1024];
  const config_t *cfg = job->env.cfg;
  const char *printer = req->printer ? req->printer : cfg->printer;
  print_options_t opt = {.printer = printer, .title = "Key Worker Card",
                         .timeout_s = req->timeout_s ? req->timeout_s : cfg->print_timeout_s};
  job->print_record_key = record_begin(job, printer[0] ? printer : "(default)");
  if (!(job->print = print_job_start(&opt, job->env.profile, doc, err, sizeof err))) {
    record_end(job, job->print_record_key, 0, "error");
    finish(job, APP_CARD_NOT_PRINTED, "%s", err);
    return false;
  }
  return true;
}

app_card_job_t *app_card_job_start(const app_card_env_t *env, const app_card_request_t *req)
{
  app_card_job_t *job = calloc(1, sizeof *job);
  patient_t pt;
  key_worker_t kw;
  raster_doc_t doc = {0};
  if (!job)
    return NULL;
  memset(&pt, 0, sizeof pt);
  memset(&kw, 0, sizeof kw);
  job->env = *env;
  job->test_card = req->test_card;
  if (req->test_card)
    content_test_key_worker(&kw);
  else if (!look_up(job, req, &pt, &kw))
    goto done;
  if (!render(job, req, req->test_card ? NULL : &pt, &kw, &doc))
    goto done;
  snprintf(job->rec.nhs_number, sizeof job->rec.nhs_number, "%s", pt.nhs_number);
  snprintf(job->rec.key_worker_id, sizeof job->rec.key_worker_id, "%s", kw.id);
  snprintf(job->rec.reason, sizeof job->rec.reason, "%s", req->reason ? req->reason : "new");
  snprintf(job->rec.by, sizeof job->rec.by, "%s", req->by ? req->by : "staff");
  if (req->out_path && !write_file(job, req->out_path, &doc))
    goto done;
  if (req->print)
    start_print(job, req, &doc);
  else
    finish(job, APP_CARD_DONE, NULL);
done:
  raster_doc_clear(&doc);
  sodium_memzero(&pt, sizeof pt);
  sodium_memzero(&kw, sizeof kw);
  return job;
}

bool app_card_job_poll(app_card_job_t *job, app_card_result_t *out)
{
  bool printed = !job->finished && job->print && print_job_poll(job->print, &job->result.print);
  if (!job->finished && job->print && job->print_record_key && !job->submit_recorded &&
      job->result.print.job_id > 0) {
    /* Accepted: the job id goes on the record now, so a crash before the end
     * leaves something to ask the printer about (app/print_recovery.h). */
    app_records_card_submitted(job->env.records, job->print_record_key, job->result.print.printer,
                               job->result.print.job_id);
    job->submit_recorded = true;
  }
  if (printed) {
    const print_status_t *s = &job->result.print;
    record_end(job, job->print_record_key, s->job_id, print_outcome_keyword(s->outcome));
    if (s->outcome == PRINT_OUTCOME_COMPLETED)
      finish(job, APP_CARD_DONE, NULL);
    else
      finish(job, APP_CARD_NOT_PRINTED, "not printed (%s): %s", print_outcome_keyword(s->outcome),
             s->staff_message);
    print_job_free(job->print);
    job->print = NULL;
  }
  *out = job->result;
  return job->finished;
}

void app_card_job_wait(app_card_job_t *job, app_card_result_t *out)
{
  /* Poll rather than block in print_job_wait, so the printer's acceptance
   * is recorded as it happens (a command killed mid-print leaves a record
   * that can be resolved). */
  while (!app_card_job_poll(job, out) && job->print) {
    struct timespec ts = {0, 5 * 1000000L};
    nanosleep(&ts, NULL);
  }
}

void app_card_job_free(app_card_job_t *job)
{
  if (!job)
    return;
  if (job->print && !job->finished) {
    app_card_result_t ignored;
    print_job_cancel(job->print);
    app_card_job_wait(job, &ignored);
  }
  print_job_free(job->print);
  sodium_memzero(job, sizeof *job);
  free(job);
}
