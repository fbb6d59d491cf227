/*
 * manifest.ini parsing with libinih. The handler validates each value as it
 * arrives and keeps the first error with its line; completeness (every
 * section has rows and sha256, [export] has format and generated) is checked
 * after the parse.
 */
#include "core/manifest.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/csv.h"
#include "core/rules.h"

typedef struct {
  manifest_t *m;
  char why[160];
} parse_ctx_t;

/* True for a plain file name ending in .csv (no path parts). */
static bool is_csv_name(const char *name)
{
  size_t n = strlen(name);
  if (n < 5 || n >= sizeof ((manifest_file_t *)0)->name || strcmp(name + n - 4, ".csv"))
    return false;
  for (const char *p = name; *p; p++)
    if (!isalnum((unsigned char)*p) && !strchr("._-", *p))
      return false;
  return name[0] != '.';
}

/* The entry for section name, created on first sight. */
static manifest_file_t *file_entry(manifest_t *m, const char *name)
{
  for (size_t i = 0; i < m->nfiles; i++)
    if (!strcmp(m->files[i].name, name))
      return &m->files[i];
  if (m->nfiles == MANIFEST_MAX_FILES)
    return NULL;
  manifest_file_t *f = &m->files[m->nfiles++];
  snprintf(f->name, sizeof f->name, "%s", name);
  f->rows = -1;
  f->sha256[0] = '\0';
  return f;
}

/* Handle one key of the [export] section. */
static bool export_key(parse_ctx_t *ctx, const char *name, const char *value)
{
  manifest_t *m = ctx->m;
  const char *why;
  if (!strcmp(name, "format")) {
    if (strcmp(value, "1")) {
      snprintf(ctx->why, sizeof ctx->why, "format %s is not supported (this kiosk reads format 1)", value);
      return false;
    }
    m->format = 1;
  } else if (!strcmp(name, "generated")) {
    if (!rules_utc_timestamp(value, m->generated, &why)) {
      snprintf(ctx->why, sizeof ctx->why, "generated: %s", why);
      return false;
    }
  } else if (!strcmp(name, "source")) {
    snprintf(m->source, sizeof m->source, "%s", value);
  } else if (!strcmp(name, "site")) {
    snprintf(m->site, sizeof m->site, "%s", value);
  }
  /* Other keys in [export] are ignored: later formats may add some. */
  return true;
}

/* Handle one key of a file section. */
static bool file_key(parse_ctx_t *ctx, manifest_file_t *f, const char *name, const char *value)
{
  if (!strcmp(name, "rows")) {
    char *end;
    errno = 0;
    long rows = strtol(value, &end, 10);
    if (errno || end == value || *end || rows < 0) {
      snprintf(ctx->why, sizeof ctx->why, "[%s] rows must be a whole number of rows", f->name);
      return false;
    }
    f->rows = rows;
  } else if (!strcmp(name, "sha256")) {
    bool hex = strlen(value) == 64;
    for (const char *p = value; hex && *p; p++)
      hex = isxdigit((unsigned char)*p);
    if (!hex) {
      snprintf(ctx->why, sizeof ctx->why, "[%s] sha256 must be 64 hex digits", f->name);
      return false;
    }
    for (int i = 0; i < 64; i++) /* hex is hex in either case */
      f->sha256[i] = (char)tolower((unsigned char)value[i]);
    f->sha256[64] = '\0';
  }
  return true;
}

/* inih callback: one name = value in a section. Returns 0 to stop on error. */
static int on_value(void *user, const char *section, const char *name, const char *value)
{
  parse_ctx_t *ctx = user;
  if (!strcmp(section, "export"))
    return export_key(ctx, name, value);
  if (!is_csv_name(section)) {
    snprintf(ctx->why, sizeof ctx->why, "[%s] is not a section of a format 1 manifest", section);
    return 0;
  }
  manifest_file_t *f = file_entry(ctx->m, section);
  if (!f) {
    snprintf(ctx->why, sizeof ctx->why, "too many files in the manifest");
    return 0;
  }
  return file_key(ctx, f, name, value);
}

/* The first line longer than libinih reads whole: its number and length. */
static int long_line(const char *text, size_t *len)
{
  int line = 1;
  for (const char *p = text; *p; line++) {
    size_t n = strcspn(p, "\r\n");
    if (n > MANIFEST_MAX_LINE) {
      *len = n;
      return line;
    }
    p += n;
    if (*p == '\r' && p[1] == '\n')
      p++;
    if (*p)
      p++;
  }
  return 0;
}

/* Parse a manifest. */
bool manifest_parse(const char *text, manifest_t *out, char *err, size_t errlen)
{
  parse_ctx_t ctx = {.m = out};
  size_t len = 0;
  memset(out, 0, sizeof *out);
  int too_long = long_line(text, &len);
  if (too_long) {
    snprintf(err, errlen, "manifest.ini:%d: line too long (%zu bytes; at most %d)", too_long, len,
             MANIFEST_MAX_LINE);
    return false;
  }
  int line = ini_parse_string(text, on_value, &ctx);
  if (line != 0) {
    snprintf(err, errlen, "manifest.ini:%d: %s", line, ctx.why[0] ? ctx.why : "syntax error");
    return false;
  }
  if (out->format != 1 || !out->generated[0]) {
    snprintf(err, errlen, "manifest.ini: [export] needs format = 1 and generated");
    return false;
  }
  for (size_t i = 0; i < out->nfiles; i++) {
    if (out->files[i].rows < 0 || !out->files[i].sha256[0]) {
      snprintf(err, errlen, "manifest.ini: [%s] needs both rows and sha256", out->files[i].name);
      return false;
    }
  }
  return true;
}

/* Find a file's entry. */
const manifest_file_t *manifest_find(const manifest_t *m, const char *name)
{
  for (size_t i = 0; i < m->nfiles; i++)
    if (!strcmp(m->files[i].name, name))
      return &m->files[i];
  return NULL;
}

/* Hash every byte the CSV reader reads. */
static void hash_bytes(void *ctx, const unsigned char *bytes, size_t len)
{
  crypto_hash_sha256_update(ctx, bytes, len);
}

bool manifest_measure_csv(const char *path, long *rows, char sha256[65], long long *nul_padding, char *err,
                          size_t errlen)
{
  crypto_hash_sha256_state sha;
  unsigned char digest[crypto_hash_sha256_BYTES];
  long records = 0;
  csv_status_t st;
  if (sodium_init() < 0) {
    snprintf(err, errlen, "libsodium failed to initialise");
    return false;
  }
  crypto_hash_sha256_init(&sha);
  csv_t *csv = csv_open(path, hash_bytes, &sha, err, errlen);
  if (!csv)
    return false;
  while ((st = csv_next(csv)) == CSV_ROW)
    records++;
  bool ok = st == CSV_END;
  if (!ok)
    snprintf(err, errlen, "%s", csv_error(csv));
  *nul_padding = csv_trailing_nul_bytes(csv);
  csv_close(csv);
  crypto_hash_sha256_final(&sha, digest);
  sodium_bin2hex(sha256, 65, digest, sizeof digest);
  *rows = records > 0 ? records - 1 : 0;
  return ok;
}

/* Check that an [export] value reads back the same. */
static bool value_ok(const char *key, const char *value, char *err, size_t errlen)
{
  if (strpbrk(value, "\r\n;#")) {
    snprintf(err, errlen, "%s may not contain line breaks, ';' or '#' (they would end the value)", key);
    return false;
  }
  if (value[0] == ' ' || (value[0] && value[strlen(value) - 1] == ' ')) {
    snprintf(err, errlen, "%s may not start or end with a space", key);
    return false;
  }
  size_t line = strlen(key) + 3 + strlen(value);
  if (line > MANIFEST_MAX_LINE) {
    snprintf(err, errlen, "%s is too long: its manifest line would be %zu bytes, at most %d", key, line,
             MANIFEST_MAX_LINE);
    return false;
  }
  return true;
}

bool manifest_format(const manifest_t *m, char *out, size_t outlen, char *err, size_t errlen)
{
  size_t len = 0;
  if (!value_ok("source", m->source, err, errlen) || !value_ok("site", m->site, err, errlen))
    return false;
#define OUT(...) len += (size_t)snprintf(out + len, len < outlen ? outlen - len : 0, __VA_ARGS__)
  OUT("; Allwedd export bundle manifest (EXPORT_FORMAT.md), written by allwedd bundle-manifest\n");
  OUT("[export]\nformat = 1\ngenerated = %s\nsource = %s\nsite = %s\n", m->generated, m->source, m->site);
  for (size_t i = 0; i < m->nfiles; i++)
    OUT("\n[%s]\nrows = %ld\nsha256 = %s\n", m->files[i].name, m->files[i].rows, m->files[i].sha256);
#undef OUT
  if (len >= outlen) {
    snprintf(err, errlen, "the manifest is too long");
    return false;
  }
  return true;
}
