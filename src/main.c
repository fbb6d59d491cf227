/*
 * allwedd: one binary, many subcommands. This file only dispatches; each
 * command's work is in src/cli/cmd_NAME.c.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const cli_command_t commands[] = {
  {"sync", "import a signed central export bundle into the local store", cmd_sync},
  {"bundle-manifest", "write (and sign) an export bundle's manifest.ini, rows counted as sync counts them", cmd_bundle_manifest},
  {"patient", "show a patient and their current key worker (staff)", cmd_patient},
  {"status", "what the local store holds and how old the data is", cmd_status},
  {"audit", "the kiosk's own records: audit log, cards printed, sync runs", cmd_audit},
  {"config", "show the configuration in force and where each value came from", cmd_config},
  {"kiosk", "run the touchscreen kiosk (fullscreen; --windowed for a window)", cmd_kiosk},
  {"render", "draw one kiosk screen with the sample data to a PNG", cmd_render},
  {"demo", "the kiosk with the sample data in a temporary store", cmd_demo},
  {"staff-pin", "set the staff PIN (an Argon2id hash in a 0600 file of its own)", cmd_staff_pin},
  {"card", "make a patient's Key Worker Card: print it (CUPS/IPP) or write PNG/PWG", cmd_card},
  {"printer", "is the card printer ready? (asks it; prints nothing)", cmd_printer},
  {"metrics", "the kiosk's health for Prometheus (node_exporter textfile)", cmd_metrics},
  {"leaflet", "make the bilingual key worker leaflet (A4/A5): print it or write PNG/PWG", cmd_leaflet},
  {"concerns-list", "\"My list for today\": the concerns list the kiosk prints, to PNG/PWG/PDF", cmd_concerns_list},
  {"report", "the key worker implementation report: bilingual PDF/PNG with charts, or CSV", cmd_report},
  {"returns", "write the signed return to central: cards, languages, no key worker, answers", cmd_returns},
  {"keygen", "make or rotate the kiosk's key that signs its returns (minisign)", cmd_keygen},
  {"session", "the kiosk session: cage (Wayland kiosk compositor) with the kiosk inside", cmd_session},
  {"speak", "what a kiosk screen says aloud (Gwrando / Listen): a WAV file or the words", cmd_speak},
};

/* Print the list of subcommands. */
static void usage(FILE *out)
{
  fprintf(out, "usage: allwedd COMMAND [OPTIONS]\n\n"
               "Allwedd: the bilingual cancer key worker kiosk and card printer.\n\n"
               "commands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(out, "\nRun 'allwedd COMMAND --help' for a command's options;"
               " 'allwedd --version' for the version.\n");
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    usage(stderr);
    return CLI_USAGE;
  }
  if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
    usage(stdout);
    return CLI_OK;
  }
  if (!strcmp(argv[1], "--version")) {
    printf("allwedd %s\n", ALLWEDD_VERSION);
    return CLI_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(argv[1], commands[i].name))
      return commands[i].run(argc - 1, argv + 1);
  fprintf(stderr, "allwedd: unknown command '%s'\n\n", argv[1]);
  usage(stderr);
  return CLI_USAGE;
}
