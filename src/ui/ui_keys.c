/*
 * Keypads and keyboards: the numeric keypad (date of birth, staff PIN, NHS
 * number), the letters keyboard (family name) and the postcode keyboard
 * (letters and digits, on one page or two), where they go on a screen, and
 * what a key does to the field it types into. Every key is at least the
 * 15 mm touch target and is the target id of the key it shows, so tests and
 * the Xvfb smoke test tap keys by what they are.
 *
 * On a content area shorter than four rows of targets (a 5-inch panel,
 * where 15 mm is 112 px) the keypad takes three rows of four or two of six,
 * and the keyboards come in pages (A–M, N–Z, and the postcode's 0–9), each
 * with a worded key to the others; big screens keep their layouts.
 *
 * Pure: scene ops and plain strings only. A key never reaches the store.
 */
#include "ui/ui_private.h"

#include "core/i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define RGBA(r, g, b, a) ((scene_color_t){(r), (g), (b), (a)})

/* A key grid: each cell is the touch target, the key drawn inset. */
void ui_key_grid(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, const ui_keys_t *keys)
{
  int cols = keys->cols > 0 ? keys->cols : 1;
  int rows = (keys->n + cols - 1) / cols;
  if (rows < 1)
    return;
  int cell_w = box.w / cols, cell_h = box.h / rows;
  int inset = f->gap / 2 < 4 ? 4 : f->gap / 2;
  const ui_theme_t *th = &f->th;
  for (int i = 0; i < keys->n; i++) {
    const char *text = keys->labels[i];
    int target = keys->targets[i];
    if (!text)
      continue;
    int cx = box.x + (i % cols) * cell_w, cy = box.y + (i / cols) * cell_h;
    bool pressed = ui->pressing && ui->pressed_target == target;
    bool action = target == UI_T_NEXT;
    /* A short screen's page keys look like buttons, not letters. */
    bool page = target >= UI_T_KEYS_LETTERS_1 && target <= UI_T_KEYS_DIGITS;
    scene_color_t fill = pressed ? th->key_pressed : action ? th->primary : page ? th->bg : th->key;
    scene_color_t ink = pressed || action ? th->on_primary : page ? th->secondary_text : th->text;
    if (pressed && ui->high_contrast)
      ink = th->bg;
    scene_rect(sc, cx, cy, cell_w, cell_h, RGBA(0, 0, 0, 0), RGBA(0, 0, 0, 0), 0, 0, target);
    scene_rect(sc, cx + inset, cy + inset, cell_w - 2 * inset, cell_h - 2 * inset, fill,
               action || page ? th->primary : th->border, page ? 3 : 2, 10, 0);
    char label[32];
    snprintf(label, sizeof label, "key.%d", target);
    bool word = strlen(text) > 3;
    int tw = cell_w - 2 * inset - 8, tbox = cell_h - 2 * inset, ty = cy + inset;
    const char *over = keys->words[i];
    if (over) {
      /* The word small at the top ("Letters"), the label large under it ("N–Z"). */
      int wh = tbox * 2 / 5;
      int wpx = ui_fit_px(ui, f, over, true, tw, wh, f->body, (int)lround(f->body * 0.4));
      scene_text_style_t ws = {.font_px = wpx, .min_font_px = wpx, .bold = true, .wrap = true,
                               .align = SCENE_ALIGN_CENTER, .valign = SCENE_ALIGN_END,
                               .color = ink, .label = label};
      scene_text(sc, &ui->measurer, cx + inset + 4, ty, tw, wh, over, &ws);
      ty += wh;
      tbox -= wh;
      word = false;
    }
    int px = ui_fit_px(ui, f, text, true, tw, tbox, word ? f->body : f->heading,
                       (int)lround(f->body * (word ? 0.4 : 0.7)));
    scene_text_style_t st = {.font_px = px, .min_font_px = px, .bold = true, .wrap = true,
                             .align = SCENE_ALIGN_CENTER,
                             .valign = over ? SCENE_ALIGN_START : SCENE_ALIGN_CENTER,
                             .color = ink, .label = label};
    scene_text(sc, &ui->measurer, cx + inset + 4, ty, tw, tbox, text, &st);
  }
}

/* Rows of touch targets a keypad of height h gets: four (1-9 in three
 * rows, then Delete, 0, next) when they fit, else three or two. */
static int ui_keypad_rows(const ui_frame_t *f, int h)
{
  int rows = h / f->target;
  return rows >= 4 ? 4 : rows < 2 ? 2 : rows;
}

/* Whether the content area is shorter than four rows of keys (a 5-inch
 * panel), so keypad screens take their short layout. */
bool ui_keypad_short(const ui_frame_t *f) { return !f->portrait && ui_keypad_rows(f, f->ch) < 4; }

/* Split the content area for a keypad screen: the box for the text and the
 * box for the keypad (1-9, delete, 0, next). On a content area shorter than
 * four targets (a 5-inch panel) the keypad takes three rows of four keys,
 * or two of six, at the right. */
ui_keypad_layout_t ui_keypad_split(const ui_frame_t *f)
{
  ui_keypad_layout_t k;
  int rows = ui_keypad_rows(f, f->ch);
  int cell_h = f->ch / 4;
  if (cell_h > f->target * 3 / 2)
    cell_h = f->target * 3 / 2;
  if (rows < 4 && !f->portrait) {
    int cols = 12 / rows;
    int cell_w = f->cw * 55 / 100 / cols;
    if (cell_w < f->target)
      cell_w = f->target;
    if (cell_w > f->target * 3 / 2)
      cell_w = f->target * 3 / 2;
    cell_h = f->ch / rows;
    if (cell_h > f->target * 5 / 4)
      cell_h = f->target * 5 / 4;
    k.keys = (ui_rect_t){f->cx + f->cw - cell_w * cols, f->cy + (f->ch - cell_h * rows) / 2,
                         cell_w * cols, cell_h * rows};
    k.text = (ui_rect_t){f->cx, f->cy, k.keys.x - f->cx - 2 * f->gap, f->ch};
  } else if (f->portrait) {
    /* Portrait (issue 12: use the space, within reach): keys as wide as the
     * content allows up to four targets, up to two targets high (what the
     * content leaves above the text's share), just above the bar. */
    int cell_w = f->cw / 3 < f->target * 4 ? f->cw / 3 : f->target * 4;
    cell_h = f->ch / 8 > cell_h ? f->ch / 8 : cell_h;
    if (cell_h > f->target * 2)
      cell_h = f->target * 2;
    k.keys.w = cell_w * 3;
    k.keys.h = cell_h * 4;
    k.keys.x = f->cx + (f->cw - k.keys.w) / 2;
    k.keys.y = f->cy + f->ch - k.keys.h;
    k.text = (ui_rect_t){f->cx, f->cy, f->cw, f->ch - k.keys.h - f->gap};
  } else {
    int cell_w = cell_h * 4 / 3;
    if (cell_w * 3 > f->cw * 45 / 100)
      cell_w = f->cw * 45 / 100 / 3;
    if (cell_w < f->target)
      cell_w = f->target;
    k.keys.w = cell_w * 3;
    k.keys.h = cell_h * 4;
    k.keys.x = f->cx + f->cw - k.keys.w;
    k.keys.y = f->cy + (f->ch - k.keys.h) / 2;
    k.text = (ui_rect_t){f->cx, f->cy, f->cw - k.keys.w - 2 * f->gap, f->ch};
  }
  return k;
}

/* The numeric keypad; next_label names the action key. In four rows:
 * 1-9, then Delete, 0, next (a telephone's order). In fewer rows (a box
 * shorter than four targets): the digits in order, with Delete at the end
 * of the first row and next under it, where the hand finds them. */
void ui_keypad(ui_t *ui, scene_t *sc, const ui_frame_t *f, ui_rect_t box, const char *next_label)
{
  static const char *const digits[10] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  int rows = ui_keypad_rows(f, box.h);
  ui_keys_t keys = {.n = 12, .cols = 12 / rows};
  /* Each layout in reading order: 0-9 a digit, 10 Delete, 11 next. */
  static const int four_rows[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0, 11};
  static const int three_rows[12] = {1, 2, 3, 10, 4, 5, 6, 0, 7, 8, 9, 11};
  static const int two_rows[12] = {1, 2, 3, 4, 5, 10, 6, 7, 8, 9, 0, 11};
  const int *order = rows == 4 ? four_rows : rows == 3 ? three_rows : two_rows;
  for (int i = 0; i < 12; i++) {
    int k = order[i];
    keys.labels[i] = k < 10 ? digits[k] : k == 10 ? ui_tr(ui, "Delete") : next_label;
    keys.targets[i] = k < 10 ? UI_T_DIGIT_0 + k : k == 10 ? UI_T_DELETE : UI_T_NEXT;
  }
  ui_key_grid(ui, sc, f, box, &keys);
}

/* Add one key. */
static void ui_keys_add(ui_keys_t *k, const char *label, int target)
{
  if (k->n < UI_KEYS_MAX) {
    k->labels[k->n] = label;
    k->targets[k->n++] = target;
  }
}

/* The keys for a name (letters) or a postcode (letters, digits). */
void ui_keyboard_keys(ui_t *ui, const ui_frame_t *f, bool postcode, bool digits_page, int avail_h,
                      ui_keys_t *k)
{
  static const char *const letters[26] = {"A", "B", "C", "D", "E", "F", "G", "H", "I",
                                          "J", "K", "L", "M", "N", "O", "P", "Q", "R",
                                          "S", "T", "U", "V", "W", "X", "Y", "Z"};
  static const char *const digits[10] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};
  memset(k, 0, sizeof *k);
  /* Keys may use the whole width (on 800 px, 9 keys of 88 px fit only so). */
  int max_cols = (f->w - 8) / f->target;
  k->cols = max_cols < 9 ? max_cols : 9;
  if (k->cols < 1)
    k->cols = 1;
  int rows_fit = avail_h / f->target;
  bool all = postcode && (36 + k->cols - 1) / k->cols <= rows_fit;
  if (!postcode || all || !digits_page)
    for (int i = 0; i < 26; i++)
      ui_keys_add(k, letters[i], UI_T_LETTER_A + i);
  if (postcode && (all || digits_page))
    for (int i = 0; i < 10; i++)
      ui_keys_add(k, digits[i], UI_T_DIGIT_0 + (i + 1) % 10);
  if (!postcode)
    ui_keys_add(k, ui_tr(ui, "Space"), UI_T_SPACE);
  else if (!all)
    ui_keys_add(k, digits_page ? "ABC" : ui_tr(ui, "Numbers"), UI_T_KEYS_PAGE); /* a word on every key */
}

/* A key to another page of a keyboard: range ("N–Z") as its label, and
 * the translated msgid ("Letters %s") without it as the word over it. */
static void ui_keys_add_page(ui_t *ui, ui_keys_t *k, int slot, const char *msgid,
                             const char *range, int target)
{
  char *word = k->page_words[slot];
  const char *none[] = {""};
  if (!i18n_format_args(word, sizeof k->page_words[slot], ui_tr(ui, msgid), none, 1))
    word[0] = '\0';
  size_t start = strspn(word, " "), len = strlen(word + start);
  memmove(word, word + start, len + 1);
  while (len && word[len - 1] == ' ')
    word[--len] = '\0';
  snprintf(k->page_ranges[slot], sizeof k->page_ranges[slot], "%s", range);
  if (k->n < UI_KEYS_MAX)
    k->words[k->n] = word[0] ? word : NULL;
  ui_keys_add(k, k->page_ranges[slot], target);
}

/* One page of a keyboard on a short screen. */
int ui_keyboard_short_keys(ui_t *ui, bool postcode, bool digits_page, int letters_page, int cells,
                           ui_keys_t *k)
{
  static const char *const letters[26] = {"A", "B", "C", "D", "E", "F", "G", "H", "I",
                                          "J", "K", "L", "M", "N", "O", "P", "Q", "R",
                                          "S", "T", "U", "V", "W", "X", "Y", "Z"};
  static const char *const digit_keys[10] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};
  memset(k, 0, sizeof *k);
  int fixed = 1; /* Space for a name, the digits key for a postcode */
  int pages = 1;
  while (pages < 3 && pages * (cells - fixed - (pages - 1)) < 26)
    pages++;
  int per = (26 + pages - 1) / pages;
  if (letters_page >= pages)
    letters_page = pages - 1;
  if (letters_page < 0)
    letters_page = 0;
  bool digits = postcode && digits_page;
  if (digits)
    for (int i = 0; i < 10; i++)
      ui_keys_add(k, digit_keys[i], UI_T_DIGIT_0 + (i + 1) % 10);
  else
    for (int i = letters_page * per; i < 26 && i < (letters_page + 1) * per; i++)
      ui_keys_add(k, letters[i], UI_T_LETTER_A + i);
  if (!postcode)
    ui_keys_add(k, ui_tr(ui, "Space"), UI_T_SPACE);
  /* A key to each other page, worded: "Letters N–Z", "Numbers 0–9". */
  for (int p = 0; p < pages && p < 3; p++) {
    if (p == letters_page && !digits)
      continue;
    int last = (p + 1) * per < 26 ? (p + 1) * per - 1 : 25;
    char range[16];
    snprintf(range, sizeof range, "%c\xe2\x80\x93%c", 'A' + p * per, 'A' + last);
    ui_keys_add_page(ui, k, p, "Letters %s", range, UI_T_KEYS_LETTERS_1 + p);
  }
  if (postcode && !digits)
    ui_keys_add_page(ui, k, 3, "Numbers %s", "0\xe2\x80\x93" "9", UI_T_KEYS_DIGITS);
  return pages;
}

/* Whether the ordinary keyboard leaves no room for the field row. */
bool ui_keyboard_short(ui_t *ui, const ui_frame_t *f, bool postcode)
{
  if (f->portrait)
    return false;
  int avail = f->ch - f->button_h - f->gap;
  ui_keys_t keys;
  ui_keyboard_keys(ui, f, postcode, false, avail, &keys);
  return ui_keyboard_box(f, &keys, avail).h > avail;
}

/* Where a keyboard goes: across the bottom of the content area. */
ui_rect_t ui_keyboard_box(const ui_frame_t *f, const ui_keys_t *keys, int avail_h)
{
  int cols = keys->cols > 0 ? keys->cols : 1;
  int rows = (keys->n + cols - 1) / cols;
  if (rows < 1)
    rows = 1;
  int room = f->cw >= cols * f->target ? f->cw : f->w - 8;
  int cell = room / cols;
  if (cell > f->target * 2)
    cell = f->target * 2;
  int cell_h = avail_h / rows;
  if (cell_h > f->target * 5 / 4)
    cell_h = f->target * 5 / 4;
  if (cell_h < f->target)
    cell_h = f->target;
  int w = cell * cols, h = cell_h * rows;
  return (ui_rect_t){(f->w - w) / 2, f->cy + f->ch - h, w, h};
}

/* A key typed into a text field. */
bool ui_keys_type(char *field, size_t cap, int target, bool digits)
{
  size_t len = strlen(field);
  char c = 0;
  if (target >= UI_T_LETTER_A && target < UI_T_LETTER_A + 26)
    c = (char)('A' + target - UI_T_LETTER_A);
  else if (digits && target >= UI_T_DIGIT_0 && target <= UI_T_DIGIT_0 + 9)
    c = (char)('0' + target - UI_T_DIGIT_0);
  else if (target == UI_T_SPACE)
    c = len && field[len - 1] != ' ' ? ' ' : 0; /* one space, between words */
  else if (target != UI_T_DELETE)
    return false;
  if (target == UI_T_DELETE) {
    if (len)
      field[len - 1] = '\0';
  } else if (c && len + 1 < cap) {
    field[len] = c;
    field[len + 1] = '\0';
  }
  return true;
}

/* A keypad key typed into a field of digits. */
bool ui_keypad_type(char *field, size_t max, int target)
{
  size_t len = strlen(field);
  if (target >= UI_T_DIGIT_0 && target <= UI_T_DIGIT_0 + 9) {
    if (len < max) {
      field[len] = (char)('0' + target - UI_T_DIGIT_0);
      field[len + 1] = '\0';
    }
    return true;
  }
  if (target == UI_T_DELETE) {
    if (len)
      field[len - 1] = '\0';
    return true;
  }
  return false;
}
