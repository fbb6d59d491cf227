/*
 * Printer profiles: one small INI file per printer in printers/NAME.ini
 * (libinih). A profile says what page the printer takes (size in mm, PWG
 * media name), at what resolution, where the safe area is, single- or
 * double-sided, colour or mono, which document formats to offer first, and
 * how the card sits on the page (the page is the card, or the card is placed
 * on a sheet with cut marks). Adding a printer is adding a file: no C.
 *
 * Pure data: this module never draws and never talks to CUPS.
 */
#ifndef ALLWEDD_PROFILE_H
#define ALLWEDD_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

enum { PROFILE_NAME_MAX = 64, PROFILE_FORMATS_MAX = 6 };

typedef enum {
  PROFILE_SIDES_ONE = 0,          /* one-sided */
  PROFILE_SIDES_TWO_LONG_EDGE,    /* two-sided-long-edge */
  PROFILE_SIDES_TWO_SHORT_EDGE,   /* two-sided-short-edge */
} profile_sides_t;

typedef enum {
  PROFILE_FACES_BILINGUAL = 0,    /* one face, Welsh then English */
  PROFILE_FACES_CY_EN,            /* Welsh face, then English face (duplex) */
} profile_faces_t;

typedef enum {
  PROFILE_PLACE_PAGE = 0,         /* the page is the card */
  PROFILE_PLACE_SHEET,            /* the card is placed on a sheet with cut marks */
} profile_placement_t;

typedef struct {
  char name[PROFILE_NAME_MAX];    /* the file stem, e.g. "cr80" */
  char description[128];
  /* [media]: the page as the design sees it (landscape for a card). */
  double width_mm, height_mm;
  char pwg_media[64];             /* e.g. "iso_id-1_53.98x85.6mm" */
  /* [print] */
  int dpi;
  double margin_mm;               /* safe area inset on every side of the page */
  profile_sides_t sides;
  bool color;
  char formats[PROFILE_FORMATS_MAX][64]; /* MIME types, preferred first */
  size_t nformats;
  /* [card] */
  profile_faces_t faces;
  profile_placement_t placement;
  double card_width_mm, card_height_mm; /* the card itself (SHEET: placed on the page) */
  double card_margin_mm;          /* safe area inside the card's edge */
  double corner_radius_mm;        /* ID-1: 3.18 mm; drawn only as cut marks' guide */
} profile_t;

/* Fill p with the built-in defaults (a CR80 card at 300 dpi). */
void profile_defaults(profile_t *p);

/* Load the profile file at path; the name is the file stem. false with
 * "FILE:LINE: reason" (or "FILE: reason") in err. */
bool profile_load_file(profile_t *p, const char *path, char *err, size_t errlen);

/* Load printers/NAME.ini under data_dir. false with the reason in err (a
 * name with anything but letters, digits, '-' and '_' is refused). */
bool profile_load(profile_t *p, const char *data_dir, const char *name, char *err,
                  size_t errlen);

/* The names of every printers/NAME.ini under data_dir, sorted; *names is
 * malloc'd (free it). false when the directory cannot be read. */
bool profile_list(const char *data_dir, char (**names)[PROFILE_NAME_MAX], size_t *count,
                  char *err, size_t errlen);

/* Millimetres to device pixels at dpi, truncated like libcups does for the
 * PWG raster page size (hundredths of a millimetre * dpi / 2540). */
int profile_mm_to_px(double mm, int dpi);

/* The page size in pixels at the profile's resolution. */
void profile_page_px(const profile_t *p, int *width_px, int *height_px);

/* True when the profile offers this MIME type. */
bool profile_has_format(const profile_t *p, const char *mime);

/* The IPP keyword for p->sides. */
const char *profile_sides_keyword(profile_sides_t sides);

/* The printer for sheets (the leaflet, slips, the concerns list), one rule
 * for the kiosk, its UI and the CLI: card_printer when the card printer's
 * profile places cards on a sheet (it takes paper), else sheet_printer
 * ([printer] sheet_printer) when set, else NULL (a card-printer-only site).
 * Returns one of the given strings, not a copy. */
const char *profile_sheet_printer(const profile_t *card_profile, const char *card_printer,
                                  const char *sheet_printer);

#endif
