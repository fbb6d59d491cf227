/*
 * Returns to central: what the kiosk sends back, as a bundle in the shape
 * of the central export (docs/export-format.md, docs/returns.md): a
 * folder with CSV files, manifest.ini listing each file's row count and
 * SHA-256, and manifest.ini.minisig, signed with the kiosk's own key
 * (core/kiosk_key.h), so central checks it with the stock
 * `minisign -Vm manifest.ini -p kiosk.pub`.
 *
 * A return carries what no earlier return carried (core/store_returns.h):
 * the cards printed (NHS number, key worker, reason, channel, time), the
 * languages patients chose at the kiosk, the patients with no key worker
 * who identified there, and the anonymous answers as counts. Each has a
 * sequence number one more than the last, in its manifest and in the
 * store. It is written atomically: into a temporary folder beside the
 * destination, flushed, then renamed to OUT_DIR/return-KIOSK-NNNNNN. A run
 * that finds a return claimed but not written (a crash, a full disk) writes
 * that one again, byte for byte, before claiming the next.
 */
#ifndef ALLWEDD_RETURNS_H
#define ALLWEDD_RETURNS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/store.h"

typedef struct {
  const char *db_path;  /* the store; the kiosk's key lives beside it */
  const char *out_dir;  /* where return folders appear; must exist */
  const char *kiosk_id; /* [kiosk] id: in the folder name and manifest */
  const char *site;     /* the site's name for the manifest; may be "" */
} returns_options_t;

/* One return written by returns_make(). */
typedef struct {
  long seq;
  char path[4200];       /* the return's folder */
  char period_from[21];  /* "" for the first return */
  char period_to[21];
  long cards, languages, no_key_worker, answers; /* rows in each file */
  bool resumed;          /* claimed by an earlier run that did not finish */
} returns_written_t;

/* Write the unfinished return, if any, then a new one. *n receives how
 * many were written (1 or 2) into out[0..n). *key_created says the kiosk's
 * key was made now (central must be sent kiosk.pub). false with the reason
 * in err; whatever was written before the failure stays recorded.
 *
 * Fault injection (tests): ALLWEDD_RETURNS_KILL_AT=claimed|temp|renamed
 * kills the process (SIGKILL) after claiming a return, after writing its
 * temporary folder, or after renaming it into place. */
bool returns_make(store_t *st, const returns_options_t *opt, returns_written_t out[2], size_t *n,
                  bool *key_created, char *err, size_t errlen);

#endif
