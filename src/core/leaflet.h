/*
 * The key worker leaflet as structured text in one language: a title, a
 * subtitle, then sections, each a heading followed by paragraphs and bullet
 * items. The wording lives in the catalogues (msgctxt "leaflet"); this
 * module only chooses and orders it and puts in the site's acute oncology
 * phone number and hours from the configuration. The kiosk screen and the
 * printed A4/A5 leaflet both lay out this same structure, and
 * leaflet_to_text() gives it as plain text (for read-aloud and the command
 * line). Never draws anything.
 */
#ifndef ALLWEDD_LEAFLET_H
#define ALLWEDD_LEAFLET_H

#include <stdbool.h>
#include <stddef.h>

#include "core/i18n.h"

typedef enum {
  LEAFLET_PARAGRAPH, /* a sentence or two */
  LEAFLET_BULLET,    /* one item of a list; consecutive bullets form one list */
} leaflet_block_kind_t;

typedef struct {
  leaflet_block_kind_t kind;
  const char *text;  /* owned by the leaflet */
} leaflet_block_t;

typedef struct {
  const char *heading;
  const leaflet_block_t *blocks;
  size_t block_count;
} leaflet_section_t;

typedef struct leaflet leaflet_t;

/* The site details the leaflet quotes, as written in the configuration
 * (config_t.acute_oncology_phone and _hours_en / _hours_cy for the
 * language). Either may be NULL or "": the leaflet then uses a sentence that
 * does without it. */
typedef struct {
  const char *acute_oncology_phone;
  const char *acute_oncology_hours;
} leaflet_site_t;

/* Build the leaflet in lang from cat (NULL: the English source text).
 * NULL with a reason in err when memory runs out or a translation's format
 * does not fit its arguments. */
leaflet_t *leaflet_build(const i18n_t *cat, lang_t lang, const leaflet_site_t *site, char *err,
                         size_t errlen);
void leaflet_free(leaflet_t *lf);

lang_t leaflet_lang(const leaflet_t *lf);
const char *leaflet_title(const leaflet_t *lf);
const char *leaflet_subtitle(const leaflet_t *lf);
size_t leaflet_section_count(const leaflet_t *lf);
/* Section i (0-based); NULL when i is out of range. */
const leaflet_section_t *leaflet_section(const leaflet_t *lf, size_t i);

/* The leaflet as plain UTF-8 text: title, subtitle, then each heading and
 * its paragraphs, bullets as "• item", blank lines between blocks. The
 * caller frees it; NULL when memory runs out. */
char *leaflet_to_text(const leaflet_t *lf);

#endif
