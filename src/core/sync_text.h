/*
 * The sync's messages (row errors, warnings, rejection reasons) in the
 * staff's language. The sync writes every message in English, in one
 * grammar:
 *
 *   [warning: ]FILE[:LINE[:COLUMN]]: [column_name: ]REASON[; REASON][ [DETAIL]]
 *
 * or, for a rejected bundle, a reason that may start with the file. Each
 * REASON is a msgid of the "sync" context in locales/cy.po and en.po, or a
 * format msgid with printf directives whose arguments are read back from
 * the text; locations, column names and [details] stay as they are (they
 * are data). The reader never fails: what it does not know stays English.
 */
#ifndef ALLWEDD_SYNC_TEXT_H
#define ALLWEDD_SYNC_TEXT_H

#include <stddef.h>

#include "core/i18n.h"

/* english in lang into out (always NUL-terminated; copied for English). */
void sync_text_translate(const char *english, const i18n_t *cat, lang_t lang, char *out, size_t outlen);

/* Every msgid the sync's messages are made of, for tests and translators. */
size_t sync_text_msgid_count(void);
const char *sync_text_msgid(size_t i);

#endif
