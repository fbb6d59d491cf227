/*
 * allwedd keygen: make (or rotate) the kiosk's own signing key, with which
 * it signs its returns to central (core/kiosk_key.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/kiosk_key.h"

static const char usage_text[] =
    "usage: allwedd keygen [--rotate] [--db PATH] [--config FILE]\n"
    "\n"
    "Make the kiosk's signing key beside the store: kiosk.key (secret, mode\n"
    "0600, unencrypted so the kiosk signs unattended) and kiosk.pub (send it\n"
    "to central, which verifies returns with minisign -V). 'allwedd returns'\n"
    "makes the key on first use if this was never run.\n"
    "  --rotate  replace an existing key; the old public key is kept as\n"
    "            kiosk-KEYID.pub so returns it signed still verify\n"
    "\n"
    "Exit status: 0 made, 1 a key exists (without --rotate) or a file could\n"
    "not be written, 2 usage or configuration error.\n";

int cmd_keygen(int argc, char **argv)
{
  static const struct option options[] = {{"rotate", no_argument, NULL, 'r'},
                                          {"db", required_argument, NULL, 'd'},
                                          {"config", required_argument, NULL, 'c'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *db = NULL, *config_path = NULL;
  bool rotate = false, existed = false;
  config_t cfg;
  minisig_seckey_t key;
  minisig_pubkey_t pk;
  char err[1200], sec[4200], pub[4200], previous[4200], id[17];
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'r': rotate = true; break;
    case 'd': db = optarg; break;
    case 'c': config_path = optarg; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (optind < argc) {
    fprintf(stderr, "allwedd keygen: unexpected argument '%s'\n\n%s", argv[optind], usage_text);
    return CLI_USAGE;
  }
  if (!cli_load_config("keygen", config_path, &cfg))
    return CLI_USAGE;
  const char *db_path = db ? db : cfg.db_path;
  if (!kiosk_key_generate(db_path, rotate, &key, &existed, previous, sizeof previous, err, sizeof err)) {
    fprintf(stderr, "allwedd keygen: %s\n", err);
    return CLI_REFUSED;
  }
  minisig_public_of(&key, &pk);
  minisig_seckey_wipe(&key);
  minisig_key_id_hex(pk.key_id, id);
  kiosk_key_paths(db_path, sec, sizeof sec, pub, sizeof pub);
  printf("key %s: %s (secret, 0600) and %s\n", id, sec, pub);
  if (previous[0])
    printf("the previous public key is kept as %s\n", previous);
  printf("send %s to central: it verifies returns with  minisign -Vm manifest.ini -p kiosk.pub\n", pub);
  return CLI_OK;
}
