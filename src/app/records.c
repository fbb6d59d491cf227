/*
 * The records writer (see records.h): a FIFO of records, one thread that
 * writes them through its own store handle, retrying while the store is
 * busy. The queue is a singly linked list; each record is wiped when it
 * leaves it.
 */
#include "app/records.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/clock.h"
#include "core/store_counts.h"
#include "core/store_ident.h"
#include "core/store_concerns.h"
#include "core/store_prints.h"
#include "core/store_staff.h"

typedef enum {
  RECORD_AUDIT, RECORD_CARD_BEGIN, RECORD_CARD_SUBMITTED, RECORD_CARD_END, RECORD_IDENT_LOCKOUT,
  RECORD_STAFF_PIN_TRY, RECORD_STAFF_PIN_CLEAR, RECORD_COUNT, RECORD_CONCERNS
} record_kind_t;

typedef struct record {
  struct record *next;
  record_kind_t kind;
  int64_t record_key;
  int job_id;
  char actor[16], event[48], detail[512], outcome[32];
  card_print_t card;
  ident_lockout_t lockout;    /* RECORD_IDENT_LOCKOUT, wall-clock times */
  char at[21];                /* RECORD_STAFF_PIN_TRY */
  unsigned groups;            /* RECORD_CONCERNS: 1 << concerns_group_t */
} record_t;

struct app_records {
  store_t *st;
  pthread_t thread;
  bool started;
  pthread_mutex_t lock;
  pthread_cond_t wake;      /* a record was queued, or stop */
  pthread_cond_t drained;   /* the writer finished a record */
  record_t *head, *tail;
  size_t queued;
  uint64_t enqueued, finished; /* sequence numbers, for flush */
  bool stop;
  size_t failures;
  char failure[512];
};

/* Free a record after wiping it. */
static void record_free(record_t *rec)
{
  sodium_memzero(rec, sizeof *rec);
  free(rec);
}

/* Write one record; true when written, false with the fault kept. */
static bool record_write(store_t *st, const record_t *rec)
{
  switch (rec->kind) {
  case RECORD_AUDIT: return store_audit(st, rec->actor, rec->event, rec->detail);
  case RECORD_CARD_BEGIN: return store_card_print_begin(st, &rec->card, rec->record_key);
  case RECORD_CARD_SUBMITTED:
    return store_card_print_submitted(st, rec->record_key, rec->card.printer, rec->job_id);
  case RECORD_CARD_END: return store_card_print_end(st, rec->record_key, rec->job_id, rec->outcome);
  case RECORD_IDENT_LOCKOUT: return store_ident_lockout_save(st, &rec->lockout);
  case RECORD_STAFF_PIN_TRY: return store_staff_pin_try(st, rec->at);
  case RECORD_STAFF_PIN_CLEAR: return store_staff_pin_clear(st);
  case RECORD_COUNT: return store_count_add(st, rec->event);
  case RECORD_CONCERNS: return store_concerns_count(st, rec->groups);
  }
  return false;
}

/* Sleep for ms milliseconds. */
static void sleep_ms(int ms)
{
  struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0)
    ;
}

/* Write rec, waiting out a busy store with back-off; false on failure
 * with the reason in why. */
static bool record_write_retrying(store_t *st, const record_t *rec, char *why, size_t whylen)
{
  int64_t deadline = clock_monotonic_ms() + APP_RECORDS_RETRY_MS;
  int backoff_ms = 20;
  for (;;) {
    if (record_write(st, rec))
      return true;
    if (store_fault(st) != STORE_FAULT_BUSY || clock_monotonic_ms() >= deadline)
      break;
    sleep_ms(backoff_ms);
    backoff_ms = backoff_ms * 2 > 500 ? 500 : backoff_ms * 2;
  }
  snprintf(why, whylen, "%s", store_error(st));
  return false;
}

/* The writer thread: take records in order until asked to stop and the
 * queue is empty. */
static void *records_main(void *arg)
{
  app_records_t *r = arg;
  char why[512];
  pthread_mutex_lock(&r->lock);
  for (;;) {
    while (!r->head && !r->stop)
      pthread_cond_wait(&r->wake, &r->lock);
    if (!r->head)
      break;
    record_t *rec = r->head;
    pthread_mutex_unlock(&r->lock);
    /* The store's busy timeout is short here: the retry loop owns waiting. */
    bool ok = record_write_retrying(r->st, rec, why, sizeof why);
    pthread_mutex_lock(&r->lock);
    r->head = rec->next;
    if (!r->head)
      r->tail = NULL;
    r->queued--;
    r->finished++;
    if (!ok) {
      r->failures++;
      snprintf(r->failure, sizeof r->failure, "%s", why);
    }
    record_free(rec);
    pthread_cond_broadcast(&r->drained);
  }
  pthread_mutex_unlock(&r->lock);
  return NULL;
}

app_records_t *app_records_open(const char *db_path, char *err, size_t errlen)
{
  app_records_t *r = calloc(1, sizeof *r);
  if (!r) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  pthread_mutex_init(&r->lock, NULL);
  pthread_cond_init(&r->wake, NULL);
  pthread_cond_init(&r->drained, NULL);
  if (!(r->st = store_open_existing(db_path, err, errlen)))
    goto fail;
  store_set_busy_timeout_ms(r->st, 250);
  if (pthread_create(&r->thread, NULL, records_main, r) != 0) {
    snprintf(err, errlen, "cannot start the records writer");
    goto fail;
  }
  r->started = true;
  return r;
fail:
  app_records_close(r);
  return NULL;
}

void app_records_close(app_records_t *r)
{
  if (!r)
    return;
  if (r->started) {
    pthread_mutex_lock(&r->lock);
    r->stop = true;
    pthread_cond_signal(&r->wake);
    pthread_mutex_unlock(&r->lock);
    pthread_join(r->thread, NULL);
  }
  while (r->head) {
    record_t *next = r->head->next;
    record_free(r->head);
    r->head = next;
  }
  store_close(r->st);
  pthread_cond_destroy(&r->drained);
  pthread_cond_destroy(&r->wake);
  pthread_mutex_destroy(&r->lock);
  sodium_memzero(r, sizeof *r);
  free(r);
}

/* Append rec to the queue (it is wiped and freed when written), or count it
 * as a failure when the queue is full or rec is NULL (out of memory). */
static void records_push(app_records_t *r, record_t *rec)
{
  pthread_mutex_lock(&r->lock);
  if (!rec || r->queued >= APP_RECORDS_QUEUE_MAX || r->stop) {
    r->failures++;
    snprintf(r->failure, sizeof r->failure, "%s",
             !rec ? "out of memory for a record" : "too many records waiting for the store");
    if (rec)
      record_free(rec);
    pthread_mutex_unlock(&r->lock);
    return;
  }
  if (r->tail)
    r->tail->next = rec;
  else
    r->head = rec;
  r->tail = rec;
  r->queued++;
  r->enqueued++;
  pthread_cond_signal(&r->wake);
  pthread_mutex_unlock(&r->lock);
}

void app_records_audit(app_records_t *r, const char *actor, const char *event, const char *detail)
{
  record_t *rec = calloc(1, sizeof *rec);
  if (rec) {
    rec->kind = RECORD_AUDIT;
    snprintf(rec->actor, sizeof rec->actor, "%s", actor);
    snprintf(rec->event, sizeof rec->event, "%s", event);
    snprintf(rec->detail, sizeof rec->detail, "%s", detail ? detail : "");
  }
  records_push(r, rec);
}

void app_records_count(app_records_t *r, const char *name)
{
  record_t *rec = calloc(1, sizeof *rec);
  if (rec) {
    rec->kind = RECORD_COUNT;
    snprintf(rec->event, sizeof rec->event, "%s", name);
  }
  records_push(r, rec);
}

void app_records_concerns(app_records_t *r, unsigned groups)
{
  record_t *rec = calloc(1, sizeof *rec);
  if (rec) {
    rec->kind = RECORD_CONCERNS;
    rec->groups = groups;
  }
  records_push(r, rec);
}

void app_records_card_begin(app_records_t *r, const card_print_t *card, int64_t record_key)
{
  record_t *rec = calloc(1, sizeof *rec);
  if (rec) {
    rec->kind = RECORD_CARD_BEGIN;
    rec->card = *card;
    rec->record_key = record_key;
  }
  records_push(r, rec);
}

void app_records_card_end(app_records_t *r, int64_t record_key, int job_id, const char *outcome)
{
  record_t *rec = calloc(1, sizeof *rec);
  if (rec) {
    rec->kind = RECORD_CARD_END;
    rec->record_key = record_key;
    rec->job_id = job_id;
    snprintf(rec->outcome, sizeof rec->outcome, "%s", outcome);
  }
  records_push(r, rec);
}

void app_records_card_submitted(app_records_t *r, int64_t record_key, const char *printer, int job_id)
{
  record_t *rec = calloc(1, sizeof *rec);
  if (rec) {
    rec->kind = RECORD_CARD_SUBMITTED;
    rec->record_key = record_key;
    rec->job_id = job_id;
    snprintf(rec->card.printer, sizeof rec->card.printer, "%s", printer);
  }
  records_push(r, rec);
}

void app_records_ident_lockout(app_records_t *r, const ident_lockout_t *wall)
{
  record_t *rec = calloc(1, sizeof *rec);
  if (rec) {
    rec->kind = RECORD_IDENT_LOCKOUT;
    rec->lockout = *wall;
  }
  records_push(r, rec);
}

void app_records_staff_pin_try(app_records_t *r, const char *at)
{
  record_t *rec = calloc(1, sizeof *rec);
  if (rec) {
    rec->kind = RECORD_STAFF_PIN_TRY;
    snprintf(rec->at, sizeof rec->at, "%s", at);
  }
  records_push(r, rec);
}

void app_records_staff_pin_clear(app_records_t *r)
{
  record_t *rec = calloc(1, sizeof *rec);
  if (rec)
    rec->kind = RECORD_STAFF_PIN_CLEAR;
  records_push(r, rec);
}

bool app_records_flush(app_records_t *r, int timeout_ms)
{
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += timeout_ms / 1000;
  until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
  if (until.tv_nsec >= 1000000000L) {
    until.tv_sec++;
    until.tv_nsec -= 1000000000L;
  }
  pthread_mutex_lock(&r->lock);
  uint64_t target = r->enqueued;
  int rc = 0;
  while (r->finished < target && rc == 0)
    rc = pthread_cond_timedwait(&r->drained, &r->lock, &until);
  bool done = r->finished >= target;
  pthread_mutex_unlock(&r->lock);
  return done;
}

size_t app_records_take_failures(app_records_t *r, char *message, size_t message_len)
{
  pthread_mutex_lock(&r->lock);
  size_t n = r->failures;
  if (message && message_len)
    snprintf(message, message_len, "%s", n ? r->failure : "");
  r->failures = 0;
  r->failure[0] = 0;
  pthread_mutex_unlock(&r->lock);
  return n;
}
