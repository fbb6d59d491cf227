/*
 * The key worker leaflet. Its outline is the table below, in reading order:
 * each row is one piece of text by its English msgid (msgctxt "leaflet").
 * Changing the wording means editing locales/cy.po and en.po only; changing the
 * outline means editing the table. The one sentence that depends on the
 * site (the acute oncology line) has three forms, chosen by what the
 * configuration gives. Every string is copied, so a leaflet does not depend
 * on the catalogue after it is built.
 */
#include "core/leaflet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { ROW_TITLE, ROW_SUBTITLE, ROW_HEADING, ROW_PARAGRAPH, ROW_BULLET, ROW_ACUTE } row_kind_t;

#define LEAFLET_ACUTE "If you feel unwell because of your cancer or its treatment, call the acute oncology line"

static const struct {
  row_kind_t kind;
  const char *msgid;
} leaflet_rows[] = {
  {ROW_TITLE, "Your key worker"},
  {ROW_SUBTITLE, "Information for people with cancer and their families"},

  {ROW_HEADING, "Who is your key worker?"},
  {ROW_PARAGRAPH, "A key worker is a member of your care team. They help you through your cancer care."},
  {ROW_PARAGRAPH, "Your key worker is often a Clinical Nurse Specialist. It may be another health "
                  "professional, such as a therapist or someone from your GP surgery."},
  {ROW_PARAGRAPH, "Everyone with cancer in Wales should have a key worker. You should be given your "
                  "key worker's name and contact details."},

  {ROW_HEADING, "What your key worker does for you"},
  {ROW_PARAGRAPH, "Your key worker will:"},
  {ROW_BULLET, "help to plan and join up your care"},
  {ROW_BULLET, "be your main point of contact with your care team"},
  {ROW_BULLET, "answer your questions, or find someone who can"},
  {ROW_BULLET, "make sure you have the information you need to make choices about your care"},
  {ROW_BULLET, "tell you about other support, such as help with money, emotional support and "
               "support groups"},
  {ROW_BULLET, "talk to your GP and other teams for you"},
  {ROW_BULLET, "support your family or carer too"},

  {ROW_HEADING, "How to contact your key worker"},
  {ROW_PARAGRAPH, "Your key worker's phone number and working hours are on your Key Worker Card."},
  {ROW_PARAGRAPH, "Call them if you have a question or a worry about your care."},
  {ROW_PARAGRAPH, "If there is no answer, leave a message with your name, your date of birth and "
                  "your phone number. They will call you back as soon as they can."},
  {ROW_PARAGRAPH, "Bring your card with you to your appointments."},

  {ROW_HEADING, "Your key worker is not an emergency contact"},
  {ROW_PARAGRAPH, "Your key worker is not there 24 hours a day. They may not be able to answer "
                  "straight away."},
  {ROW_PARAGRAPH, "If you need help quickly, do not wait for your key worker:"},
  {ROW_BULLET, "In an emergency, call 999."},
  {ROW_ACUTE, NULL},
  {ROW_BULLET, "For urgent advice when your GP surgery is closed, call NHS 111 Wales. It is free "
               "to call."},

  {ROW_HEADING, "Your key worker may change"},
  {ROW_PARAGRAPH, "Your key worker may change at important times in your care, such as:"},
  {ROW_BULLET, "when you find out you have cancer"},
  {ROW_BULLET, "when your treatment starts"},
  {ROW_BULLET, "when your treatment ends"},
  {ROW_BULLET, "if the cancer comes back"},
  {ROW_PARAGRAPH, "This is so that the right person looks after you at each stage. We try not to "
                  "change your key worker often."},
  {ROW_PARAGRAPH, "If your key worker changes, you will be told. You will get a new card with the "
                  "new name and phone number."},
};
enum { LEAFLET_ROWS = sizeof leaflet_rows / sizeof leaflet_rows[0] };

static const char *const leaflet_ctx = "leaflet";

struct leaflet {
  lang_t lang;
  char *title, *subtitle;
  leaflet_section_t sections[LEAFLET_ROWS];
  size_t section_count;
  leaflet_block_t blocks[LEAFLET_ROWS];
  size_t block_count;
};

/* The acute oncology sentence for what the site configured; malloc'd. */
static char *leaflet_acute_text(const i18n_t *cat, lang_t lang, const leaflet_site_t *site,
                                char *err, size_t errlen)
{
  const char *phone = site ? site->acute_oncology_phone : NULL;
  const char *hours = site ? site->acute_oncology_hours : NULL;
  const char *args[2] = {phone, hours};
  size_t nargs = 0;
  const char *msgid = LEAFLET_ACUTE ". Your care team will give you the number.";
  if (phone && *phone) {
    nargs = hours && *hours ? 2 : 1;
    msgid = nargs == 2 ? LEAFLET_ACUTE " on %s. It is open %s." : LEAFLET_ACUTE " on %s.";
  }
  const char *fmt = i18n_get(cat, lang, leaflet_ctx, msgid);
  size_t size = strlen(fmt) + 1;
  for (size_t i = 0; i < nargs; i++)
    size += strlen(args[i]);
  char *text = malloc(size);
  if (!text) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  if (!i18n_format_args(text, size, fmt, args, nargs)) {
    snprintf(err, errlen, "leaflet: the %s translation of \"%.40s...\" does not fit its arguments",
             i18n_lang_code(lang), msgid);
    free(text);
    return NULL;
  }
  return text;
}

/* Add one row's text to the leaflet. */
static bool leaflet_add_row(leaflet_t *lf, row_kind_t kind, char *text, char *err, size_t errlen)
{
  if (kind == ROW_TITLE || kind == ROW_SUBTITLE) {
    *(kind == ROW_TITLE ? &lf->title : &lf->subtitle) = text;
    return true;
  }
  if (kind == ROW_HEADING) {
    lf->sections[lf->section_count++] =
        (leaflet_section_t){.heading = text, .blocks = &lf->blocks[lf->block_count]};
    return true;
  }
  if (lf->section_count == 0) {
    snprintf(err, errlen, "leaflet: text before the first heading");
    free(text);
    return false;
  }
  lf->blocks[lf->block_count++] = (leaflet_block_t){
      .kind = kind == ROW_PARAGRAPH ? LEAFLET_PARAGRAPH : LEAFLET_BULLET, .text = text};
  lf->sections[lf->section_count - 1].block_count++;
  return true;
}

/* Build the leaflet for a language. */
leaflet_t *leaflet_build(const i18n_t *cat, lang_t lang, const leaflet_site_t *site, char *err,
                         size_t errlen)
{
  leaflet_t *lf = calloc(1, sizeof *lf);
  bool ok = false;
  if (!lf) {
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  lf->lang = lang;
  for (size_t i = 0; i < LEAFLET_ROWS; i++) {
    char *text = NULL;
    if (leaflet_rows[i].kind == ROW_ACUTE) {
      text = leaflet_acute_text(cat, lang, site, err, errlen);
      if (!text)
        goto done;
    } else {
      text = strdup(i18n_get(cat, lang, leaflet_ctx, leaflet_rows[i].msgid));
      if (!text) {
        snprintf(err, errlen, "out of memory");
        goto done;
      }
    }
    if (!leaflet_add_row(lf, leaflet_rows[i].kind, text, err, errlen))
      goto done;
  }
  ok = true;
done:
  if (!ok) {
    leaflet_free(lf);
    lf = NULL;
  }
  return lf;
}

/* Free a leaflet; accepts NULL. */
void leaflet_free(leaflet_t *lf)
{
  if (!lf)
    return;
  free(lf->title);
  free(lf->subtitle);
  for (size_t i = 0; i < lf->section_count; i++)
    free((char *)lf->sections[i].heading);
  for (size_t i = 0; i < lf->block_count; i++)
    free((char *)lf->blocks[i].text);
  free(lf);
}

/* The leaflet's language. */
lang_t leaflet_lang(const leaflet_t *lf)
{
  return lf->lang;
}

/* The title ("Your key worker"). */
const char *leaflet_title(const leaflet_t *lf)
{
  return lf->title;
}

/* The line under the title. */
const char *leaflet_subtitle(const leaflet_t *lf)
{
  return lf->subtitle;
}

/* How many sections. */
size_t leaflet_section_count(const leaflet_t *lf)
{
  return lf->section_count;
}

/* Section i, or NULL. */
const leaflet_section_t *leaflet_section(const leaflet_t *lf, size_t i)
{
  return i < lf->section_count ? &lf->sections[i] : NULL;
}

/* Append pieces to a growing string; false (and *buf freed) on no memory. */
static bool leaflet_append(char **buf, size_t *len, size_t *cap, const char *a, const char *b)
{
  size_t na = strlen(a), nb = b ? strlen(b) : 0;
  if (*len + na + nb + 1 > *cap) {
    size_t grown_cap = (*len + na + nb + 1) * 2;
    char *grown = realloc(*buf, grown_cap);
    if (!grown) {
      free(*buf);
      *buf = NULL;
      return false;
    }
    *buf = grown;
    *cap = grown_cap;
  }
  memcpy(*buf + *len, a, na);
  memcpy(*buf + *len + na, b ? b : "", nb);
  *len += na + nb;
  (*buf)[*len] = '\0';
  return true;
}

/* The leaflet as plain text. */
char *leaflet_to_text(const leaflet_t *lf)
{
  char *buf = NULL;
  size_t len = 0, cap = 0;
  bool ok = leaflet_append(&buf, &len, &cap, lf->title, "\n") &&
            leaflet_append(&buf, &len, &cap, lf->subtitle, "\n");
  for (size_t s = 0; ok && s < lf->section_count; s++) {
    const leaflet_section_t *sec = &lf->sections[s];
    ok = leaflet_append(&buf, &len, &cap, "\n", sec->heading) &&
         leaflet_append(&buf, &len, &cap, "\n", NULL);
    for (size_t b = 0; ok && b < sec->block_count; b++) {
      const leaflet_block_t *blk = &sec->blocks[b];
      bool bullet = blk->kind == LEAFLET_BULLET;
      bool list_start = bullet && (b == 0 || sec->blocks[b - 1].kind != LEAFLET_BULLET);
      ok = leaflet_append(&buf, &len, &cap, bullet && !list_start ? "" : "\n",
                          bullet ? "• " : NULL) &&
           leaflet_append(&buf, &len, &cap, blk->text, "\n");
    }
  }
  return ok ? buf : NULL;
}
