/*
 * The identification lockout (core/ident.h) kept in the store's records
 * file, so a restart of the kiosk does not reset the failed tries or end a
 * pause (issue 11). One row: counts and times only, never what was typed.
 *
 * Times in the saved state are wall-clock milliseconds since the Unix
 * epoch: the kiosk's own clock (monotonic) starts again at each boot, so the
 * caller rebases before saving and after loading:
 *
 *   ident_lockout_rebase(&l, wall_ms - monotonic_ms);   then save
 *   load, then ident_lockout_rebase(&l, monotonic_ms - wall_ms)
 *   and ui_restore_lockout() (which runs ident_lockout_restore()).
 */
#ifndef ALLWEDD_STORE_IDENT_H
#define ALLWEDD_STORE_IDENT_H

#include <stdbool.h>

#include "core/ident.h"
#include "core/store.h"

/* The saved lockout: STORE_FOUND with it in *out, STORE_NOT_FOUND (out
 * zeroed: the empty state) when none was ever saved, STORE_ERROR with the
 * reason on the handle (a damaged row is an error too). */
store_match_t store_ident_lockout_load(store_t *st, ident_lockout_t *out);

/* Replace the saved lockout with l; false with the reason on the handle. */
bool store_ident_lockout_save(store_t *st, const ident_lockout_t *l);

#endif
