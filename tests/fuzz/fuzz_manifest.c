/*
 * libFuzzer harness for the bundle manifest parser (src/core/manifest.h):
 * the input is the text of a manifest.ini. Checks the header's promises:
 * on success the timestamp is the normalised Z form, every file has a name,
 * a row count and a SHA-256 of 64 lower-case hex digits; on failure the
 * reason names manifest.ini and a line.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "core/manifest.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *text = fuzz_cstring(data, size);
  if (!text)
    return 0;
  manifest_t m;
  char err[512] = "";
  if (manifest_parse(text, &m, err, sizeof err)) {
    FUZZ_CHECK(m.nfiles <= MANIFEST_MAX_FILES);
    FUZZ_CHECK(strlen(m.generated) == 20 && m.generated[19] == 'Z');
    FUZZ_CHECK(fuzz_terminated(m.source, sizeof m.source));
    FUZZ_CHECK(fuzz_terminated(m.site, sizeof m.site));
    for (size_t i = 0; i < m.nfiles; i++) {
      const manifest_file_t *f = &m.files[i];
      FUZZ_CHECK(f->name[0] && fuzz_terminated(f->name, sizeof f->name));
      FUZZ_CHECK(f->rows >= 0);
      FUZZ_CHECK(strlen(f->sha256) == 64);
      for (size_t j = 0; j < 64; j++)
        FUZZ_CHECK(isxdigit((unsigned char)f->sha256[j]) && !isupper((unsigned char)f->sha256[j]));
      FUZZ_CHECK(manifest_find(&m, f->name) != NULL);
    }
    (void)manifest_find(&m, "patients.csv");
  } else {
    FUZZ_CHECK(!strncmp(err, "manifest.ini", 12));
  }
  free(text);
  return 0;
}
