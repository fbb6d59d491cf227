/*
 * Anonymous counts the kiosk keeps in its records: how many times
 * something happened in a calendar month, and nothing else: no time, no
 * order, no link to a person or to any other record. The patient's own
 * answers (survey.*) are kept this way, as are the languages chosen and the
 * support categories viewed, so that nothing in them can be tied back to
 * who was at the screen.
 *
 * Names are fixed words, never data: [a-z0-9_.], at most 63 characters.
 * Those in use:
 *   survey.knew_key_worker.yes | .no | .not_sure   "Did you already know who your key worker is?"
 *   survey.easy_to_use.yes | .no                    "Was this easy to use?"
 *   kiosk.language.cy | .en                         language chosen at the kiosk
 *   kiosk.support_viewed.CATEGORY                   a support category opened (services.csv categories)
 */
#ifndef ALLWEDD_STORE_COUNTS_H
#define ALLWEDD_STORE_COUNTS_H

#include <stdbool.h>

#include "core/store.h"

/* Count one more of name in the current UTC month. false with the reason in
 * store_error(st): a name that is not a fixed word, or SQLite failed. */
bool store_count_add(store_t *st, const char *name);

#endif
