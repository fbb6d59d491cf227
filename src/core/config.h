/*
 * Configuration: one INI file (libinih), every value with a documented
 * default (docs/configuration.md). Unknown keys and bad values are errors
 * that say FILE:LINE and why.
 */
#ifndef ALLWEDD_CONFIG_H
#define ALLWEDD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

enum { CONFIG_PATH_MAX = 1024, CONFIG_TEXT_MAX = 256 };

typedef struct {
  /* [store] */
  char db_path[CONFIG_PATH_MAX];
  /* [sync] */
  char bundle_dir[CONFIG_PATH_MAX];
  char inbox[CONFIG_PATH_MAX];      /* bundles dropped here are imported by `sync --inbox` */
  char public_key[CONFIG_PATH_MAX];
  bool allow_unsigned;
  double reject_threshold_percent;
  /* [site] */
  char site_name[CONFIG_TEXT_MAX];
  char acute_oncology_phone[CONFIG_TEXT_MAX];   /* as written, shown as given */
  char acute_oncology_hours_en[CONFIG_TEXT_MAX];
  char acute_oncology_hours_cy[CONFIG_TEXT_MAX];
  /* [paths] */
  char data_dir[CONFIG_PATH_MAX];   /* holds locales/, printers/, assets/ */
  char font_path[CONFIG_PATH_MAX];
  char font_bold_path[CONFIG_PATH_MAX];
  /* [printer] */
  char printer[CONFIG_TEXT_MAX];    /* CUPS queue name, ipp:// URI, or "" = default */
  char printer_profile[64];         /* printers/NAME.ini */
  bool card_show_patient_name;
  int print_timeout_s;
  /* [kiosk] */
  char kiosk_id[64];
  int idle_timeout_s;
  int idle_warning_s;
  int lockout_attempts;
  int lockout_window_s;
  int lockout_pause_s;
  double display_width_mm;          /* for 15 mm touch targets; 0 = assume 96 dpi */
  char staff_pin_hash[CONFIG_TEXT_MAX]; /* crypto_pwhash_str output */
} config_t;

/* Fill every field with its documented default. */
void config_defaults(config_t *cfg);

/* Defaults, then the INI file at path (NULL: defaults only). false with
 * "FILE:LINE: reason" in err on a bad file. */
bool config_load(config_t *cfg, const char *path, char *err, size_t errlen);

/* The default data directory: $ALLWEDD_DATA_DIR, else the source tree when
 * running from a build tree, else the installed share/allwedd. */
const char *config_default_data_dir(void);

/* The number of settings, and setting i as "[section] key = value" with its
 * current value in cfg (for `allwedd config`). */
size_t config_key_count(void);
void config_key_format(const config_t *cfg, size_t i, char *out, size_t outlen);

/* Setting i's accepted range when it is numeric: name receives "[section]
 * key", *min..*max the inclusive range, *whole whether only whole numbers
 * are accepted, *zero_ok whether 0 is accepted besides the range. false
 * (nothing written) for a setting that is not a number. Every numeric
 * setting has one, and no value in it switches a safety mechanism off. */
bool config_key_range(size_t i, char *name, size_t namelen, double *min, double *max,
                      bool *whole, bool *zero_ok);

#endif
