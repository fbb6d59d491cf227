/*
 * The shared fixture of the kiosk UI flow tests (test_ui_flow.c,
 * test_ui_staff.c): a real store synced from the signed sample export, the
 * real catalogues and font measurer, and helpers that tap buttons by their
 * target id at their centre (so a button that is not drawn cannot be
 * tapped), type on the keypads, scan a barcode, let time pass, and read the
 * audit log back.
 */
#ifndef ALLWEDD_TEST_UI_FIXTURE_H
#define ALLWEDD_TEST_UI_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "core/config.h"
#include "core/i18n.h"
#include "core/store.h"
#include "core/sync.h"
#include "platform/draw.h"
#include "testlib.h"
#include "ui/ui.h"

typedef struct {
  config_t cfg;
  i18n_t *cat;
  draw_t *draw;
  store_t *store;
  ui_t *ui;
  int64_t now;
  char dir[256];
} fx_t;

/* Send one event at the fixture's current time. */
static inline void send(fx_t *fx, ui_event_t ev)
{
  ev.now_ms = fx->now;
  ui_handle(fx->ui, &ev);
}

/* Advance time and deliver a tick. */
static inline void wait_ms(fx_t *fx, int64_t ms)
{
  fx->now += ms;
  send(fx, (ui_event_t){.kind = UI_EV_TICK});
}

/* The RECT op carrying target in the current scene, or NULL. */
static inline const scene_op_t *find_target(fx_t *fx, int target)
{
  const scene_t *sc = ui_scene(fx->ui);
  for (size_t i = 0; sc && i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind == SCENE_OP_RECT && op->target == target)
      return op;
  }
  return NULL;
}

/* Tap the button with target id; false when it is not on screen. */
static inline bool tap(fx_t *fx, int target)
{
  const scene_op_t *op = find_target(fx, target);
  if (!op) {
    printf("      (no button %d on screen %s)\n", target, ui_screen_name(ui_screen(fx->ui)));
    return false;
  }
  int x = op->x + op->w / 2, y = op->y + op->h / 2;
  send(fx, (ui_event_t){.kind = UI_EV_PRESS, .x = x, .y = y});
  fx->now += 120;
  send(fx, (ui_event_t){.kind = UI_EV_RELEASE, .x = x, .y = y});
  fx->now += 400;
  return true;
}

/* Tap keypad digits. */
static inline bool tap_digits(fx_t *fx, const char *digits)
{
  bool ok = true;
  for (const char *p = digits; *p; p++)
    ok = tap(fx, UI_T_DIGIT_0 + (*p - '0')) && ok;
  return ok;
}

/* Tap keyboard letters, spaces and digits (postcode keyboard pages). */
static inline bool tap_text(fx_t *fx, const char *text)
{
  bool ok = true;
  for (const char *p = text; *p; p++) {
    int t = *p == ' ' ? UI_T_SPACE : *p >= 'A' && *p <= 'Z' ? UI_T_LETTER_A + (*p - 'A')
                                                           : UI_T_DIGIT_0 + (*p - '0');
    if (!find_target(fx, t) && find_target(fx, UI_T_KEYS_PAGE))
      tap(fx, UI_T_KEYS_PAGE);
    ok = tap(fx, t) && ok;
  }
  return ok;
}

/* Type keys as a USB barcode scanner does (digits then Enter). */
static inline void scan(fx_t *fx, const char *digits)
{
  for (const char *p = digits; *p; p++) {
    send(fx, (ui_event_t){.kind = UI_EV_KEY, .key = *p});
    fx->now += 8;
  }
  send(fx, (ui_event_t){.kind = UI_EV_KEY, .key = '\n'});
}

/* True when some TEXT op of the scene contains needle. */
static inline bool shows(fx_t *fx, const char *needle)
{
  const scene_t *sc = ui_scene(fx->ui);
  for (size_t i = 0; sc && i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind == SCENE_OP_TEXT && strstr(op->text, needle))
      return true;
  }
  return false;
}

/* True when the screen shows the kiosk string msgid in the ui's language
 * (its first line starts the translation; long texts wrap). */
static inline bool shows_msg(fx_t *fx, const char *msgid)
{
  const char *want = i18n_get(fx->cat, ui_lang(fx->ui), "kiosk", msgid);
  const scene_t *sc = ui_scene(fx->ui);
  size_t wlen = strlen(want);
  for (size_t i = 0; sc && i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    size_t len = op->kind == SCENE_OP_TEXT ? strlen(op->text) : 0;
    if (len && (len >= 12 || len == wlen) && !strncmp(want, op->text, len))
      return true;
  }
  return false;
}

/* All TEXT ops of the scene joined, to compare two screens. */
static inline void scene_texts(fx_t *fx, char *out, size_t outlen)
{
  const scene_t *sc = ui_scene(fx->ui);
  out[0] = '\0';
  for (size_t i = 0; sc && i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    size_t len = strlen(out);
    if (op->kind == SCENE_OP_TEXT)
      snprintf(out + len, outlen - len, "%s|", op->text);
  }
}

/* Rows of the audit log with event and detail LIKE pattern. */
static inline int audit_count(fx_t *fx, const char *event, const char *pattern)
{
  sqlite3_stmt *st = NULL;
  int n = -1;
  if (sqlite3_prepare_v2(store_db(fx->store),
                         "SELECT count(*) FROM audit_log WHERE event = ?1 AND detail LIKE ?2", -1,
                         &st, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text(st, 1, event, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, pattern, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return n;
}

/* A fresh UI on the welcome screen (the store and catalogues are kept). */
static inline void fresh_ui(fx_t *fx, int w, int h)
{
  ui_free(fx->ui);
  ui_options_t opt = {.cfg = &fx->cfg, .cat = fx->cat, .store = fx->store,
                      .measurer = draw_measurer(fx->draw)};
  fx->ui = ui_new(&opt, w, h);
  fx->now += 1000;
  send(fx, (ui_event_t){.kind = UI_EV_TICK});
}

/* Build the fixture: sync the sample into a temp store. */
static inline bool fx_open(fx_t *fx)
{
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  char err[512], db[512], bundle[512], pub[512], locales[512];
  sync_options_t so;
  sync_report_t rep;
  memset(fx, 0, sizeof *fx);
  fx->now = 1000000;
  if (!src || sodium_init() < 0)
    return false;
  snprintf(fx->dir, sizeof fx->dir, "/tmp/allwedd-ui-flow-XXXXXX");
  if (!mkdtemp(fx->dir))
    return false;
  snprintf(db, sizeof db, "%s/kiosk.db", fx->dir);
  snprintf(bundle, sizeof bundle, "%s/assets/sample", src);
  snprintf(pub, sizeof pub, "%s/assets/demo-key/demo.pub", src);
  snprintf(locales, sizeof locales, "%s/locales", src);
  sync_options_init(&so);
  so.bundle_dir = bundle;
  so.db_path = db;
  so.public_key_path = pub;
  if (sync_run(&so, &rep, NULL, NULL) != SYNC_IMPORTED) {
    printf("sync failed: %s\n", rep.reason);
    return false;
  }
  config_defaults(&fx->cfg);
  snprintf(fx->cfg.data_dir, sizeof fx->cfg.data_dir, "%s", src);
  snprintf(fx->cfg.acute_oncology_phone, sizeof fx->cfg.acute_oncology_phone, "029 2018 0999");
  fx->cfg.idle_timeout_s = 60;
  fx->cfg.idle_warning_s = 20;
  fx->cfg.lockout_attempts = 5;
  fx->cfg.lockout_window_s = 600;
  fx->cfg.lockout_pause_s = 120;
  fx->cfg.print_timeout_s = 60;
  if (crypto_pwhash_str(fx->cfg.staff_pin_hash, "4826", 4, crypto_pwhash_OPSLIMIT_MIN,
                        crypto_pwhash_MEMLIMIT_MIN) != 0)
    return false;
  if (!(fx->cat = i18n_load(locales, err, sizeof err)) ||
      !(fx->draw = draw_new(NULL, NULL, NULL, err, sizeof err)) ||
      !(fx->store = store_open(db, err, sizeof err))) {
    printf("fixture: %s\n", err);
    return false;
  }
  fresh_ui(fx, 1920, 1080);
  return fx->ui != NULL;
}

/* Tear the fixture down. */
static inline void fx_close(fx_t *fx)
{
  char cmd[600];
  ui_free(fx->ui);
  store_close(fx->store);
  draw_free(fx->draw);
  i18n_free(fx->cat);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
  if (fx->dir[0] && system(cmd) != 0)
    printf("could not remove %s\n", fx->dir);
}

/* Enter date of birth (DDMMYYYY) and tap Next. */
static inline void enter_dob(fx_t *fx, const char *ddmmyyyy)
{
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "dob");
  CHECK(tap_digits(fx, ddmmyyyy));
  CHECK(tap(fx, UI_T_NEXT));
}

/* Enter the family name and tap Next. */
static inline void enter_name(fx_t *fx, const char *name)
{
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "name");
  CHECK(tap_text(fx, name));
  CHECK(tap(fx, UI_T_NEXT));
}


#endif
