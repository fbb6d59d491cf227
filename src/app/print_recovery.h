/*
 * Card print records left 'submitting' by a process that died mid-print
 * (issue 11: SIGKILL while printing left the record so for ever, and the
 * audit untrue). For each one the printer it names is asked what became of
 * the job (print_job_state_by_id), and the answer is written:
 *
 *   the printer says        the record says
 *   completed               completed
 *   aborted / canceled      aborted / canceled
 *   still waiting/printing  interrupted (the job is cancelled first: a card
 *                           must not come out later for nobody)
 *   no such job; no job id  interrupted (never accepted, or history gone)
 *   a file ("file:PATH")    interrupted
 *   no answer               left 'submitting' for the next try
 *
 * Each resolution is audited "card_print_resolved" (record key, printer,
 * job, what the printer said, the outcome; no patient data).
 */
#ifndef ALLWEDD_APP_PRINT_RECOVERY_H
#define ALLWEDD_APP_PRINT_RECOVERY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"

typedef struct {
  size_t resolved;          /* records given an outcome */
  size_t interrupted;       /* ... of which 'interrupted' */
  size_t cancelled;         /* jobs still waiting that were cancelled */
  size_t left_young;        /* left: started less than min_age_s ago */
  size_t left_unanswered;   /* left: the printer did not answer */
  char message[512];        /* the first problem, in English ("" none) */
} app_print_recovery_t;

/* Resolve the store's unfinished card records (its own connection to the
 * store at db_path). A record started less than min_age_s ago is left: a
 * running process may still be following it (every job ends within
 * [printer] timeout_s, so timeout_s + 5 s is a safe age). Each printer gets
 * timeout_ms to answer; one that does not is not asked again this run.
 * actor goes in the audit ("kiosk", "staff"). false when the store cannot
 * be read or written (out->message says why). Blocks: not for the event
 * thread (see app_print_recovery_start). */
bool app_print_recovery_run(const char *db_path, int min_age_s, int timeout_ms, const char *actor,
                            app_print_recovery_t *out);

/* The kiosk's start: run the recovery on a thread of its own with
 * min_age_s = cfg->print_timeout_s + 5, and once more when the youngest
 * record left has reached that age (a kiosk restarted seconds after a
 * crash). Problems go to stderr (the journal). NULL when the thread cannot
 * start (also said on stderr); the kiosk runs on regardless. */
typedef struct app_print_recovery_thread app_print_recovery_thread_t;
app_print_recovery_thread_t *app_print_recovery_start(const config_t *cfg);

/* Stop waiting, join the thread and free; NULL is fine. */
void app_print_recovery_stop(app_print_recovery_thread_t *t);

#endif
