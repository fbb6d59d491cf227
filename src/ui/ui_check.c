/*
 * What every scene the kiosk shows must be, checked the same way by
 * `allwedd render` and the overflow test (issue 12): nothing drawn off the
 * screen, no text half under a button, each screen's question or heading
 * on its first page, and on the key worker screens the safety information
 * (name, phone, "not an emergency contact") on page 1 at every size, text
 * scale, language and theme.
 */
#include "ui/ui_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Labels that must be on a screen's first page; "a|b" accepts either. */
typedef struct {
  ui_screen_t screen;
  const char *labels[4];
} ui_required_t;

static const ui_required_t ui_required[] = {
  {UI_SCREEN_WELCOME, {"welcome.instructions.cy", "welcome.instructions.en"}},
  {UI_SCREEN_DOB, {"dob.title"}},
  {UI_SCREEN_NAME, {"keys.title"}},
  {UI_SCREEN_POSTCODE, {"keys.title"}},
  {UI_SCREEN_NOT_FOUND, {"notfound.title"}},
  {UI_SCREEN_LOCKED, {"locked.title"}},
  {UI_SCREEN_CONFIRM, {"confirm.title"}},
  {UI_SCREEN_KEY_WORKER, {"kw.name", "kw.phone", "emergency.heading"}},
  {UI_SCREEN_NO_KEY_WORKER, {"nokw.title", "emergency.heading"}},
  {UI_SCREEN_LEAFLET, {"leaflet.title"}},
  {UI_SCREEN_PRINTING, {"print.title|print.done.title|print.fault.title|print.limit.title|print.nosheet.title"}},
  {UI_SCREEN_SUPPORT, {"support.title"}},
  {UI_SCREEN_SUPPORT_LIST, {"list.title"}},
  {UI_SCREEN_SUPPORT_DETAIL, {"service.name"}},
  {UI_SCREEN_STORE_FAULT, {"storefault.title"}},
  {UI_SCREEN_CONCERNS, {"concerns.question", "concerns.group"}},
  {UI_SCREEN_CONCERNS_SCORE, {"concerns.score.question"}},
  {UI_SCREEN_CONCERNS_LIST, {"concerns.list.title"}},
};

/* Whether a text op labelled one of alternatives ("a|b") is in the scene. */
static bool ui_scene_has_label(const scene_t *sc, const char *alternatives)
{
  char want[128];
  snprintf(want, sizeof want, "%s", alternatives);
  char *save = NULL;
  for (char *tok = strtok_r(want, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
    for (size_t i = 0; i < scene_count(sc); i++) {
      const scene_op_t *op = scene_op(sc, i);
      if (op->kind == SCENE_OP_TEXT && !strcmp(op->label, tok))
        return true;
    }
  return false;
}

/* Report one fault. */
__attribute__((format(printf, 3, 4)))
static void ui_fault(void (*report)(void *, const char *), void *ctx, const char *fmt, ...)
{
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (report)
    report(ctx, buf);
}

/* Whether a lies wholly inside b. */
static bool ui_inside(const scene_op_t *a, const scene_op_t *b)
{
  return a->x >= b->x && a->y >= b->y && a->x + a->w <= b->x + b->w && a->y + a->h <= b->y + b->h;
}

/* Whether a and b overlap. */
static bool ui_overlap(const scene_op_t *a, const scene_op_t *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

size_t ui_scene_faults(const ui_t *ui, const scene_t *sc,
                       void (*report)(void *ctx, const char *what), void *ctx)
{
  size_t faults = 0;
  int w = scene_width(sc), h = scene_height(sc);
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    bool drawn = op->kind == SCENE_OP_TEXT || op->kind == SCENE_OP_QR ||
                 op->kind == SCENE_OP_IMAGE || (op->kind == SCENE_OP_RECT && op->target);
    if (drawn && (op->x < 0 || op->y < 0 || op->x + op->w > w || op->y + op->h > h)) {
      faults++;
      ui_fault(report, ctx, "off the screen: %s (%d,%d %dx%d) \"%s\"",
               op->label[0] ? op->label : op->kind == SCENE_OP_RECT ? "button" : "op", op->x,
               op->y, op->w, op->h, op->kind == SCENE_OP_TEXT && op->text ? op->text : "");
    }
    /* A text is either on a button or clear of every button (a dialog is
     * drawn over a screen: only its own buttons take taps then). */
    if (op->kind != SCENE_OP_TEXT || ui->idle_warning || ui->scan_notice || ui->dialog)
      continue;
    for (size_t j = 0; j < scene_count(sc); j++) {
      const scene_op_t *b = scene_op(sc, j);
      if (b->kind == SCENE_OP_RECT && b->target && ui_overlap(op, b) && !ui_inside(op, b)) {
        faults++;
        ui_fault(report, ctx, "under a button: %s (%d,%d %dx%d) \"%s\"", op->label, op->x, op->y,
                 op->w, op->h, op->text ? op->text : "");
        break;
      }
    }
  }
  if (ui->page != 0 || ui->idle_warning) /* the warning hides the screen */
    return faults;
  for (size_t r = 0; r < sizeof ui_required / sizeof ui_required[0]; r++) {
    if (ui_required[r].screen != ui->screen)
      continue;
    for (size_t k = 0; k < 4 && ui_required[r].labels[k]; k++)
      if (!ui_scene_has_label(sc, ui_required[r].labels[k])) {
        faults++;
        ui_fault(report, ctx, "not on page 1: %s", ui_required[r].labels[k]);
      }
  }
  return faults;
}
