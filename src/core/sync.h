/*
 * Sync: bring the store up to date from a central export bundle
 * (EXPORT_FORMAT.md). The bundle is proven first (minisign signature of the
 * manifest, then each file's SHA-256 and row count), then imported as a full
 * snapshot in ONE transaction: afterwards the store holds exactly the bundle,
 * or, if anything is wrong, exactly what it held before. The kiosk's own
 * records (cards printed, audit log, sync runs) are never removed.
 *
 * Rows that break a rule are skipped and reported as FILE:LINE:COLUMN: reason;
 * more than the threshold of rejected rows in any file rejects the bundle.
 * Reports never repeat patient values.
 */
#ifndef ALLWEDD_SYNC_H
#define ALLWEDD_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"
#include "core/store.h"

typedef struct {
  const char *bundle_dir;
  const char *db_path;
  const char *public_key_path;     /* minisign public key file */
  bool allow_unsigned;             /* accept a bundle without manifest.ini.minisig */
  bool force;                      /* accept a bundle not newer than the last, one from the
                                      future, or one that removes too much */
  const char *force_reason;        /* why staff forced it (audited; the CLI requires one) */
  double reject_threshold_percent; /* e.g. 1.0 */
  int max_messages_per_file;       /* row errors (and, apart, warnings) reported per file */
  int max_clock_skew_s;            /* refuse generated > now + this (default 300) */
  int max_removal_percent;         /* refuse removing more of the patients or services (default 50) */
} sync_options_t;

typedef enum {
  SYNC_IMPORTED = 0,  /* the store now holds the bundle (rows may have been skipped) */
  SYNC_REJECTED = 1,  /* the bundle was refused; the store is as it was */
  SYNC_FAILED = 2,    /* configuration or system error; the store is as it was
                         (report.store_fault says when the store itself was the trouble) */
} sync_status_t;

enum { SYNC_FILES = 4, SYNC_SAMPLES = 5 };

typedef struct {
  const char *file;      /* "patients.csv" */
  long rows;             /* data rows read */
  long added, changed, removed, rejected;
} sync_file_report_t;

typedef struct {
  sync_status_t status;
  char reason[512];            /* why it was rejected or failed; "" on import */
  char generated[21];
  char previous_generated[21]; /* "" when the store was empty */
  char site[256];
  char source[256];
  char trusted_comment[256];
  sync_file_report_t files[SYNC_FILES];
  long warnings;
  double seconds;
  /* The first few messages, for the stored report and the staff screen. */
  char first_warnings[SYNC_SAMPLES][320];
  size_t nfirst_warnings;
  char first_row_errors[SYNC_SAMPLES][320];
  size_t nfirst_row_errors;
  char force_reason[200];      /* when forced */
  /* SYNC_FAILED because of the store itself: busy past the busy timeout,
   * disk full, read-only, damaged or an I/O error (STORE_FAULT_NONE when
   * not); the reason then says so plainly, with the details in [...]. */
  store_fault_t store_fault;
} sync_report_t;

/* Called with each row error and warning as one line ("FILE:LINE:COL: reason"
 * or "warning: ..."), in file order, after the file has been proven. */
typedef void (*sync_message_fn)(void *ctx, const char *line);

/* Fill options with defaults (1 % threshold, 50 messages per file, 300 s
 * clock skew, 50 % removal). */
void sync_options_init(sync_options_t *opt);

/* Defaults, then the configured bundle folder, store, public key,
 * allow_unsigned, threshold, clock skew and removal share (cfg must outlive
 * opt: strings are shared). */
void sync_options_from_config(sync_options_t *opt, const config_t *cfg);

/* Run one sync. Never leaves the store half-changed. */
sync_status_t sync_run(const sync_options_t *opt, sync_report_t *report, sync_message_fn on_message,
                       void *ctx);

/* Write the report as the text the CLI prints and the store keeps: a table
 * of the files, a summary line, then (when there are any) the first
 * warnings and rejected rows, each indented by two spaces. */
void sync_report_format(const sync_report_t *report, char *out, size_t outlen);

/* The indented message lines of a stored report (sync_report_format), in
 * order, up to max; returns how many. */
size_t sync_report_messages(const char *report_text, char (*lines)[320], size_t max);

/* The warning count and the rejected rows (all files) of a stored report. */
void sync_report_counts(const char *report_text, long *warnings, long *rejected);

#endif
