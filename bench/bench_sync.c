/*
 * bench_sync: the sync benchmark of issue "Foundation".
 *
 *   bench_sync [N_PATIENTS=1000000] [--work DIR] [--allwedd PATH]
 *
 * 1. bench_gen_bundle writes a deterministic bundle of N patients (seed 1);
 *    minisign signs it with a fresh key, as a health board would.
 * 2. `allwedd sync` imports it into a new store: wall time and peak memory
 *    (the child's maximum resident set size from wait4).
 * 3. The sqlite3 shell `.import`s the same patients.csv into a table of the
 *    same shape and indexes (rowid table, unique NHS number, date of birth
 *    + family name), in one transaction, from a new file: wall time.
 * 4. 1,000 identification look-ups (date of birth + family name) against
 *    the synced store through store_patient_identify(): median and p99.
 * 5. While the sync of step 2 runs, a second process does what a kiosk
 *    does during it: every 50 ms an audit entry and a card print record
 *    (begin + end) through the store API, on its own connection, as the
 *    kiosk's records writer does. Its latency per write (p50, p99, max),
 *    failures, and whether every record is in the records file afterwards.
 * Prints each figure and the sync/.import ratio. Targets: ratio <= 0.6
 * (issue 10; 1.5 at the foundation), peak memory <= 64 MB, median look-up
 * <= 0.2 ms, kiosk write p99 <= 50 ms with none lost.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <signal.h>

#include <sqlite3.h>
#include <sys/select.h>

#include "core/csv.h"
#include "core/store.h"

enum { LOOKUPS = 1000, KIOSK_PERIOD_MS = 50, KIOSK_MAX_WRITES = 100000 };

/* Seconds on the monotonic clock. */
static double now_s(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds (user + system) of the last child run() waited for: on a
 * shared machine it varies less than the wall time. */
static double last_cpu_s;

/* Run argv, optionally with stdin from a file; returns exit status, fills
 * wall seconds and peak RSS in KiB. */
static int run(char *const argv[], const char *stdin_path, double *seconds, long *maxrss_kb)
{
  fflush(stdout);
  double t0 = now_s();
  pid_t pid = fork();
  if (pid == 0) {
    if (stdin_path && !freopen(stdin_path, "r", stdin))
      _exit(127);
    if (!freopen("/dev/null", "w", stdout))
      _exit(127);
    execvp(argv[0], argv);
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
    return -1;
  if (seconds)
    *seconds = now_s() - t0;
  if (maxrss_kb)
    *maxrss_kb = ru.ru_maxrss;
  last_cpu_s = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
               (double)ru.ru_stime.tv_usec / 1e6;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int compare_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The kiosk-writer child: every KIOSK_PERIOD_MS an audit entry and a card
 * record (begin, end), timed, until a byte arrives on stop_fd; then the
 * count of failures and each latency in ms go to out_fd. */
static void kiosk_writer(const char *db, int ready_fd, int stop_fd, int out_fd)
{
  static double ms[KIOSK_MAX_WRITES];
  char err[512];
  long n = 0, failures = 0;
  store_t *st = store_open_existing(db, err, sizeof err);
  if (!st) {
    fprintf(stderr, "bench_sync: kiosk writer: %s\n", err);
    _exit(1);
  }
  if (write(ready_fd, "r", 1) != 1)
    _exit(1);
  struct timespec next;
  clock_gettime(CLOCK_MONOTONIC, &next);
  for (;;) {
    fd_set set;
    struct timeval zero = {0, 0};
    FD_ZERO(&set);
    FD_SET(stop_fd, &set);
    if (select(stop_fd + 1, &set, NULL, NULL, &zero) > 0 || n == KIOSK_MAX_WRITES)
      break;
    card_print_t card = {.nhs_number = "9990000018", .key_worker_id = "KW-BENCH", .reason = "new",
                         .printer = "bench", .by = "kiosk"};
    char detail[64];
    snprintf(detail, sizeof detail, "write=%ld", n);
    double t0 = now_s();
    int64_t key = store_new_record_id();
    bool ok = store_audit(st, "kiosk", "bench_kiosk_write", detail) && store_card_print_begin(st, &card, key) &&
              store_card_print_end(st, key, (int)n, "completed");
    ms[n++] = (now_s() - t0) * 1000.0;
    if (!ok) {
      failures++;
      fprintf(stderr, "bench_sync: kiosk write %ld failed: %s\n", n, store_error(st));
    }
    next.tv_nsec += KIOSK_PERIOD_MS * 1000000L;
    while (next.tv_nsec >= 1000000000L) {
      next.tv_nsec -= 1000000000L;
      next.tv_sec++;
    }
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
  }
  store_close(st);
  bool sent = write(out_fd, &failures, sizeof failures) == sizeof failures && write(out_fd, &n, sizeof n) == sizeof n;
  for (long i = 0; sent && i < n;) {
    ssize_t w = write(out_fd, (const char *)(ms + i), (size_t)(n - i) * sizeof ms[0]);
    if (w <= 0)
      sent = false;
    else
      i += w / (ssize_t)sizeof ms[0];
  }
  _exit(sent ? 0 : 1);
}

/* Read exactly len bytes. */
static bool read_all(int fd, void *buf, size_t len)
{
  for (size_t got = 0; got < len;) {
    ssize_t r = read(fd, (char *)buf + got, len - got);
    if (r <= 0)
      return false;
    got += (size_t)r;
  }
  return true;
}

/* A count from the records file (the kiosk's audit and card records). */
static long records_count(const char *db, const char *sql)
{
  char err[512];
  long count = -1;
  store_t *st = store_open_existing(db, err, sizeof err);
  sqlite3_stmt *pStmt = NULL;
  if (st && sqlite3_prepare_v2(store_db(st), sql, -1, &pStmt, NULL) == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW)
    count = (long)sqlite3_column_int64(pStmt, 0);
  sqlite3_finalize(pStmt);
  store_close(st);
  return count;
}

/* Time LOOKUPS identifications of patients sampled evenly from the CSV. */
static int bench_lookups(const char *db, const char *csv_path, long n)
{
  char err[512];
  static char dob[LOOKUPS][11], family[LOOKUPS][324];
  static double ms[LOOKUPS];
  csv_t *csv = csv_open(csv_path, NULL, NULL, err, sizeof err);
  store_t *st = store_open_existing(db, err, sizeof err);
  if (!csv || !st) {
    fprintf(stderr, "bench_sync: %s\n", err);
    return 1;
  }
  long step = n / LOOKUPS > 0 ? n / LOOKUPS : 1, row = 0;
  int k = 0;
  csv_next(csv); /* header: nhs_number,given_name,family_name,date_of_birth,... */
  while (k < LOOKUPS && csv_next(csv) == CSV_ROW) {
    if (row++ % step)
      continue;
    snprintf(family[k], sizeof family[k], "%s", csv_field(csv, 2));
    snprintf(dob[k], sizeof dob[k], "%s", csv_field(csv, 3));
    k++;
  }
  csv_close(csv);
  patient_t p;
  int found = 0, ambiguous = 0;
  for (int i = 0; i < k; i++) {
    double t0 = now_s();
    store_match_t m = store_patient_identify(st, dob[i], family[i], NULL, &p);
    ms[i] = (now_s() - t0) * 1000.0;
    found += m == STORE_FOUND;
    ambiguous += m == STORE_AMBIGUOUS;
  }
  store_close(st);
  qsort(ms, (size_t)k, sizeof ms[0], compare_double);
  printf("look-ups:            %d by date of birth + family name (%d unique, %d need a postcode)\n", k,
         found, ambiguous);
  printf("look-up median:      %.4f ms   (target <= 0.2 ms)\n", ms[k / 2]);
  printf("look-up p99:         %.4f ms\n", ms[k * 99 / 100]);
  return 0;
}

int main(int argc, char **argv)
{
  long n = 1000000;
  const char *work = NULL, *allwedd = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--work") && i + 1 < argc)
      work = argv[++i];
    else if (!strcmp(argv[i], "--allwedd") && i + 1 < argc)
      allwedd = argv[++i];
    else if (argv[i][0] != '-')
      n = strtol(argv[i], NULL, 10);
    else {
      fprintf(stderr, "usage: bench_sync [N_PATIENTS] [--work DIR] [--allwedd PATH]\n");
      return 2;
    }
  }
  char dir[512], bundle[600], db[600], impdb[600], sql[600], key[600], pub[600], gen[1100], self[1024];
  char nbuf[32], csvp[700], manifest[700];
  ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  self[len > 0 ? len : 0] = '\0';
  char *slash = strrchr(self, '/');
  if (slash)
    *slash = '\0';
  snprintf(gen, sizeof gen, "%s/bench_gen_bundle", self);
  static char allwedd_default[1100];
  snprintf(allwedd_default, sizeof allwedd_default, "%s/../allwedd", self);
  if (!allwedd)
    allwedd = allwedd_default;
  if (work)
    snprintf(dir, sizeof dir, "%s", work);
  else
    snprintf(dir, sizeof dir, "/tmp/allwedd-bench-sync-%ld", n);
  mkdir(dir, 0700);
  snprintf(bundle, sizeof bundle, "%s/bundle", dir);
  snprintf(db, sizeof db, "%s/store.db", dir);
  snprintf(impdb, sizeof impdb, "%s/import.db", dir);
  snprintf(sql, sizeof sql, "%s/import.sql", dir);
  snprintf(key, sizeof key, "%s/bench.key", dir);
  snprintf(pub, sizeof pub, "%s/bench.pub", dir);
  snprintf(csvp, sizeof csvp, "%s/patients.csv", bundle);
  snprintf(manifest, sizeof manifest, "%s/manifest.ini", bundle);
  snprintf(nbuf, sizeof nbuf, "%ld", n);

  double t;
  char *gen_argv[] = {gen, bundle, nbuf, NULL};
  if (run(gen_argv, NULL, &t, NULL) != 0) {
    fprintf(stderr, "bench_sync: %s failed\n", gen);
    return 1;
  }
  printf("bundle:              %ld patients generated in %.2f s (%s)\n", n, t, bundle);
  char *keygen[] = {"minisign", "-G", "-W", "-f", "-p", pub, "-s", key, NULL};
  char *sign[] = {"minisign", "-S", "-s", key, "-m", manifest, "-t", "allwedd bench", NULL};
  if (run(keygen, NULL, NULL, NULL) != 0 || run(sign, NULL, NULL, NULL) != 0) {
    fprintf(stderr, "bench_sync: minisign failed (is it installed?)\n");
    return 1;
  }

  char records[700];
  store_records_path(db, records, sizeof records);
  char *files[] = {db, impdb, records};
  for (int i = 0; i < 3; i++) {
    char path[700];
    unlink(files[i]);
    snprintf(path, sizeof path, "%s-wal", files[i]);
    unlink(path);
    snprintf(path, sizeof path, "%s-shm", files[i]);
    unlink(path);
  }
  /* Page cache warm for both: read the CSV once before timing either. */
  char *warm[] = {"cat", csvp, NULL};
  run(warm, NULL, NULL, NULL);

  double sync_s, import_s;
  long rss_kb;
  /* The store exists before the sync (as on a kiosk), so the kiosk writer
   * can open it; an empty store still makes this a first import. */
  char err[512];
  store_t *created = store_open(db, err, sizeof err);
  if (!created) {
    fprintf(stderr, "bench_sync: %s\n", err);
    return 1;
  }
  store_close(created);
  int ready[2], stop[2], out[2];
  if (pipe(ready) || pipe(stop) || pipe(out))
    return 1;
  fflush(stdout);
  pid_t writer = fork();
  if (writer == 0) {
    close(ready[0]);
    close(stop[1]);
    close(out[0]);
    kiosk_writer(db, ready[1], stop[0], out[1]);
  }
  close(ready[1]);
  close(stop[0]);
  close(out[1]);
  char byte;
  if (writer < 0 || read(ready[0], &byte, 1) != 1) {
    fprintf(stderr, "bench_sync: the kiosk writer did not start\n");
    return 1;
  }
  char *sync_argv[] = {(char *)allwedd, "sync", bundle, "--db", db, "--pubkey", pub, "--quiet", NULL};
  int sync_rc = run(sync_argv, NULL, &sync_s, &rss_kb);
  double sync_cpu = last_cpu_s;
  if (write(stop[1], "s", 1) != 1)
    return 1;
  long failures = 0, writes = 0;
  static double kiosk_ms[KIOSK_MAX_WRITES];
  bool got = read_all(out[0], &failures, sizeof failures) && read_all(out[0], &writes, sizeof writes) &&
             writes <= KIOSK_MAX_WRITES && read_all(out[0], kiosk_ms, (size_t)writes * sizeof kiosk_ms[0]);
  waitpid(writer, NULL, 0);
  if (sync_rc != 0 || !got) {
    fprintf(stderr, "bench_sync: allwedd sync failed\n");
    return 1;
  }
  /* .import cannot fill a table whose first column is the row id, so the
   * fair comparison is the plainest one: .import straight into a table of
   * the same columns and the same two indexes. */
  FILE *f = fopen(sql, "w");
  fprintf(f, "CREATE TABLE patients(nhs_number TEXT NOT NULL, given_name TEXT NOT NULL,"
             " family_name TEXT NOT NULL, date_of_birth TEXT NOT NULL, postcode TEXT, preferred_language TEXT,"
             " key_worker_id TEXT, pathway TEXT);\n"
             "CREATE UNIQUE INDEX patients_by_nhs ON patients(nhs_number);\n"
             "CREATE INDEX patients_by_birth_and_name ON patients(date_of_birth, family_name);\n"
             ".mode csv\n"
             ".import --skip 1 %s patients\n",
          csvp);
  fclose(f);
  char *sqlite_argv[] = {"sqlite3", impdb, NULL};
  if (run(sqlite_argv, sql, &import_s, NULL) != 0) {
    fprintf(stderr, "bench_sync: sqlite3 .import failed\n");
    return 1;
  }
  double import_cpu = last_cpu_s;
  printf("allwedd sync:        %.2f s (whole bundle: verify, hash, validate, %ld patients + history)\n",
         sync_s, n);
  printf("sqlite3 .import:     %.2f s (patients.csv only, same columns and indexes)\n", import_s);
  printf("ratio sync/.import:  %.2f wall, %.2f CPU (%.2f s / %.2f s)   (target <= 0.6)\n", sync_s / import_s,
         sync_cpu / import_cpu, sync_cpu, import_cpu);
  printf("sync peak memory:    %.1f MB   (target <= 64 MB)\n", (double)rss_kb / 1024.0);
  qsort(kiosk_ms, (size_t)writes, sizeof kiosk_ms[0], compare_double);
  long audits = records_count(db, "SELECT count(*) FROM audit_log WHERE event = 'bench_kiosk_write'");
  long cards = records_count(db, "SELECT count(*) FROM cards_printed WHERE printer = 'bench' AND outcome = 'completed'");
  printf("kiosk writes:        %ld during the sync, one every %d ms (audit + card begin + card end each)\n", writes,
         KIOSK_PERIOD_MS);
  if (writes) {
    printf("kiosk write p50:     %.2f ms\n", kiosk_ms[writes / 2]);
    printf("kiosk write p99:     %.2f ms   (target <= 50 ms)\n", kiosk_ms[writes * 99 / 100]);
    printf("kiosk write max:     %.2f ms\n", kiosk_ms[writes - 1]);
  }
  printf("kiosk writes lost:   %ld failed, %ld of %ld audit entries and %ld of %ld card records in the store"
         "   (target: none lost)\n",
         failures, audits, writes, cards, writes);
  return bench_lookups(db, csvp, n);
}
