/*
 * The sync's outer steps: prove the bundle (signature, manifest, files
 * present), refuse a replay, then import every file in one transaction,
 * check each file's hash and row count as it is read, remove what the
 * bundle no longer holds, record the run, and commit. Any failure rolls the
 * whole transaction back, so the store is never half-changed.
 */
#include "core/sync_private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/manifest.h"
#include "core/minisig.h"
#include "core/store_private.h"

enum { MANIFEST_MAX_BYTES = 64 * 1024 };

void sync_options_init(sync_options_t *opt)
{
  memset(opt, 0, sizeof *opt);
  opt->reject_threshold_percent = 1.0;
  opt->max_messages_per_file = 50;
  opt->max_clock_skew_s = 300;
  opt->max_removal_percent = 50;
}

void sync_options_from_config(sync_options_t *opt, const config_t *cfg)
{
  sync_options_init(opt);
  opt->bundle_dir = cfg->bundle_dir;
  opt->db_path = cfg->db_path;
  opt->public_key_path = cfg->public_key;
  opt->allow_unsigned = cfg->allow_unsigned;
  opt->reject_threshold_percent = cfg->reject_threshold_percent;
  opt->max_clock_skew_s = cfg->max_clock_skew_s;
  opt->max_removal_percent = cfg->max_removal_percent;
}

/* Read a small file whole; NULL with reason. */
static char *read_file(const char *path, size_t max, size_t *len, char *reason, size_t reasonlen)
{
  struct stat sb;
  if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
    snprintf(reason, reasonlen, "%s: not a regular file", path);
    return NULL;
  }
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  if (!f) {
    snprintf(reason, reasonlen, "%s: %s", path, strerror(errno));
    return NULL;
  }
  buf = malloc(max + 1);
  size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
  if (!buf || ferror(f) || n > max) {
    snprintf(reason, reasonlen, "%s: %s", path, !buf ? "out of memory" : n > max ? "too large" : "read error");
    free(buf);
    buf = NULL;
  } else {
    buf[n] = '\0';
    *len = n;
  }
  fclose(f);
  return buf;
}

void sync_note_store_fault(sync_state_t *state)
{
  if (state->fault != STORE_FAULT_NONE)
    return;
  store_fault_t fault = state->db ? store_fault_of(sqlite3_extended_errcode(state->db),
                                                   sqlite3_system_errno(state->db))
                                  : STORE_FAULT_NONE;
  if ((fault == STORE_FAULT_NONE || fault == STORE_FAULT_OTHER) && state->store)
    fault = store_fault(state->store);
  state->fault = fault;
}

/* True for the store troubles that are neither the bundle's fault nor a
 * configuration error: they get their own message and exit status 1. */
static bool store_trouble(store_fault_t fault)
{
  return fault == STORE_FAULT_BUSY || fault == STORE_FAULT_DISK_FULL || fault == STORE_FAULT_READ_ONLY ||
         fault == STORE_FAULT_DAMAGED || fault == STORE_FAULT_IO;
}

/* Read-only before anything is opened: the store's folder or file refuses
 * writes (a read-only file system, or permissions for this user). */
static store_fault_t path_fault(const char *db_path)
{
  char dir[4096];
  snprintf(dir, sizeof dir, "%s", db_path);
  char *slash = strrchr(dir, '/');
  if (slash)
    *(slash == dir ? slash + 1 : slash) = '\0';
  else
    snprintf(dir, sizeof dir, ".");
  if (access(dir, F_OK) == 0 && access(dir, W_OK) != 0 && (errno == EROFS || errno == EACCES || errno == EPERM))
    return STORE_FAULT_READ_ONLY;
  if (access(db_path, F_OK) == 0 && access(db_path, W_OK) != 0 &&
      (errno == EROFS || errno == EACCES || errno == EPERM))
    return STORE_FAULT_READ_ONLY;
  return STORE_FAULT_NONE;
}

/* The store trouble named in an error text from store_open (it words
 * faults with store_fault_words). */
static store_fault_t fault_in_text(const char *text)
{
  static const store_fault_t faults[] = {STORE_FAULT_BUSY, STORE_FAULT_DISK_FULL, STORE_FAULT_READ_ONLY,
                                         STORE_FAULT_DAMAGED, STORE_FAULT_IO};
  for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
    if (strstr(text, store_fault_words(faults[i])))
      return faults[i];
  return STORE_FAULT_NONE;
}

/* Say plainly what the store's trouble was, the details after it. */
static void explain_store_fault(sync_report_t *report)
{
  char detail[sizeof report->reason];
  snprintf(detail, sizeof detail, "%s", report->reason);
  switch (report->store_fault) {
  case STORE_FAULT_BUSY:
    snprintf(report->reason, sizeof report->reason,
             "the store is busy: another program held it for more than %d seconds (another sync, or a staff"
             " tool); nothing was changed, try again [%.300s]",
             STORE_BUSY_TIMEOUT_MS / 1000, detail);
    break;
  case STORE_FAULT_DISK_FULL:
    snprintf(report->reason, sizeof report->reason,
             "the disk that holds the store is full: nothing was changed; free some space and sync again [%.300s]",
             detail);
    break;
  case STORE_FAULT_READ_ONLY:
    snprintf(report->reason, sizeof report->reason,
             "the store is read-only (its file, its folder or the file system refuses writes): nothing was"
             " changed; make it writable and sync again [%.300s]",
             detail);
    break;
  case STORE_FAULT_DAMAGED:
    snprintf(report->reason, sizeof report->reason,
             "the store is damaged: nothing was changed; move it aside and sync again to build it from the"
             " export [%.300s]",
             detail);
    break;
  default:
    snprintf(report->reason, sizeof report->reason,
             "the store had a disk I/O error: nothing was changed; check the disk and sync again [%.300s]", detail);
    break;
  }
}

/* Join a bundle directory and a file name. */
static void bundle_path(const sync_options_t *opt, const char *name, char *out, size_t outlen)
{
  snprintf(out, outlen, "%s/%s", opt->bundle_dir, name);
}

/* Verify the manifest's signature (or accept it unsigned when allowed) and
 * parse it. Returns SYNC_IMPORTED when it may be used. */
static sync_status_t prove_manifest(const sync_options_t *opt, manifest_t *m, sync_report_t *report,
                                    sync_state_t *state)
{
  char path[4096];
  size_t len = 0, siglen = 0;
  char *text = NULL, *sig = NULL;
  sync_status_t status = SYNC_REJECTED;
  struct stat sb;

  bundle_path(opt, "manifest.ini", path, sizeof path);
  if (stat(opt->bundle_dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
    snprintf(report->reason, sizeof report->reason, "%s: not a bundle folder", opt->bundle_dir);
    return SYNC_FAILED;
  }
  if (!(text = read_file(path, MANIFEST_MAX_BYTES, &len, report->reason, sizeof report->reason)))
    goto done;
  if (memchr(text, '\0', len)) {
    snprintf(report->reason, sizeof report->reason, "manifest.ini is not a text file");
    goto done;
  }
  bundle_path(opt, "manifest.ini.minisig", path, sizeof path);
  if (access(path, F_OK) != 0) {
    if (!opt->allow_unsigned) {
      snprintf(report->reason, sizeof report->reason,
               "the bundle is not signed (manifest.ini.minisig is missing)");
      goto done;
    }
    state->warnings++;
    if (state->on_message)
      state->on_message(state->ctx, "warning: the bundle is unsigned; accepted because allow_unsigned = true");
  } else {
    minisig_pubkey_t key;
    char why[256];
    if (!opt->public_key_path || !opt->public_key_path[0]) {
      snprintf(report->reason, sizeof report->reason, "no trusted public key is configured (public_key)");
      status = SYNC_FAILED;
      goto done;
    }
    if (!minisig_load_pubkey(opt->public_key_path, &key, why, sizeof why)) {
      snprintf(report->reason, sizeof report->reason, "trusted public key: %s", why);
      status = SYNC_FAILED;
      goto done;
    }
    if (!(sig = read_file(path, 4096, &siglen, report->reason, sizeof report->reason)))
      goto done;
    if (!minisig_verify(&key, sig, (const unsigned char *)text, len, report->trusted_comment,
                        sizeof report->trusted_comment, why, sizeof why)) {
      snprintf(report->reason, sizeof report->reason, "manifest.ini.minisig: %s", why);
      goto done;
    }
  }
  if (!manifest_parse(text, m, report->reason, sizeof report->reason))
    goto done;
  status = SYNC_IMPORTED;
done:
  free(text);
  free(sig);
  return status;
}

/* Every file this format needs is listed and present. */
static bool check_files_present(const sync_options_t *opt, const manifest_t *m, sync_report_t *report,
                                sync_state_t *state)
{
  char path[4096];
  for (size_t i = 0; i < SYNC_FILES; i++) {
    const char *name = sync_file_spec_name(sync_file_spec(i));
    bundle_path(opt, name, path, sizeof path);
    if (!manifest_find(m, name)) {
      snprintf(report->reason, sizeof report->reason, "manifest.ini does not list %s", name);
      return false;
    }
    struct stat sb;
    if (stat(path, &sb) != 0 || access(path, R_OK) != 0) {
      snprintf(report->reason, sizeof report->reason, "%s is listed in the manifest but %s", name,
               errno == ENOENT ? "missing from the bundle" : strerror(errno));
      return false;
    }
    if (!S_ISREG(sb.st_mode)) { /* a pipe or device could be read for ever */
      snprintf(report->reason, sizeof report->reason, "%s is not a regular file", name);
      return false;
    }
  }
  for (size_t i = 0; i < m->nfiles; i++) {
    bool known = false;
    for (size_t j = 0; j < SYNC_FILES; j++)
      known |= !strcmp(m->files[i].name, sync_file_spec_name(sync_file_spec(j)));
    if (!known && state->on_message) {
      char line[160];
      snprintf(line, sizeof line, "warning: manifest lists %s, which format 1 does not use; ignored",
               m->files[i].name);
      state->warnings++;
      state->on_message(state->ctx, line);
    }
  }
  return true;
}

/* Read the last imported bundle's generation and the next run id. A run
 * whose bundle claims to come from the future (latest is now plus the
 * allowed skew) is left out: imported before this check existed, or forced,
 * it must not make every later real bundle look like a replay. Also the
 * counts of patients and services before the import. */
static bool read_history(sqlite3 *db, const char *latest, char previous[21], long *next_run, long *patients,
                         long *services)
{
  sqlite3_stmt *pStmt = NULL;
  bool ok = sqlite3_prepare_v2(db, "SELECT (SELECT coalesce(max(generated), '') FROM sync_runs WHERE generated <= ?1),"
                                   " (SELECT coalesce(max(id), 0) + 1 FROM sync_runs),"
                                   " (SELECT count(*) FROM patients), (SELECT count(*) FROM services)",
                                   -1, &pStmt, NULL) == SQLITE_OK &&
            sqlite3_bind_text(pStmt, 1, latest, -1, SQLITE_STATIC) == SQLITE_OK &&
            sqlite3_step(pStmt) == SQLITE_ROW;
  if (ok) {
    snprintf(previous, 21, "%s", (const char *)sqlite3_column_text(pStmt, 0));
    *next_run = (long)sqlite3_column_int64(pStmt, 1);
    *patients = (long)sqlite3_column_int64(pStmt, 2);
    *services = (long)sqlite3_column_int64(pStmt, 3);
  }
  sqlite3_finalize(pStmt);
  return ok;
}

/* now + seconds as "YYYY-MM-DDTHH:MM:SSZ". */
static void utc_after(time_t now, long seconds, char out[21])
{
  time_t t = now + seconds;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Refuse a bundle from the future (beyond the allowed clock skew). */
static bool check_not_future(const sync_options_t *opt, const manifest_t *m, const char *latest,
                             sync_report_t *report)
{
  if (strcmp(m->generated, latest) <= 0 || opt->force)
    return true;
  char now[21];
  clock_now_utc(now);
  snprintf(report->reason, sizeof report->reason,
           "bundle generated %s is in the future: the kiosk's clock says %s and allows %d seconds of"
           " difference; check the clocks of the export server and of the kiosk (staff can force it with"
           " --force --reason)",
           m->generated, now, opt->max_clock_skew_s);
  return false;
}

/* Refuse a bundle that removes more than the allowed share of the
 * patients or services the store held. */
static bool check_removals(const sync_state_t *state, const sync_report_t *report, long patients_before,
                           long services_before, char *reason, size_t reasonlen)
{
  const struct {
    const sync_file_report_t *file;
    long before;
    const char *what;
  } checks[] = {{&report->files[1], patients_before, "patients"}, {&report->files[3], services_before, "services"}};
  if (state->opt->force)
    return true;
  for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
    long removed = checks[i].file->removed, before = checks[i].before;
    if (before > 0 && removed * 100 > (long)state->opt->max_removal_percent * before) {
      snprintf(reason, reasonlen,
               "the bundle would remove %ld of the %ld %s the kiosk holds (%ld %%), more than the %d %% allowed"
               " ([sync] max_removal_percent): the export looks empty or cut short, so nothing was imported"
               " (if it is right, staff can force it with --force --reason)",
               removed, before, checks[i].what, removed * 100 / before, state->opt->max_removal_percent);
      return false;
    }
  }
  return true;
}

/* Hex of a finished SHA-256. */
static void sha_hex(crypto_hash_sha256_state *sha, char hex[65])
{
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(sha, digest);
  sodium_bin2hex(hex, 65, digest, sizeof digest);
}

/* Import one file and prove it against the manifest; then release its
 * messages if it was proven. */
static bool import_and_prove(sync_state_t *state, const manifest_t *m, size_t i,
                             file_result_t *result, sync_report_t *report)
{
  const file_spec_t *spec = sync_file_spec(i);
  const manifest_file_t *entry = manifest_find(m, sync_file_spec_name(spec));
  char path[4096], hex[65];
  bundle_path(state->opt, entry->name, path, sizeof path);
  if (!sync_import_file(state, spec, path, entry->rows, result, report->reason, sizeof report->reason))
    return false;
  sha_hex(&result->sha, hex);
  if (strcmp(hex, entry->sha256)) {
    snprintf(report->reason, sizeof report->reason,
             "%s: SHA-256 does not match the manifest (the file changed after signing)", entry->name);
    return false;
  }
  if (result->report->rows != entry->rows) {
    char nuls[24];
    snprintf(nuls, sizeof nuls, "%lld", result->nul_padding);
    if (result->nul_padding)
      snprintf(report->reason, sizeof report->reason,
               "%s: %ld data rows, but the manifest says %ld; the file ends with %s NUL bytes: padding that"
               " is not data, or the end of a file that was not completely written; re-export it",
               entry->name, result->report->rows, entry->rows, nuls);
    else
      snprintf(report->reason, sizeof report->reason, "%s: %ld data rows, but the manifest says %ld",
               entry->name, result->report->rows, entry->rows);
    return false;
  }
  for (size_t k = 0; k < result->nmessages; k++)
    if (state->on_message)
      state->on_message(state->ctx, result->messages[k]);
  if (result->suppressed && state->on_message) {
    char line[160];
    snprintf(line, sizeof line, "%s: %ld more row errors not shown", entry->name, result->suppressed);
    state->on_message(state->ctx, line);
  }
  if (result->suppressed_warnings && state->on_message) {
    char line[160];
    snprintf(line, sizeof line, "warning: %s: %ld more warnings not shown", entry->name,
             result->suppressed_warnings);
    state->on_message(state->ctx, line);
  }
  const sync_file_report_t *fr = result->report;
  if (fr->rejected * 100.0 > state->opt->reject_threshold_percent * (double)fr->rows) {
    char share[24], allowed[24]; /* numbers as text: the Welsh format takes text arguments */
    snprintf(share, sizeof share, "%.2f", fr->rows ? fr->rejected * 100.0 / (double)fr->rows : 0.0);
    snprintf(allowed, sizeof allowed, "%.2f", state->opt->reject_threshold_percent);
    snprintf(report->reason, sizeof report->reason,
             "%s: %ld of %ld rows rejected (%s %%), more than the %s %% allowed: the export job"
             " looks broken, so nothing was imported",
             entry->name, fr->rejected, fr->rows, share, allowed);
    return false;
  }
  return true;
}

/* Record the run in sync_runs. */
static bool record_run(sync_state_t *state, const sync_report_t *report, const char *started_at,
                       double seconds)
{
  char now[21], text[8192];
  sqlite3_stmt *pStmt = NULL;
  clock_now_utc(now);
  sync_report_format(report, text, sizeof text);
  bool ok = sqlite3_prepare_v2(state->db,
                               "INSERT INTO sync_runs(id, started_at, finished_at, generated, source, site,"
                               " bundle_dir, forced, duration_ms, report)"
                               " VALUES(?1, ?2, ?3, ?4, ?10, ?5, ?6, ?7, ?8, ?9)",
                               -1, &pStmt, NULL) == SQLITE_OK;
  if (ok) {
    sqlite3_bind_int64(pStmt, 1, state->run);
    sqlite3_bind_text(pStmt, 2, started_at, -1, SQLITE_STATIC);
    sqlite3_bind_text(pStmt, 3, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(pStmt, 4, report->generated, -1, SQLITE_STATIC);
    sqlite3_bind_text(pStmt, 5, report->site, -1, SQLITE_STATIC);
    sqlite3_bind_text(pStmt, 6, state->opt->bundle_dir, -1, SQLITE_STATIC);
    sqlite3_bind_int(pStmt, 7, state->opt->force);
    sqlite3_bind_int64(pStmt, 8, (sqlite3_int64)(seconds * 1000));
    sqlite3_bind_text(pStmt, 9, text, -1, SQLITE_STATIC);
    sqlite3_bind_text(pStmt, 10, report->source, -1, SQLITE_STATIC);
    ok = sqlite3_step(pStmt) == SQLITE_DONE;
  }
  sqlite3_finalize(pStmt);
  return ok;
}

/* Audit an imported run in the records file (after the snapshot's commit:
 * the two files commit separately). */
static bool audit_run(store_t *st, const sync_report_t *report, bool forced)
{
  char text[512];
  const sync_file_report_t *p = &report->files[1];
  snprintf(text, sizeof text, "generated=%s patients +%ld ~%ld -%ld rejected %ld%s", report->generated,
           p->added, p->changed, p->removed, p->rejected, forced ? " (forced)" : "");
  if (!store_audit(st, "sync", "sync_imported", text))
    return false;
  if (!forced)
    return true;
  snprintf(text, sizeof text, "generated=%s reason=%s", report->generated, report->force_reason);
  return store_audit(st, "staff", "sync_forced", text);
}

/* Keep the first few warnings and row errors of a file for the report. */
static void keep_samples(sync_report_t *report, const file_result_t *result)
{
  for (size_t k = 0; k < result->nmessages; k++) {
    const char *line = result->messages[k];
    bool warning = !strncmp(line, "warning: ", 9);
    char (*into)[320] = warning ? report->first_warnings : report->first_row_errors;
    size_t *n = warning ? &report->nfirst_warnings : &report->nfirst_row_errors;
    if (*n < SYNC_SAMPLES)
      snprintf(into[(*n)++], 320, "%s", line);
  }
}

/* Import every file, remove what left, record the run. */
static bool import_all(sync_state_t *state, const manifest_t *m, sync_report_t *report,
                       file_result_t *results, const char *started_at, int64_t t0, long patients_before,
                       long services_before)
{
  for (size_t i = 0; i < SYNC_FILES; i++) {
    if (!import_and_prove(state, m, i, &results[i], report))
      return false;
    keep_samples(report, &results[i]);
  }
  for (size_t i = SYNC_FILES; i-- > 0;)
    if (!sync_remove_unseen(state, sync_file_spec(i), &results[i], report->reason, sizeof report->reason))
      return false;
  if (!check_removals(state, report, patients_before, services_before, report->reason, sizeof report->reason))
    return false;
  if (state->bulk_load && !store_exec(state->store, store_patient_indexes_create))
    goto sql_error;
  report->seconds = (double)(clock_monotonic_ms() - t0) / 1000.0;
  report->warnings = state->warnings; /* the stored report says how many */
  if (!record_run(state, report, started_at, report->seconds)) {
    sync_note_store_fault(state);
    snprintf(report->reason, sizeof report->reason, "cannot record the sync: %s", sqlite3_errmsg(state->db));
    return false;
  }
  return true;
sql_error:
  sync_note_store_fault(state);
  snprintf(report->reason, sizeof report->reason, "cannot rebuild the patient indexes: %s",
           store_error(state->store));
  return false;
}

sync_status_t sync_run(const sync_options_t *opt, sync_report_t *report, sync_message_fn on_message,
                       void *ctx)
{
  manifest_t manifest;
  file_result_t results[SYNC_FILES];
  sync_state_t state = {.opt = opt, .on_message = on_message, .ctx = ctx};
  store_t *st = NULL;
  char started_at[21], err[512], latest[21];
  long patients_before = 0, services_before = 0;
  bool in_transaction = false;
  int64_t t0 = clock_monotonic_ms();
  sync_status_t status = SYNC_REJECTED;

  memset(report, 0, sizeof *report);
  memset(results, 0, sizeof results);
  for (size_t i = 0; i < SYNC_FILES; i++) {
    report->files[i].file = sync_file_spec_name(sync_file_spec(i));
    results[i].report = &report->files[i];
  }
  clock_now_utc(started_at);
  clock_today(state.today);
  utc_after(clock_now(), opt->max_clock_skew_s, latest);
  /* The command line and the staff screen ask for a reason; a caller that
   * gives none is still audited as a forced sync. */
  if (opt->force)
    snprintf(report->force_reason, sizeof report->force_reason, "%s",
             opt->force_reason && opt->force_reason[0] ? opt->force_reason : "(no reason given)");
  if (sodium_init() < 0) {
    snprintf(report->reason, sizeof report->reason, "libsodium failed to initialise");
    status = SYNC_FAILED;
    goto done;
  }
  if ((status = prove_manifest(opt, &manifest, report, &state)) != SYNC_IMPORTED)
    goto done;
  status = SYNC_REJECTED;
  snprintf(report->generated, sizeof report->generated, "%s", manifest.generated);
  snprintf(report->site, sizeof report->site, "%s", manifest.site);
  snprintf(report->source, sizeof report->source, "%s", manifest.source);
  if (!check_files_present(opt, &manifest, report, &state) || !check_not_future(opt, &manifest, latest, report))
    goto done;

  if ((state.fault = path_fault(opt->db_path)) != STORE_FAULT_NONE) {
    snprintf(report->reason, sizeof report->reason, "%s", opt->db_path);
    status = SYNC_FAILED;
    goto done;
  }
  if (!(st = store_open(opt->db_path, err, sizeof err))) {
    snprintf(report->reason, sizeof report->reason, "%s", err);
    state.fault = fault_in_text(err);
    status = SYNC_FAILED;
    goto done;
  }
  state.store = st;
  state.db = store_db(st);
  if (!(state.key_workers = idset_new()) || !(state.patients = idset_new()) ||
      !(state.coverage = sync_coverage_new())) {
    snprintf(report->reason, sizeof report->reason, "out of memory");
    status = SYNC_FAILED;
    goto done;
  }
  /* A larger page cache for the import only; the kiosk keeps the default.
   * Foreign keys are not enforced on this connection: the sync checks every
   * reference itself (a patient's and a history row's key worker against
   * the accepted key workers, a history row's patient against the accepted
   * patients) and removes old history before old patients, so SQLite's
   * check would only add a B-tree probe per row; the tests run PRAGMA
   * foreign_key_check after syncs. BEGIN IMMEDIATE would take the write
   * lock of every attached file, the kiosk's records too: a deferred BEGIN
   * and a write to the snapshot take the snapshot's lock alone. */
  if (!store_exec(st, "PRAGMA cache_size = -4000; PRAGMA temp_store = FILE; PRAGMA foreign_keys = OFF;"
                     " BEGIN; DELETE FROM main.sync_runs WHERE 0")) {
    sync_note_store_fault(&state);
    snprintf(report->reason, sizeof report->reason, "cannot start the import: %s", store_error(st));
    status = SYNC_FAILED;
    goto done;
  }
  in_transaction = true;
  if (!read_history(state.db, latest, report->previous_generated, &state.run, &patients_before, &services_before)) {
    sync_note_store_fault(&state);
    snprintf(report->reason, sizeof report->reason, "cannot read earlier syncs: %s", sqlite3_errmsg(state.db));
    status = SYNC_FAILED;
    goto done;
  }
  if (report->previous_generated[0] && strcmp(manifest.generated, report->previous_generated) <= 0 &&
      !opt->force) {
    snprintf(report->reason, sizeof report->reason,
             "bundle generated %s is not newer than the last imported (%s): refused as a replay"
             " (staff can force it with --force --reason)",
             manifest.generated, report->previous_generated);
    goto done;
  }
  if (!import_all(&state, &manifest, report, results, started_at, t0, patients_before, services_before))
    goto done;
  if (!store_exec(st, "COMMIT")) {
    sync_note_store_fault(&state);
    snprintf(report->reason, sizeof report->reason, "cannot commit the import: %s", store_error(st));
    goto done;
  }
  in_transaction = false;
  status = SYNC_IMPORTED;
  if (!audit_run(st, report, opt->force) && on_message) {
    char line[600];
    snprintf(line, sizeof line, "warning: imported, but %s", store_error(st));
    on_message(ctx, line);
  }
done:
  if (in_transaction)
    sqlite3_exec(state.db, "ROLLBACK", NULL, NULL, NULL);
  if (status != SYNC_IMPORTED && store_trouble(state.fault)) {
    status = SYNC_FAILED;
    report->store_fault = state.fault;
    explain_store_fault(report);
  }
  if (status != SYNC_IMPORTED)
    for (size_t i = 0; i < SYNC_FILES; i++)
      report->files[i].added = report->files[i].changed = report->files[i].removed = 0;
  for (size_t i = 0; i < SYNC_FILES; i++)
    sync_file_result_free(&results[i]);
  idset_free(state.key_workers);
  idset_free(state.patients);
  sync_coverage_free(state.coverage);
  store_close(st);
  report->status = status;
  report->warnings = state.warnings;
  report->seconds = (double)(clock_monotonic_ms() - t0) / 1000.0;
  return status;
}

void sync_report_format(const sync_report_t *report, char *out, size_t outlen)
{
  size_t len = 0;
#define OUT(...) len += (size_t)snprintf(out + len, len < outlen ? outlen - len : 0, __VA_ARGS__)
  OUT("%-24s %8s %8s %8s %8s %8s\n", "file", "rows", "added", "changed", "removed", "rejected");
  for (size_t i = 0; i < SYNC_FILES; i++) {
    const sync_file_report_t *f = &report->files[i];
    OUT("%-24s %8ld %8ld %8ld %8ld %8ld\n", f->file ? f->file : "", f->rows, f->added, f->changed,
        f->removed, f->rejected);
  }
  OUT("generated %s%s%s, %ld warning%s, %.2f s\n", report->generated[0] ? report->generated : "(unknown)",
      report->previous_generated[0] ? ", previous " : "", report->previous_generated, report->warnings,
      report->warnings == 1 ? "" : "s", report->seconds);
  if (report->force_reason[0])
    OUT("forced by staff: %s\n", report->force_reason);
  long rejected = 0;
  for (size_t i = 0; i < SYNC_FILES; i++)
    rejected += report->files[i].rejected;
  if (report->nfirst_warnings)
    OUT("first warnings (%zu of %ld):\n", report->nfirst_warnings, report->warnings);
  for (size_t i = 0; i < report->nfirst_warnings; i++)
    OUT("  %s\n", report->first_warnings[i]);
  if (report->nfirst_row_errors)
    OUT("first rejected rows (%zu of %ld):\n", report->nfirst_row_errors, rejected);
  for (size_t i = 0; i < report->nfirst_row_errors; i++)
    OUT("  %s\n", report->first_row_errors[i]);
#undef OUT
  /* A report cut short must not end inside a UTF-8 character. */
  if (len >= outlen && outlen) {
    size_t end = outlen - 1;
    while (end && ((unsigned char)out[end] & 0xc0) == 0x80)
      end--;
    out[end] = '\0';
  }
}

void sync_report_counts(const char *report_text, long *warnings, long *rejected)
{
  *warnings = *rejected = 0;
  const char *line = strchr(report_text, '\n'); /* after the table's header */
  for (; line && line[1]; line = strchr(line + 1, '\n')) {
    char file[64];
    long rows, added, changed, removed, bad;
    if (sscanf(line + 1, "%63s %ld %ld %ld %ld %ld", file, &rows, &added, &changed, &removed, &bad) == 6) {
      *rejected += bad;
      continue;
    }
    if (!strncmp(line + 1, "generated ", 10)) {
      const char *w = strstr(line + 1, " warning");
      const char *num = w;
      while (num && num > line + 1 && num[-1] >= '0' && num[-1] <= '9')
        num--;
      if (w && num < w)
        *warnings = strtol(num, NULL, 10);
      break;
    }
  }
}

size_t sync_report_messages(const char *report_text, char (*lines)[320], size_t max)
{
  size_t n = 0;
  for (const char *p = report_text; p && *p && n < max; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
    if (strncmp(p, "  ", 2))
      continue;
    size_t len = strcspn(p + 2, "\n");
    snprintf(lines[n++], 320, "%.*s", (int)len, p + 2);
  }
  return n;
}
