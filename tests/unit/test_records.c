/*
 * The records writer on a real store: records written in order off the
 * caller's thread, a busy store waited out (a real lock held by another
 * connection), and a record that cannot be written reported with its
 * reason, never lost silently.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/records.h"
#include "core/store.h"
#include "testlib.h"

static char dir[] = "/tmp/allwedd-test-records-XXXXXX";

/* A single integer from a query on the store's handle. */
static long long query_int(store_t *st, const char *sql)
{
  sqlite3_stmt *pStmt = NULL;
  long long v = -1;
  if (sqlite3_prepare_v2(store_db(st), sql, -1, &pStmt, NULL) == SQLITE_OK &&
      sqlite3_step(pStmt) == SQLITE_ROW)
    v = sqlite3_column_int64(pStmt, 0);
  sqlite3_finalize(pStmt);
  return v;
}

typedef struct {
  store_t *st;
  pthread_mutex_t lock;
  pthread_cond_t cond;
  bool release;
} holder_t;

/* Hold the records file's write lock until told to release it. */
static void *hold_lock(void *arg)
{
  holder_t *h = arg;
  pthread_mutex_lock(&h->lock);
  while (!h->release)
    pthread_cond_wait(&h->cond, &h->lock);
  pthread_mutex_unlock(&h->lock);
  sqlite3_exec(store_db(h->st), "COMMIT", NULL, NULL, NULL);
  return NULL;
}

int main(void)
{
  char path[256], err[512], why[512];
  if (!mkdtemp(dir))
    return 1;
  snprintf(path, sizeof path, "%s/store.db", dir);
  store_t *st = store_open(path, err, sizeof err);
  if (!CHECK(st != NULL))
    return test_summary();

  TEST_SECTION("records are written in order, by the writer's thread");
  app_records_t *r = app_records_open(path, err, sizeof err);
  if (!CHECK(r != NULL)) {
    printf("      %s\n", err);
    return test_summary();
  }
  card_print_t card = {"9434765919", "KW1", "lost", "queue", "kiosk"};
  int64_t key = store_new_record_id();
  app_records_card_begin(r, &card, key);
  app_records_card_end(r, key, 7, "completed");
  app_records_audit(r, "kiosk", "card_print", "nhs=9434765919 outcome=completed");
  CHECK(app_records_flush(r, 5000));
  CHECK_INT(app_records_take_failures(r, why, sizeof why), 0);
  CHECK_INT(query_int(st, "SELECT job_id FROM cards_printed WHERE outcome = 'completed'"), 7);
  CHECK_INT(query_int(st, "SELECT count(*) FROM audit_log WHERE event = 'card_print'"), 1);
  app_records_count(r, "survey.easy_to_use.yes");
  app_records_count(r, "survey.easy_to_use.yes");
  app_records_count(r, "not a fixed word"); /* refused by the store: a failure, counted */
  CHECK(app_records_flush(r, 5000));
  CHECK_INT(app_records_take_failures(r, why, sizeof why), 1);
  CHECK_INT(query_int(st, "SELECT count FROM anonymous_counts WHERE name = 'survey.easy_to_use.yes'"), 2);

  TEST_SECTION("a busy store is waited out: nothing is lost");
  store_t *other = store_open(path, err, sizeof err);
  holder_t h = {.st = other, .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};
  CHECK(sqlite3_exec(store_db(other), "BEGIN; DELETE FROM records.audit_log WHERE 0;", NULL, NULL,
                     NULL) == SQLITE_OK);
  pthread_t t;
  pthread_create(&t, NULL, hold_lock, &h);
  app_records_audit(r, "kiosk", "while_busy", "");
  /* The writer has met the lock at least once when a flush cannot finish. */
  CHECK(!app_records_flush(r, 600));
  pthread_mutex_lock(&h.lock);
  h.release = true;
  pthread_cond_signal(&h.cond);
  pthread_mutex_unlock(&h.lock);
  pthread_join(t, NULL);
  CHECK(app_records_flush(r, 5000));
  CHECK_INT(app_records_take_failures(r, why, sizeof why), 0);
  CHECK_INT(query_int(st, "SELECT count(*) FROM audit_log WHERE event = 'while_busy'"), 1);
  store_close(other);

  TEST_SECTION("a record that cannot be written is reported with its reason");
  /* A store that refuses the write for a reason other than a lock (here the
   * table is gone): the writer gives up at once and says why. */
  CHECK(sqlite3_exec(store_db(st), "DROP TABLE records.audit_log", NULL, NULL, NULL) == SQLITE_OK);
  app_records_audit(r, "kiosk", "lost", "");
  app_records_audit(r, "kiosk", "lost", "");
  CHECK(app_records_flush(r, 5000));
  CHECK_INT(app_records_take_failures(r, why, sizeof why), 2);
  CHECK(strstr(why, "cannot write the audit log") != NULL);
  CHECK(strstr(why, "audit_log") != NULL);
  CHECK_INT(app_records_take_failures(r, why, sizeof why), 0);
  app_records_close(r);
  store_close(st);

  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0)
    printf("could not remove %s\n", dir);
  return test_summary();
}
