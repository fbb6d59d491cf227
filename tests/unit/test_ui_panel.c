/*
 * A 5-inch 800x480 panel (display_width_mm = 108, so 15 mm targets are
 * 112 px), used by touch as a patient would (issue 12): the date of birth
 * on its two-row keypad (the boxes tapped to correct a part), the family
 * name on the paged keyboard (A-M, then "Letters N-Z"), the postcode with
 * its letters and digits pages, "Is this you?", and the key worker. Every
 * key is tapped at its centre, so a key drawn off the screen or under
 * another cannot be; every target on every screen of the journey is at
 * least the minimum and on the screen. The overflow test checks the same
 * screens in every language, scale and theme; this one checks that the
 * pages and keys do what they say.
 */
#include "test_ui_fixture.h"

/* Every target of the scene shown is on the screen and at least 15 mm. */
static void check_targets(fx_t *fx)
{
  const scene_t *sc = ui_scene(fx->ui);
  int min = ui_min_target_px(fx->ui), bad = 0;
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind != SCENE_OP_RECT || !op->target)
      continue;
    if (op->w < min || op->h < min || op->x < 0 || op->y < 0 ||
        op->x + op->w > scene_width(sc) || op->y + op->h > scene_height(sc)) {
      bad++;
      printf("      target %d at %d,%d %dx%d on %s\n", op->target, op->x, op->y, op->w, op->h,
             ui_screen_name(ui_screen(fx->ui)));
    }
  }
  CHECK_INT(bad, 0);
}

/* The text the name or postcode field shows (the op labelled keys.value). */
static const char *field_value(fx_t *fx)
{
  const scene_t *sc = ui_scene(fx->ui);
  for (size_t i = 0; i < scene_count(sc); i++) {
    const scene_op_t *op = scene_op(sc, i);
    if (op->kind == SCENE_OP_TEXT && !strcmp(op->label, "keys.value"))
      return op->text;
  }
  return "";
}

/* The family name on the paged keyboard, then the postcode. */
static void test_keyboards(fx_t *fx)
{
  TEST_SECTION("5-inch panel: date of birth, paged letters, postcode pages, by touch");
  fx->cfg.display_width_mm = 108;
  fresh_ui(fx, 800, 480);
  CHECK_INT(ui_min_target_px(fx->ui), 112);
  CHECK(tap(fx, UI_T_START_EN));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "dob");
  check_targets(fx);
  CHECK(shows_msg(fx, "Your date of birth"));
  /* A wrong day, corrected by tapping its box. */
  CHECK(tap_digits(fx, "22031948"));
  CHECK(tap(fx, UI_T_DOB_DAY));
  CHECK(tap(fx, UI_T_DELETE));
  CHECK(tap(fx, UI_T_DELETE));
  CHECK(tap_digits(fx, "12"));
  CHECK(shows(fx, "12 March 1948"));
  CHECK(tap(fx, UI_T_NEXT));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "name");
  check_targets(fx);
  CHECK(shows_msg(fx, "Your family name"));
  /* The first page: A-M, Space, and a worded key to N-Z. */
  CHECK(find_target(fx, UI_T_LETTER_A) && find_target(fx, UI_T_LETTER_A + 12));
  CHECK(!find_target(fx, UI_T_LETTER_A + 13));
  CHECK(find_target(fx, UI_T_SPACE) && find_target(fx, UI_T_DELETE) && find_target(fx, UI_T_NEXT));
  CHECK(shows(fx, "Letters") && shows(fx, "N\xe2\x80\x93Z")); /* may wrap on its key */
  CHECK(tap(fx, UI_T_LETTER_A + ('J' - 'A')));
  CHECK(tap(fx, UI_T_KEYS_LETTERS_2));
  CHECK(find_target(fx, UI_T_LETTER_A + 25) && !find_target(fx, UI_T_LETTER_A));
  CHECK(shows(fx, "A\xe2\x80\x93M"));
  check_targets(fx);
  CHECK(tap_text(fx, "ONEX"));
  CHECK(tap(fx, UI_T_DELETE));
  CHECK(tap_text(fx, "S"));
  CHECK_STR(field_value(fx), "JONES");
  CHECK(tap(fx, UI_T_NEXT));
  /* Two people share that date and name: the postcode is asked. */
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "postcode");
  check_targets(fx);
  CHECK(shows_msg(fx, "Your postcode"));
  CHECK(find_target(fx, UI_T_KEYS_DIGITS) != NULL);
  CHECK(tap_text(fx, "NP20"));
  check_targets(fx);
  CHECK(!find_target(fx, UI_T_LETTER_A)); /* on the digits page */
  CHECK(tap_text(fx, "6HB"));
  CHECK_STR(field_value(fx), "NP206HB");
  CHECK(tap(fx, UI_T_NEXT));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "confirm");
  check_targets(fx);
  CHECK(shows(fx, "Mair Jones"));
  CHECK(tap(fx, UI_T_YES));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "key-worker");
  check_targets(fx);
  CHECK(tap(fx, UI_T_FINISH));
  CHECK_STR(ui_screen_name(ui_screen(fx->ui)), "welcome");
  fx->cfg.display_width_mm = 0;
}

int main(void)
{
  fx_t fx;
  if (!CHECK(fx_open(&fx))) {
    fx_close(&fx);
    return test_summary();
  }
  test_keyboards(&fx);
  fx_close(&fx);
  return test_summary();
}
