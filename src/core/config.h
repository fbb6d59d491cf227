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
  int max_clock_skew_s;             /* a bundle generated later than now + this is refused */
  int max_removal_percent;          /* a bundle removing more of the patients or services is refused */
  /* [site] */
  char site_name[CONFIG_TEXT_MAX];              /* [site] name: both languages, when the two below are not set */
  char site_name_cy[CONFIG_TEXT_MAX];           /* [site] name_cy */
  char site_name_en[CONFIG_TEXT_MAX];           /* [site] name_en */
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
  char sheet_printer[CONFIG_TEXT_MAX]; /* A4 leaflets and service slips: CUPS queue name or
                                        * ipp(s):// URI; "" = none (a card-printer-only site,
                                        * unless the card printer's profile is a sheet) */
  bool card_show_patient_name;
  int print_timeout_s;
  bool print_auto_resume;           /* resume a stopped queue once its printer is ready */
  /* [kiosk] */
  char kiosk_id[64];
  int idle_timeout_s;
  int idle_warning_s;
  int lockout_attempts;
  int lockout_window_s;
  int lockout_pause_s;
  double display_width_mm;          /* for 15 mm touch targets; 0 = assume 96 dpi */
  char staff_pin_hash[CONFIG_TEXT_MAX]; /* crypto_pwhash_str output (config_read_staff_pin) */
  bool staff_pin_hash_in_config;    /* the hash above was written in the configuration file */
  char staff_pin_file[CONFIG_PATH_MAX]; /* "" = beside the store (config_staff_pin_path) */
  int staff_pin_attempts;           /* wrong PINs before staff mode pauses */
  int staff_pin_pause_s;            /* the first pause; doubles with each further wrong PIN */
  int staff_pin_pause_max_s;        /* the longest pause */
  int rotation_deg;                 /* screen turned clockwise: 0, 90, 180, 270 (cage -r) */
  int touch_rotation_deg;           /* turn touches in the kiosk: 0, 90, 180, 270 */
  int screen_blank_s;               /* black screen after this idle on welcome; 0 = never */
  /* [speech] read-aloud (docs/speech.md) */
  bool speech_enabled;              /* offer "Gwrando / Listen" when an audio device exists */
  int speech_rate_wpm;              /* espeak-ng words per minute, 80..450 */
  int speech_volume_percent;        /* 10..100 of espeak-ng's normal volume */
  bool speech_private_audio;        /* audio goes to headphones: personal details may be read */
  /* [scanner] */
  int scanner_max_key_gap_ms;       /* a longer gap between keys ends a barcode scan */
  int card_prints_per_journey;      /* cards one identified person may print at the kiosk */
  /* [privacy] */
  bool show_team;                   /* show the key worker's team on screen and card */
  /* [concerns] the "What would you like to talk about?" checklist (issue 15) */
  bool concerns_enabled;            /* offer the checklist on the welcome and key worker screens */
  char concerns_groups[CONFIG_TEXT_MAX]; /* groups offered, as written ("physical, practical, ...") */
  unsigned concerns_group_mask;     /* the same parsed: 1 << concerns_group_t (core/concerns.h) */
} config_t;

/* Fill every field with its documented default. */
void config_defaults(config_t *cfg);

/* Defaults, then the INI file at path (NULL: defaults only). false with
 * "FILE:LINE: reason" in err on a bad file. */
bool config_load(config_t *cfg, const char *path, char *err, size_t errlen);

/* The default data directory: $ALLWEDD_DATA_DIR, else the source tree when
 * running from a build tree (not in packaged builds), else the installed
 * share/allwedd (/usr/share/allwedd in the Debian package). */
const char *config_default_data_dir(void);

/* The number of settings, and setting i as "[section] key = value" with its
 * current value in cfg (for `allwedd config`). */
size_t config_key_count(void);
void config_key_format(const config_t *cfg, size_t i, char *out, size_t outlen);

/* Where the staff PIN's hash is kept: [kiosk] staff_pin_file, else beside
 * the store, db_path with its ".db" replaced by "-staff-pin"
 * (/var/lib/allwedd/allwedd.db -> /var/lib/allwedd/allwedd-staff-pin), a
 * file of its own, 0600, in the kiosk user's folder. false when out is too
 * small. */
bool config_staff_pin_path(const config_t *cfg, char *out, size_t outlen);

/* Read the staff PIN hash from its file into cfg->staff_pin_hash (it takes
 * the place of a hash written in the configuration). true when it was read
 * or there is no such file (cfg unchanged); false with "FILE: reason" in
 * err when the file exists but cannot be read or holds no Argon2id hash
 * (cfg unchanged: the caller decides whether staff mode stays off). */
bool config_read_staff_pin(config_t *cfg, char *err, size_t errlen);

/* Settings that leave a secret or a defence open, each passed to warn as
 * one sentence: a staff PIN hash in a configuration file (config_path, may
 * be NULL) or a PIN file that others than its owner may read, and
 * allow_unsigned. Returns how many. */
int config_check_secrets(const config_t *cfg, const char *config_path,
                         void (*warn)(void *ctx, const char *message), void *ctx);

/* Setting i's accepted range when it is numeric: name receives "[section]
 * key", *min..*max the inclusive range, *whole whether only whole numbers
 * are accepted, *zero_ok whether 0 is accepted besides the range. false
 * (nothing written) for a setting that is not a number. Every numeric
 * setting has one, and no value in it switches a safety mechanism off. */
bool config_key_range(size_t i, char *name, size_t namelen, double *min, double *max,
                      bool *whole, bool *zero_ok);

#endif
