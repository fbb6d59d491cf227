/*
 * Configuration to content (see content.h). Nothing here formats text for a
 * screen or page: layouts do that; this only decides which settings feed
 * which field.
 */
#include "core/content.h"

#include <stdio.h>
#include <string.h>

const char *content_site_name(const config_t *cfg, lang_t lang)
{
  return lang == LANG_CY ? cfg->site_name_cy : cfg->site_name_en;
}

const char *content_site_name_both(const config_t *cfg, char *out, size_t outlen)
{
  const char *cy = content_site_name(cfg, LANG_CY), *en = content_site_name(cfg, LANG_EN);
  if (!outlen)
    return out;
  if (!strcmp(cy, en))
    snprintf(out, outlen, "%s", cy);
  else
    snprintf(out, outlen, "%s / %s", cy, en);
  /* Never end inside a UTF-8 sequence. */
  size_t n = strlen(out);
  if (n == outlen - 1) {
    size_t cut = n;
    while (cut > 0 && ((unsigned char)out[cut - 1] & 0xC0) == 0x80)
      cut--;
    if (cut > 0 && ((unsigned char)out[cut - 1] & 0x80))
      out[cut - 1] = '\0';
  }
  return out;
}

leaflet_site_t content_leaflet_site(const config_t *cfg, lang_t lang)
{
  return (leaflet_site_t){
      .acute_oncology_phone = cfg->acute_oncology_phone,
      .acute_oncology_hours = lang == LANG_CY ? cfg->acute_oncology_hours_cy
                                              : cfg->acute_oncology_hours_en,
  };
}

card_content_t content_card(const config_t *cfg, const i18n_t *cat, const key_worker_t *kw,
                            const patient_t *patient, lang_t qr_lang, const char *print_date)
{
  return (card_content_t){
      .kw = kw,
      .patient = patient,
      .show_patient_name = cfg->card_show_patient_name,
      .show_team = cfg->show_team,
      .site = content_site_name(cfg, qr_lang),
      .site_cy = content_site_name(cfg, LANG_CY),
      .site_en = content_site_name(cfg, LANG_EN),
      .acute_oncology_phone = cfg->acute_oncology_phone,
      .acute_oncology_hours_cy = cfg->acute_oncology_hours_cy,
      .acute_oncology_hours_en = cfg->acute_oncology_hours_en,
      .print_date = print_date,
      .qr_lang = qr_lang,
      .cat = cat,
  };
}

void content_test_key_worker(key_worker_t *out)
{
  memset(out, 0, sizeof *out);
  snprintf(out->id, sizeof out->id, "TEST");
  snprintf(out->given_name, sizeof out->given_name, "Cerdyn prawf");
  snprintf(out->family_name, sizeof out->family_name, "Test card");
  snprintf(out->role_cy, sizeof out->role_cy, "Prawf argraffydd");
  snprintf(out->role_en, sizeof out->role_en, "Printer test");
  snprintf(out->phone, sizeof out->phone, "+442920180000");
}
