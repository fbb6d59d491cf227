/*
 * A reader for gettext PO catalogues (locales/cy.po, en.po): entries with msgctxt,
 * msgid, msgid_plural, msgstr or msgstr[N], strings split over several
 * quoted lines, the escapes \n \t \r \" \\, comments and "#," flags (fuzzy,
 * c-format). It only reads: what an entry means (header, fuzzy, plurals) is
 * the caller's business. Bad input is refused with "FILE:LINE: reason"; it
 * never guesses.
 */
#ifndef ALLWEDD_PO_H
#define ALLWEDD_PO_H

#include <stdbool.h>
#include <stddef.h>

enum { PO_MAX_FORMS = 8 }; /* msgstr[0] .. msgstr[7] */

/* One entry. Strings are UTF-8, unescaped, NUL-terminated, and only valid
 * during the callback. */
typedef struct {
  const char *file;          /* the name given to the parser */
  int line;                  /* line of the msgid keyword */
  const char *msgctxt;       /* NULL: no context */
  const char *msgid;
  const char *msgid_plural;  /* NULL: not a plural entry */
  const char *msgstr[PO_MAX_FORMS]; /* [0] is msgstr for a plain entry */
  size_t nforms;             /* 1 for a plain entry, else msgstr[N] count */
  bool fuzzy;                /* "#, fuzzy": not yet a real translation */
  bool c_format;             /* "#, c-format" */
} po_entry_t;

/* Called for every entry in file order (obsolete "#~" entries are skipped).
 * Return false to stop with an error; the callback writes err itself. */
typedef bool (*po_entry_fn)(void *ctx, const po_entry_t *entry, char *err, size_t errlen);

/* Parse len bytes of PO text, naming it name in errors. false with
 * "NAME:LINE: reason" in err on malformed input (invalid UTF-8, unknown
 * keyword, bad escape, missing quote, keyword out of order, msgid without
 * msgstr, msgstr[N] out of sequence), or when the callback refuses. */
bool po_parse(const char *name, const char *text, size_t len, po_entry_fn on_entry, void *ctx,
              char *err, size_t errlen);

/* Read the file at path and parse it as po_parse() does. */
bool po_parse_file(const char *path, po_entry_fn on_entry, void *ctx, char *err, size_t errlen);

#endif
