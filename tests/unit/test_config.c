/*
 * Configuration and manifest parsing: good files load, bad ones fail with
 * FILE:LINE and why, and a failed load leaves the defaults in place.
 */
#include <stdlib.h>
#include <unistd.h>

#include "core/config.h"
#include "core/manifest.h"
#include "core/minisig.h"
#include "testlib.h"

static char dir[] = "/tmp/allwedd-test-config-XXXXXX";

/* Write text to dir/name and return the path (static buffer). */
static const char *write_file(const char *name, const char *text)
{
  static char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  fputs(text, f);
  fclose(f);
  return path;
}

/* Expect config_load to fail with err containing want. */
static void config_fails(const char *text, const char *want)
{
  config_t cfg;
  char err[512] = "";
  bool ok = config_load(&cfg, write_file("bad.ini", text), err, sizeof err);
  CHECK(!ok);
  if (!CHECK(strstr(err, want) != NULL))
    printf("      error was: %s\n      wanted:    %s\n", err, want);
  CHECK_INT(cfg.idle_timeout_s, 60); /* defaults restored */
}

/* Expect manifest_parse to fail with err containing want. */
static void manifest_fails(const char *text, const char *want)
{
  manifest_t m;
  char err[512] = "";
  CHECK(!manifest_parse(text, &m, err, sizeof err));
  if (!CHECK(strstr(err, want) != NULL))
    printf("      error was: %s\n      wanted:    %s\n", err, want);
}

int main(void)
{
  config_t cfg;
  char err[512];
  if (!mkdtemp(dir))
    return 1;

  TEST_SECTION("defaults");
  config_defaults(&cfg);
  CHECK_INT(cfg.idle_timeout_s, 60);
  CHECK_INT(cfg.idle_warning_s, 20);
  CHECK_INT(cfg.lockout_attempts, 5);
  CHECK_INT(cfg.lockout_window_s, 600);
  CHECK_INT(cfg.lockout_pause_s, 120);
  CHECK(cfg.reject_threshold_percent == 1.0);
  CHECK(!cfg.allow_unsigned && !cfg.card_show_patient_name);
  CHECK_STR(cfg.printer_profile, "cr80");

  TEST_SECTION("a good file");
  const char *path = write_file("good.ini", "; a kiosk\n[store]\ndb_path = data/kiosk.db\n"
                                            "[sync]\nallow_unsigned = yes\nreject_threshold_percent = 2.5\n"
                                            "[site]\nname = Canolfan Ganser Glan Hafren\n"
                                            "[kiosk]\nidle_timeout_s = 90\n");
  CHECK(config_load(&cfg, path, err, sizeof err));
  char want[300];
  snprintf(want, sizeof want, "%s/data/kiosk.db", dir);
  CHECK_STR(cfg.db_path, want); /* relative to the file */
  CHECK(cfg.allow_unsigned);
  CHECK(cfg.reject_threshold_percent == 2.5);
  CHECK_STR(cfg.site_name, "Canolfan Ganser Glan Hafren");
  CHECK_INT(cfg.idle_timeout_s, 90);
  char line[1200];
  config_key_format(&cfg, 0, line, sizeof line);
  CHECK(strncmp(line, "[store] db_path = ", 18) == 0);

  TEST_SECTION("bad files say where and why");
  config_fails("[kiosk]\nidle_timeout_s = soon\n", "bad.ini:2: idle_timeout_s must be a whole number from 10 to 3600");
  config_fails("[kiosk]\n\nidle_timeout_s = 5\n", "bad.ini:3: idle_timeout_s");
  config_fails("[sync]\nallow_unsigned = perhaps\n", "bad.ini:2: allow_unsigned must be true or false");
  config_fails("[sync]\nreject_threshold_percent = 101\n", "bad.ini:2: reject_threshold_percent");
  config_fails("[store]\ndatabase = x\n", "bad.ini:2: unknown setting [store] database");
  config_fails("[kiosk]\nidle_timeout_s = 30\nidle_warning_s = 30\n", "idle_warning_s must be shorter");
  config_fails("[store\n", "bad.ini:1: syntax error");
  CHECK(!config_load(&cfg, "/nonexistent/allwedd.ini", err, sizeof err));

  TEST_SECTION("manifest");
  manifest_t m;
  const char *good = "[export]\nformat = 1\ngenerated = 2026-11-20T23:05:00Z ; UTC\nsite = Test\n"
                     "[patients.csv]\nrows = 52\nsha256 = "
                     "3b1f000000000000000000000000000000000000000000000000000000000000\n";
  CHECK(manifest_parse(good, &m, err, sizeof err));
  CHECK_STR(m.generated, "2026-11-20T23:05:00Z");
  CHECK_STR(m.site, "Test");
  const manifest_file_t *f = manifest_find(&m, "patients.csv");
  CHECK(f && f->rows == 52);
  CHECK(manifest_find(&m, "services.csv") == NULL);
  manifest_fails("[export]\nformat = 2\n", "manifest.ini:2: format 2 is not supported");
  manifest_fails("[export]\nformat = 1\ngenerated = yesterday\n", "manifest.ini:3: generated:");
  manifest_fails("[export]\nformat = 1\n", "needs format = 1 and generated");
  manifest_fails("[export]\nformat = 1\ngenerated = 2026-11-20T23:05:00Z\n[p.csv]\nrows = -1\n",
                 "manifest.ini:5: [p.csv] rows must be a whole number");
  manifest_fails("[export]\nformat = 1\ngenerated = 2026-11-20T23:05:00Z\n[p.csv]\nsha256 = ABC\n",
                 "manifest.ini:5: [p.csv] sha256 must be 64 lower-case hex digits");
  manifest_fails("[export]\nformat = 1\ngenerated = 2026-11-20T23:05:00Z\n[p.csv]\nrows = 1\n",
                 "[p.csv] needs both rows and sha256");
  manifest_fails("[export]\nformat = 1\ngenerated = 2026-11-20T23:05:00Z\n[../etc/passwd.csv]\nrows = 1\n",
                 "is not a section of a format 1 manifest");

  TEST_SECTION("minisign keys and signatures: malformed input is refused");
  minisig_pubkey_t key;
  CHECK(!minisig_parse_pubkey("untrusted comment: x\nnot base64!!\n", &key, err, sizeof err));
  CHECK(!minisig_parse_pubkey("", &key, err, sizeof err));
  char comment[64];
  memset(&key, 0, sizeof key);
  CHECK(!minisig_verify(&key, "garbage", (const unsigned char *)"x", 1, comment, sizeof comment, err, sizeof err));
  CHECK_STR(err, "signature file is malformed (line 1-2)");

  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0)
    printf("could not remove %s\n", dir);
  return test_summary();
}
