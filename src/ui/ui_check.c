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
  const char *when;   /* NULL: always; else only when this label is on page 1 */
} ui_required_t;

static const ui_required_t ui_required[] = {
  {UI_SCREEN_WELCOME, {"welcome.instructions.cy", "welcome.instructions.en"}, NULL},
  {UI_SCREEN_DOB, {"dob.title"}, NULL},
  {UI_SCREEN_NAME, {"keys.title"}, NULL},
  {UI_SCREEN_POSTCODE, {"keys.title"}, NULL},
  {UI_SCREEN_NOT_FOUND, {"notfound.title", "notfound.body"}, NULL},
  {UI_SCREEN_LOCKED, {"locked.title", "locked.minutes"}, NULL},
  {UI_SCREEN_CONFIRM, {"confirm.title"}, NULL},
  {UI_SCREEN_KEY_WORKER, {"kw.name", "kw.phone", "emergency.heading", "emergency.item"}, NULL},
  {UI_SCREEN_NO_KEY_WORKER, {"nokw.title", "emergency.heading", "emergency.item"}, NULL},
  {UI_SCREEN_LEAFLET, {"leaflet.title"}, NULL},
  {UI_SCREEN_PRINTING, {"print.title|print.done.title|print.fault.title|print.limit.title|print.nosheet.title"}, NULL},
  {UI_SCREEN_SUPPORT, {"support.title"}, NULL},
  {UI_SCREEN_SUPPORT_LIST, {"list.title"}, NULL},
  {UI_SCREEN_SUPPORT_DETAIL, {"service.name"}, NULL},
  {UI_SCREEN_STORE_FAULT, {"storefault.title", "storefault.reception"}, NULL},
  /* A message's one sentence saying what to do, with its title. */
  {UI_SCREEN_PRINTING, {"print.fault.reception|print.fault.staff"}, "print.fault.title"},
  {UI_SCREEN_PRINTING, {"print.nosheet.reception"}, "print.nosheet.title"},
  {UI_SCREEN_PRINTING, {"print.limit.reception"}, "print.limit.title"},
  {UI_SCREEN_CONCERNS, {"concerns.question", "concerns.group"}, NULL},
  {UI_SCREEN_CONCERNS_SCORE, {"concerns.score.question"}, NULL},
  {UI_SCREEN_CONCERNS_LIST, {"concerns.list.title"}, NULL},
};

/* Labels wholly on page 1 on a screen: no line of them on a later page
 * (the emergency panel, every line of it; a message's action sentence). */
typedef struct {
  ui_screen_t screen;
  const char *prefix;   /* a label, or the start of labels ("emergency.") */
} ui_whole_t;

static const ui_whole_t ui_whole[] = {
  {UI_SCREEN_KEY_WORKER, "kw.name"},
  {UI_SCREEN_KEY_WORKER, "kw.phone"},
  {UI_SCREEN_KEY_WORKER, "emergency."},
  {UI_SCREEN_NO_KEY_WORKER, "emergency."},
  {UI_SCREEN_NOT_FOUND, "notfound.body"},
  {UI_SCREEN_LOCKED, "locked.minutes"},
  {UI_SCREEN_STORE_FAULT, "storefault.reception"},
  {UI_SCREEN_PRINTING, "print.fault.reception"},
  {UI_SCREEN_PRINTING, "print.fault.staff"},
  {UI_SCREEN_PRINTING, "print.nosheet.reception"},
  {UI_SCREEN_PRINTING, "print.limit.reception"},
  {UI_SCREEN_PRINTING, ".title"},
  {UI_SCREEN_NOT_FOUND, ".title"},
  {UI_SCREEN_LOCKED, ".title"},
  {UI_SCREEN_STORE_FAULT, ".title"},
  {UI_SCREEN_NO_KEY_WORKER, ".title"},
};

/* Whether label matches a ui_whole_t prefix ("x." starts it, ".title" ends it). */
static bool ui_whole_match(const char *label, const char *prefix)
{
  size_t n = strlen(prefix), len = strlen(label);
  if (prefix[0] == '.')
    return len >= n && !strcmp(label + len - n, prefix);
  return prefix[n - 1] == '.' ? !strncmp(label, prefix, n) : !strcmp(label, prefix);
}

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
  if (ui->idle_warning) /* the warning hides the screen */
    return faults;
  /* What the layout itself put on a later page that must be on page 1
   * (every line of the emergency panel, a message's action sentence, a
   * screen's opening heading), and any heading cut across pages: found
   * from the pages the flow made, whichever page is shown. */
  for (int i = 0; i < ui->flow_faults && i < 4; i++) {
    faults++;
    ui_fault(report, ctx, "%s", ui->flow_fault[i]);
  }
  for (size_t r = 0; r < sizeof ui_whole / sizeof ui_whole[0]; r++) {
    if (ui_whole[r].screen != ui->screen)
      continue;
    for (int i = 0; i < ui->flow_laters && i < 24; i++)
      if (ui_whole_match(ui->flow_later[i], ui_whole[r].prefix)) {
        faults++;
        ui_fault(report, ctx, "not on page 1: %s (some of it is on a later page)", ui->flow_later[i]);
      }
  }
  if (ui->page != 0)
    return faults;
  for (size_t r = 0; r < sizeof ui_required / sizeof ui_required[0]; r++) {
    if (ui_required[r].screen != ui->screen ||
        (ui_required[r].when && !ui_scene_has_label(sc, ui_required[r].when)))
      continue;
    for (size_t k = 0; k < 4 && ui_required[r].labels[k]; k++)
      if (!ui_scene_has_label(sc, ui_required[r].labels[k])) {
        faults++;
        ui_fault(report, ctx, "not on page 1: %s", ui_required[r].labels[k]);
      }
  }
  return faults;
}
