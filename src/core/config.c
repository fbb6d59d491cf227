/*
 * Configuration from one INI file. The table below is the single list of
 * keys: each names its section, key, type and field, so loading, validating
 * and documenting (docs/configuration.md) all follow the same list.
 */
#include "core/config.h"

#include "core/concerns.h"
#include "core/model.h"
#include "core/rules.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <ini.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { KEY_PATH, KEY_TEXT,
               KEY_PHONE /* "" or a UK phone number by rules_phone (the card, its QR and the sync use the same rule) */,
               KEY_CARD_TEXT /* one line of at most MODEL_TEXT_MAX characters by rules_text, as the sync accepts for a card's text */,
               KEY_PRINTER /* "" or a CUPS queue name or an ipp:// / ipps:// URI */, KEY_BOOL, KEY_INT, KEY_PERCENT, KEY_MM,
               KEY_QUARTER_TURN /* an int: 0, 90, 180 or 270 degrees, not a range */ } key_type_t;

/* Every numeric setting has a real range: the values a site could sensibly
 * want, and none that switches a safety mechanism off (an idle timeout of
 * hours, a lockout window shorter than one attempt, a pause of seconds).
 * docs/configuration.md gives the reason for each range. */
typedef struct {
  const char *section, *name;
  key_type_t type;
  size_t offset, size;
  double min, max;   /* numeric keys: the accepted range, inclusive */
  bool zero_ok;      /* KEY_MM: 0 also accepted (means "unknown") */
} key_spec_t;

#define TEXT_KEY(sec, key, type, field) {sec, key, type, offsetof(config_t, field), sizeof(((config_t *)0)->field), 0, 0, false}
#define INT_KEY(sec, key, field, lo, hi) {sec, key, KEY_INT, offsetof(config_t, field), sizeof(int), lo, hi, false}
#define VALUE_KEY(sec, key, type, field) {sec, key, type, offsetof(config_t, field), sizeof(((config_t *)0)->field), 0, 0, false}
#define PERCENT_KEY(sec, key, field, lo, hi) {sec, key, KEY_PERCENT, offsetof(config_t, field), sizeof(double), lo, hi, false}
#define TURN_KEY(sec, key, field) {sec, key, KEY_QUARTER_TURN, offsetof(config_t, field), sizeof(int), 0, 270, false}
#define MM_KEY(sec, key, field, lo, hi) {sec, key, KEY_MM, offsetof(config_t, field), sizeof(double), lo, hi, true}

static const key_spec_t keys[] = {
  TEXT_KEY("store", "db_path", KEY_PATH, db_path),
  TEXT_KEY("sync", "bundle_dir", KEY_PATH, bundle_dir),
  TEXT_KEY("sync", "inbox", KEY_PATH, inbox),
  TEXT_KEY("sync", "public_key", KEY_PATH, public_key),
  VALUE_KEY("sync", "allow_unsigned", KEY_BOOL, allow_unsigned),
  PERCENT_KEY("sync", "reject_threshold_percent", reject_threshold_percent, 0, 10),
  INT_KEY("sync", "max_clock_skew_s", max_clock_skew_s, 0, 3600),
  INT_KEY("sync", "max_removal_percent", max_removal_percent, 0, 90),
  TEXT_KEY("site", "name", KEY_CARD_TEXT, site_name),
  TEXT_KEY("site", "name_cy", KEY_CARD_TEXT, site_name_cy),
  TEXT_KEY("site", "name_en", KEY_CARD_TEXT, site_name_en),
  TEXT_KEY("site", "acute_oncology_phone", KEY_PHONE, acute_oncology_phone),
  TEXT_KEY("site", "acute_oncology_hours_en", KEY_CARD_TEXT, acute_oncology_hours_en),
  TEXT_KEY("site", "acute_oncology_hours_cy", KEY_CARD_TEXT, acute_oncology_hours_cy),
  TEXT_KEY("paths", "data_dir", KEY_PATH, data_dir),
  TEXT_KEY("paths", "font", KEY_PATH, font_path),
  TEXT_KEY("paths", "font_bold", KEY_PATH, font_bold_path),
  TEXT_KEY("printer", "name", KEY_TEXT, printer),
  TEXT_KEY("printer", "profile", KEY_TEXT, printer_profile),
  TEXT_KEY("printer", "sheet_printer", KEY_PRINTER, sheet_printer),
  VALUE_KEY("printer", "card_show_patient_name", KEY_BOOL, card_show_patient_name),
  INT_KEY("printer", "timeout_s", print_timeout_s, 5, 600),
  VALUE_KEY("printer", "auto_resume", KEY_BOOL, print_auto_resume),
  TEXT_KEY("kiosk", "id", KEY_TEXT, kiosk_id),
  INT_KEY("kiosk", "idle_timeout_s", idle_timeout_s, 20, 300),
  INT_KEY("kiosk", "idle_warning_s", idle_warning_s, 10, 60),
  INT_KEY("kiosk", "lockout_attempts", lockout_attempts, 3, 10),
  INT_KEY("kiosk", "lockout_window_s", lockout_window_s, 300, 86400),
  INT_KEY("kiosk", "lockout_pause_s", lockout_pause_s, 60, 3600),
  MM_KEY("kiosk", "display_width_mm", display_width_mm, 100, 2000),
  TEXT_KEY("kiosk", "staff_pin_hash", KEY_TEXT, staff_pin_hash),
  TEXT_KEY("kiosk", "staff_pin_file", KEY_PATH, staff_pin_file),
  INT_KEY("kiosk", "staff_pin_attempts", staff_pin_attempts, 1, 5),
  INT_KEY("kiosk", "staff_pin_pause_s", staff_pin_pause_s, 30, 300),
  INT_KEY("kiosk", "staff_pin_pause_max_s", staff_pin_pause_max_s, 600, 86400),
  TURN_KEY("kiosk", "rotation", rotation_deg),
  TURN_KEY("kiosk", "touch_rotation", touch_rotation_deg),
  INT_KEY("kiosk", "screen_blank_s", screen_blank_s, 0, 86400),
  VALUE_KEY("speech", "enabled", KEY_BOOL, speech_enabled),
  INT_KEY("speech", "rate_wpm", speech_rate_wpm, 80, 450),
  INT_KEY("speech", "volume_percent", speech_volume_percent, 10, 100),
  VALUE_KEY("speech", "private_audio", KEY_BOOL, speech_private_audio),
  INT_KEY("scanner", "max_key_gap_ms", scanner_max_key_gap_ms, 20, 1000),
  INT_KEY("kiosk", "card_prints_per_journey", card_prints_per_journey, 1, 5),
  VALUE_KEY("privacy", "show_team", KEY_BOOL, show_team),
  VALUE_KEY("concerns", "enabled", KEY_BOOL, concerns_enabled),
  TEXT_KEY("concerns", "groups", KEY_TEXT, concerns_groups),
};

const char *config_default_data_dir(void)
{
  const char *env = getenv("ALLWEDD_DATA_DIR");
  if (env && env[0])
    return env;
#ifdef ALLWEDD_SOURCE_DATA_FALLBACK
  struct stat sb;
  /* Running from a build tree: the source tree beside it has the data.
   * Packaged builds leave this out (CMake ALLWEDD_SOURCE_DATA_FALLBACK). */
  if (stat(ALLWEDD_SOURCE_DATADIR "/locales", &sb) == 0 && stat(ALLWEDD_DATADIR "/locales", &sb) != 0)
    return ALLWEDD_SOURCE_DATADIR;
#endif
  return ALLWEDD_DATADIR;
}

/* The default database: $XDG_DATA_HOME or ~/.local/share, allwedd/allwedd.db. */
static void default_db_path(char *out, size_t outlen)
{
  const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
  if (xdg && xdg[0])
    snprintf(out, outlen, "%s/allwedd/allwedd.db", xdg);
  else if (home && home[0])
    snprintf(out, outlen, "%s/.local/share/allwedd/allwedd.db", home);
  else
    snprintf(out, outlen, "allwedd.db");
}

void config_defaults(config_t *cfg)
{
  memset(cfg, 0, sizeof *cfg);
  default_db_path(cfg->db_path, sizeof cfg->db_path);
  snprintf(cfg->bundle_dir, sizeof cfg->bundle_dir, "/srv/allwedd/export");
  snprintf(cfg->inbox, sizeof cfg->inbox, "/srv/allwedd/inbox");
  snprintf(cfg->public_key, sizeof cfg->public_key, "/etc/allwedd/export.pub");
  cfg->reject_threshold_percent = 1.0;
  cfg->max_clock_skew_s = 300;
  cfg->max_removal_percent = 50;
  snprintf(cfg->site_name, sizeof cfg->site_name, "Cancer Centre");
  snprintf(cfg->site_name_cy, sizeof cfg->site_name_cy, "Canolfan Ganser");
  snprintf(cfg->site_name_en, sizeof cfg->site_name_en, "Cancer Centre");
  snprintf(cfg->data_dir, sizeof cfg->data_dir, "%s", config_default_data_dir());
  snprintf(cfg->font_path, sizeof cfg->font_path, "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf");
  snprintf(cfg->font_bold_path, sizeof cfg->font_bold_path,
           "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf");
  snprintf(cfg->printer_profile, sizeof cfg->printer_profile, "cr80");
  cfg->print_timeout_s = 60;
  snprintf(cfg->kiosk_id, sizeof cfg->kiosk_id, "kiosk");
  cfg->idle_timeout_s = 60;
  cfg->idle_warning_s = 20;
  cfg->lockout_attempts = 5;
  cfg->lockout_window_s = 600;
  cfg->lockout_pause_s = 120;
  cfg->staff_pin_attempts = 3;
  cfg->staff_pin_pause_s = 30;
  cfg->staff_pin_pause_max_s = 3600;
  cfg->speech_enabled = true;
  cfg->speech_rate_wpm = 150;
  cfg->speech_volume_percent = 100;
  cfg->scanner_max_key_gap_ms = 100;
  cfg->card_prints_per_journey = 2;
  cfg->concerns_enabled = true;
  snprintf(cfg->concerns_groups, sizeof cfg->concerns_groups,
           "physical, practical, family, emotional, spiritual, information");
  cfg->concerns_group_mask = CONCERNS_ALL_GROUPS;
}

typedef struct {
  config_t *cfg;
  const char *dir;   /* the config file's folder, for relative paths */
  char why[200];
} load_ctx_t;

/* "N to M" (or "0 (unknown) or N to M") for a numeric key. */
static void config_key_range_text(const key_spec_t *k, char *out, size_t outlen)
{
  snprintf(out, outlen, "%s%g to %g", k->zero_ok ? "0 (unknown) or " : "", k->min, k->max);
}

/* Parse a boolean the way people write them. */
static bool parse_bool(const char *v, bool *out)
{
  static const char *const yes[] = {"true", "yes", "on", "1"}, *const no[] = {"false", "no", "off", "0"};
  for (size_t i = 0; i < 4; i++) {
    if (!strcasecmp(v, yes[i]))
      return *out = true, true;
    if (!strcasecmp(v, no[i]))
      return *out = false, true;
  }
  return false;
}

/* Whether value names a printer: a CUPS queue name (printable, at most
 * 127 bytes, no space, tab, '/', '\\' or '#': lpadmin(8)), or an ipp:// or
 * ipps:// URI with a host. */
static bool printer_name_ok(const char *value)
{
  if (!strncmp(value, "ipp://", 6) || !strncmp(value, "ipps://", 7)) {
    const char *host = strstr(value, "://") + 3;
    if (!host[0] || host[0] == '/')
      return false;
    for (const char *c = value; *c; c++)
      if ((unsigned char)*c <= ' ' || *c == 0x7f)
        return false;
    return true;
  }
  if (strlen(value) > 127)
    return false;
  for (const char *c = value; *c; c++)
    if ((unsigned char)*c <= ' ' || *c == 0x7f || strchr("/\\#", *c))
      return false;
  return true;
}

/* Store one value into its field; false with ctx->why. */
static bool set_value(load_ctx_t *ctx, const key_spec_t *k, const char *value)
{
  char *field = (char *)ctx->cfg + k->offset;
  char *end, range[80];
  config_key_range_text(k, range, sizeof range);
  switch (k->type) {
  case KEY_PRINTER:
    if (!printer_name_ok(value)) {
      snprintf(ctx->why, sizeof ctx->why,
               "%s must be a CUPS queue name (no spaces, '/', '\\' or '#') or an ipp:// URI",
               k->name);
      return false;
    }
    /* fall through */
  case KEY_PHONE:
  case KEY_CARD_TEXT:
  case KEY_PATH:
  case KEY_TEXT: {
    const char *why = NULL;
    char e164[RULES_PHONE_MAX];
    /* The card, its QR code and the screens print these: a value they
     * cannot use is refused here, not at the first patient's card. */
    if (k->type == KEY_PHONE && value[0] && !rules_phone(value, false, e164, &why)) {
      snprintf(ctx->why, sizeof ctx->why,
               "%s must be one UK phone number as people write it (\"029 2018 0999\", "
               "\"+44 29 2018 0999\", with \"ext 4321\" at most), no other words: %s",
               k->name, why ? why : "not a phone number");
      return false;
    }
    if (k->type == KEY_CARD_TEXT && !rules_text(value, MODEL_TEXT_MAX, false, &why)) {
      snprintf(ctx->why, sizeof ctx->why, "%s must be one line of at most %d characters: %s",
               k->name, (int)MODEL_TEXT_MAX, why ? why : "not text");
      return false;
    }
    int n;
    if (k->type == KEY_PATH && value[0] && value[0] != '/' && ctx->dir)
      n = snprintf(field, k->size, "%s/%s", ctx->dir, value);
    else
      n = snprintf(field, k->size, "%s", value);
    if (n < 0 || (size_t)n >= k->size) {
      snprintf(ctx->why, sizeof ctx->why, "%s is longer than %zu bytes", k->name, k->size - 1);
      return false;
    }
    return true;
  }
  case KEY_BOOL:
    if (parse_bool(value, (bool *)field))
      return true;
    snprintf(ctx->why, sizeof ctx->why, "%s must be true or false", k->name);
    return false;
  case KEY_INT: {
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno == ERANGE || end == value || *end) {
      snprintf(ctx->why, sizeof ctx->why, "%s must be a whole number from %s", k->name, range);
      return false;
    }
    if (v < k->min || v > k->max) {
      snprintf(ctx->why, sizeof ctx->why, "%s must be %s", k->name, range);
      return false;
    }
    *(int *)field = (int)v;
    return true;
  }
  case KEY_QUARTER_TURN: {
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno == ERANGE || end == value || *end || v < 0 || v > 270 || v % 90) {
      snprintf(ctx->why, sizeof ctx->why, "%s must be 0, 90, 180 or 270 (degrees clockwise)",
               k->name);
      return false;
    }
    *(int *)field = (int)v;
    return true;
  }
  case KEY_PERCENT:
  case KEY_MM: {
    errno = 0;
    double v = strtod(value, &end);
    if (errno == ERANGE || end == value || *end || !isfinite(v)) {
      snprintf(ctx->why, sizeof ctx->why, "%s must be a number from %s", k->name, range);
      return false;
    }
    if (!(v >= k->min && v <= k->max) && !(k->zero_ok && v == 0)) {
      snprintf(ctx->why, sizeof ctx->why, "%s must be %s", k->name, range);
      return false;
    }
    *(double *)field = v;
    return true;
  }
  }
  return false;
}

/* inih callback. */
static int on_value(void *user, const char *section, const char *name, const char *value)
{
  load_ctx_t *ctx = user;
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    if (!strcmp(keys[i].section, section) && !strcmp(keys[i].name, name)) {
      if (keys[i].offset == offsetof(config_t, staff_pin_hash))
        ctx->cfg->staff_pin_hash_in_config = value[0] != '\0';
      return set_value(ctx, &keys[i], value);
    }
  }
  snprintf(ctx->why, sizeof ctx->why, "unknown setting [%s] %s", section, name);
  return 0;
}

bool config_load(config_t *cfg, const char *path, char *err, size_t errlen)
{
  config_defaults(cfg);
  if (!path)
    return true;
  char dir[CONFIG_PATH_MAX];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (slash)
    *slash = '\0';
  else
    snprintf(dir, sizeof dir, ".");
  load_ctx_t ctx = {.cfg = cfg, .dir = dir};
  FILE *f = fopen(path, "r");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return false;
  }
  /* [site] name gives both languages unless name_cy / name_en say otherwise. */
  cfg->site_name_cy[0] = cfg->site_name_en[0] = '\0';
  int line = ini_parse_file(f, on_value, &ctx);
  fclose(f);
  config_t defaults;
  config_defaults(&defaults);
  bool name_given = strcmp(cfg->site_name, defaults.site_name) != 0;
  if (!cfg->site_name_cy[0])
    snprintf(cfg->site_name_cy, sizeof cfg->site_name_cy, "%s",
             name_given ? cfg->site_name : defaults.site_name_cy);
  if (!cfg->site_name_en[0])
    snprintf(cfg->site_name_en, sizeof cfg->site_name_en, "%s",
             name_given ? cfg->site_name : defaults.site_name_en);
  if (line != 0) {
    snprintf(err, errlen, "%s:%d: %s", path, line, ctx.why[0] ? ctx.why : "syntax error");
    config_defaults(cfg);
    return false;
  }
  if (cfg->idle_warning_s >= cfg->idle_timeout_s) {
    snprintf(err, errlen, "%s: [kiosk] idle_warning_s must be shorter than idle_timeout_s", path);
    config_defaults(cfg);
    return false;
  }
  char why[200];
  if (!concerns_groups_parse(cfg->concerns_groups, &cfg->concerns_group_mask, why, sizeof why)) {
    snprintf(err, errlen, "%s: [concerns] groups: %s", path, why);
    config_defaults(cfg);
    return false;
  }
  return true;
}

size_t config_key_count(void) { return sizeof keys / sizeof keys[0]; }

void config_key_format(const config_t *cfg, size_t i, char *out, size_t outlen)
{
  const key_spec_t *k = &keys[i];
  const char *field = (const char *)cfg + k->offset;
  switch (k->type) {
  case KEY_PATH:
  case KEY_TEXT:
  case KEY_PHONE:
  case KEY_CARD_TEXT:
  case KEY_PRINTER:
    snprintf(out, outlen, "[%s] %s = %s", k->section, k->name,
             !strcmp(k->name, "staff_pin_hash") && field[0] ? "(set)" : field);
    break;
  case KEY_BOOL:
    snprintf(out, outlen, "[%s] %s = %s", k->section, k->name, *(const bool *)field ? "true" : "false");
    break;
  case KEY_INT:
  case KEY_QUARTER_TURN:
    snprintf(out, outlen, "[%s] %s = %d", k->section, k->name, *(const int *)field);
    break;
  case KEY_PERCENT:
  case KEY_MM:
    snprintf(out, outlen, "[%s] %s = %g", k->section, k->name, *(const double *)field);
    break;
  }
}

bool config_key_range(size_t i, char *name, size_t namelen, double *min, double *max,
                      bool *whole, bool *zero_ok)
{
  const key_spec_t *k = &keys[i];
  if (k->type != KEY_INT && k->type != KEY_PERCENT && k->type != KEY_MM)
    return false;
  snprintf(name, namelen, "[%s] %s", k->section, k->name);
  *min = k->min;
  *max = k->max;
  *whole = k->type == KEY_INT;
  *zero_ok = k->zero_ok;
  return true;
}

bool config_staff_pin_path(const config_t *cfg, char *out, size_t outlen)
{
  int n;
  if (cfg->staff_pin_file[0]) {
    n = snprintf(out, outlen, "%s", cfg->staff_pin_file);
  } else {
    size_t len = strlen(cfg->db_path);
    if (len > 3 && !strcmp(cfg->db_path + len - 3, ".db"))
      len -= 3;
    n = snprintf(out, outlen, "%.*s-staff-pin", (int)len, cfg->db_path);
  }
  return n >= 0 && (size_t)n < outlen;
}

bool config_read_staff_pin(config_t *cfg, char *err, size_t errlen)
{
  char path[CONFIG_PATH_MAX + 16], hash[CONFIG_TEXT_MAX + 2];
  bool ok = false;
  FILE *f = NULL;
  if (!config_staff_pin_path(cfg, path, sizeof path)) {
    snprintf(err, errlen, "the staff PIN file's path is too long");
    return false;
  }
  if (!(f = fopen(path, "r"))) {
    if (errno == ENOENT)
      return true;
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return false;
  }
  if (!fgets(hash, sizeof hash, f)) {
    snprintf(err, errlen, "%s: empty", path);
    goto done;
  }
  hash[strcspn(hash, "\r\n")] = '\0';
  if (strncmp(hash, "$argon2id$", 10) != 0 || strlen(hash) >= sizeof cfg->staff_pin_hash) {
    snprintf(err, errlen, "%s: not a staff PIN hash (set one with: allwedd staff-pin)", path);
    goto done;
  }
  memcpy(cfg->staff_pin_hash, hash, strlen(hash) + 1); /* fits: checked above */
  ok = true;
done:
  fclose(f);
  return ok;
}

/* Warn when the file at path may be read by its group or by others; hint
 * ends the sentence. */
static int config_warn_readable(const char *path, const char *what, const char *hint,
                                void (*warn)(void *ctx, const char *message), void *ctx)
{
  struct stat sb;
  char message[CONFIG_PATH_MAX + 300];
  if (stat(path, &sb) != 0 || !(sb.st_mode & (S_IRGRP | S_IROTH)))
    return 0;
  snprintf(message, sizeof message,
           "%s holds %s and can be read by %s (mode %04o): run 'chmod 600 %s'%s", path, what,
           sb.st_mode & S_IROTH ? "every user" : "its group", (unsigned)(sb.st_mode & 07777),
           path, hint);
  warn(ctx, message);
  return 1;
}

int config_check_secrets(const config_t *cfg, const char *config_path,
                         void (*warn)(void *ctx, const char *message), void *ctx)
{
  int n = 0;
  char path[CONFIG_PATH_MAX + 16];
  if (config_path && cfg->staff_pin_hash_in_config)
    n += config_warn_readable(config_path, "the staff PIN hash ([kiosk] staff_pin_hash)",
                              ", or 'allwedd staff-pin' to move it to a file of its own", warn,
                              ctx);
  if (config_staff_pin_path(cfg, path, sizeof path))
    n += config_warn_readable(path, "the staff PIN hash", "", warn, ctx);
  if (cfg->allow_unsigned) {
    warn(ctx, "[sync] allow_unsigned = true: bundles without a signature are imported (for the "
              "demo only; set it to false)");
    n++;
  }
  return n;
}
