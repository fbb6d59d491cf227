/*
 * libFuzzer harness for the PO loader: the input is a PO catalogue, read
 * (1) by po_parse() directly, (2) by i18n_load() as both locales/cy.po and
 * locales/en.po of a private temporary folder, with lookups, plural choices
 * and argument substitution on what it loaded, (3) by the Plural-Forms
 * compiler (src/core/i18n_plural.h) as a header value, and (4) by
 * i18n_format_args() as a translated format string. Checks the promises the
 * headers make: plural forms always below nplurals, lookups never NULL, a
 * refused format leaves "".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/i18n_plural.h"
#include "core/po.h"
#include "fuzz_common.h"

static char dir[4096], cy_path[4200], en_path[4200];

/* Leave no folder behind. */
static void remove_folder(void)
{
  unlink(cy_path);
  unlink(en_path);
  rmdir(dir);
}

/* A folder of our own holding cy.po (the input) and en.po (a link to it). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  const char *tmp = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%s/allwedd-fuzz-po.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
  if (!mkdtemp(dir)) {
    perror(dir);
    abort();
  }
  snprintf(cy_path, sizeof cy_path, "%s/cy.po", dir);
  snprintf(en_path, sizeof en_path, "%s/en.po", dir);
  if (symlink("cy.po", en_path) != 0) {
    perror(en_path);
    abort();
  }
  atexit(remove_folder);
  return 0;
}

/* Every entry: the reader's promises about what it hands out. */
static bool on_entry(void *ctx, const po_entry_t *e, char *err, size_t errlen)
{
  (void)err;
  (void)errlen;
  (*(size_t *)ctx)++;
  FUZZ_CHECK(e->line >= 1 && e->msgid != NULL);
  FUZZ_CHECK(e->nforms >= 1 && e->nforms <= PO_MAX_FORMS);
  FUZZ_CHECK(e->msgid_plural || e->nforms == 1);
  for (size_t i = 0; i < e->nforms; i++)
    (void)strlen(e->msgstr[i]);
  return true;
}

/* The loaded catalogues answer sensibly for any n. */
static void check_catalogue(const i18n_t *cat, const char *text)
{
  static const unsigned long counts[] = {0, 1, 2, 3, 4, 5, 6, 7, 11, 20, 100, 1000001,
                                         (unsigned long)-1};
  for (int l = 0; l < LANG_COUNT; l++) {
    unsigned long nforms = i18n_plural_count(cat, (lang_t)l);
    FUZZ_CHECK(nforms >= 1 && nforms <= I18N_PLURAL_MAX_FORMS);
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
      FUZZ_CHECK(i18n_plural_form(cat, (lang_t)l, counts[i]) < nforms);
      FUZZ_CHECK(i18n_nget(cat, (lang_t)l, "kiosk", "%lu card", "%lu cards", counts[i]));
    }
    FUZZ_CHECK(i18n_get(cat, (lang_t)l, NULL, "") != NULL);
    FUZZ_CHECK(i18n_get(cat, (lang_t)l, "kiosk", text) != NULL);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char err[512];
  size_t entries = 0;
  (void)po_parse("fuzz.po", (const char *)data, size, on_entry, &entries, err, sizeof err);

  FILE *f = fopen(cy_path, "wb");
  if (!f)
    abort();
  if (size && fwrite(data, 1, size, f) != size)
    abort();
  if (fclose(f) != 0)
    abort();
  char *text = fuzz_cstring(data, size);
  if (!text)
    return 0;
  i18n_t *cat = i18n_load(dir, err, sizeof err);
  if (cat)
    check_catalogue(cat, text);
  else
    FUZZ_CHECK(err[0] != '\0');
  i18n_free(cat);

  i18n_plural_t *pl = i18n_plural_parse(text, err, sizeof err);
  if (pl) {
    unsigned long nforms = i18n_plural_nforms(pl);
    FUZZ_CHECK(nforms >= 1 && nforms <= I18N_PLURAL_MAX_FORMS);
    for (unsigned long n = 0; n < 200; n += 7)
      FUZZ_CHECK(i18n_plural_eval(pl, n) < nforms);
    FUZZ_CHECK(i18n_plural_eval(pl, (unsigned long)-1) < nforms);
    (void)i18n_plural_value(pl, 1u << 31);
    i18n_plural_free(pl);
  }

  const char *args[] = {"alpha", "12", "Caerdydd"};
  char out[256];
  if (!i18n_format_args(out, sizeof out, text, args, 3))
    FUZZ_CHECK(out[0] == '\0');
  else
    FUZZ_CHECK(fuzz_terminated(out, sizeof out));
  free(text);
  return 0;
}
