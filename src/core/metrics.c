/*
 * The metrics text. Label values only ever come from the fixed lists
 * below; anything else recorded in the store is counted as "other", so a
 * label can never carry free text or patient data. What each audit event
 * means for the metrics is written once, in event_metrics[].
 */
#include "core/metrics.h"

#include <string.h>

#include "core/store_attention.h"
#include "core/store_staff.h"

/* Card print record fields as they are written (store.h, print.h). */
static const char *const CARD_REASONS[] = {"new", "lost", "damaged", "key_worker_changed", "other"};
static const char *const CARD_CHANNELS[] = {"kiosk", "staff", "other"};
static const char *const CARD_OUTCOMES[] = {
    "submitting", "running",     "completed", "written",  "stopped", "media-empty",
    "media-jam",  "offline",     "unreachable", "not-found", "refused", "aborted",
    "timeout",    "canceled",    "error",     "interrupted", "other"};

/* IPP printer-state-reasons keywords (RFC 8011 5.4.12) the kiosk meets,
 * and the print job's own reasons for not reaching a printer. */
static const char *const PRINTER_REASONS[] = {
    "none",        "media-empty",   "media-jam",    "media-needed", "media-low",
    "cover-open",  "door-open",     "input-tray-missing", "output-area-full",
    "marker-supply-empty", "marker-supply-low", "offline", "paused", "shutdown",
    "connecting-to-device", "timed-out", "unreachable", "not-found", "refused", "other"};

static const char *const PRINTER_STATES[] = {"idle", "processing", "stopped", "unknown"};

static const char *const SYNC_RESULTS[] = {"imported", "rejected", "failed"};

/* The snapshot files of the export (EXPORT_FORMAT.md) and their labels. */
static const struct {
  const char *file, *label;
} SYNC_FILES[] = {{"key_workers.csv", "key_workers"},
                  {"patients.csv", "patients"},
                  {"key_worker_history.csv", "key_worker_history"},
                  {"services.csv", "services"}};

/* The audit log's names of the counted events, in metrics_event_t order:
 * the names the kiosk writes (store_metrics.h, src/ui). */
static const char *const EVENT_NAMES[METRICS_EVENT_COUNT] = {
    [METRICS_EVENT_SYNC_IMPORTED] = STORE_EVENT_SYNC_IMPORTED,
    [METRICS_EVENT_SYNC_REJECTED] = STORE_EVENT_SYNC_REJECTED,
    [METRICS_EVENT_SYNC_FAILED] = STORE_EVENT_SYNC_FAILED,
    [METRICS_EVENT_IDENTIFIED] = "identified",
    [METRICS_EVENT_IDENTIFY_FAILED] = STORE_EVENT_IDENTIFY_FAILED,
    [METRICS_EVENT_IDENTIFY_PAUSED] = "identify_paused",
    [METRICS_EVENT_STAFF_PIN_FAILED] = "staff_login_failed",
    [METRICS_EVENT_STAFF_PIN_LOCKED] = STORE_EVENT_STAFF_PIN_LOCKED,
    [METRICS_EVENT_KIOSK_STORE_ERROR] = "store_error",
    [METRICS_EVENT_PRINTER_RESUMED] = "printer_resumed",
    [METRICS_EVENT_KIOSK_START] = "kiosk_start",
    [METRICS_EVENT_PRINT_FAILED] = STORE_EVENT_PRINT_FAILED,
    [METRICS_EVENT_SHEET_PRINTER_MISSING] = STORE_EVENT_SHEET_PRINTER_MISSING,
    [METRICS_EVENT_HELP_REQUESTED] = STORE_EVENT_HELP_REQUESTED,
};

/* Events shown as plain counters. */
static const struct {
  const char *name, *help;
  metrics_event_t event;
} event_metrics[] = {
    {"allwedd_identifications_total", "People who identified themselves at the kiosk.",
     METRICS_EVENT_IDENTIFIED},
    {"allwedd_identification_failures_total",
     "Identification tries at the kiosk that did not find one person.", METRICS_EVENT_IDENTIFY_FAILED},
    {"allwedd_identification_lockouts_total",
     "Times identification paused after too many failed tries.", METRICS_EVENT_IDENTIFY_PAUSED},
    {"allwedd_staff_pin_failures_total", "Wrong staff PINs entered at the kiosk.",
     METRICS_EVENT_STAFF_PIN_FAILED},
    {"allwedd_staff_pin_lockouts_total", "Pauses of staff login after wrong PINs.",
     METRICS_EVENT_STAFF_PIN_LOCKED},
    {"allwedd_kiosk_store_errors_total",
     "Store errors the kiosk's screens met (identifying someone, staff login), as audited.",
     METRICS_EVENT_KIOSK_STORE_ERROR},
    {"allwedd_printer_resumes_total",
     "Times a stopped card printer queue was resumed once its printer was ready (auto_resume or staff).",
     METRICS_EVENT_PRINTER_RESUMED},
    {"allwedd_kiosk_starts_total", "Times the kiosk started (each restart after a crash counts).",
     METRICS_EVENT_KIOSK_START},
    {"allwedd_print_failures_total",
     "Prints asked for at the kiosk (cards, leaflets, slips; by patients or staff) that did not come out.",
     METRICS_EVENT_PRINT_FAILED},
    {"allwedd_sheet_print_unavailable_total",
     "Leaflets or service slips asked for at a kiosk with no sheet printer ([printer] sheet_printer): nothing was printed.",
     METRICS_EVENT_SHEET_PRINTER_MISSING},
    {"allwedd_help_requests_total",
     "Times someone tapped Need help at the kiosk and was asked to go to reception.",
     METRICS_EVENT_HELP_REQUESTED},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The index of value in a fixed list whose last entry is "other". */
static size_t fixed_index(const char *const *list, size_t n, const char *value)
{
  for (size_t i = 0; i + 1 < n; i++)
    if (value && !strcmp(list[i], value))
      return i;
  return n - 1;
}

const char *metrics_printer_reason_label(const char *reason)
{
  static const char *const suffixes[] = {"-error", "-warning", "-report"};
  char keyword[64];
  snprintf(keyword, sizeof keyword, "%s", reason ? reason : "");
  size_t len = strlen(keyword);
  for (size_t i = 0; i < COUNT(suffixes); i++) {
    size_t n = strlen(suffixes[i]);
    if (len > n && !strcmp(keyword + len - n, suffixes[i])) {
      keyword[len - n] = '\0';
      break;
    }
  }
  return PRINTER_REASONS[fixed_index(PRINTER_REASONS, COUNT(PRINTER_REASONS), keyword)];
}

void metrics_input_init(metrics_input_t *in, time_t now)
{
  memset(in, 0, sizeof *in);
  in->now = now;
  in->data_generated = (time_t)-1;
  in->last_import_at = (time_t)-1;
  in->kiosk_read = HEARTBEAT_READ_ABSENT;
  in->printer_state = METRICS_PRINTER_UNKNOWN;
  in->printer_accepting = -1;
  in->printer_queued_jobs = -1;
}

/* HELP and TYPE lines. */
static void family(FILE *out, const char *name, const char *type, const char *help)
{
  fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A whole family with one unlabelled sample. */
static void single(FILE *out, const char *name, const char *type, const char *help, double value)
{
  family(out, name, type, help);
  fprintf(out, "%s %.15g\n", name, value);
}

const char *metrics_event_name(metrics_event_t event)
{
  return (unsigned)event < METRICS_EVENT_COUNT ? EVENT_NAMES[event] : "";
}

/* The export in force and the sync's history. */
static void write_sync(const metrics_input_t *in, FILE *out)
{
  if (in->data_generated != (time_t)-1) {
    single(out, "allwedd_data_generated_timestamp_seconds", "gauge",
           "When the central export in force was generated (Unix time).", (double)in->data_generated);
    single(out, "allwedd_data_age_seconds", "gauge",
           "How old the data in force is: now minus the export's generated time.",
           (double)(in->now - in->data_generated));
  }
  if (in->last_import && in->last_import_at != (time_t)-1) {
    single(out, "allwedd_sync_last_import_timestamp_seconds", "gauge",
           "When the last successful import finished (Unix time).", (double)in->last_import_at);
    single(out, "allwedd_sync_last_import_duration_seconds", "gauge", "How long the last import took.",
           (double)in->last_import->duration_ms / 1000.0);
    family(out, "allwedd_sync_last_import_rejected_rows", "gauge",
           "Rows of each export file the last import skipped as bad.");
    for (size_t f = 0; f < COUNT(SYNC_FILES); f++)
      for (size_t i = 0; i < in->last_import->nfiles; i++)
        if (!strcmp(in->last_import->files[i].file, SYNC_FILES[f].file))
          fprintf(out, "allwedd_sync_last_import_rejected_rows{file=\"%s\"} %ld\n", SYNC_FILES[f].label,
                  in->last_import->files[i].rejected);
  }
  if (in->have_attempt) {
    single(out, "allwedd_sync_last_attempt_timestamp_seconds", "gauge",
           "When the last sync attempt (an import or a refused bundle) was recorded (Unix time).",
           (double)in->last_attempt_at);
    family(out, "allwedd_sync_last_result", "gauge",
           "How the last sync attempt ended: 1 for its result, 0 for the others.");
    for (size_t r = 0; r < COUNT(SYNC_RESULTS); r++)
      fprintf(out, "allwedd_sync_last_result{result=\"%s\"} %d\n", SYNC_RESULTS[r],
              (size_t)in->last_result == r);
  }
  family(out, "allwedd_sync_attempts_total", "counter",
         "Sync attempts by result: imported, rejected (a bad bundle), failed (not the bundle's fault).");
  static const metrics_event_t events[] = {METRICS_EVENT_SYNC_IMPORTED, METRICS_EVENT_SYNC_REJECTED,
                                           METRICS_EVENT_SYNC_FAILED};
  for (size_t r = 0; r < COUNT(SYNC_RESULTS); r++)
    fprintf(out, "allwedd_sync_attempts_total{result=\"%s\"} %ld\n", SYNC_RESULTS[r],
            in->event_counts[events[r]]);
}

/* Rows per table and the patients with no key worker. */
static void write_rows(const metrics_input_t *in, FILE *out)
{
  const store_table_rows_t *r = &in->rows;
  const struct {
    const char *table;
    long rows;
  } tables[] = {{"patients", r->patients},         {"key_workers", r->key_workers},
                {"key_worker_history", r->key_worker_history}, {"services", r->services},
                {"sync_runs", r->sync_runs},       {"cards_printed", r->cards_printed},
                {"audit_log", r->audit_log}};
  family(out, "allwedd_store_rows", "gauge", "Rows in each table of the local store.");
  for (size_t i = 0; i < COUNT(tables); i++)
    fprintf(out, "allwedd_store_rows{table=\"%s\"} %ld\n", tables[i].table, tables[i].rows);
  single(out, "allwedd_patients_without_key_worker", "gauge",
         "Patients in the export with no key worker allocated yet.", (double)r->patients_without_key_worker);
}

/* Cards by reason, channel and outcome, mapped onto the fixed lists. */
static void write_cards(const metrics_input_t *in, FILE *out)
{
  long counts[COUNT(CARD_REASONS)][COUNT(CARD_CHANNELS)][COUNT(CARD_OUTCOMES)];
  memset(counts, 0, sizeof counts);
  for (size_t i = 0; i < in->ncards; i++) {
    const store_card_count_t *c = &in->cards[i];
    counts[fixed_index(CARD_REASONS, COUNT(CARD_REASONS), c->reason)]
          [fixed_index(CARD_CHANNELS, COUNT(CARD_CHANNELS), c->by)]
          [fixed_index(CARD_OUTCOMES, COUNT(CARD_OUTCOMES), c->outcome)] += c->count;
  }
  family(out, "allwedd_cards_total", "counter",
         "Key Worker Cards made, by reason, channel (kiosk or staff) and outcome of the print.");
  for (size_t r = 0; r < COUNT(CARD_REASONS); r++)
    for (size_t c = 0; c < COUNT(CARD_CHANNELS); c++)
      for (size_t o = 0; o < COUNT(CARD_OUTCOMES); o++)
        if (counts[r][c][o])
          fprintf(out, "allwedd_cards_total{reason=\"%s\",channel=\"%s\",outcome=\"%s\"} %ld\n",
                  CARD_REASONS[r], CARD_CHANNELS[c], CARD_OUTCOMES[o], counts[r][c][o]);
}

/* The kiosk's heartbeat. */
static void write_kiosk(const metrics_input_t *in, FILE *out)
{
  single(out, "allwedd_kiosk_up", "gauge",
         "Whether the kiosk is running: its heartbeat file names a live process that has not stopped.",
         in->kiosk_running ? 1 : 0);
  if (in->kiosk_read != HEARTBEAT_READ_OK)
    return;
  single(out, "allwedd_kiosk_start_time_seconds", "gauge", "When the kiosk last started (Unix time).",
         (double)in->kiosk.started_ms / 1000.0);
  single(out, "allwedd_kiosk_heartbeat_timestamp_seconds", "gauge",
         "When the kiosk's event loop last wrote its heartbeat (Unix time; every few seconds while it runs).",
         (double)in->kiosk.beat_ms / 1000.0);
  if (in->kiosk.frame_ms)
    single(out, "allwedd_kiosk_last_frame_timestamp_seconds", "gauge",
           "When the kiosk last drew a new frame (Unix time).", (double)in->kiosk.frame_ms / 1000.0);
}

/* The card printer's queue as a state set, each reason it gives (mapped
 * onto the fixed list; its free-text state message is never shown), whether
 * it accepts jobs, and how many wait. */
static void write_printer(const metrics_input_t *in, FILE *out)
{
  if (!in->printer_known)
    return;
  family(out, "allwedd_printer_state", "gauge",
         "The card printer's state: 1 for the current one of idle, processing, stopped, unknown"
         " (could not be asked).");
  for (size_t s = 0; s < COUNT(PRINTER_STATES); s++)
    fprintf(out, "allwedd_printer_state{state=\"%s\"} %d\n", PRINTER_STATES[s], (size_t)in->printer_state == s);
  bool present[COUNT(PRINTER_REASONS)] = {false};
  bool any = false;
  char reasons[512];
  snprintf(reasons, sizeof reasons, "%s", in->printer_reasons ? in->printer_reasons : "");
  char *save = NULL;
  for (char *word = strtok_r(reasons, ", ", &save); word; word = strtok_r(NULL, ", ", &save)) {
    present[fixed_index(PRINTER_REASONS, COUNT(PRINTER_REASONS), metrics_printer_reason_label(word))] = true;
    any = true;
  }
  if (!any)
    present[0] = true; /* "none" */
  family(out, "allwedd_printer_state_reason", "gauge",
         "Each reason the card printer gives for its state (IPP printer-state-reasons without the"
         " -error/-warning/-report suffix, or why it could not be asked), 1 while it holds.");
  for (size_t r = 0; r < COUNT(PRINTER_REASONS); r++)
    if (present[r])
      fprintf(out, "allwedd_printer_state_reason{reason=\"%s\"} 1\n", PRINTER_REASONS[r]);
  if (in->printer_accepting >= 0)
    single(out, "allwedd_printer_accepting_jobs", "gauge",
           "Whether the card printer's queue accepts jobs (0 after cupsreject).", in->printer_accepting ? 1 : 0);
  if (in->printer_queued_jobs >= 0)
    single(out, "allwedd_printer_queued_jobs", "gauge", "Jobs waiting in the card printer's queue.",
           (double)in->printer_queued_jobs);
}

bool metrics_write(const metrics_input_t *in, FILE *out)
{
  single(out, "allwedd_store_up", "gauge", "Whether the local store could be read (1) or not (0).",
         in->store_up ? 1 : 0);
  if (in->store_up) {
    write_sync(in, out);
    write_rows(in, out);
    write_cards(in, out);
    for (size_t i = 0; i < COUNT(event_metrics); i++)
      single(out, event_metrics[i].name, "counter", event_metrics[i].help,
             (double)in->event_counts[event_metrics[i].event]);
  }
  write_kiosk(in, out);
  write_printer(in, out);
  return !ferror(out);
}
