/*
 * bench_card: how long the Key Worker Card takes in process, from key
 * worker to PNG file: lay out (card_scene with the SDL_ttf measurer),
 * render (draw_scene at 300 dpi), encode and write (raster_write_png). Prints
 * the cold first run and the median, minimum and maximum of N warm runs,
 * and the same for each stage. Target: median card to PNG <= 15 ms.
 * Render includes recording the page as vectors for PDF; the PDF stages
 * (record, write) are also timed on their own.
 *
 * usage: bench_card [RUNS] [PROFILE]   (defaults: 50, cr80)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/card.h"
#include "core/i18n.h"
#include "core/profile.h"
#include "platform/draw.h"
#include "platform/raster.h"

/* Milliseconds on the monotonic clock. */
static double now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* qsort comparison of doubles. */
static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Print median, min and max of n samples (sorts them). */
static void report(const char *what, double *t, int n)
{
  qsort(t, (size_t)n, sizeof *t, cmp_double);
  printf("%-28s median %7.2f ms   min %7.2f   max %7.2f   (%d runs)\n", what, t[n / 2], t[0],
         t[n - 1], n);
}

int main(int argc, char **argv)
{
  int runs = argc > 1 ? atoi(argv[1]) : 50;
  const char *profile_name = argc > 2 ? argv[2] : "cr80";
  const char *src = getenv("ALLWEDD_SOURCE_DIR") ? getenv("ALLWEDD_SOURCE_DIR") : ALLWEDD_SOURCE_DATADIR;
  char err[1024], path[1100], out[256];
  if (runs < 3)
    runs = 3;
  double *total = calloc((size_t)runs, sizeof *total), *layout = calloc((size_t)runs, sizeof *layout);
  double *render = calloc((size_t)runs, sizeof *render), *encode = calloc((size_t)runs, sizeof *encode);
  double *record = calloc((size_t)runs, sizeof *record), *pdf = calloc((size_t)runs, sizeof *pdf);
  profile_t p;
  if (!profile_load(&p, src, profile_name, err, sizeof err)) {
    fprintf(stderr, "bench_card: %s\n", err);
    return 2;
  }
  snprintf(path, sizeof path, "%s/locales", src);
  i18n_t *cat = i18n_load(path, err, sizeof err);
  key_worker_t kw = {.id = "KW-BR-01", .given_name = "Gwenno", .family_name = "Rees",
                     .role_en = "Clinical Nurse Specialist", .role_cy = "Nyrs Glinigol Arbenigol",
                     .team_en = "Breast care team", .team_cy = "Tîm gofal y fron",
                     .phone = "+442920180123", .email = "gwenno.rees@glanhafren.example",
                     .hours_en = "Mon–Fri 9am–4pm", .hours_cy = "Llun–Gwener 9yb–4yp"};
  card_content_t c = {.kw = &kw, .site = "Canolfan Ganser Glan Hafren", .print_date = "2026-11-21",
                      .qr_lang = LANG_CY, .cat = cat};
  snprintf(out, sizeof out, "/tmp/allwedd-bench-card-%d.png", (int)getpid());

  double cold = 0;
  for (int i = -1; i < runs; i++) {
    /* A new file each time: rewriting a truncated file makes ext4 flush it
     * on close (auto_da_alloc), which would time the disk, not the card. */
    unlink(out);
    double t0 = now_ms();
    draw_t *d = i < 0 ? draw_new(NULL, NULL, NULL, err, sizeof err) : NULL;
    static draw_t *warm;
    if (d)
      warm = d;
    scene_measurer_t m = draw_measurer(warm);
    card_report_t rep;
    scene_t *sc = card_scene(&c, &p, 0, &m, &rep, err, sizeof err);
    double t1 = now_ms();
    raster_doc_t doc = {0};
    bool ok = sc && raster_doc_add_scene(&doc, warm, sc, err, sizeof err);
    double t2 = now_ms();
    ok = ok && raster_write_png(&doc, p.dpi, out, err, sizeof err);
    double t3 = now_ms();
    if (!ok) {
      fprintf(stderr, "bench_card: %s\n", err);
      return 1;
    }
    if (i < 0) {
      cold = t3 - t0;
      printf("profile %s: %dx%d px at %d dpi, text scale %.2f, QR %d modules of %.2f mm\n",
             p.name, scene_width(sc), scene_height(sc), p.dpi, rep.text_scale, rep.qr_modules,
             rep.qr_module_mm);
    } else {
      total[i] = t3 - t0;
      layout[i] = t1 - t0;
      render[i] = t2 - t1;
      encode[i] = t3 - t2;
    }
    if (i >= 0) {
      /* The PDF stages on their own: record the scene, write the PDF. */
      pdf_assets_t assets = {draw_font_file(warm, false), draw_font_file(warm, true), NULL};
      double r0 = now_ms();
      pdf_page_t *pg = pdf_page_record(sc, &assets, err, sizeof err);
      double r1 = now_ms();
      FILE *fp = pg ? fopen("/dev/null", "wb") : NULL;
      bool pdf_ok = fp && pdf_write(fp, &pg, 1, &p, NULL, err, sizeof err);
      double r2 = now_ms();
      if (fp)
        fclose(fp);
      pdf_page_free(pg);
      if (!pdf_ok) {
        fprintf(stderr, "bench_card: PDF: %s\n", err);
        return 1;
      }
      record[i] = r1 - r0;
      pdf[i] = r2 - r1;
    }
    raster_doc_clear(&doc);
    scene_free(sc);
    if (i == runs - 1)
      draw_free(warm);
  }
  printf("%-28s %7.2f ms (fonts loaded, glyph caches empty)\n", "cold first card", cold);
  report("card to PNG (warm)", total, runs);
  report("  lay out", layout, runs);
  report("  render 300 dpi", render, runs);
  report("  PNG encode + write", encode, runs);
  report("PDF: record the page", record, runs);
  report("PDF: write (to /dev/null)", pdf, runs);
  printf("target: median card to PNG <= 15 ms: %s\n", total[runs / 2] <= 15.0 ? "met" : "NOT met");
  unlink(out);
  i18n_free(cat);
  free(total);
  free(layout);
  free(render);
  free(encode);
  free(record);
  free(pdf);
  return 0;
}
