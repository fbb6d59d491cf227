/*
 * The sync's messages in Welsh: every msgid the messages are made of has a
 * Welsh translation, every reason the value rules give is one of them, and
 * real message lines (with locations, column names, arguments and
 * [details]) come out in Welsh with their data unchanged.
 */
#include <stdlib.h>

#include "core/i18n.h"
#include "core/rules.h"
#include "core/sync_text.h"
#include "testlib.h"

static i18n_t *cat;

/* True when msgid is one of sync_text's msgids. */
static bool registered(const char *msgid)
{
  for (size_t i = 0; i < sync_text_msgid_count(); i++)
    if (!strcmp(sync_text_msgid(i), msgid))
      return true;
  return false;
}

/* A reason a rule gave must be registered (so it is translated). */
static void reason_known(bool ok, const char *why, const char *what)
{
  if (!CHECK(!ok && why && registered(why)))
    printf("      %s: \"%s\" is not in sync_text.c\n", what, why ? why : "(none)");
}

/* Run a rule that must fail and check its reason (the call runs first). */
#define KNOWN(call, what)        \
  do {                           \
    why = NULL;                  \
    bool ok_ = (call);           \
    reason_known(ok_, why, what); \
  } while (0)

static void welsh(const char *english, const char *want)
{
  char out[2048];
  sync_text_translate(english, cat, LANG_CY, out, sizeof out);
  CHECK_STR(out, want);
}

int main(void)
{
  char dir[1024], err[256];
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  snprintf(dir, sizeof dir, "%s/locales", src ? src : ".");
  cat = i18n_load(dir, err, sizeof err);
  if (!CHECK(cat)) {
    printf("      %s\n", err);
    return test_summary();
  }

  TEST_SECTION("every msgid of the sync's messages has a Welsh translation");
  size_t missing = 0;
  for (size_t i = 0; i < sync_text_msgid_count(); i++) {
    const char *id = sync_text_msgid(i);
    if (i18n_get(cat, LANG_CY, "sync", id) == id) {
      printf("      no Welsh for \"%s\"\n", id);
      missing++;
    }
  }
  CHECK_INT(missing, 0);

  TEST_SECTION("every reason of the value rules is one of them");
  char nhs[11], pc[RULES_POSTCODE_MAX], ph[RULES_PHONE_MAX], ts[21];
  const char *why = NULL;
  static const char *const bad_nhs[] = {"943-476-5919", "94347659190", "943476591", "9434765918",
                                        "0000000000", "0100000019", "0123456789"};
  for (size_t i = 0; i < sizeof bad_nhs / sizeof bad_nhs[0]; i++)
    KNOWN(rules_nhs_number(bad_nhs[i], nhs, &why), bad_nhs[i]);
  static const char *const bad_dates[] = {"1961-3-3", "1899-12-31", "2023-02-29"};
  for (size_t i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++)
    KNOWN(rules_date(bad_dates[i], NULL, NULL, NULL, &why), bad_dates[i]);
  KNOWN(rules_date_of_birth("2099-01-01", "2026-11-21", &why), "future birth");
  static const char *const bad_postcodes[] = {"CF14 2TL!", "CF14 2TLXYZ", "BFPO", "CF14", "QQ1 1AA"};
  for (size_t i = 0; i < sizeof bad_postcodes / sizeof bad_postcodes[0]; i++)
    KNOWN(rules_postcode(bad_postcodes[i], pc, &why), bad_postcodes[i]);
  static const char *const bad_phones[] = {"029 2061 58881 22 33 44 55 66", "029 2061 5888 / 07700 900123",
                                           "029 2061 5888 ext", "Tel 029", "111", "+353 1 234 5678",
                                           "2920615888", "", "0600 123456", "029 2061 588",
                                           "0800 12345", "07700 90012"};
  for (size_t i = 0; i < sizeof bad_phones / sizeof bad_phones[0]; i++)
    KNOWN(rules_phone(bad_phones[i], false, ph, &why), bad_phones[i]);
  KNOWN(rules_phone("111 ext 2", true, ph, &why), "short with extension");
  static const char *const bad_urls[] = {"http://a.org", "https://a b.org", "https://u:p@a.org", "https://a.org:99999",
                                         "https://localhost"};
  for (size_t i = 0; i < sizeof bad_urls / sizeof bad_urls[0]; i++)
    KNOWN(rules_https_url(bad_urls[i], &why), bad_urls[i]);
  KNOWN(rules_web_url("ftp://a.org", true, &why), "ftp");
  KNOWN(rules_email("nobody", &why), "e-mail");
  KNOWN(rules_identifier("", &why), "empty id");
  KNOWN(rules_identifier("a b", &why), "id with a space");
  KNOWN(rules_text("a\xc3", 10, false, &why), "bad UTF-8");
  KNOWN(rules_text("a\x01", 10, false, &why), "control");
  KNOWN(rules_text("a\nb", 10, false, &why), "line break");
  KNOWN(rules_text("abcdef", 3, false, &why), "too long");
  KNOWN(rules_utc_timestamp("yesterday", ts, &why), "timestamp");

  TEST_SECTION("message lines in Welsh, their data unchanged");
  welsh("warning: patients.csv:7:5: postcode: not a UK postcode: there is no such postcode area; the row was kept"
        " with this field empty",
        "rhybudd: patients.csv:7:5: postcode: nid yw'n god post yn y DU: nid oes ardal cod post o'r fath; cadwyd"
        " y rhes gyda'r maes hwn yn wag");
  welsh("patients.csv:2:3: family_name: control character in the field: the file is damaged or is not plain text"
        " [U+0000 NUL]",
        "patients.csv:2:3: family_name: nod rheoli yn y maes: mae'r ffeil wedi'i difrodi neu nid yw'n destun plaen"
        " [U+0000 NUL]");
  welsh("patients.csv: 74 data rows, but the manifest says 75", "patients.csv: 74 rhes ddata, ond mae'r maniffest yn dweud 75");
  welsh("patients.csv:1: the file is UTF-16 (little-endian) text, not UTF-8 comma-separated text: save it as CSV"
        " UTF-8, comma-separated",
        "patients.csv:1: mae'r ffeil yn ddestun UTF-16 (little-endian), nid testun UTF-8 wedi'i wahanu â chomas:"
        " cadwch hi fel CSV UTF-8, wedi'i gwahanu â chomas");
  welsh("the bundle would remove 74 of the 74 patients the kiosk holds (100 %), more than the 50 % allowed ([sync]"
        " max_removal_percent): the export looks empty or cut short, so nothing was imported (if it is right, staff"
        " can force it with --force --reason)",
        "byddai'r bwndel yn dileu 74 o'r 74 cleifion sydd gan y ciosg (100 %), mwy na'r 50 % a ganiateir ([sync]"
        " max_removal_percent): mae'r allforio'n edrych yn wag neu wedi'i dorri'n fyr, felly ni fewnforiwyd dim (os"
        " yw'n gywir, gall staff ei orfodi â --force --reason)");
  welsh("services.csv is listed in the manifest but missing from the bundle",
        "mae services.csv wedi'i rhestru yn y maniffest ond ar goll o'r bwndel");
  welsh("warning: key_workers.csv:1:1: unknown column, ignored [shoe_size]",
        "rhybudd: key_workers.csv:1:1: colofn anhysbys, wedi'i hanwybyddu [shoe_size]");
  welsh("manifest.ini:6: line too long (203 bytes; at most 199)", "manifest.ini:6: llinell rhy hir (203 beit; 199 ar y mwyaf)");
  welsh("the store is busy: another program held it for more than 5 seconds (another sync, or a staff tool);"
        " nothing was changed, try again [cannot start the import: database is locked]",
        "mae'r storfa'n brysur: daliodd rhaglen arall hi am fwy na 5 eiliad (cysoni arall, neu offeryn staff); ni"
        " newidiwyd dim, rhowch gynnig arall arni [cannot start the import: database is locked]");
  welsh("something the sync never says", "something the sync never says");
  char out[64];
  sync_text_translate("patients.csv: 74 data rows, but the manifest says 75", cat, LANG_EN, out, sizeof out);
  CHECK_STR(out, "patients.csv: 74 data rows, but the manifest says 75");
  sync_text_translate("a very long line that does not fit the small buffer at all, not at all", cat, LANG_CY, out, 16);
  CHECK_INT(strlen(out), 15);

  i18n_free(cat);
  return test_summary();
}
