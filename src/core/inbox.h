/*
 * The bundle inbox: the folder the export transport fills and the appliance
 * empties by itself. allwedd-sync.path starts `allwedd sync --inbox` when a
 * bundle arrives; this module does that run.
 *
 * A bundle in the inbox is either the inbox folder itself (the bundle's
 * files copied straight into it) or a folder directly inside it. It is
 * complete when its manifest.ini.minisig is present: writers copy that file
 * last (docs/cli.md, "allwedd sync --inbox"). A bundle without it is being
 * copied and is left exactly as it is. Names starting with '.' (a transport's
 * partial files and folders), done/ and rejected/ are never bundles.
 *
 * Each complete bundle is synced once (sync_run, with the configured key;
 * never forced, never unsigned), oldest manifest first, then moved out of
 * the inbox so it is never tried again:
 *   imported            -> done/STAMP-NAME/
 *   rejected or failed  -> rejected/STAMP-NAME/
 * STAMP is the UTC time of the move (YYYYMMDDTHHMMSSZ), NAME the folder's
 * name ("inbox" for files straight in the inbox). Each moved bundle gets
 * allwedd-sync-report.txt (the result, the reason, the sync's report and
 * its row messages, which never hold patient values). done/ keeps the
 * newest INBOX_KEEP_DONE bundles and rejected/ the newest
 * INBOX_KEEP_REJECTED; older ones are deleted (they hold patient data).
 * A bundle that was not imported is also recorded in the store's audit log
 * (store_sync_refusal_record), where the staff screen and the metrics read it.
 *
 * A writer's last file may still be being written when the path unit fires
 * (cp creates it, then fills it), so a manifest.ini.minisig younger than
 * settle_ms is waited for until it has stopped changing.
 *
 * One run at a time: the inbox folder itself is locked (flock) for the run.
 */
#ifndef ALLWEDD_INBOX_H
#define ALLWEDD_INBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "core/sync.h"

enum { INBOX_KEEP_DONE = 3, INBOX_KEEP_REJECTED = 10, INBOX_SETTLE_MS = 1000 };

#define INBOX_REPORT_FILE "allwedd-sync-report.txt"

typedef struct {
  const char *inbox_dir;
  sync_options_t sync;   /* db, key, threshold; bundle_dir is set per bundle;
                            force and allow_unsigned must be false */
  int settle_ms;         /* wait for a manifest.ini.minisig younger than this */
} inbox_options_t;

/* What happened to one bundle. Strings live until the callback returns. */
typedef struct {
  const char *name;            /* the folder's name, or "inbox" */
  const sync_report_t *report; /* status, reason, per-file counts */
  const char *moved_to;        /* the folder it now lives in */
  const char *problem;         /* "" or why the report file or the audit
                                  record of a refusal could not be written */
} inbox_result_t;

typedef void (*inbox_result_fn)(void *ctx, const inbox_result_t *result);

typedef struct {
  int imported, rejected, failed;
  int waiting;                 /* incomplete bundles left alone */
} inbox_summary_t;

/* Options with the defaults (settle INBOX_SETTLE_MS) and sync options from cfg
 * (cfg must outlive opt). */
void inbox_options_from_config(inbox_options_t *opt, const config_t *cfg);

/* Import every complete bundle in the inbox, moving each out of it.
 * on_result (may be NULL) is called after each bundle is moved;
 * on_message (may be NULL) receives the sync's row messages. false with
 * the reason in err when the inbox itself cannot be used (missing, not
 * writable, a bundle that cannot be moved): bundles handled before that
 * are counted in sum all the same. */
bool inbox_run(const inbox_options_t *opt, inbox_result_fn on_result, sync_message_fn on_message,
               void *ctx, inbox_summary_t *sum, char *err, size_t errlen);

#endif
