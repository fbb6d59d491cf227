/*
 * The staff PIN's rules (src/core/staff_pin.h): PINs a stranger tries
 * first are refused and longer ones accepted; the pause after wrong PINs
 * starts at the configured attempt, doubles, and stops at its cap; a clock
 * set back never makes a wait longer than one pause. And the hash's file
 * (src/core/config.h): where it is, reading it, and the warnings about
 * secrets others may read.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "core/ident.h"
#include "core/staff_pin.h"
#include "core/store_staff.h"
#include "testlib.h"

static char dir[] = "/tmp/allwedd-test-staff-pin-XXXXXX";

/* Collect warnings into a buffer. */
static void collect(void *ctx, const char *message)
{
  strncat((char *)ctx, message, 2047 - strlen((char *)ctx));
  strncat((char *)ctx, "\n", 2047 - strlen((char *)ctx));
}

/* Write text to dir/name with mode; returns the path (static buffer). */
static const char *write_file(const char *name, const char *text, mode_t mode)
{
  static char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  fputs(text, f);
  fclose(f);
  chmod(path, mode);
  return path;
}

static void test_acceptable(void)
{
  TEST_SECTION("PINs a stranger tries first are refused");
  const char *why = NULL;
  const char *refused[] = {"0000", "1111", "9999", "00000000", "1234", "4321", "0123", "3210",
                           "7890", "0987", "123456", "654321", "456789012", "1212", "5656",
                           "123123", "121212121212", "48264826", "123", "", "12a4", "48 26",
                           "4826159370312", "-4826"};
  for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
    why = NULL;
    if (!CHECK(!staff_pin_acceptable(refused[i], &why) && why && why[0]))
      printf("      accepted: \"%s\"\n", refused[i]);
    else if (why && strstr(why, refused[i]) && refused[i][0])
      CHECK(!"the reason repeats the PIN");
  }
  CHECK(!staff_pin_acceptable(NULL, &why));
  CHECK(!staff_pin_acceptable("123", &why) && strstr(why, "4 to 12 digits"));
  CHECK(!staff_pin_acceptable("4826159370312", &why) && strstr(why, "4 to 12 digits"));
  CHECK(!staff_pin_acceptable("0000", &why) && strstr(why, "repeats"));
  CHECK(!staff_pin_acceptable("0123", &why) && strstr(why, "counting up or down"));

  TEST_SECTION("ordinary and longer PINs are accepted (up to 12 digits)");
  const char *accepted[] = {"4826", "1235", "2580", "1122", "9360", "482615", "30571946",
                            "482615937031", "0001", "1000"};
  for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++)
    if (!CHECK(staff_pin_acceptable(accepted[i], &why)))
      printf("      refused: \"%s\": %s\n", accepted[i], why);
}

static void test_pause(void)
{
  TEST_SECTION("the pause starts at the third wrong PIN, doubles, and stops at its cap");
  CHECK_INT(staff_pin_pause_s(0, 3, 30, 3600), 0);
  CHECK_INT(staff_pin_pause_s(2, 3, 30, 3600), 0);
  CHECK_INT(staff_pin_pause_s(3, 3, 30, 3600), 30);
  CHECK_INT(staff_pin_pause_s(4, 3, 30, 3600), 60);
  CHECK_INT(staff_pin_pause_s(5, 3, 30, 3600), 120);
  CHECK_INT(staff_pin_pause_s(9, 3, 30, 3600), 1920);
  CHECK_INT(staff_pin_pause_s(10, 3, 30, 3600), 3600);
  CHECK_INT(staff_pin_pause_s(11, 3, 30, 3600), 3600);
  CHECK_INT(staff_pin_pause_s(1000000, 3, 30, 3600), 3600);
  CHECK_INT(staff_pin_pause_s(2147483647, 1, 300, 86400), 86400);
  CHECK_INT(staff_pin_pause_s(1, 1, 30, 600), 30);
  CHECK_INT(staff_pin_pause_s(-5, 3, 30, 3600), 0);

  TEST_SECTION("the wait is what is left of the pause, never more than one pause");
  CHECK_INT(staff_pin_wait_s(30, 1000, 1000), 30);
  CHECK_INT(staff_pin_wait_s(30, 1000, 1010), 20);
  CHECK_INT(staff_pin_wait_s(30, 1000, 1030), 0);
  CHECK_INT(staff_pin_wait_s(30, 1000, 5000), 0);
  CHECK_INT(staff_pin_wait_s(30, 1000, 10), 30); /* the clock went back */
  CHECK_INT(staff_pin_wait_s(0, 1000, 1000), 0);

  TEST_SECTION("guesses an hour with the defaults (docs/security.md)");
  config_t cfg;
  config_defaults(&cfg);
  int guesses = 0;
  long long t = 0;
  for (int failures = 1; t < 3600; failures++) {
    guesses++;
    t += staff_pin_pause_s(failures, cfg.staff_pin_attempts, cfg.staff_pin_pause_s,
                           cfg.staff_pin_pause_max_s);
  }
  printf("   staff PIN, first hour: %d guesses (then 1 an hour)\n", guesses);
  CHECK(guesses <= 10);
  /* A day when staff log in once (which clears the count): the first hour
   * again, then one an hour. */
  int per_day = guesses + 23;
  printf("   staff PIN, a day with one staff login: %d guesses; all 10^4 4-digit PINs: %d days, "
         "10^6 6-digit: %d years\n", per_day, 10000 / per_day, 1000000 / per_day / 365);
  CHECK(per_day <= 40);

  TEST_SECTION("identification tries an hour with the defaults (docs/security.md)");
  ident_policy_t policy = ident_policy_from_config(&cfg);
  const int try_s[] = {0, 10, 20};
  for (size_t i = 0; i < 3; i++) {
    ident_lockout_t l;
    memset(&l, 0, sizeof l);
    int64_t now = 1000;
    int tries = 0;
    while (now < 3600 * 1000 + 1000) {
      if (ident_lockout_locked(&l, now)) {
        now += ident_lockout_remaining_ms(&l, now);
        continue;
      }
      ident_lockout_fail(&l, &policy, now);
      tries++;
      now += try_s[i] * 1000 + 1; /* the next try takes this long to type */
    }
    printf("   identification, %2d s a try: %d tries an hour\n", try_s[i], tries);
    CHECK(tries <= 160);
  }
}

static void test_pin_file(void)
{
  config_t cfg;
  char path[256], err[512], warnings[2048];

  TEST_SECTION("the hash's file is beside the store unless configured");
  config_defaults(&cfg);
  snprintf(cfg.db_path, sizeof cfg.db_path, "/var/lib/allwedd/allwedd.db");
  CHECK(config_staff_pin_path(&cfg, path, sizeof path));
  CHECK_STR(path, "/var/lib/allwedd/allwedd-staff-pin");
  snprintf(cfg.db_path, sizeof cfg.db_path, "/srv/store");
  CHECK(config_staff_pin_path(&cfg, path, sizeof path));
  CHECK_STR(path, "/srv/store-staff-pin");
  snprintf(cfg.staff_pin_file, sizeof cfg.staff_pin_file, "/etc/allwedd/pin");
  CHECK(config_staff_pin_path(&cfg, path, sizeof path));
  CHECK_STR(path, "/etc/allwedd/pin");
  CHECK(!config_staff_pin_path(&cfg, path, 4));

  TEST_SECTION("reading the hash's file");
  config_defaults(&cfg);
  snprintf(cfg.db_path, sizeof cfg.db_path, "%s/k.db", dir);
  snprintf(cfg.staff_pin_hash, sizeof cfg.staff_pin_hash, "$argon2id$old");
  CHECK(config_read_staff_pin(&cfg, err, sizeof err)); /* no file: unchanged */
  CHECK_STR(cfg.staff_pin_hash, "$argon2id$old");
  write_file("k-staff-pin", "not a hash\n", 0600);
  CHECK(!config_read_staff_pin(&cfg, err, sizeof err));
  CHECK(strstr(err, "k-staff-pin: not a staff PIN hash") != NULL);
  CHECK_STR(cfg.staff_pin_hash, "$argon2id$old");
  write_file("k-staff-pin", "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA\n", 0600);
  CHECK(config_read_staff_pin(&cfg, err, sizeof err));
  CHECK_STR(cfg.staff_pin_hash, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA");
  if (geteuid() != 0) {
    chmod(path, 0);
    CHECK(!config_read_staff_pin(&cfg, err, sizeof err));
  }

  TEST_SECTION("secrets others can read are named, with the fix");
  warnings[0] = '\0';
  char conf[256];
  snprintf(conf, sizeof conf, "%s", write_file("k.ini", "[kiosk]\nstaff_pin_hash = $argon2id$x\n", 0644));
  CHECK(config_load(&cfg, conf, err, sizeof err));
  CHECK(cfg.staff_pin_hash_in_config);
  snprintf(cfg.db_path, sizeof cfg.db_path, "%s/k.db", dir);
  CHECK_INT(config_check_secrets(&cfg, conf, collect, warnings), 1);
  CHECK(strstr(warnings, "k.ini holds the staff PIN hash ([kiosk] staff_pin_hash) and can be "
                         "read by every user (mode 0644): run 'chmod 600 ") != NULL);
  chmod(conf, 0600);
  warnings[0] = '\0';
  CHECK_INT(config_check_secrets(&cfg, conf, collect, warnings), 0);
  write_file("k-staff-pin", "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA\n", 0640);
  CHECK_INT(config_check_secrets(&cfg, conf, collect, warnings), 1);
  CHECK(strstr(warnings, "k-staff-pin holds the staff PIN hash and can be read by its group "
                         "(mode 0640)") != NULL);
  chmod(conf, 0644);
  snprintf(conf, sizeof conf, "%s", write_file("plain.ini", "[kiosk]\nid = x\n", 0644));
  CHECK(config_load(&cfg, conf, err, sizeof err));
  snprintf(cfg.db_path, sizeof cfg.db_path, "%s/none.db", dir);
  warnings[0] = '\0';
  CHECK_INT(config_check_secrets(&cfg, conf, collect, warnings), 0); /* no hash in it */
  cfg.allow_unsigned = true;
  CHECK_INT(config_check_secrets(&cfg, conf, collect, warnings), 1);
  CHECK(strstr(warnings, "allow_unsigned = true") != NULL);
}

static void test_store(void)
{
  TEST_SECTION("wrong PINs are kept in the kiosk's records, across a reopen");
  char db[256], err[512];
  snprintf(db, sizeof db, "%s/kiosk.db", dir);
  store_t *st = store_open(db, err, sizeof err);
  store_staff_pin_tries_t t;
  if (!CHECK(st != NULL))
    return;
  CHECK(store_staff_pin_tries(st, &t) && t.failures == 0 && !t.first_at[0] && !t.last_at[0]);
  CHECK(store_staff_pin_try(st, "2026-11-29T10:00:00Z"));
  CHECK(store_staff_pin_try(st, "2026-11-29T10:00:40Z"));
  store_close(st);
  st = store_open(db, err, sizeof err);
  CHECK(st && store_staff_pin_tries(st, &t));
  CHECK_INT(t.failures, 2);
  CHECK_STR(t.first_at, "2026-11-29T10:00:00Z");
  CHECK_STR(t.last_at, "2026-11-29T10:00:40Z");
  CHECK(store_staff_pin_clear(st));
  CHECK(store_staff_pin_tries(st, &t) && t.failures == 0);
  store_close(st);
  char records[300];
  CHECK(store_records_path(db, records, sizeof records));
  struct stat sb;
  CHECK(stat(records, &sb) == 0 && (sb.st_mode & 077) == 0); /* 0600, like the store */
}

int main(void)
{
  if (!mkdtemp(dir))
    return 1;
  test_acceptable();
  test_pause();
  test_pin_file();
  test_store();
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0)
    printf("could not remove %s\n", dir);
  return test_summary();
}
