/*
 * Printer profiles from printers/NAME.ini. Every key is known and checked;
 * an unknown section or key, or a value out of range, is an error naming the
 * file and line (libinih reports the line of the first bad key). Checks that
 * involve several keys (a card placed on a sheet must fit inside it) come
 * after parsing and name only the file.
 */
#include "core/profile.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

/* Parser state: the profile being filled and the first error. */
typedef struct {
  profile_t *p;
  char reason[256];
  bool have_width, have_height, have_card_width, have_card_height;
} profile_parse_t;

/* Fill p with the built-in CR80 defaults. */
void profile_defaults(profile_t *p)
{
  memset(p, 0, sizeof *p);
  snprintf(p->name, sizeof p->name, "cr80");
  snprintf(p->description, sizeof p->description, "ID-1 card");
  p->width_mm = 85.6;
  p->height_mm = 53.98;
  snprintf(p->pwg_media, sizeof p->pwg_media, "iso_id-1_53.98x85.6mm");
  p->dpi = 300;
  p->margin_mm = 0;
  p->sides = PROFILE_SIDES_ONE;
  p->color = true;
  snprintf(p->formats[0], sizeof p->formats[0], "image/pwg-raster");
  snprintf(p->formats[1], sizeof p->formats[1], "application/pdf");
  snprintf(p->formats[2], sizeof p->formats[2], "image/png");
  snprintf(p->formats[3], sizeof p->formats[3], "image/jpeg");
  p->nformats = 4;
  p->faces = PROFILE_FACES_BILINGUAL;
  p->placement = PROFILE_PLACE_PAGE;
  p->card_width_mm = 85.6;
  p->card_height_mm = 53.98;
  p->card_margin_mm = 3.0;
  p->corner_radius_mm = 3.18;
}

/* Parse a number in [lo, hi]; false with a reason. */
static bool parse_number(const char *value, double lo, double hi, double *out, char *why,
                         size_t whylen)
{
  char *end = NULL;
  errno = 0;
  double v = strtod(value, &end);
  while (end && (*end == ' ' || *end == '\t'))
    end++;
  if (end == value || !end || *end || errno || !isfinite(v)) {
    snprintf(why, whylen, "'%s' is not a number", value);
    return false;
  }
  if (v < lo || v > hi) {
    snprintf(why, whylen, "%s is out of range (%g to %g)", value, lo, hi);
    return false;
  }
  *out = v;
  return true;
}

/* Parse true/false/yes/no/1/0. */
static bool parse_bool(const char *value, bool *out, char *why, size_t whylen)
{
  if (!strcmp(value, "true") || !strcmp(value, "yes") || !strcmp(value, "1"))
    *out = true;
  else if (!strcmp(value, "false") || !strcmp(value, "no") || !strcmp(value, "0"))
    *out = false;
  else {
    snprintf(why, whylen, "'%s' is not true or false", value);
    return false;
  }
  return true;
}

/* Copy value into a fixed field; false when too long or empty. */
static bool parse_text(const char *value, char *out, size_t outlen, char *why, size_t whylen)
{
  size_t n = strlen(value);
  if (n == 0 || n >= outlen) {
    snprintf(why, whylen, n ? "value longer than %zu bytes" : "empty value", outlen - 1);
    return false;
  }
  memcpy(out, value, n + 1);
  return true;
}

/* Parse a comma-separated list of MIME types. */
static bool parse_formats(profile_t *p, const char *value, char *why, size_t whylen)
{
  char copy[512];
  char *save = NULL;
  p->nformats = 0;
  if (strlen(value) >= sizeof copy) {
    snprintf(why, whylen, "formats list too long");
    return false;
  }
  strcpy(copy, value);
  for (char *tok = strtok_r(copy, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
    const char *slash = strchr(tok, '/');
    if (!slash || slash == tok || !slash[1] || strlen(tok) >= sizeof p->formats[0]) {
      snprintf(why, whylen, "'%s' is not a MIME type like image/png", tok);
      return false;
    }
    if (p->nformats == PROFILE_FORMATS_MAX) {
      snprintf(why, whylen, "more than %d formats", PROFILE_FORMATS_MAX);
      return false;
    }
    strcpy(p->formats[p->nformats++], tok);
  }
  if (!p->nformats) {
    snprintf(why, whylen, "no formats given");
    return false;
  }
  return true;
}

/* One keyword of a fixed set: index into words, or -1 with a reason. */
static int parse_keyword(const char *value, const char *const *words, size_t n, char *why,
                         size_t whylen)
{
  for (size_t i = 0; i < n; i++)
    if (!strcmp(value, words[i]))
      return (int)i;
  int len = snprintf(why, whylen, "'%s' is not one of:", value);
  for (size_t i = 0; i < n && len > 0 && (size_t)len < whylen; i++)
    len += snprintf(why + len, whylen - (size_t)len, " %s", words[i]);
  return -1;
}

static const char *const SIDES[] = {"one-sided", "two-sided-long-edge", "two-sided-short-edge"};
static const char *const FACES[] = {"bilingual", "cy+en"};
static const char *const PLACEMENTS[] = {"page", "sheet"};

/* Handle [media] and [profile] keys; -1 when the key is unknown. */
static int handle_media(profile_parse_t *st, const char *section, const char *name,
                        const char *value)
{
  profile_t *p = st->p;
  char *why = st->reason;
  size_t wl = sizeof st->reason;
  if (!strcmp(section, "profile") && !strcmp(name, "description"))
    return parse_text(value, p->description, sizeof p->description, why, wl);
  if (strcmp(section, "media"))
    return -1;
  if (!strcmp(name, "width_mm"))
    return st->have_width = parse_number(value, 10, 1000, &p->width_mm, why, wl);
  if (!strcmp(name, "height_mm"))
    return st->have_height = parse_number(value, 10, 1000, &p->height_mm, why, wl);
  if (!strcmp(name, "pwg_media"))
    return parse_text(value, p->pwg_media, sizeof p->pwg_media, why, wl);
  return -1;
}

/* Handle [print] keys; -1 when the key is unknown. */
static int handle_print(profile_parse_t *st, const char *name, const char *value)
{
  profile_t *p = st->p;
  char *why = st->reason;
  size_t wl = sizeof st->reason;
  double v = 0;
  int k;
  if (!strcmp(name, "dpi")) {
    if (!parse_number(value, 72, 1200, &v, why, wl))
      return 0;
    if (v != floor(v)) {
      snprintf(why, wl, "dpi must be a whole number");
      return 0;
    }
    p->dpi = (int)v;
    return 1;
  }
  if (!strcmp(name, "margin_mm"))
    return parse_number(value, 0, 50, &p->margin_mm, why, wl);
  if (!strcmp(name, "sides")) {
    if ((k = parse_keyword(value, SIDES, 3, why, wl)) < 0)
      return 0;
    p->sides = (profile_sides_t)k;
    return 1;
  }
  if (!strcmp(name, "color"))
    return parse_bool(value, &p->color, why, wl);
  if (!strcmp(name, "formats"))
    return parse_formats(p, value, why, wl);
  return -1;
}

/* Handle [card] keys; -1 when the key is unknown. */
static int handle_card(profile_parse_t *st, const char *name, const char *value)
{
  profile_t *p = st->p;
  char *why = st->reason;
  size_t wl = sizeof st->reason;
  int k;
  if (!strcmp(name, "faces")) {
    if ((k = parse_keyword(value, FACES, 2, why, wl)) < 0)
      return 0;
    p->faces = (profile_faces_t)k;
    return 1;
  }
  if (!strcmp(name, "placement")) {
    if ((k = parse_keyword(value, PLACEMENTS, 2, why, wl)) < 0)
      return 0;
    p->placement = (profile_placement_t)k;
    return 1;
  }
  if (!strcmp(name, "width_mm"))
    return st->have_card_width = parse_number(value, 10, 1000, &p->card_width_mm, why, wl);
  if (!strcmp(name, "height_mm"))
    return st->have_card_height = parse_number(value, 10, 1000, &p->card_height_mm, why, wl);
  if (!strcmp(name, "margin_mm"))
    return parse_number(value, 0, 20, &p->card_margin_mm, why, wl);
  if (!strcmp(name, "corner_radius_mm"))
    return parse_number(value, 0, 20, &p->corner_radius_mm, why, wl);
  return -1;
}

/* libinih callback: dispatch by section; 0 stops with st->reason. */
static int profile_ini_handler(void *user, const char *section, const char *name,
                               const char *value)
{
  profile_parse_t *st = user;
  int r = -1;
  if (st->reason[0])
    return 1; /* keep the first error only */
  if (!strcmp(section, "print"))
    r = handle_print(st, name, value);
  else if (!strcmp(section, "card"))
    r = handle_card(st, name, value);
  else if (!strcmp(section, "media") || !strcmp(section, "profile"))
    r = handle_media(st, section, name, value);
  else {
    snprintf(st->reason, sizeof st->reason, "unknown section [%s]", section);
    return 0;
  }
  if (r < 0) {
    snprintf(st->reason, sizeof st->reason, "unknown key '%s' in [%s]", name, section);
    return 0;
  }
  return r;
}

/* Checks across keys once the file is read; false with a reason. */
static bool profile_check(profile_parse_t *st, char *why, size_t wl)
{
  profile_t *p = st->p;
  if (!st->have_width || !st->have_height) {
    snprintf(why, wl, "[media] needs width_mm and height_mm");
    return false;
  }
  if (!p->pwg_media[0]) {
    snprintf(why, wl, "[media] needs pwg_media (e.g. iso_a4_210x297mm)");
    return false;
  }
  if (p->placement == PROFILE_PLACE_PAGE) {
    if (!st->have_card_width)
      p->card_width_mm = p->width_mm;
    if (!st->have_card_height)
      p->card_height_mm = p->height_mm;
    if (fabs(p->card_width_mm - p->width_mm) > 0.01 ||
        fabs(p->card_height_mm - p->height_mm) > 0.01) {
      snprintf(why, wl, "placement = page needs the card size to equal the media size");
      return false;
    }
  }
  double sw = p->width_mm - 2 * p->margin_mm, sh = p->height_mm - 2 * p->margin_mm;
  if (p->placement == PROFILE_PLACE_SHEET && (p->card_width_mm > sw || p->card_height_mm > sh)) {
    snprintf(why, wl, "a %gx%g mm card does not fit the %gx%g mm safe area of the sheet",
             p->card_width_mm, p->card_height_mm, sw, sh);
    return false;
  }
  if (2 * p->card_margin_mm >= p->card_width_mm || 2 * p->card_margin_mm >= p->card_height_mm ||
      2 * p->margin_mm >= p->width_mm || 2 * p->margin_mm >= p->height_mm) {
    snprintf(why, wl, "margins leave no safe area");
    return false;
  }
  if (p->faces == PROFILE_FACES_CY_EN && p->placement == PROFILE_PLACE_PAGE &&
      p->sides == PROFILE_SIDES_ONE) {
    snprintf(why, wl, "faces = cy+en on a card printer needs a two-sided setting for sides");
    return false;
  }
  return true;
}

/* The file stem of path ("printers/cr80.ini" -> "cr80"). */
static void profile_stem(const char *path, char *out, size_t outlen)
{
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t n = strcspn(base, ".");
  if (n >= outlen)
    n = outlen - 1;
  memcpy(out, base, n);
  out[n] = '\0';
}

/* Load one profile file. */
bool profile_load_file(profile_t *p, const char *path, char *err, size_t errlen)
{
  profile_parse_t st = {.p = p};
  char why[256];
  profile_defaults(p);
  p->pwg_media[0] = '\0'; /* required: no default media */
  profile_stem(path, p->name, sizeof p->name);
  int line = ini_parse(path, profile_ini_handler, &st);
  if (line == -1) {
    snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    return false;
  }
  if (line != 0) {
    snprintf(err, errlen, "%s:%d: %s", path, line, st.reason[0] ? st.reason : "syntax error");
    return false;
  }
  if (!profile_check(&st, why, sizeof why)) {
    snprintf(err, errlen, "%s: %s", path, why);
    return false;
  }
  return true;
}

/* True when name is a safe profile name. */
static bool profile_name_ok(const char *name)
{
  if (!*name || strlen(name) >= PROFILE_NAME_MAX)
    return false;
  for (const char *c = name; *c; c++)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
          *c == '-' || *c == '_'))
      return false;
  return true;
}

/* Load printers/NAME.ini under data_dir. */
bool profile_load(profile_t *p, const char *data_dir, const char *name, char *err,
                  size_t errlen)
{
  char path[2048];
  if (!profile_name_ok(name)) {
    snprintf(err, errlen, "'%s' is not a printer profile name", name);
    return false;
  }
  snprintf(path, sizeof path, "%s/printers/%s.ini", data_dir, name);
  return profile_load_file(p, path, err, errlen);
}

/* qsort comparison of profile names. */
static int profile_name_cmp(const void *a, const void *b)
{
  return strcmp(a, b);
}

/* The names of every profile file under data_dir/printers. */
bool profile_list(const char *data_dir, char (**names)[PROFILE_NAME_MAX], size_t *count,
                  char *err, size_t errlen)
{
  char path[2048];
  char(*list)[PROFILE_NAME_MAX] = NULL;
  size_t n = 0, cap = 0;
  bool ok = false;
  struct dirent *de;
  snprintf(path, sizeof path, "%s/printers", data_dir);
  DIR *dir = opendir(path);
  if (!dir) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    goto done;
  }
  while ((de = readdir(dir))) {
    size_t len = strlen(de->d_name);
    if (len < 5 || strcmp(de->d_name + len - 4, ".ini") || de->d_name[0] == '.')
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 8;
      void *grown = realloc(list, cap * sizeof *list);
      if (!grown) {
        snprintf(err, errlen, "out of memory");
        goto done;
      }
      list = grown;
    }
    profile_stem(de->d_name, list[n], sizeof list[n]);
    n++;
  }
  qsort(list, n, sizeof *list, profile_name_cmp);
  ok = true;
done:
  if (dir)
    closedir(dir);
  if (!ok) {
    free(list);
    list = NULL;
    n = 0;
  }
  *names = list;
  *count = n;
  return ok;
}

/* Millimetres to pixels, truncated in hundredths of a millimetre like libcups. */
int profile_mm_to_px(double mm, int dpi)
{
  long hundredths = lround(mm * 100.0);
  return (int)(hundredths * dpi / 2540);
}

/* The page size in pixels. */
void profile_page_px(const profile_t *p, int *width_px, int *height_px)
{
  *width_px = profile_mm_to_px(p->width_mm, p->dpi);
  *height_px = profile_mm_to_px(p->height_mm, p->dpi);
}

/* True when p offers mime. */
bool profile_has_format(const profile_t *p, const char *mime)
{
  for (size_t i = 0; i < p->nformats; i++)
    if (!strcmp(p->formats[i], mime))
      return true;
  return false;
}

/* The IPP keyword for sides. */
const char *profile_sides_keyword(profile_sides_t sides)
{
  return SIDES[sides <= PROFILE_SIDES_TWO_SHORT_EDGE ? sides : 0];
}

const char *profile_sheet_printer(const profile_t *card_profile, const char *card_printer,
                                  const char *sheet_printer)
{
  if (card_profile->placement == PROFILE_PLACE_SHEET)
    return card_printer;
  return sheet_printer[0] ? sheet_printer : NULL;
}
