/*
 * Helpers shared by the subcommands.
 */
#ifndef ALLWEDD_CLI_COMMON_H
#define ALLWEDD_CLI_COMMON_H

#include <stdbool.h>

#include "core/config.h"

#define CLI_SYSTEM_CONFIG "/etc/allwedd/allwedd.ini"

/* The configuration file to read: --config, else $ALLWEDD_CONFIG, else
 * /etc/allwedd/allwedd.ini when it exists, else NULL (defaults only). */
const char *cli_config_path(const char *given);

/* Load the configuration; print "allwedd COMMAND: FILE:LINE: reason" and
 * return false on a bad file. */
bool cli_load_config(const char *command, const char *given, config_t *cfg);

#endif
