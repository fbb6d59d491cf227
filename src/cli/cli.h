/*
 * Subcommands of the one `allwedd` binary. Each lives in src/cli/cmd_NAME.c
 * and is listed once in the table in src/main.c. A command returns its exit
 * status: 0 success, 1 the operation was refused or found nothing, 2 usage or
 * configuration error. Every command answers --help.
 */
#ifndef ALLWEDD_CLI_H
#define ALLWEDD_CLI_H

#include <stdbool.h>

typedef struct {
  const char *name;
  const char *summary;
  int (*run)(int argc, char **argv); /* argv[0] is the command name */
} cli_command_t;

enum { CLI_OK = 0, CLI_REFUSED = 1, CLI_USAGE = 2 };

/* True when argv holds -h or --help (before any "--"). */
bool cli_wants_help(int argc, char **argv);

int cmd_sync(int argc, char **argv);
int cmd_sync_inbox(int argc, char **argv); /* sync --inbox */
int cmd_bundle_manifest(int argc, char **argv);
int cmd_patient(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_kiosk(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_staff_pin(int argc, char **argv);
int cmd_card(int argc, char **argv);
int cmd_leaflet(int argc, char **argv);
int cmd_concerns_list(int argc, char **argv);
int cmd_printer(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_metrics(int argc, char **argv);
int cmd_returns(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_session(int argc, char **argv);
int cmd_speak(int argc, char **argv);

#endif
