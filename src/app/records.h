/*
 * The kiosk's records writer: audit entries and card print records written
 * to the store's records file by a thread of its own, on a connection of its
 * own, so the screen never waits for SQLite and a busy store never loses a
 * record.
 *
 * Callers queue records and return at once. The writer retries a record
 * while the store is busy (STORE_FAULT_BUSY), backing off from 20 ms to
 * 500 ms, for up to APP_RECORDS_RETRY_MS; any other fault, or a busy store
 * past that, is a failure: counted, kept as a message, never silent. The
 * caller reads failures with app_records_take_failures() and reports them
 * (the kiosk: log + staff screen; a command: stderr + exit status 1).
 *
 * Records hold patient identifiers (a card record's NHS number): the queue
 * wipes each record (sodium_memzero) once written or dropped.
 */
#ifndef ALLWEDD_APP_RECORDS_H
#define ALLWEDD_APP_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ident.h"
#include "core/store.h"

enum {
  APP_RECORDS_RETRY_MS = 30000, /* how long a record waits out a busy store */
  APP_RECORDS_QUEUE_MAX = 4096, /* records waiting; beyond this a record fails */
};

typedef struct app_records app_records_t;

/* Start a writer on its own connection to the store at db_path (which must
 * exist: the snapshot file; its records file is created if missing). NULL
 * with the reason in err. */
app_records_t *app_records_open(const char *db_path, char *err, size_t errlen);

/* Write what is queued (waiting at most APP_RECORDS_RETRY_MS for a busy
 * store), stop the thread, wipe and free. NULL is fine. Failures not yet
 * taken are lost with it: take them first. */
void app_records_close(app_records_t *r);

/* Queue an audit entry (strings copied). actor: "kiosk", "staff", "sync",
 * "cli"; detail: no more patient data than the audit needs. */
void app_records_audit(app_records_t *r, const char *actor, const char *event, const char *detail);

/* Queue one more of an anonymous count (core/store_counts.h: a fixed word,
 * counted per month with nothing else kept). */
void app_records_count(app_records_t *r, const char *name);

/* Queue one more journey for each concerns group in groups (1 << group:
 * core/store_concerns.h, counted per day with nothing else kept). */
void app_records_concerns(app_records_t *r, unsigned groups);

/* Queue the start of a card print under record_key (store_new_record_id()),
 * and its end; the writer keeps their order. */
void app_records_card_begin(app_records_t *r, const card_print_t *card, int64_t record_key);
void app_records_card_end(app_records_t *r, int64_t record_key, int job_id, const char *outcome);

/* Queue the printer's acceptance of a card: its job id on printer (the
 * queue or URI actually used), so a record left 'submitting' by a crash can
 * be resolved by asking the printer (app/print_recovery.h). */
void app_records_card_submitted(app_records_t *r, int64_t record_key, const char *printer, int job_id);

/* Queue the identification lockout to save (core/store_ident.h), its times
 * already rebased to wall-clock milliseconds; the writer keeps the order,
 * so the latest queued is the one kept. */
void app_records_ident_lockout(app_records_t *r, const ident_lockout_t *wall);

/* Queue a staff PIN try recorded as wrong (at: UTC, as clock_now_utc()
 * writes it), and the forgetting of every try after a right PIN
 * (core/store_staff.h). */
void app_records_staff_pin_try(app_records_t *r, const char *at);
void app_records_staff_pin_clear(app_records_t *r);

/* Wait until everything queued before the call is written or has failed;
 * false when timeout_ms passed first. */
bool app_records_flush(app_records_t *r, int timeout_ms);

/* The number of records that could not be written since the last call, and
 * the reason of the latest ("cannot write the audit log: disk full") in
 * message (may be NULL). 0 when none. */
size_t app_records_take_failures(app_records_t *r, char *message, size_t message_len);

#endif
