/*
 * Configuration and manifest parsing: good files load, bad ones fail with
 * FILE:LINE and why, and a failed load leaves the defaults in place.
 */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/config.h"
#include "core/content.h"
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

/* Load "[section] key = value" after settings that keep the idle cross-check
 * quiet; the key is on line 5. true when it loads; err receives the reason. */
static bool load_one(const char *section, const char *key, const char *value, char *err,
                     size_t errlen)
{
  char text[512];
  snprintf(text, sizeof text, "[kiosk]\nidle_timeout_s = 300\nidle_warning_s = 10\n[%s]\n%s = %s\n",
           section, key, value);
  config_t cfg;
  err[0] = '\0';
  return config_load(&cfg, write_file("range.ini", text), err, errlen);
}

/* Every numeric setting: both ends of its range load, just outside them
 * fails with "FILE:LINE: key must be MIN to MAX", words and (for whole
 * numbers) fractions fail naming the range. Returns how many keys. */
static int check_every_range(void)
{
  int numeric = 0;
  for (size_t i = 0; i < config_key_count(); i++) {
    char name[80], section[40], key[40], err[512], want[300], v[64];
    double min, max;
    bool whole, zero_ok;
    if (!config_key_range(i, name, sizeof name, &min, &max, &whole, &zero_ok))
      continue;
    numeric++;
    CHECK(sscanf(name, "[%39[^]]] %39s", section, key) == 2);
    if (!CHECK(min < max))
      printf("      %s has no real range\n", name);
    char range[100];
    snprintf(range, sizeof range, "%s%g to %g", zero_ok ? "0 (unknown) or " : "", min, max);
    double step = whole ? 1 : 0.01;
    const double good[] = {min, max, min + (max - min) / 2};
    for (size_t g = 0; g < 3; g++) {
      snprintf(v, sizeof v, whole ? "%.0f" : "%g", whole ? floor(good[g]) : good[g]);
      if (!CHECK(load_one(section, key, v, err, sizeof err)))
        printf("      %s = %s refused: %s\n", name, v, err);
    }
    const double bad[] = {min - step, max + step, -1e9, 1e12};
    for (size_t b = 0; b < 4; b++) {
      if (zero_ok && bad[b] == 0)
        continue;
      snprintf(v, sizeof v, whole ? "%.0f" : "%g", bad[b]);
      snprintf(want, sizeof want, "range.ini:5: %s must be %s", key, range);
      bool loaded = load_one(section, key, v, err, sizeof err);
      if (!CHECK(!loaded && !strcmp(err + strlen(err) - strlen(want), want)))
        printf("      %s = %s: got \"%s\", want \"...%s\"\n", name, v, err, want);
    }
    snprintf(want, sizeof want, "range.ini:5: %s must be a %snumber from %s", key,
             whole ? "whole " : "", range);
    const char *words[] = {"soon", "nan", "inf", "", whole ? "1.5" : "1,5"};
    for (size_t w = 0; w < 5; w++) {
      bool loaded = load_one(section, key, words[w], err, sizeof err);
      if (!CHECK(!loaded && strstr(err, want)))
        printf("      %s = '%s': got \"%s\", want \"%s\"\n", name, words[w], err, want);
    }
    if (zero_ok)
      CHECK(load_one(section, key, "0", err, sizeof err));
  }
  return numeric;
}

/* The settings the card, its QR code and the screens print: every value
 * config_load accepts makes a card's vCard, and every value a card cannot
 * use is refused at load with FILE:LINE and why (the kind: a setting stored
 * as free text that only the first patient's card would have refused). */
static void check_card_settings(void)
{
  static const struct {
    const char *key, *value, *want; /* want: NULL = loads */
  } cases[] = {
    {"acute_oncology_phone", "029 2018 0999 (24h)", "range.ini:5: acute_oncology_phone must be one UK phone number"},
    {"acute_oncology_phone", "029 2018 0999 / 0800 123 4567", "range.ini:5: acute_oncology_phone must be one UK phone number"},
    {"acute_oncology_phone", "01234 567890, ext 4321", "range.ini:5: acute_oncology_phone must be one UK phone number"},
    {"acute_oncology_phone", "ask reception", "range.ini:5: acute_oncology_phone must be one UK phone number"},
    {"acute_oncology_phone", "999", "range.ini:5: acute_oncology_phone must be one UK phone number"},
    {"acute_oncology_phone", "020 7946 00", "range.ini:5: acute_oncology_phone must be one UK phone number"},
    {"acute_oncology_phone", "029 2018 0999", NULL},
    {"acute_oncology_phone", "+44 (0)29 2018 0999", NULL},
    {"acute_oncology_phone", "01234 567890 ext 4321", NULL},
    {"acute_oncology_phone", "", NULL},
    {"acute_oncology_hours_en", "24 hours a day\x01", "range.ini:5: acute_oncology_hours_en must be one line"},
    {"acute_oncology_hours_cy", "\xff\xfe", "range.ini:5: acute_oncology_hours_cy must be one line"},
    {"name_cy", "Canolfan \x7f", "range.ini:5: name_cy must be one line of at most 160 characters"},
    {"name_en", "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
     "range.ini:5: name_en must be one line of at most 160 characters"},
    {"name", "Canolfan Ganser Glan Hafren / Glan Hafren Cancer Centre", NULL},
    {"acute_oncology_hours_cy", "24 awr y dydd, 7 diwrnod yr wythnos", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char err[512], text[512];
    snprintf(text, sizeof text, "[kiosk]\nidle_timeout_s = 300\nidle_warning_s = 10\n[site]\n%s = %s\n",
             cases[i].key, cases[i].value);
    config_t cfg;
    err[0] = '\0';
    bool loaded = config_load(&cfg, write_file("range.ini", text), err, sizeof err);
    if (cases[i].want) {
      if (!CHECK(!loaded && strstr(err, cases[i].want)))
        printf("      %s = '%s': got \"%s\", want \"%s\"\n", cases[i].key, cases[i].value, err,
               cases[i].want);
      continue;
    }
    if (!CHECK(loaded))
      printf("      %s = '%s' refused: %s\n", cases[i].key, cases[i].value, err);
    key_worker_t kw;
    content_test_key_worker(&kw);
    card_content_t c = content_card(&cfg, NULL, &kw, NULL, LANG_CY, "2026-11-29");
    char vcard[4096];
    bool made = card_payload(&c, 0, vcard, sizeof vcard);
    if (!CHECK(made))
      printf("      %s = '%s' loads but makes no card\n", cases[i].key, cases[i].value);
    if (made && !strcmp(cases[i].key, "acute_oncology_phone") && cases[i].value[0])
      CHECK(strstr(vcard, "item1.TEL;TYPE=VOICE:+44") != NULL);
  }
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

  TEST_SECTION("screen rotation: quarter turns only");
  path = write_file("turn.ini", "[kiosk]\nrotation = 270\ntouch_rotation = 90\nscreen_blank_s = 900\n");
  CHECK(config_load(&cfg, path, err, sizeof err));
  CHECK_INT(cfg.rotation_deg, 270);
  CHECK_INT(cfg.touch_rotation_deg, 90);
  CHECK_INT(cfg.screen_blank_s, 900);
  config_fails("[kiosk]\nrotation = 45\n", "bad.ini:2: rotation must be 0, 90, 180 or 270");
  config_fails("[kiosk]\ntouch_rotation = 360\n", "bad.ini:2: touch_rotation must be 0, 90, 180 or 270");
  config_fails("[kiosk]\nrotation = left\n", "bad.ini:2: rotation must be 0, 90, 180 or 270");

  TEST_SECTION("bad files say where and why");
  config_fails("[kiosk]\nidle_timeout_s = soon\n", "bad.ini:2: idle_timeout_s must be a whole number from 20 to 300");
  config_fails("[kiosk]\n\nidle_timeout_s = 5\n", "bad.ini:3: idle_timeout_s");
  config_fails("[sync]\nallow_unsigned = perhaps\n", "bad.ini:2: allow_unsigned must be true or false");
  config_fails("[sync]\nreject_threshold_percent = 101\n", "bad.ini:2: reject_threshold_percent");
  config_fails("[store]\ndatabase = x\n", "bad.ini:2: unknown setting [store] database");
  config_fails("[kiosk]\nidle_timeout_s = 30\nidle_warning_s = 30\n", "idle_warning_s must be shorter");
  config_fails("[store\n", "bad.ini:1: syntax error");
  CHECK(!config_load(&cfg, "/nonexistent/allwedd.ini", err, sizeof err));

  TEST_SECTION("every numeric setting has a real range, and says it");
  CHECK(check_every_range() >= 11);

  TEST_SECTION("no accepted value switches a safety mechanism off");
  /* Values that once were accepted and defeated what they configure. */
  config_fails("[kiosk]\nlockout_window_s = 10\n", "bad.ini:2: lockout_window_s must be 300 to 86400");
  config_fails("[kiosk]\nlockout_attempts = 100\n", "bad.ini:2: lockout_attempts must be 3 to 10");
  config_fails("[kiosk]\nlockout_pause_s = 10\n", "bad.ini:2: lockout_pause_s must be 60 to 3600");
  config_fails("[kiosk]\nidle_timeout_s = 3600\n", "bad.ini:2: idle_timeout_s must be 20 to 300");
  config_fails("[sync]\nreject_threshold_percent = 100\n",
               "bad.ini:2: reject_threshold_percent must be 0 to 10");
  config_fails("[kiosk]\ndisplay_width_mm = 1\n",
               "bad.ini:2: display_width_mm must be 0 (unknown) or 100 to 2000");

  TEST_SECTION("the card's settings are refused at load when a card could not use them");
  check_card_settings();

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
                 "manifest.ini:5: [p.csv] sha256 must be 64 hex digits");
  manifest_fails("[export]\nformat = 1\ngenerated = 2026-11-20T23:05:00Z\n[p.csv]\nrows = 1\n",
                 "[p.csv] needs both rows and sha256");
  manifest_fails("[export]\nformat = 1\ngenerated = 2026-11-20T23:05:00Z\n[../etc/passwd.csv]\nrows = 1\n",
                 "is not a section of a format 1 manifest");
  /* Debian's libinih reads lines of up to 199 bytes; longer ones are refused
   * as such, never cut (it would hand over the first 192 bytes). */
  char text[1024], site[400];
  memset(site, 'x', sizeof site);
  snprintf(text, sizeof text, "[export]\nformat = 1\ngenerated = 2026-11-20T23:05:00Z\nsite = %.*s\n", 192, site);
  CHECK(manifest_parse(text, &m, err, sizeof err));
  CHECK_INT(strlen(m.site), 192);
  snprintf(text, sizeof text, "[export]\r\nformat = 1\r\nsite = %.*s\r\n", 193, site);
  manifest_fails(text, "manifest.ini:3: line too long (200 bytes; at most 199)");
  snprintf(text, sizeof text, "[export]\nformat = 1\nsite = %.*s\n", 250, site);
  manifest_fails(text, "manifest.ini:3: line too long (257 bytes; at most 199)");

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
