/*
 * kiosk_input: the wake guard and touch rotation, driven with SDL events as
 * SDL delivers them (pushed through SDL's own queue with the dummy video
 * driver and read back, so the structs are exactly what the loop sees).
 */
#include <SDL.h>

#include "platform/kiosk_input.h"
#include "testlib.h"

/* Push e through SDL's queue and return what comes out. SDL_PollEvent
 * stops once at its poll sentinel (SDL 2.26), hence the second round. */
static SDL_Event through_sdl(SDL_Event e)
{
  SDL_Event out;
  SDL_PushEvent(&e);
  for (int round = 0; round < 2; round++)
    while (SDL_PollEvent(&out))
      if (out.type == e.type)
        return out;
  testlib_check(0, __FILE__, __LINE__, "the event came back out of SDL's queue");
  memset(&out, 0, sizeof out);
  return out;
}

static SDL_Event finger(Uint32 type, float x, float y)
{
  SDL_Event e = {.type = type};
  e.tfinger.touchId = 1;
  e.tfinger.fingerId = 1;
  e.tfinger.x = x;
  e.tfinger.y = y;
  return through_sdl(e);
}

static SDL_Event mouse(Uint32 type, Uint32 which)
{
  SDL_Event e = {.type = type};
  e.button.which = which;
  e.button.button = SDL_BUTTON_LEFT;
  e.button.x = 100;
  e.button.y = 100;
  return through_sdl(e);
}

static SDL_Event window(Uint8 event)
{
  SDL_Event e = {.type = SDL_WINDOWEVENT};
  e.window.event = event;
  return through_sdl(e);
}

static SDL_Event key(SDL_Keycode sym)
{
  SDL_Event e = {.type = SDL_KEYDOWN};
  e.key.keysym.sym = sym;
  return through_sdl(e);
}

/* What kiosk_wake_event says about e at time t. */
static kiosk_input_verdict_t verdict(kiosk_wake_t *w, SDL_Event e, int64_t t)
{
  return kiosk_wake_event(w, &e, t);
}

#define VERDICT(w, e, t, want) CHECK_INT(verdict((w), (e), (t)), (want))

int main(void)
{
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    printf("FAIL SDL_Init: %s\n", SDL_GetError());
    return 1;
  }
  kiosk_wake_t w;
  SDL_Event down = finger(SDL_FINGERDOWN, 0.5f, 0.5f), up = finger(SDL_FINGERUP, 0.5f, 0.5f),
            move = finger(SDL_FINGERMOTION, 0.6f, 0.5f);

  TEST_SECTION("awake: touches, mouse and keys go through");
  kiosk_wake_init(&w, 0, 1000);
  VERDICT(&w, down, 1100, KIOSK_INPUT_PASS);
  VERDICT(&w, move, 1120, KIOSK_INPUT_PASS);
  VERDICT(&w, up, 1150, KIOSK_INPUT_PASS);
  VERDICT(&w, mouse(SDL_MOUSEBUTTONDOWN, 0), 1200, KIOSK_INPUT_PASS);
  VERDICT(&w, mouse(SDL_MOUSEBUTTONUP, 0), 1250, KIOSK_INPUT_PASS);
  VERDICT(&w, key(SDLK_1), 1300, KIOSK_INPUT_PASS);
  CHECK_INT(kiosk_wake_deadline_ms(&w, true), -1); /* blanking off */
  CHECK(!kiosk_wake_should_blank(&w, true, 10000000));

  TEST_SECTION("an exposed window that was never hidden is only a redraw");
  VERDICT(&w, window(SDL_WINDOWEVENT_EXPOSED), 1400, KIOSK_INPUT_PASS);
  VERDICT(&w, down, 1410, KIOSK_INPUT_PASS);
  VERDICT(&w, up, 1420, KIOSK_INPUT_PASS);

  TEST_SECTION("hidden then shown: the touch that woke the display only wakes it");
  VERDICT(&w, window(SDL_WINDOWEVENT_HIDDEN), 2000, KIOSK_INPUT_PASS);
  VERDICT(&w, window(SDL_WINDOWEVENT_SHOWN), 60000, KIOSK_INPUT_WAKE);
  VERDICT(&w, window(SDL_WINDOWEVENT_EXPOSED), 60001, KIOSK_INPUT_PASS); /* already awake */
  VERDICT(&w, down, 60050, KIOSK_INPUT_WAKE);
  VERDICT(&w, move, 60080, KIOSK_INPUT_DROP);
  VERDICT(&w, up, 60100, KIOSK_INPUT_DROP);
  VERDICT(&w, down, 60500, KIOSK_INPUT_PASS); /* the next tap is the person's */
  VERDICT(&w, up, 60550, KIOSK_INPUT_PASS);

  TEST_SECTION("minimised then exposed: the same");
  VERDICT(&w, window(SDL_WINDOWEVENT_MINIMIZED), 70000, KIOSK_INPUT_PASS);
  VERDICT(&w, window(SDL_WINDOWEVENT_EXPOSED), 80000, KIOSK_INPUT_WAKE);
  VERDICT(&w, mouse(SDL_MOUSEBUTTONDOWN, 0), 80100, KIOSK_INPUT_WAKE);
  VERDICT(&w, mouse(SDL_MOUSEBUTTONUP, 0), 80150, KIOSK_INPUT_DROP);

  TEST_SECTION("a tap long after the window came back is a real tap");
  VERDICT(&w, window(SDL_WINDOWEVENT_HIDDEN), 90000, KIOSK_INPUT_PASS);
  VERDICT(&w, window(SDL_WINDOWEVENT_SHOWN), 91000, KIOSK_INPUT_WAKE);
  VERDICT(&w, down, 91000 + KIOSK_WAKE_GUARD_MS + 1, KIOSK_INPUT_PASS);
  VERDICT(&w, up, 91000 + KIOSK_WAKE_GUARD_MS + 50, KIOSK_INPUT_PASS);

  TEST_SECTION("a press while still hidden only wakes");
  VERDICT(&w, window(SDL_WINDOWEVENT_HIDDEN), 100000, KIOSK_INPUT_PASS);
  VERDICT(&w, down, 200000, KIOSK_INPUT_WAKE);
  VERDICT(&w, window(SDL_WINDOWEVENT_SHOWN), 200010, KIOSK_INPUT_PASS);
  VERDICT(&w, up, 200050, KIOSK_INPUT_DROP);

  TEST_SECTION("SDL's mouse copy of a touch is left to the translator");
  VERDICT(&w, window(SDL_WINDOWEVENT_HIDDEN), 210000, KIOSK_INPUT_PASS);
  VERDICT(&w, window(SDL_WINDOWEVENT_SHOWN), 210100, KIOSK_INPUT_WAKE);
  VERDICT(&w, mouse(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID), 210150, KIOSK_INPUT_PASS);
  VERDICT(&w, down, 210160, KIOSK_INPUT_WAKE); /* the finger itself is the wake */
  VERDICT(&w, up, 210200, KIOSK_INPUT_DROP);

  TEST_SECTION("the kiosk's own blank after idle on the welcome screen");
  kiosk_wake_init(&w, 300, 0);
  CHECK_INT(kiosk_wake_deadline_ms(&w, true), 300000);
  CHECK_INT(kiosk_wake_deadline_ms(&w, false), -1); /* only an idle screen blanks */
  VERDICT(&w, down, 100000, KIOSK_INPUT_PASS);
  VERDICT(&w, up, 100100, KIOSK_INPUT_PASS);
  CHECK_INT(kiosk_wake_deadline_ms(&w, true), 400000);
  CHECK(!kiosk_wake_should_blank(&w, true, 399999));
  CHECK(!kiosk_wake_should_blank(&w, false, 400000));
  CHECK(kiosk_wake_should_blank(&w, true, 400000));
  CHECK(w.blanked);
  CHECK(!kiosk_wake_should_blank(&w, true, 500000)); /* once */
  CHECK_INT(kiosk_wake_deadline_ms(&w, true), -1);
  VERDICT(&w, down, 900000, KIOSK_INPUT_WAKE);
  CHECK(!w.blanked);
  CHECK_INT(kiosk_wake_deadline_ms(&w, true), -1); /* not while the wake touch is held */
  VERDICT(&w, move, 900100, KIOSK_INPUT_DROP);
  VERDICT(&w, up, 900200, KIOSK_INPUT_DROP);
  CHECK_INT(kiosk_wake_deadline_ms(&w, true), 900000 + 300000);
  VERDICT(&w, down, 901000, KIOSK_INPUT_PASS);
  VERDICT(&w, up, 901100, KIOSK_INPUT_PASS);

  TEST_SECTION("a key wakes a blank screen and still counts (barcode scanners type)");
  CHECK(kiosk_wake_should_blank(&w, true, 901100 + 300000));
  VERDICT(&w, key(SDLK_4), 1300000, KIOSK_INPUT_WAKE_PASS);
  VERDICT(&w, key(SDLK_8), 1300010, KIOSK_INPUT_PASS);

  TEST_SECTION("touch rotation: as wlroots turns input for the same output transform");
  float x, y;
  kiosk_touch_turn(0, 0.1f, 0.2f, &x, &y);
  CHECK(x == 0.1f && y == 0.2f);
  kiosk_touch_turn(90, 0.1f, 0.2f, &x, &y);
  CHECK(x == 1.0f - 0.2f && y == 0.1f);
  kiosk_touch_turn(180, 0.1f, 0.2f, &x, &y);
  CHECK(x == 1.0f - 0.1f && y == 1.0f - 0.2f);
  kiosk_touch_turn(270, 0.1f, 0.2f, &x, &y);
  CHECK(x == 0.2f && y == 1.0f - 0.1f);
  /* Four quarter turns give the point back. */
  float px = 0.25f, py = 0.75f;
  for (int i = 0; i < 4; i++)
    kiosk_touch_turn(90, px, py, &px, &py);
  CHECK(px == 0.25f && py == 0.75f);
  /* A corner: 90 degrees takes the panel's top-left to the screen's top-right. */
  kiosk_touch_turn(90, 0.0f, 0.0f, &x, &y);
  CHECK(x == 1.0f && y == 0.0f);

  SDL_Quit();
  return test_summary();
}
