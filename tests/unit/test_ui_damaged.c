/*
 * A store that failed its check at start (UI_EV_STORE_DAMAGED, sent by the
 * kiosk host after PRAGMA quick_check): whoever starts identifying, by
 * keypad or by barcode, gets the store fault screen in their language,
 * never "we couldn't find you" or "no key worker recorded"; staff see the
 * exact reason on their menu.
 */
#include "test_ui_fixture.h"

static const char damaged[] =
    "the store /var/lib/allwedd/allwedd.db is damaged (PRAGMA quick_check: Page 4: "
    "btreeInitPage() returns error code 11): move it aside and run a sync to build it again "
    "from the export";

int main(void)
{
  fx_t fx;
  if (!CHECK(fx_open(&fx)))
    return test_summary();

  TEST_SECTION("a damaged store: the patient gets a kind message, not an answer");
  send(&fx, (ui_event_t){.kind = UI_EV_STORE_DAMAGED, .message = damaged});
  CHECK_STR(ui_screen_name(ui_screen(fx.ui)), "welcome");
  CHECK(tap(&fx, UI_T_START_CY));
  CHECK_STR(ui_screen_name(ui_screen(fx.ui)), "store-fault");
  CHECK(shows_msg(&fx, "Sorry, we cannot look up your details just now"));
  CHECK(shows_msg(&fx, "Please ask at reception. They will be glad to help you."));
  CHECK(!shows(&fx, "btreeInitPage")); /* the detail is for staff */
  CHECK(tap(&fx, UI_T_LANG_SWITCH));
  CHECK(shows(&fx, "Sorry, we cannot look up your details just now"));
  CHECK(tap(&fx, UI_T_TRY_AGAIN));
  CHECK_STR(ui_screen_name(ui_screen(fx.ui)), "store-fault");
  CHECK(tap(&fx, UI_T_FINISH));
  CHECK_STR(ui_screen_name(ui_screen(fx.ui)), "welcome");
  scan(&fx, "9992232684"); /* a barcode cannot get round it */
  CHECK_STR(ui_screen_name(ui_screen(fx.ui)), "store-fault");
  CHECK(!ui_holds_patient(fx.ui));
  CHECK(tap(&fx, UI_T_FINISH));

  TEST_SECTION("support services stay open to carers");
  CHECK(tap(&fx, UI_T_CARER_EN));
  CHECK_STR(ui_screen_name(ui_screen(fx.ui)), "support");
  CHECK(tap(&fx, UI_T_BACK));
  CHECK_STR(ui_screen_name(ui_screen(fx.ui)), "welcome");

  TEST_SECTION("staff see the exact reason on their menu");
  send(&fx, (ui_event_t){.kind = UI_EV_PRESS, .x = 10, .y = 10});
  wait_ms(&fx, 3000);
  send(&fx, (ui_event_t){.kind = UI_EV_RELEASE, .x = 10, .y = 10});
  CHECK(tap_digits(&fx, "4826"));
  CHECK(tap(&fx, UI_T_NEXT));
  CHECK_STR(ui_screen_name(ui_screen(fx.ui)), "staff-menu");
  CHECK(shows_msg(&fx, "The local data cannot be read."));
  char texts[8192];
  scene_texts(&fx, texts, sizeof texts);
  for (char *p = texts; *p; p++)
    if (*p == '|')
      *p = ' '; /* the reason wraps over several lines */
  CHECK(strstr(texts, "Page 4: btreeInitPage() returns error code 11") != NULL);

  fx_close(&fx);
  return test_summary();
}
