/*
 * What every subcommand shares: --help detection and finding the
 * configuration file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "core/log.h"
#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/sync.h"

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

store_t *cli_open_store(const char *command, const char *db, const char *config_path, config_t *cfg,
                        int *exit_status)
{
  *exit_status = CLI_USAGE;
  if (!cli_load_config(command, config_path, cfg))
    return NULL;
  return cli_open_existing_store(command, db ? db : cfg->db_path, exit_status);
}

store_t *cli_open_existing_store(const char *command, const char *path, int *exit_status)
{
  char err[1200];
  store_t *st = store_open_existing(path, err, sizeof err);
  if (!st) {
    fprintf(stderr, "allwedd %s: %s\n", command, err);
    *exit_status = access(path, F_OK) == 0 ? CLI_REFUSED : CLI_USAGE;
  }
  return st;
}

bool cli_parse_size(const char *command, const char *text, int max_px, int *w, int *h)
{
  char *x = NULL, *end = NULL;
  errno = 0;
  long lw = strtol(text, &x, 10), lh = 0;
  bool ok = !errno && x != text && (*x == 'x' || *x == 'X');
  if (ok) {
    lh = strtol(x + 1, &end, 10);
    ok = !errno && end != x + 1 && !*end && lw >= 320 && lh >= 240 && lw <= max_px && lh <= max_px;
  }
  if (!ok) {
    fprintf(stderr, "allwedd %s: --size must be WxH from 320x240 to %dx%d, e.g. 1280x800, not '%s'\n",
            command, max_px, max_px, text);
    return false;
  }
  *w = (int)lw;
  *h = (int)lh;
  return true;
}

bool cli_parse_long(const char *command, const char *option, const char *text, long min, long max,
                    long *out)
{
  char *end = NULL;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (errno || end == text || *end || v < min || v > max) {
    fprintf(stderr, "allwedd %s: %s must be a whole number from %ld to %ld, not '%s'\n", command,
            option, min, max, text);
    return false;
  }
  *out = v;
  return true;
}

bool cli_sync_sample(const char *data_dir, const char *db_path, char *err, size_t errlen)
{
  char bundle[CONFIG_PATH_MAX + 32], key[CONFIG_PATH_MAX + 32];
  sync_options_t so;
  sync_report_t rep;
  snprintf(bundle, sizeof bundle, "%s/assets/sample", data_dir);
  snprintf(key, sizeof key, "%s/assets/demo-key/demo.pub", data_dir);
  sync_options_init(&so);
  so.bundle_dir = bundle;
  so.db_path = db_path;
  so.public_key_path = key;
  so.force = true;
  if (sync_run(&so, &rep, NULL, NULL) != SYNC_IMPORTED) {
    snprintf(err, errlen, "the sample export did not sync: %s", rep.reason);
    return false;
  }
  return true;
}

void cli_print_sync_message(void *ctx, const char *line)
{
  (void)ctx;
  log_message(strncmp(line, "warning:", 8) ? LOG_LEVEL_ERROR : LOG_LEVEL_WARNING, "%s", line);
}

void cli_make_parent_dirs(const char *path)
{
  char dir[4096];
  snprintf(dir, sizeof dir, "%s", path);
  for (char *p = dir + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    mkdir(dir, 0700);
    *p = '/';
  }
}

bool cli_parse_percent(const char *command, const char *option, const char *text, double *out)
{
  char *end = NULL;
  errno = 0;
  double v = strtod(text, &end);
  if (errno || end == text || *end || !(v >= 0 && v <= 100)) {
    log_error("allwedd %s: %s must be a percentage from 0 to 100", command, option);
    return false;
  }
  *out = v;
  return true;
}
