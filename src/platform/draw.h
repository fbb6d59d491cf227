/*
 * The one renderer: draws a scene (src/core/scene.h) onto an ARGB8888
 * software surface with SDL2_ttf text, libqrencode QR codes and SDL2_image
 * icons. The kiosk window uploads the surface to a texture; the card and
 * leaflet rasters are the same surface at the printer's resolution. So what
 * you see is what you print.
 *
 * A draw_t holds the font cache (one TTF_Font per (size, bold), opened on
 * demand from font files read once into memory) and the icon cache. It is
 * not thread-safe: use one per thread. Its measurer (draw_measurer()) is the
 * one to give scene_text(), so layout and drawing use the same metrics.
 */
#ifndef ALLWEDD_DRAW_H
#define ALLWEDD_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "core/config.h"
#include "core/scene.h"

#define DRAW_DEFAULT_FONT "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
#define DRAW_DEFAULT_FONT_BOLD "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"

typedef struct draw draw_t;

/* A renderer with the given font files (NULL or "": the Liberation Sans defaults)
 * and icon directory (NULL: no icons; IMAGE ops are then skipped). Starts
 * SDL_ttf and SDL_image (reference counted). NULL with the reason in err
 * when a font file cannot be read. */
draw_t *draw_new(const char *font_path, const char *font_bold_path, const char *icon_dir,
                 char *err, size_t errlen);

/* A renderer from configuration: cfg->font_path, cfg->font_bold_path and
 * icons from cfg->data_dir/assets/icons. */
draw_t *draw_new_from_config(const config_t *cfg, char *err, size_t errlen);

/* Close fonts and icons and stop SDL_ttf/SDL_image for this user; NULL ok. */
void draw_free(draw_t *d);

/* The measurer to pass to scene_text(): TTF_SizeUTF8 at (px, bold),
 * remembered (texts are measured again every frame). */
scene_measurer_t draw_measurer(draw_t *d);

/* Forget every cached text: rendered lines (their pixels wiped) and
 * remembered measurements (their strings wiped). draw_scene() does this by
 * itself when it draws the first scene that is not scene_personal() after
 * one that was: the end of a journey, or an idle timeout, leaves nothing of
 * the person in the renderer. */
void draw_forget(draw_t *d);

/* True when a cached text (rendered or measured) contains needle: for
 * tests that check the renderer forgot the person. */
bool draw_caches_hold(const draw_t *d, const char *needle);

/* The TTF font for (px, bold), opened on first use; NULL on failure. Owned
 * by d. */
struct _TTF_Font *draw_font(draw_t *d, int font_px, bool bold);

/* A new ARGB8888 surface of w x h pixels; NULL with SDL_GetError(). */
SDL_Surface *draw_surface_new(int w, int h);

/* Fill dst with the scene's background and draw every op in order.
 * dst must be SDL_PIXELFORMAT_ARGB8888 (draw_surface_new). Ops are clipped
 * to the surface. false with draw_error() when a text or QR cannot be
 * drawn (the rest is still drawn); missing icons are not errors. */
bool draw_scene(draw_t *d, const scene_t *sc, SDL_Surface *dst);

/* The last error on d; never NULL. */
const char *draw_error(const draw_t *d);

/* The TrueType file d draws regular (bold false) or bold text with, as
 * given to draw_new() or the default; owned by d, never NULL. The PDF
 * writer embeds the same files, so printed vector text is the screen's. */
const char *draw_font_file(const draw_t *d, bool bold);

/* The icon directory given to draw_new(); NULL when none. Owned by d. */
const char *draw_icon_dir(const draw_t *d);

#endif
