/*
 * "My list for today / Fy rhestr heddiw" (issue 15): the concerns a person
 * ticked at the kiosk, laid out as printed pages (scenes in pixels at the
 * sheet profile's resolution), so the raster and the PDF renderer draw the
 * same thing. Both languages on every line, the person's language first:
 * the key worker's name and phone when the person identified, their own name
 * only when they chose it, the ticked items by group, the 0-10 scale with
 * their score marked, ruled space for notes, and for each ticked group the
 * local services that match (core/concerns.h: name, phone, a QR code of the
 * web address), at most CONCERNS_LIST_SERVICES_PER_GROUP of them, ranked by
 * concerns_services_pick (Welsh-language ones first on a list in Welsh).
 *
 * Pure: text is fitted with the caller's measurer; nothing is drawn, read
 * or kept here. The pages hold what the person ticked: the caller frees them
 * as soon as they are printed (leaflet_pages_clear wipes nothing, so the
 * host drops them at once).
 */
#ifndef ALLWEDD_CONCERNS_LIST_H
#define ALLWEDD_CONCERNS_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/concerns.h"
#include "core/i18n.h"
#include "core/leaflet_layout.h"
#include "core/model.h"
#include "core/profile.h"
#include "core/scene.h"

enum { CONCERNS_LIST_SERVICES_PER_GROUP = 3 };

typedef struct {
  const concerns_selection_t *selection; /* required */
  unsigned groups;                 /* groups offered (mask, [concerns] groups), in their order */
  lang_t lang;                     /* the person's language: first on every line */
  const key_worker_t *key_worker;  /* heads the list; NULL when the person did not identify */
  const char *patient_name;        /* printed only when not NULL and not "" (their choice) */
  const service_t *services;       /* the store's services (ties in rank shown in this order) */
  size_t service_count;
  const char *date;                /* "YYYY-MM-DD", the day it is printed; NULL: none */
} concerns_list_t;

/* Lay out the list on pages of profile p (its page, dpi and margin),
 * appending to pages. false with a reason in err when memory runs out or
 * the selection is missing. Text that cannot fit is recorded in that page's
 * scene_overflows(). */
bool concerns_list_layout(const concerns_list_t *list, const i18n_t *cat, const profile_t *p,
                          const scene_measurer_t *m, leaflet_pages_t *pages, char *err,
                          size_t errlen);

/* The one rule the kiosk (app/kiosk_host.c) and `allwedd concerns-list`
 * share for printing pages[first..]: printed when all their text is there.
 * A word too wide for its box even at the smallest size is broken to fit and
 * printed (a service name of one 160-character word, as the sync accepts:
 * scene_overflow_broken_count); text that did not fit its box is refused:
 * false with "page N: LABEL: needs ..." in err. */
bool concerns_list_printable(const leaflet_pages_t *pages, size_t first, char *err, size_t errlen);

#endif
