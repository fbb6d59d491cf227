/*
 * Forget means forget: a patient journey drawn by the real renderer, then
 * Finish, leaves no copy of the person anywhere in the process's heap: not
 * in the UI, not in the scene, not in the renderer's text and measurement
 * caches, not in memory freed without wiping.
 *
 * The scan reads every anonymous writable mapping of the process. The kiosk
 * has glibc overwrite all freed memory (app_scrub_freed_memory: libraries'
 * temporaries, SQLite's pages, SDL_ttf's strings); what must also be gone is
 * every LIVE copy: the UI's person, its scenes, the renderer's caches. The
 * store is built by a child process, so the sync's parsing leaves nothing
 * here; the scan must find the name while the journey runs (it can fail)
 * and must not find it after the journey ends.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/kiosk_host.h"
#include "test_ui_fixture.h"

#include "heap_scan.h"

/* Draw the current scene with the real renderer, as the kiosk would. */
static void frame(fx_t *fx, SDL_Surface *s)
{
  const scene_t *sc = ui_scene(fx->ui);
  CHECK(sc && draw_scene(fx->draw, sc, s));
}

/* Sync the sample export into db in a child process. */
static bool sync_in_child(const char *db)
{
  pid_t pid = fork();
  if (pid == 0) {
    const char *src = getenv("ALLWEDD_SOURCE_DIR");
    char bundle[512], pub[512];
    sync_options_t so;
    sync_report_t rep;
    snprintf(bundle, sizeof bundle, "%s/assets/sample", src);
    snprintf(pub, sizeof pub, "%s/assets/demo-key/demo.pub", src);
    sync_options_init(&so);
    so.bundle_dir = bundle;
    so.db_path = db;
    so.public_key_path = pub;
    _exit(sync_run(&so, &rep, NULL, NULL) == SYNC_IMPORTED ? 0 : 1);
  }
  int status = 0;
  return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Thi Lan Nguyễn, born 5 December 1972, CF24 1RE, as the sample has her,
 * as she types her name, as the store folds it and as screens show it. */
static const char *const person[] = {"Nguyễn", "NGUYEN", "nguyen", "Thi Lan", "1972-12-05",
                                     "5 December 1972", "9996698041", "CF24 1RE"};

int main(void)
{
  const char *src = getenv("ALLWEDD_SOURCE_DIR");
  char err[512], db[512], locales[512];
  fx_t fx;
  memset(&fx, 0, sizeof fx);
  fx.now = 1000000;
  app_scrub_freed_memory(); /* as the kiosk does */
  if (!src || sodium_init() < 0)
    return 1;
  snprintf(fx.dir, sizeof fx.dir, "/tmp/allwedd-forget-XXXXXX");
  if (!mkdtemp(fx.dir))
    return 1;
  snprintf(db, sizeof db, "%s/kiosk.db", fx.dir);
  snprintf(locales, sizeof locales, "%s/locales", src);
  if (!CHECK(sync_in_child(db)))
    return test_summary();
  config_defaults(&fx.cfg);
  snprintf(fx.cfg.data_dir, sizeof fx.cfg.data_dir, "%s", src);
  if (!(fx.cat = i18n_load(locales, err, sizeof err)) ||
      !(fx.draw = draw_new(NULL, NULL, NULL, err, sizeof err)) ||
      !(fx.store = store_open(db, err, sizeof err))) {
    printf("setup: %s\n", err);
    return 1;
  }
  fresh_ui(&fx, 1280, 800);
  SDL_Surface *surface = draw_surface_new(1280, 800);
  if (!CHECK(fx.ui && surface))
    return test_summary();

  TEST_SECTION("before the journey, nothing of the patient is in memory");
  frame(&fx, surface);
  for (size_t i = 0; i < sizeof person / sizeof person[0]; i++)
    if (!testlib_check(!heap_holds(person[i]), __FILE__, __LINE__, "heap clean before"))
      printf("      found \"%s\"\n", person[i]);

  TEST_SECTION("during the journey the scan finds the patient (it can fail)");
  CHECK(tap(&fx, UI_T_START_EN));
  frame(&fx, surface);
  enter_dob(&fx, "05121972");
  frame(&fx, surface);
  enter_name(&fx, "NGUYEN");
  frame(&fx, surface);
  CHECK_STR(ui_screen_name(ui_screen(fx.ui)), "confirm");
  CHECK(tap(&fx, UI_T_YES));
  frame(&fx, surface);
  CHECK_STR(ui_screen_name(ui_screen(fx.ui)), "key-worker");
  CHECK(!HEAP_SCAN || heap_holds("Nguyễn"));
  if (!HEAP_SCAN)
    printf("   (heap scan skipped under AddressSanitizer)\n");
  CHECK(draw_caches_hold(fx.draw, "Nguyễn"));

  TEST_SECTION("Finish: the UI, its scenes and the renderer have forgotten");
  CHECK(tap(&fx, UI_T_FINISH));
  frame(&fx, surface);
  CHECK_STR(ui_screen_name(ui_screen(fx.ui)), "welcome");
  CHECK(!ui_holds_patient(fx.ui));
  CHECK(!draw_caches_hold(fx.draw, "Nguyễn"));
  store_close(fx.store); /* SQLite's page cache holds every patient */
  fx.store = NULL;
  for (size_t i = 0; i < sizeof person / sizeof person[0]; i++)
    if (!testlib_check(!heap_holds(person[i]), __FILE__, __LINE__, "nothing of the person left"))
      printf("      found \"%s\"\n", person[i]);

  SDL_FreeSurface(surface);
  fx_close(&fx);
  return test_summary();
}
