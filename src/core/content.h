/*
 * One place maps the site's configuration to what the kiosk shows and
 * prints: the site name, the leaflet's site details (acute oncology line and
 * its hours in the reader's language) and the content of a Key Worker Card.
 * The screens, the card job and the leaflet all take their content from
 * here, so a setting added to config_t is wired in once.
 *
 * Pure: no store, no SDL, no CUPS. Every returned pointer points into cfg
 * (or into the records given) and lives as long as they do.
 */
#ifndef ALLWEDD_CONTENT_H
#define ALLWEDD_CONTENT_H

#include "core/card.h"
#include "core/config.h"
#include "core/i18n.h"
#include "core/leaflet.h"
#include "core/model.h"

/* The site's name in lang: [site] name_cy / name_en, else [site] name for
 * both, else "Canolfan Ganser" / "Cancer Centre" (config_load resolves it). */
const char *content_site_name(const config_t *cfg, lang_t lang);

/* The site's name in both languages, Welsh first ("name_cy / name_en"; one
 * name when both are the same), for a screen shown before anyone has chosen
 * a language. Writes at most outlen bytes (cut at a character boundary when
 * longer) to out and returns out. */
const char *content_site_name_both(const config_t *cfg, char *out, size_t outlen);

/* The leaflet's site details in lang. */
leaflet_site_t content_leaflet_site(const config_t *cfg, lang_t lang);

/* A card for kw (and patient, may be NULL) printed on print_date
 * ("YYYY-MM-DD"), the QR's vCard in qr_lang, texts from cat. */
card_content_t content_card(const config_t *cfg, const i18n_t *cat, const key_worker_t *kw,
                            const patient_t *patient, lang_t qr_lang, const char *print_date);

/* The key worker a printer test card carries: plainly a test, in both
 * languages, with a Cardiff number of the right shape. */
void content_test_key_worker(key_worker_t *out);

#endif
