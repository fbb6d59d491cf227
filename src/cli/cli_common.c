/*
 * What every subcommand shares: --help detection and finding the
 * configuration file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_common.h"

bool cli_wants_help(int argc, char **argv)
{
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--"))
      break;
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
      return true;
  }
  return false;
}

const char *cli_config_path(const char *given)
{
  if (given)
    return given;
  const char *env = getenv("ALLWEDD_CONFIG");
  if (env && env[0])
    return env;
  if (access(CLI_SYSTEM_CONFIG, R_OK) == 0)
    return CLI_SYSTEM_CONFIG;
  return NULL;
}

bool cli_load_config(const char *command, const char *given, config_t *cfg)
{
  char err[512];
  if (!config_load(cfg, cli_config_path(given), err, sizeof err)) {
    fprintf(stderr, "allwedd %s: %s\n", command, err);
    return false;
  }
  return true;
}

store_t *cli_open_store(const char *command, const char *db, const char *config_path, config_t *cfg)
{
  char err[1200];
  if (!cli_load_config(command, config_path, cfg))
    return NULL;
  store_t *st = store_open_existing(db ? db : cfg->db_path, err, sizeof err);
  if (!st)
    fprintf(stderr, "allwedd %s: %s\n", command, err);
  return st;
}
