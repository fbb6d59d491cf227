/*
 * Kiosk UI benchmark. In process: one frame of the key worker screen at
 * 1920x1080 (the UI lays the scene out, the renderer draws it into the
 * frame), median and 95th percentile over many frames, and the two halves
 * apart. With --exec: process start to first frame of `allwedd kiosk`
 * (fork, exec, and the kiosk's report of its first frame on the same
 * monotonic clock), median of several runs; run it under a display (see
 * bench/ui.sh, which also measures idle CPU and memory).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/config.h"
#include "platform/kiosk_sdl.h"

#include <time.h>

/* Monotonic time in microseconds. */
static long long now_us(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* qsort comparison of long longs. */
static int cmp_ll(const void *a, const void *b)
{
  long long x = *(const long long *)a, y = *(const long long *)b;
  return x < y ? -1 : x > y;
}

/* Frames of the key worker screen: layout, draw, both. */
static int bench_frames(int frames)
{
  config_t cfg;
  char err[512];
  config_defaults(&cfg);
  kiosk_t *k = kiosk_new(&cfg, NULL, err, sizeof err);
  if (!k) {
    fprintf(stderr, "bench_ui: %s\n", err);
    return 1;
  }
  ui_t *ui = kiosk_ui_new(k, 1920, 1080);
  SDL_Surface *frame = draw_surface_new(1920, 1080);
  long long *total = calloc((size_t)frames, sizeof *total);
  long long *layout = calloc((size_t)frames, sizeof *layout);
  long long *draw = calloc((size_t)frames, sizeof *draw);
  if (!ui || !frame || !total || !layout || !draw || !ui_preview(ui, "key-worker", false, 0))
    return 1;
  ui_set_lang(ui, LANG_CY);
  draw_scene(kiosk_draw(k), ui_scene(ui), frame); /* warm the font and glyph caches */
  for (int i = 0; i < frames; i++) {
    long long t0 = now_us();
    ui_set_high_contrast(ui, false); /* marks the scene dirty: a full re-layout */
    const scene_t *sc = ui_scene(ui);
    long long t1 = now_us();
    draw_scene(kiosk_draw(k), sc, frame);
    long long t2 = now_us();
    layout[i] = t1 - t0;
    draw[i] = t2 - t1;
    total[i] = t2 - t0;
  }
  qsort(total, (size_t)frames, sizeof *total, cmp_ll);
  qsort(layout, (size_t)frames, sizeof *layout, cmp_ll);
  qsort(draw, (size_t)frames, sizeof *draw, cmp_ll);
  printf("key worker frame 1920x1080 (Welsh, %d frames): median %.2f ms, p95 %.2f ms "
         "(layout %.2f ms + draw %.2f ms, medians)  target <= 4 ms\n",
         frames, total[frames / 2] / 1000.0, total[frames * 95 / 100] / 1000.0,
         layout[frames / 2] / 1000.0, draw[frames / 2] / 1000.0);
  free(total);
  free(layout);
  free(draw);
  SDL_FreeSurface(frame);
  ui_free(ui);
  kiosk_free(k);
  return 0;
}

/* One start of the kiosk: ms from fork to its first frame, or -1. */
static long long bench_start(char **argv)
{
  int fds[2];
  char buf[4096] = "";
  if (pipe(fds) != 0)
    return -1;
  long long t0 = clock_monotonic_ms();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDERR_FILENO);
    close(fds[0]);
    execv(argv[0], argv);
    _exit(127);
  }
  close(fds[1]);
  size_t n = 0;
  ssize_t r;
  while (n + 1 < sizeof buf && (r = read(fds[0], buf + n, sizeof buf - 1 - n)) > 0)
    n += (size_t)r;
  buf[n] = '\0';
  close(fds[0]);
  waitpid(pid, NULL, 0);
  const char *at = strstr(buf, "first-frame-at-ms ");
  return at ? atoll(at + 18) - t0 : -1;
}

/* Frames in process, then (with --exec) start-up of the real kiosk. */
int main(int argc, char **argv)
{
  int frames = 300;
  const char *exe = NULL, *config = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--frames") && i + 1 < argc)
      frames = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--exec") && i + 1 < argc)
      exe = argv[++i];
    else if (!strcmp(argv[i], "--config") && i + 1 < argc)
      config = argv[++i];
    else {
      fprintf(stderr, "usage: bench_ui [--frames N] [--exec ALLWEDD --config FILE]\n");
      return 2;
    }
  }
  if (frames < 10)
    frames = 10;
  if (bench_frames(frames) != 0)
    return 1;
  if (!exe)
    return 0;
  enum { RUNS = 11 };
  long long ms[RUNS];
  char *kargv[] = {(char *)exe, "kiosk", "--config", (char *)(config ? config : "/dev/null"),
                   "--windowed", "--size", "1920x1080", "--report-first-frame", "--run-ms", "200",
                   NULL};
  for (int i = 0; i < RUNS; i++)
    if ((ms[i] = bench_start(kargv)) < 0) {
      fprintf(stderr, "bench_ui: the kiosk did not report a first frame (no display?)\n");
      return 1;
    }
  qsort(ms, RUNS, sizeof ms[0], cmp_ll);
  printf("process start to first frame 1920x1080 (%d runs): median %lld ms, min %lld, max %lld"
         "  target <= 150 ms\n", RUNS, ms[RUNS / 2], ms[0], ms[RUNS - 1]);
  return 0;
}
