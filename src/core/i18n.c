/*
 * The catalogues: locales/cy.po and locales/en.po read with po.c into one
 * open-addressing hash table per language, keyed like gettext by
 * "CONTEXT\004MSGID" (or MSGID alone). Plural forms come from each
 * catalogue's own Plural-Forms header, compiled by i18n_plural.c, so a
 * language's plural rules are data. This module never calls setlocale() or
 * the system gettext, and never passes a translated string to printf.
 */
#include "core/i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n_plural.h"
#include "core/po.h"

typedef struct {
  char *key;                    /* "ctx\004msgid" or "msgid"; NULL: empty slot */
  char *forms[PO_MAX_FORMS];
  size_t nforms;
} i18n_entry_t;

typedef struct {
  i18n_entry_t *slots;
  size_t cap, count;            /* cap is a power of two */
  i18n_plural_t *plural;
  bool seen_entry;              /* any entry read yet (the header must be first) */
} i18n_catalog_t;

struct i18n {
  i18n_catalog_t lang[LANG_COUNT];
};

static const char *const i18n_codes[LANG_COUNT] = {"cy", "en"};

/* FNV-1a over the context, a \004 separator, and the msgid. */
static uint64_t i18n_hash(const char *ctx, const char *msgid)
{
  uint64_t h = 1469598103934665603ull;
  if (ctx) {
    for (const unsigned char *p = (const unsigned char *)ctx; *p; p++)
      h = (h ^ *p) * 1099511628211ull;
    h = (h ^ 4u) * 1099511628211ull;
  }
  for (const unsigned char *p = (const unsigned char *)msgid; *p; p++)
    h = (h ^ *p) * 1099511628211ull;
  return h;
}

/* True when a stored key is exactly (ctx, msgid). */
static bool i18n_key_is(const char *key, const char *ctx, const char *msgid)
{
  if (ctx) {
    size_t n = strlen(ctx);
    if (strncmp(key, ctx, n) != 0 || key[n] != '\004')
      return false;
    key += n + 1;
  } else if (strchr(key, '\004')) {
    return false;
  }
  return strcmp(key, msgid) == 0;
}

/* The slot holding (ctx, msgid), or the empty slot where it would go. */
static i18n_entry_t *i18n_slot(const i18n_catalog_t *c, const char *ctx, const char *msgid)
{
  size_t mask = c->cap - 1;
  for (size_t i = (size_t)i18n_hash(ctx, msgid) & mask;; i = (i + 1) & mask) {
    i18n_entry_t *e = &c->slots[i];
    if (!e->key || i18n_key_is(e->key, ctx, msgid))
      return e;
  }
}

/* The entry for (ctx, msgid) or NULL. */
static const i18n_entry_t *i18n_find(const i18n_t *cat, lang_t lang, const char *ctx,
                                     const char *msgid)
{
  if (!cat || (unsigned)lang >= LANG_COUNT || !msgid)
    return NULL;
  const i18n_catalog_t *c = &cat->lang[lang];
  if (c->cap == 0)
    return NULL;
  const i18n_entry_t *e = i18n_slot(c, ctx, msgid);
  return e->key ? e : NULL;
}

/* Release one entry's strings. */
static void i18n_entry_clear(i18n_entry_t *e)
{
  free(e->key);
  for (size_t i = 0; i < e->nforms; i++)
    free(e->forms[i]);
  memset(e, 0, sizeof *e);
}

/* Double the table (or create it) and re-insert every entry. */
static bool i18n_grow(i18n_catalog_t *c)
{
  size_t cap = c->cap ? c->cap * 2 : 256;
  i18n_entry_t *old = c->slots;
  size_t old_cap = c->cap;
  c->slots = calloc(cap, sizeof *c->slots);
  if (!c->slots) {
    c->slots = old;
    return false;
  }
  c->cap = cap;
  for (size_t i = 0; i < old_cap; i++) {
    if (!old[i].key)
      continue;
    char *sep = strchr(old[i].key, '\004');
    uint64_t h;
    if (sep) {
      *sep = '\0';
      h = i18n_hash(old[i].key, sep + 1);
      *sep = '\004';
    } else {
      h = i18n_hash(NULL, old[i].key);
    }
    size_t j = (size_t)h & (cap - 1);
    while (c->slots[j].key)
      j = (j + 1) & (cap - 1);
    c->slots[j] = old[i];
  }
  free(old);
  return true;
}

/* Read the header entry: charset and Plural-Forms. */
static bool i18n_read_header(i18n_catalog_t *c, const po_entry_t *e, char *err, size_t errlen)
{
  const char *header = e->msgstr[0];
  const char *charset = strstr(header, "charset=");
  if (charset) {
    charset += strlen("charset=");
    size_t n = strcspn(charset, " \t;\n");
    if (!(n == 5 && !strncasecmp(charset, "UTF-8", 5))) {
      snprintf(err, errlen, "%s:%d: charset must be UTF-8", e->file, e->line);
      return false;
    }
  }
  const char *forms = strstr(header, "Plural-Forms:");
  if (!forms) {
    snprintf(err, errlen, "%s:%d: the header has no Plural-Forms", e->file, e->line);
    return false;
  }
  forms += strlen("Plural-Forms:");
  size_t n = strcspn(forms, "\n");
  char value[512];
  if (n >= sizeof value) {
    snprintf(err, errlen, "%s:%d: Plural-Forms is too long", e->file, e->line);
    return false;
  }
  memcpy(value, forms, n);
  value[n] = '\0';
  char reason[200];
  c->plural = i18n_plural_parse(value, reason, sizeof reason);
  if (!c->plural) {
    snprintf(err, errlen, "%s:%d: %s", e->file, e->line, reason);
    return false;
  }
  return true;
}

/* Store one translated entry. */
static bool i18n_add(i18n_catalog_t *c, const po_entry_t *e, char *err, size_t errlen)
{
  if (e->msgid_plural && e->nforms != i18n_plural_nforms(c->plural)) {
    snprintf(err, errlen, "%s:%d: %zu plural forms but the header says nplurals=%lu", e->file,
             e->line, e->nforms, i18n_plural_nforms(c->plural));
    return false;
  }
  if ((c->count + 1) * 10 > c->cap * 7 && !i18n_grow(c))
    goto nomem;
  i18n_entry_t *slot = i18n_slot(c, e->msgctxt, e->msgid);
  if (slot->key) {
    snprintf(err, errlen, "%s:%d: duplicate entry for msgid \"%.60s\"", e->file, e->line,
             e->msgid);
    return false;
  }
  size_t ctx_len = e->msgctxt ? strlen(e->msgctxt) + 1 : 0, id_len = strlen(e->msgid);
  slot->key = malloc(ctx_len + id_len + 1);
  if (!slot->key)
    goto nomem;
  if (e->msgctxt) {
    memcpy(slot->key, e->msgctxt, ctx_len - 1);
    slot->key[ctx_len - 1] = '\004';
  }
  memcpy(slot->key + ctx_len, e->msgid, id_len + 1);
  c->count++;
  for (size_t i = 0; i < e->nforms; i++) {
    slot->forms[i] = strdup(e->msgstr[i]);
    if (!slot->forms[i])
      goto nomem;
    slot->nforms = i + 1;
  }
  return true;
nomem:
  snprintf(err, errlen, "%s:%d: out of memory", e->file, e->line);
  return false;
}

/* po_parse callback: the header first, then translated, non-fuzzy entries. */
static bool i18n_on_entry(void *ctx, const po_entry_t *e, char *err, size_t errlen)
{
  i18n_catalog_t *c = ctx;
  bool is_header = !e->msgctxt && e->msgid[0] == '\0';
  bool first = !c->seen_entry;
  c->seen_entry = true;
  if (is_header) {
    if (!first || c->plural) {
      snprintf(err, errlen, "%s:%d: a second header entry", e->file, e->line);
      return false;
    }
    return i18n_read_header(c, e, err, errlen);
  }
  if (!c->plural) {
    snprintf(err, errlen, "%s:%d: the header entry (msgid \"\") must come first", e->file,
             e->line);
    return false;
  }
  if (e->fuzzy)
    return true;
  bool translated = false;
  for (size_t i = 0; i < e->nforms; i++)
    translated = translated || e->msgstr[i][0] != '\0';
  return translated ? i18n_add(c, e, err, errlen) : true;
}

/* Free one language's catalogue. */
static void i18n_catalog_clear(i18n_catalog_t *c)
{
  for (size_t i = 0; i < c->cap; i++)
    if (c->slots[i].key)
      i18n_entry_clear(&c->slots[i]);
  free(c->slots);
  i18n_plural_free(c->plural);
  memset(c, 0, sizeof *c);
}

/* Load both catalogues from a directory. */
i18n_t *i18n_load(const char *locale_dir, char *err, size_t errlen)
{
  i18n_t *cat = calloc(1, sizeof *cat);
  bool ok = false;
  if (!cat) {
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  for (int l = 0; l < LANG_COUNT; l++) {
    char path[4096];
    i18n_catalog_t *c = &cat->lang[l];
    if ((size_t)snprintf(path, sizeof path, "%s/%s.po", locale_dir, i18n_codes[l]) >= sizeof path) {
      snprintf(err, errlen, "%s: path too long", locale_dir);
      goto done;
    }
    if (!i18n_grow(c)) {
      snprintf(err, errlen, "out of memory");
      goto done;
    }
    if (!po_parse_file(path, i18n_on_entry, c, err, errlen))
      goto done;
    if (!c->plural) {
      snprintf(err, errlen, "%s:1: no header entry with Plural-Forms", path);
      goto done;
    }
  }
  ok = true;
done:
  if (!ok) {
    i18n_free(cat);
    cat = NULL;
  }
  return cat;
}

/* Free the catalogues; accepts NULL. */
void i18n_free(i18n_t *cat)
{
  if (!cat)
    return;
  for (int l = 0; l < LANG_COUNT; l++)
    i18n_catalog_clear(&cat->lang[l]);
  free(cat);
}

/* Translate msgid, falling back to it. */
const char *i18n_get(const i18n_t *cat, lang_t lang, const char *ctx, const char *msgid)
{
  const i18n_entry_t *e = i18n_find(cat, lang, ctx, msgid);
  return e && e->forms[0][0] ? e->forms[0] : msgid;
}

/* The plural form index for n in lang. */
unsigned long i18n_plural_form(const i18n_t *cat, lang_t lang, unsigned long n)
{
  if (!cat || (unsigned)lang >= LANG_COUNT || !cat->lang[lang].plural)
    return 0;
  return i18n_plural_eval(cat->lang[lang].plural, n);
}

/* nplurals of lang's catalogue. */
unsigned long i18n_plural_count(const i18n_t *cat, lang_t lang)
{
  if (!cat || (unsigned)lang >= LANG_COUNT || !cat->lang[lang].plural)
    return 0;
  return i18n_plural_nforms(cat->lang[lang].plural);
}

/* Translate a plural message for count n. */
const char *i18n_nget(const i18n_t *cat, lang_t lang, const char *ctx, const char *msgid,
                      const char *msgid_plural, unsigned long n)
{
  const i18n_entry_t *e = i18n_find(cat, lang, ctx, msgid);
  if (e) {
    unsigned long form = i18n_plural_form(cat, lang, n);
    if (form < e->nforms && e->forms[form][0])
      return e->forms[form];
  }
  return n == 1 ? msgid : msgid_plural;
}

/* Parse one directive after '%' at *p; sets *argno (0: next in sequence). */
static bool i18n_directive(const char **p, unsigned *argno)
{
  const char *s = *p;
  *argno = 0;
  if (s[0] >= '1' && s[0] <= '9' && s[1] == '$') {
    *argno = (unsigned)(s[0] - '0');
    s += 2;
  }
  static const char *const convs[] = {"s", "d", "u", "lu", "ld", "zu", "i", "li"};
  for (size_t i = 0; i < sizeof convs / sizeof convs[0]; i++) {
    size_t n = strlen(convs[i]);
    if (!strncmp(s, convs[i], n)) {
      *p = s + n;
      return true;
    }
  }
  return false;
}

/* Substitute text arguments into a translated format. */
bool i18n_format_args(char *out, size_t outlen, const char *fmt, const char *const *args,
                      size_t nargs)
{
  size_t len = 0, next = 0;
  bool ok = false;
  if (!out || outlen == 0 || !fmt)
    return false;
  for (const char *p = fmt; *p;) {
    const char *piece = p;
    size_t n = 1;
    if (*p == '%' && p[1] == '%') {
      p += 2;
    } else if (*p == '%') {
      unsigned argno;
      p++;
      if (!i18n_directive(&p, &argno))
        goto done;
      size_t index = argno ? argno - 1 : next++;
      if (index >= nargs || !args[index])
        goto done;
      piece = args[index];
      n = strlen(piece);
    } else {
      p++;
    }
    if (len + n >= outlen)
      goto done;
    memcpy(out + len, piece, n);
    len += n;
  }
  ok = true;
done:
  out[ok ? len : 0] = '\0';
  return ok;
}

/* The ISO 639-1 code of a language. */
const char *i18n_lang_code(lang_t lang)
{
  return (unsigned)lang < LANG_COUNT ? i18n_codes[lang] : "en";
}

/* The language for a code "cy" or "en". */
bool i18n_lang_from_code(const char *code, lang_t *lang)
{
  for (int l = 0; code && l < LANG_COUNT; l++) {
    if (!strcmp(code, i18n_codes[l])) {
      *lang = (lang_t)l;
      return true;
    }
  }
  return false;
}
