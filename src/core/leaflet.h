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

/* The leaflet's sections by what they say. Code that needs one section
 * (the key worker screen's emergency panel, the card's band) asks for it by
 * this id, never by its position: the reading order is the table in
 * leaflet.c, and reordering it must not put the wrong text in a warning. */
typedef enum {
  LEAFLET_SECTION_WHO = 0,           /* who is your key worker? */
  LEAFLET_SECTION_WHAT_THEY_DO,      /* what your key worker does for you */
  LEAFLET_SECTION_CONTACT,           /* how to contact your key worker */
  LEAFLET_SECTION_NOT_EMERGENCY,     /* not an emergency contact: 999, acute oncology, 111 */
  LEAFLET_SECTION_MAY_CHANGE,        /* your key worker may change */
  LEAFLET_SECTION_COUNT
} leaflet_section_id_t;

typedef struct {
  leaflet_section_id_t id;
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

/* Build the leaflet in lang from cat (NULL: the English source text), its
 * sections in the standard reading order. NULL with a reason in err when
 * memory runs out or a translation's format does not fit its arguments. */
leaflet_t *leaflet_build(const i18n_t *cat, lang_t lang, const leaflet_site_t *site, char *err,
                         size_t errlen);

/* The same with the sections in the order given (each id at most once;
 * sections not named are left out). NULL with a reason in err also for an
 * unknown or repeated id. leaflet_build() is this with the standard order. */
leaflet_t *leaflet_build_ordered(const i18n_t *cat, lang_t lang, const leaflet_site_t *site,
                                 const leaflet_section_id_t *order, size_t count, char *err,
                                 size_t errlen);
void leaflet_free(leaflet_t *lf);

lang_t leaflet_lang(const leaflet_t *lf);
const char *leaflet_title(const leaflet_t *lf);
const char *leaflet_subtitle(const leaflet_t *lf);
size_t leaflet_section_count(const leaflet_t *lf);
/* Section i (0-based) in reading order, for code that shows the whole
 * leaflet; NULL when i is out of range. */
const leaflet_section_t *leaflet_section(const leaflet_t *lf, size_t i);

/* The section with this id wherever it stands; NULL when the leaflet has
 * none (built without it) or id is out of range. */
const leaflet_section_t *leaflet_section_find(const leaflet_t *lf, leaflet_section_id_t id);

/* A stable lower-case name of a section id ("not-emergency"), for logs,
 * scene labels and the command line; NULL for an id out of range. */
const char *leaflet_section_name(leaflet_section_id_t id);

/* The id named name (as leaflet_section_name gives it); false when none. */
bool leaflet_section_by_name(const char *name, leaflet_section_id_t *id);

/* The short form of a section for a small printed face (the Key Worker
 * Card's band), as two English msgids in msgctxt "card": a lead sentence
 * and a detail sentence. false when the section has no short form (only
 * LEAFLET_SECTION_NOT_EMERGENCY has one). */
bool leaflet_section_card_msgids(leaflet_section_id_t id, const char **lead,
                                 const char **detail);

/* The leaflet as plain UTF-8 text: title, subtitle, then each heading and
 * its paragraphs, bullets as "• item", blank lines between blocks. The
 * caller frees it; NULL when memory runs out. */
char *leaflet_to_text(const leaflet_t *lf);

#endif
