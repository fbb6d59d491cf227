/*
 * allwedd config: the configuration in force, one "[section] key = value"
 * line per setting, and the file it was read from. Checks a file too: a bad
 * file is an error with FILE:LINE.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cli_common.h"

static const char usage_text[] =
    "usage: allwedd config [--config FILE]\n"
    "\n"
    "Print every setting in force (defaults, then the configuration file) and\n"
    "where it came from. With a bad file, print FILE:LINE: reason and exit 2.\n"
    "The file is --config, else $ALLWEDD_CONFIG, else " CLI_SYSTEM_CONFIG " if present.\n"
    "Warns on standard error when a secret is open: a staff PIN hash that\n"
    "others may read, or unsigned bundles allowed.\n"
    "All settings are described in docs/configuration.md.\n";

/* Print one warning about the configuration on standard error. */
static void config_warning(void *ctx, const char *message)
{
  (void)ctx;
  fprintf(stderr, "allwedd config: warning: %s\n", message);
}

int cmd_config(int argc, char **argv)
{
  static const struct option options[] = {{"config", required_argument, NULL, 'c'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *config_path = NULL;
  config_t cfg;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'c': config_path = optarg; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (optind < argc) {
    fputs(usage_text, stderr);
    return CLI_USAGE;
  }
  if (!cli_load_config("config", config_path, &cfg))
    return CLI_USAGE;
  const char *path = cli_config_path(config_path);
  char pin_path[CONFIG_PATH_MAX + 16], why[CONFIG_PATH_MAX + 200];
  if (!config_read_staff_pin(&cfg, why, sizeof why))
    fprintf(stderr, "allwedd config: warning: %s\n", why);
  config_check_secrets(&cfg, path, config_warning, NULL);
  printf("# configuration: %s\n", path ? path : "(none: defaults)");
  if (config_staff_pin_path(&cfg, pin_path, sizeof pin_path))
    printf("# staff PIN file: %s\n", pin_path);
  for (size_t i = 0; i < config_key_count(); i++) {
    char line[1200];
    config_key_format(&cfg, i, line, sizeof line);
    printf("%s\n", line);
  }
  return CLI_OK;
}
