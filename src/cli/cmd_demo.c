/*
 * allwedd demo: the kiosk with the fictional sample export. The signed
 * sample bundle (assets/sample, key assets/demo-key/demo.pub) is synced by
 * the real sync code into a store in a new temporary folder, with a
 * configuration written beside it (staff PIN 1234, the sample site), and
 * then the kiosk runs on it. With no display (no DISPLAY or
 * WAYLAND_DISPLAY, or SDL video cannot start) it renders every screen in
 * Welsh and English to PNG files instead and says where they are (and
 * keeps that folder); after a kiosk run the folder is removed.
 */
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>
#include <sodium.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/sync.h"
#include "platform/kiosk_sdl.h"

static const char usage_text[] =
    "usage: allwedd demo [--windowed] [--size WxH] [--render] [--config FILE]\n"
    "\n"
    "Sync the fictional sample export into a temporary store and run the kiosk\n"
    "on it (staff PIN 1234). With no display, or with --render, draw every\n"
    "screen in Welsh and English to PNG files in the temporary folder instead.\n"
    "Exit status: 0 done, 2 the sample could not be loaded.\n";

static const char demo_pin[] = "1234";

/* Write the demo configuration; false with err. */
static bool demo_config(const char *dir, const config_t *base, char *path, size_t pathlen,
                        char *err, size_t errlen)
{
  char hash[crypto_pwhash_STRBYTES];
  if (sodium_init() < 0 ||
      crypto_pwhash_str(hash, demo_pin, strlen(demo_pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    snprintf(err, errlen, "cannot hash the demo PIN");
    return false;
  }
  snprintf(path, pathlen, "%.200s/demo.ini", dir);
  /* 0600: it holds the staff PIN hash (the kiosk warns otherwise). */
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!fp) {
    if (fd >= 0)
      close(fd);
    snprintf(err, errlen, "cannot write %.900s", path);
    return false;
  }
  fprintf(fp,
          "; allwedd demo: fictional sample data only.\n"
          "[store]\ndb_path = %s/kiosk.db\n"
          "[sync]\nbundle_dir = %s/assets/sample\npublic_key = %s/assets/demo-key/demo.pub\n"
          "[site]\nname = Canolfan Ganser Glan Hafren / Glan Hafren Cancer Centre\n"
          "acute_oncology_phone = 029 2018 0999\n"
          "acute_oncology_hours_en = 24 hours a day\nacute_oncology_hours_cy = 24 awr y dydd\n"
          "[paths]\ndata_dir = %s\n"
          "[printer]\nname = %s\nprofile = %s\n"
          "[kiosk]\nid = demo\nstaff_pin_hash = %s\n",
          dir, base->data_dir, base->data_dir, base->data_dir, base->printer,
          base->printer_profile, hash);
  bool ok = fclose(fp) == 0;
  if (!ok)
    snprintf(err, errlen, "cannot write %.900s", path);
  return ok;
}

/* Render every screen in both languages to dir/screens; exit status. */
static int demo_render(const config_t *cfg, const char *dir)
{
  char err[1024], screens[1100], path[1400];
  store_t *st = store_open_existing(cfg->db_path, err, sizeof err);
  kiosk_t *k = st ? kiosk_new(cfg, st, err, sizeof err) : NULL;
  int count = 0, status = CLI_USAGE;
  if (!k) {
    fprintf(stderr, "allwedd demo: %s\n", err);
    goto done;
  }
  snprintf(screens, sizeof screens, "%s/screens", dir);
  mkdir(screens, 0700);
  for (size_t i = 0; i < ui_preview_count(); i++)
    for (int lang = 0; lang < LANG_COUNT; lang++) {
      kiosk_view_t view = {.name = ui_preview_name(i), .lang = (lang_t)lang, .width = 1920,
                           .height = 1080, .text_percent = 100};
      snprintf(path, sizeof path, "%s/%s-%s.png", screens, view.name,
               i18n_lang_code(view.lang));
      if (kiosk_render_png(k, &view, path, NULL, NULL, NULL, err, sizeof err))
        count++;
      else
        fprintf(stderr, "allwedd demo: %s: %s\n", view.name, err);
    }
  printf("No display: drew %d kiosk screens (Welsh and English, 1920x1080) in\n  %s\n"
         "Open them with any image viewer. To run the kiosk itself, start the demo\n"
         "where there is a display (or under Xvfb).\n",
         count, screens);
  status = count ? CLI_OK : CLI_USAGE;
done:
  kiosk_free(k);
  store_close(st);
  return status;
}

/* Remove the demo folder after a kiosk run (the store and its config). */
static void demo_remove(const char *dir)
{
  static const char *const files[] = {"kiosk.db", "kiosk.db-wal", "kiosk.db-shm", "demo.ini"};
  char path[512];
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    snprintf(path, sizeof path, "%.400s/%s", dir, files[i]);
    unlink(path);
  }
  rmdir(dir);
}

/* Whether SDL video can start here. */
static bool demo_video_works(void)
{
  if (!kiosk_display_available())
    return false;
  bool ok = SDL_InitSubSystem(SDL_INIT_VIDEO) == 0;
  if (ok)
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
  return ok;
}

/* allwedd demo: sync the sample, then the kiosk, or PNGs without a display. */
int cmd_demo(int argc, char **argv)
{
  static const struct option options[] = {
    {"windowed", no_argument, NULL, 'w'}, {"size", required_argument, NULL, 's'},
    {"render", no_argument, NULL, 'r'},   {"config", required_argument, NULL, 'c'},
    {"help", no_argument, NULL, 'h'},     {NULL, 0, NULL, 0}};
  const char *size = NULL, *config_path = NULL;
  bool windowed = false, render = false;
  char dir[] = "/tmp/allwedd-demo-XXXXXX", ini[1100], err[1024];
  config_t base, cfg;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'w': windowed = true; break;
    case 's': size = optarg; break;
    case 'r': render = true; break;
    case 'c': config_path = optarg; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (optind < argc) {
    fputs(usage_text, stderr);
    return CLI_USAGE;
  }
  if (!cli_load_config("demo", config_path, &base))
    return CLI_USAGE;
  if (!mkdtemp(dir)) {
    fprintf(stderr, "allwedd demo: cannot make a temporary folder\n");
    return CLI_USAGE;
  }
  if (!demo_config(dir, &base, ini, sizeof ini, err, sizeof err) ||
      !config_load(&cfg, ini, err, sizeof err) || !cli_sync_sample(cfg.data_dir, cfg.db_path, err, sizeof err)) {
    fprintf(stderr, "allwedd demo: %s\n", err);
    return CLI_USAGE;
  }
  printf("Demo store: %s (fictional sample data). Staff mode: hold the top-left\n"
         "corner of the welcome screen for 3 seconds, PIN %s.\n", cfg.db_path, demo_pin);
  fflush(stdout);
  if (render || !demo_video_works())
    return demo_render(&cfg, dir);
  char *kargv[8] = {"kiosk", "--config", ini};
  int kargc = 3;
  if (windowed)
    kargv[kargc++] = "--windowed";
  if (size) {
    kargv[kargc++] = "--size";
    kargv[kargc++] = (char *)size;
  }
  int status = cmd_kiosk(kargc, kargv);
  if (status == CLI_USAGE) /* the window could not open after all */
    return demo_render(&cfg, dir);
  demo_remove(dir);
  return status;
}
