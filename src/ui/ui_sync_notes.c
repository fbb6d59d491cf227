/*
 * The staff sync screen's notes on the last sync: how many warnings and
 * rejected rows it had, and the first few of each with FILE:LINE:COLUMN,
 * in the staff's language (sync_text.h). What the extract writer should do
 * about each message is in docs/extract-writers.md.
 */
#include <string.h>

#include "core/store_sync.h"
#include "core/sync.h"
#include "core/sync_text.h"
#include "ui/ui_private.h"

enum { NOTES_SHOWN = 3 };

bool ui_flow_sync_notes(ui_t *ui, ui_flow_t *fl)
{
  char report[16 * 1024];
  char lines[2 * SYNC_SAMPLES][320], text[1024];
  long warnings, rejected;
  store_match_t m = ui->store ? store_last_sync_report(ui->store, report, sizeof report)
                              : STORE_NOT_FOUND;
  if (m != STORE_FOUND)
    return m != STORE_ERROR;
  sync_report_counts(report, &warnings, &rejected);
  size_t n = sync_report_messages(report, lines, 2 * SYNC_SAMPLES);
  for (int pass = 0; pass < 2; pass++) {
    long count = pass == 0 ? warnings : rejected;
    if (!count)
      continue;
    ui_plural(ui, text, sizeof text, pass == 0 ? "%lu warning" : "%lu row rejected",
              pass == 0 ? "%lu warnings" : "%lu rows rejected", (unsigned long)count);
    ui_flow_text(fl, UI_TK_BODY_BOLD, pass == 0 ? "staff.sync.warnings" : "staff.sync.rejected", text);
    size_t shown = 0;
    for (size_t i = 0; i < n && shown < NOTES_SHOWN; i++) {
      bool warning = !strncmp(lines[i], "warning: ", 9);
      if (warning != (pass == 0))
        continue;
      sync_text_translate(warning ? lines[i] + 9 : lines[i], ui->cat, ui->lang, text, sizeof text);
      ui_flow_text(fl, UI_TK_SMALL, "staff.sync.note", text);
      shown++;
    }
  }
  return true;
}
