/*
 * The printed key worker leaflet: the structure from leaflet.h laid out as
 * pages (scenes in pixels at the profile's resolution) on A4 or A5 paper.
 * Text flows down the page and onto new pages; a heading is never left at
 * the foot of a page without its first block; bullets hang. Each language
 * starts on a new page; the caller lays out the Welsh leaflet first.
 * Pure: text is fitted with the caller's measurer; nothing is drawn here.
 */
#ifndef ALLWEDD_LEAFLET_LAYOUT_H
#define ALLWEDD_LEAFLET_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/leaflet.h"
#include "core/profile.h"
#include "core/scene.h"

/* Pages of laid-out leaflet, in order. Owns its scenes. */
typedef struct {
  scene_t **page;
  size_t count, cap;
} leaflet_pages_t;

/* Free every page and reset pages to empty. */
void leaflet_pages_clear(leaflet_pages_t *pages);

/* Lay out lf on pages of profile p (its media, dpi and margin), appending
 * to pages. false with a reason in err when memory runs out. Text that
 * cannot fit even a whole page is recorded in that page's
 * scene_overflows(). */
bool leaflet_layout(const leaflet_t *lf, const profile_t *p, const scene_measurer_t *m,
                    leaflet_pages_t *pages, char *err, size_t errlen);

#endif
