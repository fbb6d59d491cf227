/*
 * allwedd session: what allwedd-kiosk.service runs. It reads the
 * configuration, then becomes Debian's cage (the Wayland kiosk compositor)
 * with `allwedd kiosk` inside: one full-screen application, no desktop, no
 * way out to a shell. cage exits when the kiosk does, and systemd starts the
 * session again (Restart=always).
 *
 * Three things are settled here because a unit file cannot read our INI:
 *  - the screen rotation: [kiosk] rotation becomes one `-r` per quarter
 *    turn clockwise (cage 0.1.4);
 *  - cage's runtime directory: $XDG_RUNTIME_DIR, else the unit's own
 *    RuntimeDirectory= ($RUNTIME_DIRECTORY), which stays writable under
 *    ProtectSystem=strict and ProtectHome= (/run/user does not);
 *  - the watchdog: systemd names the main process (cage, once this process
 *    has become it) in $WATCHDOG_PID, so sd_watchdog_enabled() in the kiosk,
 *    cage's child, would say "not for you". cage sends no notifications;
 *    the kiosk does (NotifyAccess=all), so WATCHDOG_PID is dropped and the
 *    kiosk keeps $WATCHDOG_USEC.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/log.h"

static const char usage_text[] =
    "usage: allwedd session [--config FILE] [--cage PROGRAM] [--dry-run]\n"
    "\n"
    "Start the kiosk session: cage, the Wayland kiosk compositor, with\n"
    "'allwedd kiosk' inside, the screen turned by [kiosk] rotation (one cage -r\n"
    "per quarter turn clockwise). allwedd-kiosk.service runs this on tty1.\n"
    "cage's runtime directory is $XDG_RUNTIME_DIR, else the service's\n"
    "$RUNTIME_DIRECTORY. The service's watchdog is left to the kiosk\n"
    "(WATCHDOG_PID is dropped; the kiosk pings with NotifyAccess=all).\n"
    "  --cage PROGRAM  the compositor to run (default: cage, found in PATH)\n"
    "  --dry-run       print the command line instead of running it\n"
    "Exit status: none when cage starts (this process becomes cage);\n"
    "1 cage could not be started, 2 usage or configuration error.\n";

enum { SESSION_ARGS_MAX = 16 };

/* The first directory of a colon-separated $RUNTIME_DIRECTORY, or NULL. */
static const char *unit_runtime_dir(char *out, size_t outlen)
{
  const char *env = getenv("RUNTIME_DIRECTORY");
  if (!env || !env[0])
    return NULL;
  size_t n = strcspn(env, ":");
  if (n >= outlen)
    return NULL;
  memcpy(out, env, n);
  out[n] = '\0';
  return out;
}

/* allwedd session: become cage with the kiosk inside. */
int cmd_session(int argc, char **argv)
{
  static const struct option options[] = {
    {"config", required_argument, NULL, 'c'}, {"cage", required_argument, NULL, 'C'},
    {"dry-run", no_argument, NULL, 'n'},      {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};
  const char *given = NULL, *cage = "cage";
  bool dry_run = false;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'c': given = optarg; break;
    case 'C': cage = optarg; break;
    case 'n': dry_run = true; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (optind != argc) {
    fputs(usage_text, stderr);
    return CLI_USAGE;
  }
  config_t cfg;
  if (!cli_load_config("session", given, &cfg))
    return CLI_USAGE;
  const char *config_path = cli_config_path(given);

  char self[4096], runtime[4096];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) {
    log_error("allwedd session: cannot find this program (/proc/self/exe): %s", strerror(errno));
    return CLI_REFUSED;
  }
  self[n] = '\0';

  const char *args[SESSION_ARGS_MAX];
  int count = 0;
  args[count++] = cage;
  for (int turn = 0; turn < cfg.rotation_deg / 90; turn++)
    args[count++] = "-r";
  args[count++] = "--";
  args[count++] = self;
  args[count++] = "kiosk";
  if (config_path) {
    args[count++] = "--config";
    args[count++] = config_path;
  }
  args[count] = NULL;

  if (dry_run) {
    for (int i = 0; i < count; i++)
      printf("%s%s", i ? " " : "", args[i]);
    printf("\n");
    return CLI_OK;
  }
  const char *xdg = getenv("XDG_RUNTIME_DIR");
  if ((!xdg || !xdg[0]) && unit_runtime_dir(runtime, sizeof runtime))
    setenv("XDG_RUNTIME_DIR", runtime, 1);
  if (!getenv("XDG_RUNTIME_DIR")) {
    log_error("allwedd session: cage needs XDG_RUNTIME_DIR (or the unit's RuntimeDirectory=)");
    return CLI_USAGE;
  }
  unsetenv("WATCHDOG_PID");
  log_info("allwedd session: starting %s with the kiosk, screen turned %d degrees", cage,
           cfg.rotation_deg);
  execvp(cage, (char *const *)args);
  log_error("allwedd session: cannot start %s: %s", cage, strerror(errno));
  return CLI_REFUSED;
}
