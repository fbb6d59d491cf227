/*
 * The key worker leaflet. Its outline is the table below, in reading order:
 * each row is one piece of text by its English msgid (msgctxt "leaflet"),
 * and each heading row names its section (leaflet_section_id_t), so code
 * finds a section by what it says, never by where it stands.
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

/* A heading starts section id; the rows after it, up to the next heading,
 * are that section's. */
#define HEADING(id, text) {.kind = ROW_HEADING, .section = (id), .msgid = (text)}
#define TITLE(text) {.kind = ROW_TITLE, .msgid = (text)}
#define SUBTITLE(text) {.kind = ROW_SUBTITLE, .msgid = (text)}
#define PARAGRAPH(text) {.kind = ROW_PARAGRAPH, .msgid = (text)}
#define BULLET(text) {.kind = ROW_BULLET, .msgid = (text)}
#define ACUTE() {.kind = ROW_ACUTE}

static const struct {
  row_kind_t kind;
  const char *msgid;
  leaflet_section_id_t section;   /* ROW_HEADING: the section it starts */
} leaflet_rows[] = {
  TITLE("Your key worker"),
  SUBTITLE("Information for people with cancer and their families"),

  HEADING(LEAFLET_SECTION_WHO, "Who is your key worker?"),
  PARAGRAPH("A key worker is a member of your care team. They help you through your cancer care."),
  PARAGRAPH("Your key worker is often a Clinical Nurse Specialist. It may be another health "
            "professional, such as a therapist or someone from your GP surgery."),
  PARAGRAPH("Everyone with cancer in Wales should have a key worker. You should be given your "
            "key worker's name and contact details."),

  HEADING(LEAFLET_SECTION_WHAT_THEY_DO, "What your key worker does for you"),
  PARAGRAPH("Your key worker will:"),
  BULLET("help to plan and join up your care"),
  BULLET("be your main point of contact with your care team"),
  BULLET("answer your questions, or find someone who can"),
  BULLET("make sure you have the information you need to make choices about your care"),
  BULLET("tell you about other support, such as help with money, emotional support and "
         "support groups"),
  BULLET("talk to your GP and other teams for you"),
  BULLET("support your family or carer too"),

  HEADING(LEAFLET_SECTION_CONTACT, "How to contact your key worker"),
  PARAGRAPH("Your key worker's phone number and working hours are on your Key Worker Card."),
  PARAGRAPH("Call them if you have a question or a worry about your care."),
  PARAGRAPH("If there is no answer, leave a message with your name, your date of birth and "
            "your phone number. They will call you back as soon as they can."),
  PARAGRAPH("Bring your card with you to your appointments."),

  HEADING(LEAFLET_SECTION_NOT_EMERGENCY, "Your key worker is not an emergency contact"),
  PARAGRAPH("Your key worker is not there 24 hours a day. They may not be able to answer "
            "straight away."),
  PARAGRAPH("If you need help quickly, do not wait for your key worker:"),
  BULLET("In an emergency, call 999."),
  ACUTE(),
  BULLET("For urgent advice when your GP surgery is closed, call NHS 111 Wales. It is free "
         "to call."),

  HEADING(LEAFLET_SECTION_MAY_CHANGE, "Your key worker may change"),
  PARAGRAPH("Your key worker may change at important times in your care, such as:"),
  BULLET("when you find out you have cancer"),
  BULLET("when your treatment starts"),
  BULLET("when your treatment ends"),
  BULLET("if the cancer comes back"),
  PARAGRAPH("This is so that the right person looks after you at each stage. We try not to "
            "change your key worker often."),
  PARAGRAPH("If your key worker changes, you will be told. You will get a new card with the "
            "new name and phone number."),
};
#undef HEADING
#undef TITLE
#undef SUBTITLE
#undef PARAGRAPH
#undef BULLET
#undef ACUTE
enum { LEAFLET_ROWS = sizeof leaflet_rows / sizeof leaflet_rows[0] };

/* Names of the sections (leaflet_section_name), by id. */
static const char *const leaflet_section_names[LEAFLET_SECTION_COUNT] = {
  [LEAFLET_SECTION_WHO] = "who",
  [LEAFLET_SECTION_WHAT_THEY_DO] = "what-they-do",
  [LEAFLET_SECTION_CONTACT] = "contact",
  [LEAFLET_SECTION_NOT_EMERGENCY] = "not-emergency",
  [LEAFLET_SECTION_MAY_CHANGE] = "may-change",
};

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
static bool leaflet_add_row(leaflet_t *lf, row_kind_t kind, leaflet_section_id_t section,
                            char *text, char *err, size_t errlen)
{
  if (kind == ROW_TITLE || kind == ROW_SUBTITLE) {
    *(kind == ROW_TITLE ? &lf->title : &lf->subtitle) = text;
    return true;
  }
  if (kind == ROW_HEADING) {
    lf->sections[lf->section_count++] = (leaflet_section_t){
        .id = section, .heading = text, .blocks = &lf->blocks[lf->block_count]};
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

/* The text of table row i in lang; malloc'd, NULL with err on failure. */
static char *leaflet_row_text(size_t i, const i18n_t *cat, lang_t lang, const leaflet_site_t *site,
                              char *err, size_t errlen)
{
  if (leaflet_rows[i].kind == ROW_ACUTE)
    return leaflet_acute_text(cat, lang, site, err, errlen);
  char *text = strdup(i18n_get(cat, lang, leaflet_ctx, leaflet_rows[i].msgid));
  if (!text)
    snprintf(err, errlen, "out of memory");
  return text;
}

/* Add table rows [from, to) to the leaflet. */
static bool leaflet_add_rows(leaflet_t *lf, size_t from, size_t to, const i18n_t *cat,
                             lang_t lang, const leaflet_site_t *site, char *err, size_t errlen)
{
  for (size_t i = from; i < to; i++) {
    char *text = leaflet_row_text(i, cat, lang, site, err, errlen);
    if (!text || !leaflet_add_row(lf, leaflet_rows[i].kind, leaflet_rows[i].section, text, err,
                                  errlen))
      return false;
  }
  return true;
}

/* The table rows of section id: [*from, *to); false when it has none. */
static bool leaflet_section_rows(leaflet_section_id_t id, size_t *from, size_t *to)
{
  for (size_t i = 0; i < LEAFLET_ROWS; i++) {
    if (leaflet_rows[i].kind != ROW_HEADING || leaflet_rows[i].section != id)
      continue;
    size_t end = i + 1;
    while (end < LEAFLET_ROWS && leaflet_rows[end].kind != ROW_HEADING)
      end++;
    *from = i;
    *to = end;
    return true;
  }
  return false;
}

/* Build the leaflet for a language with its sections in a given order. */
leaflet_t *leaflet_build_ordered(const i18n_t *cat, lang_t lang, const leaflet_site_t *site,
                                 const leaflet_section_id_t *order, size_t count, char *err,
                                 size_t errlen)
{
  leaflet_t *lf = calloc(1, sizeof *lf);
  bool ok = false, used[LEAFLET_SECTION_COUNT] = {false};
  if (!lf) {
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  lf->lang = lang;
  /* Title and subtitle: the rows before the first heading. */
  size_t first_heading = 0;
  while (first_heading < LEAFLET_ROWS && leaflet_rows[first_heading].kind != ROW_HEADING)
    first_heading++;
  if (!leaflet_add_rows(lf, 0, first_heading, cat, lang, site, err, errlen))
    goto done;
  for (size_t k = 0; k < count; k++) {
    size_t from = 0, to = 0;
    if ((unsigned)order[k] >= LEAFLET_SECTION_COUNT || used[order[k]] ||
        !leaflet_section_rows(order[k], &from, &to)) {
      snprintf(err, errlen, "leaflet: section %d is unknown or named twice", (int)order[k]);
      goto done;
    }
    used[order[k]] = true;
    if (!leaflet_add_rows(lf, from, to, cat, lang, site, err, errlen))
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

/* Build the leaflet for a language, its sections in the table's order. */
leaflet_t *leaflet_build(const i18n_t *cat, lang_t lang, const leaflet_site_t *site, char *err,
                         size_t errlen)
{
  leaflet_section_id_t order[LEAFLET_SECTION_COUNT];
  size_t count = 0;
  for (size_t i = 0; i < LEAFLET_ROWS && count < LEAFLET_SECTION_COUNT; i++)
    if (leaflet_rows[i].kind == ROW_HEADING)
      order[count++] = leaflet_rows[i].section;
  return leaflet_build_ordered(cat, lang, site, order, count, err, errlen);
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

/* The section with this id, wherever it stands. */
const leaflet_section_t *leaflet_section_find(const leaflet_t *lf, leaflet_section_id_t id)
{
  for (size_t i = 0; lf && i < lf->section_count; i++)
    if (lf->sections[i].id == id)
      return &lf->sections[i];
  return NULL;
}

/* A section id's stable name. */
const char *leaflet_section_name(leaflet_section_id_t id)
{
  return (unsigned)id < LEAFLET_SECTION_COUNT ? leaflet_section_names[id] : NULL;
}

/* The id with this name. */
bool leaflet_section_by_name(const char *name, leaflet_section_id_t *id)
{
  for (int i = 0; name && i < LEAFLET_SECTION_COUNT; i++)
    if (!strcmp(leaflet_section_names[i], name)) {
      *id = (leaflet_section_id_t)i;
      return true;
    }
  return false;
}

/* The card's short form of a section (msgctxt "card"). */
bool leaflet_section_card_msgids(leaflet_section_id_t id, const char **lead, const char **detail)
{
  if (id != LEAFLET_SECTION_NOT_EMERGENCY)
    return false;
  *lead = "Not an emergency number.";
  *detail = "In an emergency call 999. For urgent advice call NHS 111 Wales.";
  return true;
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
