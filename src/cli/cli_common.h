/*
 * Helpers shared by the subcommands.
 */
#ifndef ALLWEDD_CLI_COMMON_H
#define ALLWEDD_CLI_COMMON_H

#include <stdbool.h>

#include "core/config.h"
#include "core/store.h"

#define CLI_SYSTEM_CONFIG "/etc/allwedd/allwedd.ini"

/* The configuration file to read: --config, else $ALLWEDD_CONFIG, else
 * /etc/allwedd/allwedd.ini when it exists, else NULL (defaults only). */
const char *cli_config_path(const char *given);

/* Load the configuration; print "allwedd COMMAND: FILE:LINE: reason" and
 * return false on a bad file. */
bool cli_load_config(const char *command, const char *given, config_t *cfg);

/* Load the configuration and open the existing store (--db, else the
 * configured one). NULL after printing "allwedd COMMAND: reason", with
 * *exit_status CLI_USAGE for a bad configuration or a store that does not
 * exist (a wrong path), CLI_REFUSED for a store that exists but cannot be
 * used (busy, read-only, damaged, disk full). */
store_t *cli_open_store(const char *command, const char *db, const char *config_path, config_t *cfg,
                        int *exit_status);

/* Open the existing store at path: as cli_open_store(), with the
 * configuration already loaded. */
store_t *cli_open_existing_store(const char *command, const char *path, int *exit_status);

/* sync_message_fn for the sync commands: a row error or warning on stderr
 * at its journal level (errors, and "warning: ..." lines as warnings). */
void cli_print_sync_message(void *ctx, const char *line);

/* Make the folders above path (the store's), 0700, where missing. Errors are
 * left to the store's open, which names the path. */
void cli_make_parent_dirs(const char *path);

/* Parse option's argument text as a percentage from 0 to 100 (decimals
 * allowed). false after printing the usage error. */
bool cli_parse_percent(const char *command, const char *option, const char *text, double *out);

/* Parse "WxH" (pixels, W and H whole numbers from 320x240 to max_px each).
 * false after printing "allwedd COMMAND: --size must be WxH ..." (a usage
 * error). */
bool cli_parse_size(const char *command, const char *text, int max_px, int *w, int *h);

/* Parse option's argument text as a whole decimal number from min to max.
 * false after printing "allwedd COMMAND: OPTION must be a whole number from
 * MIN to MAX, not 'TEXT'" (a usage error). */
bool cli_parse_long(const char *command, const char *option, const char *text, long min, long max,
                    long *out);


/* Sync the bundled sample export (DATA_DIR/assets/sample, signed with the
 * demo key) into the store at db_path. false with the reason in err. */
bool cli_sync_sample(const char *data_dir, const char *db_path, char *err, size_t errlen);

/* For the kiosk (in cmd_staff_pin.c): read the staff PIN hash from its
 * file into cfg and print "allwedd COMMAND: warning: ..." for an unreadable
 * PIN file or an open secret (config_check_secrets). Staff mode stays off
 * without a hash; nothing here stops the kiosk. */
void cli_staff_pin_setup(const char *command, config_t *cfg, const char *config_path);

#endif
