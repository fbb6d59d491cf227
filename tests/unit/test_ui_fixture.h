/*
 * The shared fixture of the kiosk UI flow tests (test_ui_flow.c,
 * test_ui_staff.c): a real store synced from the signed sample export, the
 * real catalogues and font measurer, and helpers that tap buttons by their
 * target id at their centre (so a button that is not drawn cannot be
 * tapped), type on the keypads, scan a barcode, let time pass, and read the
 * audit log back. After every event the fixture does what the kiosk host
 * does with the UI's actions: audit entries, anonymous counts, the
 * identification lockout and staff PIN tries are written to the store (a
 * failure answered with UI_EV_RECORD_FAILED), and the rest are kept for the
 * test to take (take_action).
 */
#ifndef ALLWEDD_TEST_UI_FIXTURE_H
#define ALLWEDD_TEST_UI_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "core/config.h"
#include "core/i18n.h"
#include "core/store.h"
#include "core/store_concerns.h"
#include "core/store_counts.h"
#include "core/store_ident.h"
#include "core/store_staff.h"
#include "core/sync.h"
#include "platform/draw.h"
#include "testlib.h"
#include "ui/ui.h"

enum { FX_ACTIONS = 8 };

typedef struct {
  config_t cfg;
  i18n_t *cat;
  draw_t *draw;
  store_t *store;
  ui_t *ui;
  int64_t now;
  int64_t wall_offset_ms;     /* the fixture's wall clock minus now */
  ui_action_t *actions;       /* FX_ACTIONS, taken from the UI, for the test */
  int nactions;
  int records_failed;         /* audit or lockout writes that failed */
  char dir[256];
} fx_t;

/* Do what the host does with the UI's actions: write audits and lockout
 * saves (reporting a failure back), keep the others for take_action(). */
static inline void host_drain(fx_t *fx)
{
  ui_action_t act;
  int failed = 0;
  while (ui_take_action(fx->ui, &act)) {
    if (act.kind == UI_ACT_AUDIT) {
      failed += !store_audit(fx->store, act.actor, act.event, act.detail);
    } else if (act.kind == UI_ACT_COUNT) {
      failed += !store_count_add(fx->store, act.event);
    } else if (act.kind == UI_ACT_CONCERNS_COUNT) {
      failed += !store_concerns_count(fx->store, act.concerns_groups);
    } else if (act.kind == UI_ACT_SAVE_LOCKOUT) {
      ident_lockout_rebase(&act.lockout, fx->wall_offset_ms);
      failed += !store_ident_lockout_save(fx->store, &act.lockout);
    } else if (act.kind == UI_ACT_STAFF_PIN_TRY) {
      failed += !store_staff_pin_try(fx->store, act.at);
    } else if (act.kind == UI_ACT_STAFF_PIN_CLEAR) {
      failed += !store_staff_pin_clear(fx->store);
    } else if (fx->nactions < FX_ACTIONS) {
      fx->actions[fx->nactions++] = act;
    } else {
      printf("      (fixture: action %d dropped)\n", (int)act.kind);
    }
    ui_action_wipe(&act);
  }
  if (failed) {
    fx->records_failed += failed;
    ui_event_t ev = {.kind = UI_EV_RECORD_FAILED, .now_ms = fx->now, .count = (unsigned long)failed,
                     .message = store_error(fx->store)};
    ui_handle(fx->ui, &ev);
  }
}

/* The oldest action the UI asked of the host (other than audits and
 * lockout saves); false when none. */
static inline bool take_action(fx_t *fx, ui_action_t *out)
{
  if (!fx->nactions)
    return false;
  *out = fx->actions[0];
  memmove(&fx->actions[0], &fx->actions[1], (size_t)(fx->nactions - 1) * sizeof fx->actions[0]);
  fx->nactions--;
  ui_action_wipe(&fx->actions[fx->nactions]);
  return true;
}

/* Send one event at the fixture's current time, then act as the host. */
static inline void send(fx_t *fx, ui_event_t ev)
{
  ev.now_ms = fx->now;
  ui_handle(fx->ui, &ev);
  host_drain(fx);
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

/* Tap keyboard letters, spaces and digits, turning the keyboard's pages
 * (the postcode's 0-9 page; a small screen's letters pages) by their keys
 * until the key is shown. */
static inline bool tap_text(fx_t *fx, const char *text)
{
  static const int pages[] = {UI_T_KEYS_PAGE, UI_T_KEYS_LETTERS_1, UI_T_KEYS_LETTERS_2,
                              UI_T_KEYS_LETTERS_3, UI_T_KEYS_DIGITS};
  bool ok = true;
  for (const char *p = text; *p; p++) {
    int t = *p == ' ' ? UI_T_SPACE : *p >= 'A' && *p <= 'Z' ? UI_T_LETTER_A + (*p - 'A')
                                                           : UI_T_DIGIT_0 + (*p - '0');
    for (size_t k = 0; !find_target(fx, t) && k < sizeof pages / sizeof pages[0]; k++)
      if (find_target(fx, pages[k]))
        tap(fx, pages[k]);
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

/* A new UI on the welcome screen (the store and catalogues are kept). */
static inline void new_ui(fx_t *fx, int w, int h)
{
  ui_free(fx->ui);
  while (fx->nactions)
    ui_action_wipe(&fx->actions[--fx->nactions]);
  ui_options_t opt = {.cfg = &fx->cfg, .cat = fx->cat, .store = fx->store,
                      .measurer = draw_measurer(fx->draw)};
  fx->ui = ui_new(&opt, w, h);
}

/* A fresh UI on the welcome screen (the store and catalogues are kept;
 * the lockout starts empty, as if never saved). */
static inline void fresh_ui(fx_t *fx, int w, int h)
{
  new_ui(fx, w, h);
  fx->now += 1000;
  send(fx, (ui_event_t){.kind = UI_EV_TICK});
}

/* The kiosk restarts after down_ms: a new UI that gets the lockout saved in
 * the store, as the host hands it over at start-up. The restarted kiosk's
 * clock begins again (the saved times are wall-clock). */
static inline void restart_ui(fx_t *fx, int w, int h, int64_t down_ms)
{
  ident_lockout_t saved;
  int64_t wall = fx->now + fx->wall_offset_ms + down_ms;
  new_ui(fx, w, h);
  fx->now = 5000; /* a new boot */
  fx->wall_offset_ms = wall - fx->now;
  store_match_t m = store_ident_lockout_load(fx->store, &saved);
  CHECK(m == STORE_FOUND);
  ident_lockout_rebase(&saved, -fx->wall_offset_ms);
  send(fx, (ui_event_t){.kind = UI_EV_LOCKOUT_LOADED, .lockout = &saved});
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
  fx->wall_offset_ms = 1795000000000LL;
  if (!(fx->actions = calloc(FX_ACTIONS, sizeof *fx->actions)))
    return false;
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
  while (fx->nactions)
    ui_action_wipe(&fx->actions[--fx->nactions]);
  free(fx->actions);
  store_close(fx->store);
  draw_free(fx->draw);
  i18n_free(fx->cat);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
  if (fx->dir[0] && system(cmd) != 0)
    printf("could not remove %s\n", fx->dir);
}

/* Zero the first page of table, and of each of its indexes, in the SQLite
 * file at path; false when the file has no such table. */
static inline bool zero_table_pages(const char *path, const char *table)
{
  char sql[256];
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int pages[8], npages = 0, page_size = 0, fd = -1;
  if (sqlite3_open(path, &db) == SQLITE_OK) {
    snprintf(sql, sizeof sql,
             "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master"
             " WHERE tbl_name = '%s' AND rootpage > 0", table);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK)
      while (sqlite3_step(st) == SQLITE_ROW && npages < 8) {
        pages[npages++] = sqlite3_column_int(st, 0);
        page_size = sqlite3_column_int(st, 1);
      }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  if (!npages || page_size <= 0 || (fd = open(path, O_WRONLY)) < 0)
    return false;
  char *zero = calloc(1, (size_t)page_size);
  for (int i = 0; zero && i < npages; i++)
    if (pwrite(fd, zero, (size_t)page_size, (off_t)(pages[i] - 1) * page_size) != page_size)
      npages = 0;
  free(zero);
  close(fd);
  return npages > 0 && zero;
}

/* A copy of the fixture's store (snapshot and records) with the first page
 * of table, and of each of its indexes, zeroed (a damaged disk, as issue 11
 * found it): queries of that table fail with SQLITE_CORRUPT. NULL on
 * failure (printed). */
static inline store_t *damaged_store(fx_t *fx, const char *table)
{
  char sql[2048], err[512], dst[300], dst_records[320];
  store_t *out = NULL;
  snprintf(dst, sizeof dst, "%s/damaged-%s.db", fx->dir, table);
  snprintf(dst_records, sizeof dst_records, "%s/damaged-%s-records.db", fx->dir, table);
  if (sqlite3_exec(store_db(fx->store), "PRAGMA main.wal_checkpoint(TRUNCATE);"
                   "PRAGMA records.wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK)
    goto done;
  snprintf(sql, sizeof sql, "rm -f '%s'* '%s'* && cp '%s/kiosk.db' '%s' && cp '%s/kiosk-records.db' '%s'",
           dst, dst_records, fx->dir, dst, fx->dir, dst_records);
  if (system(sql) != 0 || (!zero_table_pages(dst, table) && !zero_table_pages(dst_records, table)))
    goto done;
  if (!(out = store_open(dst, err, sizeof err)))
    printf("      damaged store: %s\n", err);
done:
  if (!out)
    printf("      (could not make a damaged copy of %s)\n", table);
  return out;
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
