/*
 * PO reader: a line-by-line state machine. Each keyword line opens a field
 * (msgctxt, msgid, msgid_plural, msgstr[N]) and following lines that start
 * with a quote extend it. An entry ends when the next entry starts (a
 * comment, msgctxt or msgid after a msgstr) or at the end of the text. The
 * buffers for one entry are reused for the next, so memory does not grow
 * with the catalogue.
 */
#include "core/po.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct {
  char *data;
  size_t len, cap;
} po_buf_t;

enum { FIELD_NONE = -1, FIELD_CTXT = -2, FIELD_ID = -3, FIELD_PLURAL = -4 };

typedef struct {
  const char *name;
  int line;
  po_buf_t ctxt, id, plural, str[PO_MAX_FORMS];
  bool has_ctxt, has_id, has_plural;
  size_t nforms;          /* msgstr fields seen */
  bool fuzzy, c_format;
  int id_line;
  int field;              /* FIELD_* or a msgstr index receiving continuations */
  po_entry_fn on_entry;
  void *ctx;
  char *err;
  size_t errlen;
} po_parser_t;

/* Write "NAME:LINE: reason" into the parser's error buffer; returns false. */
__attribute__((format(printf, 2, 3))) static bool po_fail(po_parser_t *p, const char *fmt, ...)
{
  char reason[200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(reason, sizeof reason, fmt, ap);
  va_end(ap);
  snprintf(p->err, p->errlen, "%s:%d: %s", p->name, p->line, reason);
  return false;
}

/* Append n bytes to a buffer, keeping it NUL-terminated. */
static bool po_buf_add(po_buf_t *b, const char *bytes, size_t n)
{
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *data = realloc(b->data, cap);
    if (!data)
      return false;
    b->data = data;
    b->cap = cap;
  }
  memcpy(b->data + b->len, bytes, n);
  b->len += n;
  b->data[b->len] = '\0';
  return true;
}

/* Empty a buffer (keeping its storage) so it reads as "". */
static bool po_buf_clear(po_buf_t *b)
{
  b->len = 0;
  return po_buf_add(b, "", 0);
}

/* The buffer a field index refers to. */
static po_buf_t *po_field_buf(po_parser_t *p, int field)
{
  switch (field) {
  case FIELD_CTXT: return &p->ctxt;
  case FIELD_ID: return &p->id;
  case FIELD_PLURAL: return &p->plural;
  default: return &p->str[field];
  }
}

/* Decode one quoted PO string at s (after optional blanks) into buf. */
static bool po_read_string(po_parser_t *p, const char *s, po_buf_t *buf)
{
  while (*s == ' ' || *s == '\t')
    s++;
  if (*s != '"')
    return po_fail(p, "expected a string in double quotes");
  for (s++; *s != '"'; s++) {
    char c = *s;
    if (c == '\0')
      return po_fail(p, "missing closing quote");
    if (c == '\\') {
      s++;
      switch (*s) {
      case 'n': c = '\n'; break;
      case 't': c = '\t'; break;
      case 'r': c = '\r'; break;
      case '"': c = '"'; break;
      case '\\': c = '\\'; break;
      case '\0': return po_fail(p, "missing closing quote");
      default: return po_fail(p, "unknown escape \\%c", *s);
      }
    }
    if (!po_buf_add(buf, &c, 1))
      return po_fail(p, "out of memory");
  }
  for (s++; *s == ' ' || *s == '\t'; s++)
    ;
  if (*s != '\0')
    return po_fail(p, "unexpected text after the closing quote");
  return true;
}

/* Hand the finished entry to the callback and reset for the next one. */
static bool po_flush(po_parser_t *p)
{
  bool ok = true;
  if (p->has_id) {
    po_entry_t e = {.file = p->name, .line = p->id_line, .fuzzy = p->fuzzy,
                    .c_format = p->c_format, .nforms = p->nforms};
    e.msgctxt = p->has_ctxt ? p->ctxt.data : NULL;
    e.msgid = p->id.data;
    e.msgid_plural = p->has_plural ? p->plural.data : NULL;
    for (size_t i = 0; i < p->nforms; i++)
      e.msgstr[i] = p->str[i].data;
    ok = p->on_entry(p->ctx, &e, p->err, p->errlen);
  }
  p->has_ctxt = p->has_id = p->has_plural = false;
  p->nforms = 0;
  p->fuzzy = p->c_format = false;
  p->field = FIELD_NONE;
  return ok;
}

/* Apply a "#," flags comment to the entry being read. */
static void po_read_flags(po_parser_t *p, const char *s)
{
  while (*s) {
    while (*s == ' ' || *s == '\t' || *s == ',')
      s++;
    size_t n = strcspn(s, " \t,");
    if (n == 5 && !strncmp(s, "fuzzy", 5))
      p->fuzzy = true;
    else if (n == 8 && !strncmp(s, "c-format", 8))
      p->c_format = true;
    s += n;
  }
}

/* Start the field named by keyword: check the order, then read its string. */
static bool po_open_field(po_parser_t *p, int field, const char *rest)
{
  po_buf_t *buf = po_field_buf(p, field);
  if (!po_buf_clear(buf))
    return po_fail(p, "out of memory");
  p->field = field;
  return po_read_string(p, rest, buf);
}

/* Handle a msgstr or msgstr[N] line. */
static bool po_keyword_msgstr(po_parser_t *p, const char *rest)
{
  if (!p->has_id)
    return po_fail(p, "msgstr without msgid");
  if (*rest != '[') {
    if (p->has_plural)
      return po_fail(p, "an entry with msgid_plural needs msgstr[0], msgstr[1], ...");
    if (p->nforms)
      return po_fail(p, "second msgstr in one entry");
    p->nforms = 1;
    return po_open_field(p, 0, rest);
  }
  char *end = NULL;
  errno = 0;
  long index = strtol(rest + 1, &end, 10);
  if (end == rest + 1 || *end != ']' || errno)
    return po_fail(p, "malformed msgstr[N]");
  if (!p->has_plural)
    return po_fail(p, "msgstr[%ld] in an entry without msgid_plural", index);
  if (index != (long)p->nforms)
    return po_fail(p, "msgstr[%ld] out of sequence (expected msgstr[%zu])", index, p->nforms);
  if (index >= PO_MAX_FORMS)
    return po_fail(p, "too many plural forms (at most %d)", PO_MAX_FORMS);
  p->nforms++;
  return po_open_field(p, (int)index, end + 1);
}

/* Handle one keyword line (msgctxt, msgid, msgid_plural, msgstr...). */
static bool po_keyword(po_parser_t *p, const char *s)
{
  size_t n = strcspn(s, " \t[\"");
  const char *rest = s + n;
  bool entry_done = p->nforms > 0;
  if (n == 7 && !strncmp(s, "msgctxt", 7)) {
    if (entry_done && !po_flush(p))
      return false;
    if (p->has_ctxt || p->has_id)
      return po_fail(p, "msgctxt out of place (the entry before has no msgstr)");
    p->has_ctxt = true;
    return po_open_field(p, FIELD_CTXT, rest);
  }
  if (n == 5 && !strncmp(s, "msgid", 5)) {
    if (entry_done && !po_flush(p))
      return false;
    if (p->has_id)
      return po_fail(p, "msgid on line %d has no msgstr", p->id_line);
    p->has_id = true;
    p->id_line = p->line;
    return po_open_field(p, FIELD_ID, rest);
  }
  if (n == 12 && !strncmp(s, "msgid_plural", 12)) {
    if (!p->has_id || p->has_plural || p->nforms)
      return po_fail(p, "msgid_plural out of place");
    p->has_plural = true;
    return po_open_field(p, FIELD_PLURAL, rest);
  }
  if (n == 6 && !strncmp(s, "msgstr", 6))
    return po_keyword_msgstr(p, rest);
  return po_fail(p, "unknown keyword '%.*s'", (int)(n > 40 ? 40 : n), s);
}

/* Handle one line (without its line end). */
static bool po_line(po_parser_t *p, const char *s)
{
  while (*s == ' ' || *s == '\t')
    s++;
  if (*s == '\0')
    return true;
  if (*s == '#') {
    if (p->nforms > 0 && !po_flush(p))
      return false;
    if (p->has_id || p->has_ctxt)
      return po_fail(p, "comment in the middle of an entry");
    if (s[1] == ',')
      po_read_flags(p, s + 2);
    return true;
  }
  if (*s == '"') {
    if (p->field == FIELD_NONE)
      return po_fail(p, "string without a keyword before it");
    return po_read_string(p, s, po_field_buf(p, p->field));
  }
  return po_keyword(p, s);
}

/* Check that text is UTF-8 without NUL bytes; set p->line to a bad line. */
static bool po_check_text(po_parser_t *p, const char *text, size_t len)
{
  p->line = 1;
  for (size_t i = 0; i < len;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t step =
        utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
    if (step <= 0)
      return po_fail(p, "invalid UTF-8");
    if (cp == 0)
      return po_fail(p, "NUL byte in text");
    if (cp == '\n')
      p->line++;
    i += (size_t)step;
  }
  return true;
}

/* Parse PO text. */
bool po_parse(const char *name, const char *text, size_t len, po_entry_fn on_entry, void *ctx,
              char *err, size_t errlen)
{
  po_parser_t p = {.name = name, .field = FIELD_NONE, .on_entry = on_entry, .ctx = ctx,
                   .err = err, .errlen = errlen};
  char *line = NULL;
  bool ok = false;
  if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
    text += 3;
    len -= 3;
  }
  if (!po_check_text(&p, text, len))
    goto done;
  size_t cap = 0;
  p.line = 0;
  for (size_t pos = 0; pos < len;) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
    size_t next = pos + n + (nl ? 1 : 0);
    if (n > 0 && text[pos + n - 1] == '\r')
      n--;
    if (n + 1 > cap) {
      char *grown = realloc(line, n + 1);
      if (!grown) {
        po_fail(&p, "out of memory");
        goto done;
      }
      line = grown;
      cap = n + 1;
    }
    memcpy(line, text + pos, n);
    line[n] = '\0';
    p.line++;
    if (!po_line(&p, line))
      goto done;
    pos = next;
  }
  if (p.has_ctxt && !p.has_id) {
    po_fail(&p, "msgctxt without msgid at the end of the file");
    goto done;
  }
  if (p.has_id && p.nforms == 0) {
    p.line = p.id_line;
    po_fail(&p, "msgid without msgstr");
    goto done;
  }
  ok = po_flush(&p);
done:
  free(line);
  free(p.ctxt.data);
  free(p.id.data);
  free(p.plural.data);
  for (size_t i = 0; i < PO_MAX_FORMS; i++)
    free(p.str[i].data);
  return ok;
}

/* Read a whole file and parse it. */
bool po_parse_file(const char *path, po_entry_fn on_entry, void *ctx, char *err, size_t errlen)
{
  FILE *f = NULL;
  char *text = NULL;
  bool ok = false;
  size_t len = 0, cap = 0;
  f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    goto done;
  }
  for (;;) {
    if (cap - len < 4096) {
      cap = cap ? cap * 2 : 65536;
      char *grown = realloc(text, cap);
      if (!grown) {
        snprintf(err, errlen, "%s: out of memory", path);
        goto done;
      }
      text = grown;
    }
    size_t got = fread(text + len, 1, cap - len, f);
    len += got;
    if (got == 0)
      break;
  }
  if (ferror(f)) {
    snprintf(err, errlen, "%s: read error", path);
    goto done;
  }
  ok = po_parse(path, text ? text : "", len, on_entry, ctx, err, errlen);
done:
  if (f)
    fclose(f);
  free(text);
  return ok;
}
