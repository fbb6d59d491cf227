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

typedef struct {
  const char *bundle_dir;
  const char *db_path;
  const char *public_key_path;     /* minisign public key file */
  bool allow_unsigned;             /* accept a bundle without manifest.ini.minisig */
  bool force;                      /* accept a bundle not newer than the last */
  double reject_threshold_percent; /* e.g. 1.0 */
  int max_messages_per_file;       /* row errors reported per file (the rest counted) */
} sync_options_t;

typedef enum {
  SYNC_IMPORTED = 0,  /* the store now holds the bundle (rows may have been skipped) */
  SYNC_REJECTED = 1,  /* the bundle was refused; the store is as it was */
  SYNC_FAILED = 2,    /* configuration or system error; the store is as it was */
} sync_status_t;

enum { SYNC_FILES = 4 };

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
} sync_report_t;

/* Called with each row error and warning as one line ("FILE:LINE:COL: reason"
 * or "warning: ..."), in file order, after the file has been proven. */
typedef void (*sync_message_fn)(void *ctx, const char *line);

/* Fill options with defaults (1 % threshold, 50 messages per file). */
void sync_options_init(sync_options_t *opt);

/* Defaults, then the configured bundle folder, store, public key,
 * allow_unsigned and threshold (cfg must outlive opt: strings are shared). */
void sync_options_from_config(sync_options_t *opt, const config_t *cfg);

/* Run one sync. Never leaves the store half-changed. */
sync_status_t sync_run(const sync_options_t *opt, sync_report_t *report, sync_message_fn on_message,
                       void *ctx);

/* Write the report as the text the CLI prints and the store keeps. */
void sync_report_format(const sync_report_t *report, char *out, size_t outlen);

#endif
