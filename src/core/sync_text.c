/*
 * The sync's messages in Welsh. Every reason and warning the sync writes
 * (sync.c, sync_rows.c, sync_write.c, csv.c, manifest.c, rules*.c) is an
 * English msgid of the "sync" context in locales/cy.po and en.po, listed once below; a
 * line is read back into its parts (see sync_text.h) and each part is
 * looked up, so the staff screen shows the same message in Welsh without
 * the sync ever formatting text for a language.
 */
#include "core/sync_text.h"

#include <stdio.h>
#include <string.h>

static const char *const msgids[] = {
  "warning",
  "patients",
  "services",
  "control character in the field: the file is damaged or is not plain text",
  "quote inside an unquoted field (quote the field and double the quote)",
  "text after a closing quote (a quote inside a field must be doubled)",
  "quoted field opened on this line is never closed",
  "more than %d fields in a record",
  "record longer than %d bytes",
  "read failed: %s",
  "cannot open: %s",
  "out of memory",
  "the file is %s, not UTF-8 comma-separated text: save it as CSV UTF-8, comma-separated",
  "UTF-16 (little-endian) text",
  "UTF-16 (big-endian) text",
  "UTF-16 (little-endian) text without a byte-order mark",
  "UTF-16 (big-endian) text without a byte-order mark",
  "UTF-32 (little-endian) text",
  "UTF-32 (big-endian) text",
  "a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?)",
  "an Excel 97-2003 .xls workbook",
  "the file is empty (no header row)",
  "the file holds nothing but NUL bytes: it was not written out (re-export it)",
  "the header row is damaged: %s",
  "the column appears twice in the header",
  "required column is missing from the header",
  "the columns are separated by %s, not commas: save it as CSV UTF-8, comma-separated",
  "semicolons (;)",
  "tabs",
  "vertical bars (|)",
  "unknown column, ignored",
  "row has fewer fields than the header",
  "row has more fields than the header",
  "required value is empty",
  "the same key appears on an earlier row (a duplicate)",
  "to_date is before from_date",
  "family name has no letters or digits",
  "the row was kept with this field empty",
  "the file ends with NUL bytes after its last row (padding some Windows tools write); they were not read as data",
  "%ld more row errors not shown",
  "%ld more warnings not shown",
  "the store refused the row: %s",
  "cannot prepare the import: %s",
  "cannot drop the indexes for a bulk load: %s",
  "cannot remove old rows: %s",
  "line break in a one-line column, replaced by a space",
  "tab in the text, replaced by a space",
  "letters were probably lost when the file was saved (it holds U+FFFD, the replacement character); save it as CSV UTF-8",
  "letters look garbled, as when UTF-8 is read as Windows-1252 (Ã¢ for â, Å· for ŷ): the file was probably converted twice; save it as CSV UTF-8",
  "a '?' where a letter should be: letters such as ŵ and ŷ were probably lost when the file was saved; save it as CSV UTF-8",
  "the text holds HTML character references such as &#373; where letters should be: the export went through a web or XML step; write the letters themselves, as UTF-8",
  "a '^' after a vowel (w^ for ŵ): a circumflex was typed as a character of its own; write ŵ, ŷ, â as UTF-8",
  "longer than 80 characters, the most a name may have",
  "longer than 160 characters: shortened at a word to fit the screen and the card",
  "longer than 600 characters: shortened at a word to fit the screen and the card",
  "longer than 64 characters: shortened at a word",
  "longer than 64 characters: stored as its SHA-256",
  "text is not valid UTF-8: the file was probably saved as Windows-1252 (ANSI); save it as CSV UTF-8",
  "text contains a control character",
  "line breaks are not allowed in this column",
  "text is too long for this column",
  "NHS number may only contain digits and spaces",
  "NHS number has more than 10 digits",
  "NHS number must have 10 digits",
  "NHS number check digit is wrong (Modulus 11)",
  "NHS number is one digit repeated: such numbers are never issued",
  "NHS number is below 010 100 0000, the lowest ever issued",
  "NHS number in the Scottish CHI range (first digit 0, 1 or 2) must begin with a date of birth DDMMYY",
  "date must be written YYYY-MM-DD",
  "date is before 1900-01-01",
  "no such date in the calendar",
  "date of birth is in the future",
  "postcode may only contain letters, digits and spaces",
  "postcode is too long (a UK postcode has 5 to 7 letters and digits)",
  "a BFPO address needs its number, 1 to 4 digits (BFPO 105)",
  "not a UK postcode (like CF14 2TL, SA1 1AA or BFPO 105)",
  "not a UK postcode: there is no such postcode area",
  "phone number is too long (one number per field)",
  "give one phone number per field",
  "extension must be 1 to 7 digits after ext, x or extension (029 2061 5888 ext 2345)",
  "phone number may only contain digits, spaces, + - ( ) . and an extension (ext 2345)",
  "a short number cannot have an extension",
  "a short number (such as 111) is not allowed here: give a full UK number",
  "not a UK phone number (country code is not +44)",
  "UK phone number must start with 0 or +44 (if a spreadsheet dropped the leading 0, format the column as text)",
  "phone number has no digits",
  "no UK phone numbers begin like this (the range is not in use)",
  "wrong number of digits: numbers beginning 01 or 02 have 11 digits with the leading 0 (a few 01 areas also have 10)",
  "wrong number of digits: 0800 numbers have 11 or 10 digits with the leading 0 (0800 123 4567, 0800 123 456), or are 0800 1111",
  "wrong number of digits: numbers beginning 03, 05, 07, 08 or 09 have 11 digits with the leading 0",
  "web address must start with https:// (other kinds, such as http:, javascript:, file: or ftp:, are refused)",
  "web address must start with https:// or http://",
  "web address contains a space, a backslash or a control character",
  "web address must not carry a user name or password (user:password@)",
  "web address has a wrong port number after the host name",
  "web address has no valid host name",
  "not an e-mail address (name@example.org)",
  "identifier must be 1 to 32 characters",
  "identifier may only contain A-Z a-z 0-9 - _",
  "timestamp must be ISO 8601 with a zone, YYYY-MM-DDTHH:MM:SSZ",
  "preferred_language must be cy, en or empty",
  "not one of the service categories of EXPORT_FORMAT.md",
  "not one of the key worker review reasons of EXPORT_FORMAT.md",
  "no key worker with this id in key_workers.csv (or its row there was rejected)",
  "no accepted patient with this NHS number in patients.csv",
  "not a bundle folder",
  "not a regular file",
  "manifest.ini is not a text file",
  "the bundle is not signed (manifest.ini.minisig is missing)",
  "the bundle is unsigned; accepted because allow_unsigned = true",
  "no trusted public key is configured (public_key)",
  "trusted public key: %s",
  "manifest.ini does not list %s",
  "%s is listed in the manifest but %s",
  "missing from the bundle",
  "%s is not a regular file",
  "manifest lists %s, which format 1 does not use; ignored",
  "SHA-256 does not match the manifest (the file changed after signing)",
  "%ld data rows, but the manifest says %ld",
  "%ld data rows, but the manifest says %ld; the file ends with %s NUL bytes: padding that is not data, or the end of a file that was not completely written; re-export it",
  "%ld of %ld rows rejected (%s %%), more than the %s %% allowed: the export job looks broken, so nothing was imported",
  "bundle generated %s is not newer than the last imported (%s): refused as a replay (staff can force it with --force --reason)",
  "bundle generated %s is in the future: the kiosk's clock says %s and allows %d seconds of difference; check the clocks of the export server and of the kiosk (staff can force it with --force --reason)",
  "the bundle would remove %ld of the %ld %s the kiosk holds (%ld %%), more than the %d %% allowed ([sync] max_removal_percent): the export looks empty or cut short, so nothing was imported (if it is right, staff can force it with --force --reason)",
  "a forced sync needs a reason (it is kept in the audit log)",
  "libsodium failed to initialise",
  "cannot start the import: %s",
  "cannot read earlier syncs: %s",
  "cannot record the sync: %s",
  "cannot rebuild the patient indexes: %s",
  "cannot commit the import: %s",
  "line too long (%zu bytes; at most %d)",
  "syntax error",
  "format %s is not supported (this kiosk reads format 1)",
  "[%s] is not a section of a format 1 manifest",
  "[%s] rows must be a whole number of rows",
  "[%s] sha256 must be 64 hex digits",
  "[%s] needs both rows and sha256",
  "[export] needs format = 1 and generated",
  "too many files in the manifest",
  "the store is busy: another program held it for more than %d seconds (another sync, or a staff tool); nothing was changed, try again",
  "the disk that holds the store is full: nothing was changed; free some space and sync again",
  "the store is read-only (its file, its folder or the file system refuses writes): nothing was changed; make it writable and sync again",
  "the store is damaged: nothing was changed; move it aside and sync again to build it from the export",
  "the store had a disk I/O error: nothing was changed; check the disk and sync again",
};

size_t sync_text_msgid_count(void) { return sizeof msgids / sizeof msgids[0]; }

const char *sync_text_msgid(size_t i) { return i < sync_text_msgid_count() ? msgids[i] : NULL; }

/* Length of the printf directive at p ('%' not "%%"), 0 when it is none. */
static size_t directive_length(const char *p)
{
  size_t n = 1;
  if (p[0] != '%' || p[1] == '%' || !p[1])
    return 0;
  while (strchr("0123456789.$-", p[n]) && p[n])
    n++;
  while (strchr("lhz", p[n]) && p[n])
    n++;
  return strchr("sdux", p[n]) && p[n] ? n + 1 : 0;
}

/* The literal text of fmt up to its next directive, with "%%" as '%', into
 * lit; *end is where it stops. */
static void literal(const char *fmt, char *lit, size_t litlen, const char **end)
{
  size_t n = 0;
  const char *p = fmt;
  while (*p && !directive_length(p)) {
    if (n + 1 < litlen)
      lit[n++] = *p;
    p += p[0] == '%' && p[1] == '%' ? 2 : 1;
  }
  lit[n] = '\0';
  *end = p;
}

enum { MAX_ARGS = 6, ARG_BYTES = 512 };

/* Match text against fmt; the text of each directive goes to args. */
static bool match(const char *text, const char *fmt, char args[MAX_ARGS][ARG_BYTES], size_t *nargs)
{
  char lit[640];
  const char *f = fmt, *t = text;
  *nargs = 0;
  for (;;) {
    literal(f, lit, sizeof lit, &f);
    size_t n = strlen(lit);
    if (strncmp(t, lit, n))
      return false;
    t += n;
    if (!*f)
      return !*t;
    f += directive_length(f);
    if (*nargs == MAX_ARGS)
      return false;
    literal(f, lit, sizeof lit, &f);
    /* f is now past the next literal; find that literal in the text. */
    const char *at = lit[0] ? strstr(t, lit) : t + strlen(t);
    if (!*f && lit[0]) { /* the last literal ends the text */
      size_t tl = strlen(t), ll = strlen(lit);
      at = tl >= ll && !strcmp(t + tl - ll, lit) ? t + tl - ll : NULL;
    }
    if (!at || at == t)
      return false;
    snprintf(args[(*nargs)++], ARG_BYTES, "%.*s", (int)(at - t), t);
    t = at + strlen(lit);
    if (!*f)
      return !*t;
  }
}

/* Translate one part of a message: a msgid, or a format it matches. */
static void translate_part(const char *part, const i18n_t *cat, lang_t lang, char *out, size_t outlen)
{
  const char *whole = i18n_get(cat, lang, "sync", part);
  if (whole != part) {
    snprintf(out, outlen, "%s", whole);
    return;
  }
  char args[MAX_ARGS][ARG_BYTES];
  const char *argv[MAX_ARGS];
  size_t nargs;
  for (size_t i = 0; i < sync_text_msgid_count(); i++) {
    if (!strchr(msgids[i], '%') || !match(part, msgids[i], args, &nargs))
      continue;
    for (size_t a = 0; a < nargs; a++)
      argv[a] = i18n_get(cat, lang, "sync", args[a]);
    if (i18n_format_args(out, outlen, i18n_get(cat, lang, "sync", msgids[i]), argv, nargs))
      return;
  }
  /* Two parts joined by "; " (a reason and what was done about it). */
  const char *semi = strstr(part, "; ");
  while (semi) {
    char head[512], tail[512], a[512], b[512];
    snprintf(head, sizeof head, "%.*s", (int)(semi - part), part);
    snprintf(tail, sizeof tail, "%s", semi + 2);
    if (i18n_get(cat, lang, "sync", tail) != tail || i18n_get(cat, lang, "sync", head) != head) {
      translate_part(head, cat, lang, a, sizeof a);
      translate_part(tail, cat, lang, b, sizeof b);
      snprintf(out, outlen, "%s; %s", a, b);
      return;
    }
    semi = strstr(semi + 2, "; ");
  }
  snprintf(out, outlen, "%s", part);
}

/* Length of a location "FILE[:LINE[:COL]]" at the start of text followed
 * by ": ", or 0. A file name has a dot and no spaces. */
static size_t location_length(const char *text)
{
  size_t n = strcspn(text, " :");
  if (!n || !memchr(text, '.', n))
    return 0;
  for (int k = 0; k < 2 && text[n] == ':' && text[n + 1] >= '0' && text[n + 1] <= '9'; k++)
    n += 1 + strspn(text + n + 1, "0123456789");
  return text[n] == ':' && (text[n + 1] == ' ' || !text[n + 1]) ? n : 0;
}

/* Length of a column name ("family_name") followed by ": ", or 0. */
static size_t column_length(const char *text)
{
  size_t n = strspn(text, "abcdefghijklmnopqrstuvwxyz0123456789_");
  return n && text[n] == ':' && text[n + 1] == ' ' ? n : 0;
}

void sync_text_translate(const char *english, const i18n_t *cat, lang_t lang, char *out, size_t outlen)
{
  char reason[640], detail[320] = "", done[1100];
  size_t len = 0;
  const char *p = english;
  if (!outlen)
    return;
  if (!cat || lang == LANG_EN) {
    snprintf(out, outlen, "%s", english);
    return;
  }
  out[0] = '\0';
#define OUT(...) len += (size_t)snprintf(out + len, len < outlen ? outlen - len : 0, __VA_ARGS__)
  if (!strncmp(p, "warning: ", 9)) {
    OUT("%s: ", i18n_get(cat, lang, "sync", "warning"));
    p += 9;
  }
  size_t n = location_length(p);
  if (n) {
    OUT("%.*s: ", (int)n, p);
    p += n + 2;
    if ((n = column_length(p))) {
      OUT("%.*s: ", (int)n, p);
      p += n + 2;
    }
  }
  snprintf(reason, sizeof reason, "%s", p);
  size_t rl = strlen(reason);
  char *open = rl && reason[rl - 1] == ']' ? strrchr(reason, '[') : NULL;
  if (open && open > reason && open[-1] == ' ') {
    snprintf(detail, sizeof detail, "%s", open - 1);
    open[-1] = '\0';
  }
  translate_part(reason, cat, lang, done, sizeof done);
  OUT("%s%s", done, detail);
#undef OUT
}
