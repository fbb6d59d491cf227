/*
 * The metrics text (metrics.c) from figures set by hand: exact lines, HELP
 * and TYPE before every sample, counters named _total, label values only
 * from the fixed lists (anything else becomes "other"), nothing but the
 * kiosk and printer when the store is down; and the kiosk's heartbeat file
 * (heartbeat.c): written whole, read back, first frame at once, clean stop.
 */
#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/heartbeat.h"
#include "core/metrics.h"
#include "core/store_attention.h"
#include "core/store_staff.h"
#include "testlib.h"

/* Format in as text (malloc'd). */
static char *format(const metrics_input_t *in)
{
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  if (!f)
    return NULL;
  bool ok = metrics_write(in, f);
  fclose(f);
  if (!ok) {
    free(text);
    return NULL;
  }
  return text;
}

/* True when text has line as a whole line. */
static bool has_line(const char *text, const char *line)
{
  size_t n = strlen(line);
  for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
    if (!strncmp(p, line, n) && (p[n] == '\n' || p[n] == '\0'))
      return true;
  return false;
}

/* Every sample's family has HELP and TYPE before it; counters end in _total
 * and gauges do not. Returns the number of problems (printed). */
static int check_families(const char *text)
{
  char help[64][96], type[64][96];
  int nhelp = 0, ntype = 0, problems = 0;
  char *copy = strdup(text), *save = NULL;
  for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    char name[96], kind[32];
    if (sscanf(line, "# HELP %95s", name) == 1 && nhelp < 64) {
      snprintf(help[nhelp++], sizeof help[0], "%s", name);
    } else if (sscanf(line, "# TYPE %95s %31s", name, kind) == 2 && ntype < 64) {
      snprintf(type[ntype++], sizeof type[0], "%s", name);
      size_t n = strlen(name);
      bool total = n > 6 && !strcmp(name + n - 6, "_total");
      if (total != !strcmp(kind, "counter")) {
        printf("      %s is a %s\n", name, kind);
        problems++;
      }
    } else if (line[0] != '#') {
      size_t n = strcspn(line, "{ ");
      bool helped = false, typed = false;
      for (int i = 0; i < nhelp; i++)
        helped |= strlen(help[i]) == n && !strncmp(help[i], line, n);
      for (int i = 0; i < ntype; i++)
        typed |= strlen(type[i]) == n && !strncmp(type[i], line, n);
      if (!helped || !typed) {
        printf("      no HELP/TYPE before: %s\n", line);
        problems++;
      }
    }
  }
  free(copy);
  return problems;
}

static void test_full(void)
{
  TEST_SECTION("every figure, as set");
  metrics_input_t in;
  metrics_input_init(&in, 1795000000);
  in.store_up = true;
  in.rows = (store_table_rows_t){.patients = 74, .key_workers = 14, .key_worker_history = 80,
                                 .services = 30, .patients_without_key_worker = 5, .sync_runs = 2,
                                 .cards_printed = 6, .audit_log = 40};
  in.data_generated = 1795000000 - 3600;
  store_sync_run_t run = {.duration_ms = 1500, .nfiles = 2};
  snprintf(run.files[0].file, sizeof run.files[0].file, "patients.csv");
  run.files[0].rejected = 2;
  snprintf(run.files[1].file, sizeof run.files[1].file, "services.csv");
  in.last_import = &run;
  in.last_import_at = 1795000000 - 600;
  in.have_attempt = true;
  in.last_result = STORE_SYNC_REJECTED;
  in.last_attempt_at = 1795000000 - 60;
  store_card_count_t cards[] = {{"new", "kiosk", "completed", 3},
                                {"lost", "staff", "media-empty", 1},
                                {"Siân Jones-Pugh", "robot", "CF14 4XW", 2}};
  in.cards = cards;
  in.ncards = 3;
  in.event_counts[METRICS_EVENT_IDENTIFIED] = 9;
  in.event_counts[METRICS_EVENT_IDENTIFY_FAILED] = 4;
  in.event_counts[METRICS_EVENT_IDENTIFY_PAUSED] = 1;
  in.event_counts[METRICS_EVENT_STAFF_PIN_FAILED] = 2;
  in.event_counts[METRICS_EVENT_STAFF_PIN_LOCKED] = 1;
  in.event_counts[METRICS_EVENT_PRINTER_RESUMED] = 3;
  in.event_counts[METRICS_EVENT_KIOSK_START] = 7;
  in.event_counts[METRICS_EVENT_HELP_REQUESTED] = 5;
  in.event_counts[METRICS_EVENT_SYNC_IMPORTED] = 2;
  in.event_counts[METRICS_EVENT_SYNC_REJECTED] = 1;
  CHECK_STR(metrics_event_name(METRICS_EVENT_IDENTIFY_FAILED), STORE_EVENT_IDENTIFY_FAILED);
  CHECK_STR(metrics_event_name(METRICS_EVENT_STAFF_PIN_FAILED), "staff_login_failed");
  CHECK_STR(metrics_event_name(METRICS_EVENT_STAFF_PIN_LOCKED), STORE_EVENT_STAFF_PIN_LOCKED);
  for (int e = 0; e < METRICS_EVENT_COUNT; e++)
    CHECK(metrics_event_name((metrics_event_t)e)[0] != '\0');
  in.kiosk_read = HEARTBEAT_READ_OK;
  in.kiosk = (heartbeat_state_t){.pid = 42, .started_ms = 1794990000000, .beat_ms = 1794999998500,
                                 .frame_ms = 1794999990250};
  in.kiosk_running = true;
  in.printer_known = true;
  in.printer_state = METRICS_PRINTER_STOPPED;
  in.printer_reasons = "media-empty-error, paused, marker-supply-low-warning, media-empty-report";
  in.printer_accepting = 1;
  in.printer_queued_jobs = 2;

  char *text = format(&in);
  CHECK(text != NULL);
  if (!text)
    return;
  CHECK(has_line(text, "allwedd_store_up 1"));
  CHECK(has_line(text, "allwedd_data_generated_timestamp_seconds 1794996400"));
  CHECK(has_line(text, "allwedd_data_age_seconds 3600"));
  CHECK(has_line(text, "allwedd_sync_last_import_timestamp_seconds 1794999400"));
  CHECK(has_line(text, "allwedd_sync_last_import_duration_seconds 1.5"));
  CHECK(has_line(text, "allwedd_sync_last_import_rejected_rows{file=\"patients\"} 2"));
  CHECK(has_line(text, "allwedd_sync_last_import_rejected_rows{file=\"services\"} 0"));
  CHECK(has_line(text, "allwedd_sync_last_attempt_timestamp_seconds 1794999940"));
  CHECK(has_line(text, "allwedd_sync_last_result{result=\"imported\"} 0"));
  CHECK(has_line(text, "allwedd_sync_last_result{result=\"rejected\"} 1"));
  CHECK(has_line(text, "allwedd_sync_last_result{result=\"failed\"} 0"));
  CHECK(has_line(text, "allwedd_sync_attempts_total{result=\"imported\"} 2"));
  CHECK(has_line(text, "allwedd_sync_attempts_total{result=\"rejected\"} 1"));
  CHECK(has_line(text, "allwedd_sync_attempts_total{result=\"failed\"} 0"));
  CHECK(has_line(text, "allwedd_store_rows{table=\"patients\"} 74"));
  CHECK(has_line(text, "allwedd_store_rows{table=\"audit_log\"} 40"));
  CHECK(has_line(text, "allwedd_patients_without_key_worker 5"));
  CHECK(has_line(text, "allwedd_cards_total{reason=\"new\",channel=\"kiosk\",outcome=\"completed\"} 3"));
  CHECK(has_line(text, "allwedd_cards_total{reason=\"lost\",channel=\"staff\",outcome=\"media-empty\"} 1"));
  CHECK(has_line(text, "allwedd_cards_total{reason=\"other\",channel=\"other\",outcome=\"other\"} 2"));
  CHECK(has_line(text, "allwedd_identifications_total 9"));
  CHECK(has_line(text, "allwedd_identification_failures_total 4"));
  CHECK(has_line(text, "allwedd_identification_lockouts_total 1"));
  CHECK(has_line(text, "allwedd_staff_pin_failures_total 2"));
  CHECK(has_line(text, "allwedd_staff_pin_lockouts_total 1"));
  CHECK(has_line(text, "allwedd_printer_resumes_total 3"));
  CHECK(has_line(text, "allwedd_kiosk_starts_total 7"));
  CHECK(has_line(text, "allwedd_help_requests_total 5"));
  CHECK_STR(metrics_event_name(METRICS_EVENT_HELP_REQUESTED), STORE_EVENT_HELP_REQUESTED);
  CHECK(has_line(text, "allwedd_kiosk_store_errors_total 0"));
  CHECK(has_line(text, "allwedd_kiosk_up 1"));
  CHECK(has_line(text, "allwedd_kiosk_start_time_seconds 1794990000"));
  CHECK(has_line(text, "allwedd_kiosk_heartbeat_timestamp_seconds 1794999998.5"));
  CHECK(has_line(text, "allwedd_kiosk_last_frame_timestamp_seconds 1794999990.25"));
  CHECK(has_line(text, "allwedd_printer_state{state=\"idle\"} 0"));
  CHECK(has_line(text, "allwedd_printer_state{state=\"processing\"} 0"));
  CHECK(has_line(text, "allwedd_printer_state{state=\"stopped\"} 1"));
  CHECK(has_line(text, "allwedd_printer_state{state=\"unknown\"} 0"));
  CHECK(has_line(text, "allwedd_printer_state_reason{reason=\"media-empty\"} 1"));
  CHECK(has_line(text, "allwedd_printer_state_reason{reason=\"paused\"} 1"));
  CHECK(has_line(text, "allwedd_printer_state_reason{reason=\"marker-supply-low\"} 1"));
  CHECK(strstr(text, "reason=\"none\"") == NULL);
  CHECK(strstr(text, "-error\"") == NULL && strstr(text, "-warning\"") == NULL);
  { /* each reason once, though the printer gave media-empty twice */
    const char *first = strstr(text, "reason=\"media-empty\"");
    CHECK(first && !strstr(first + 1, "reason=\"media-empty\""));
  }
  CHECK(has_line(text, "allwedd_printer_accepting_jobs 1"));
  CHECK(has_line(text, "allwedd_printer_queued_jobs 2"));
  CHECK_INT(check_families(text), 0);

  TEST_SECTION("a recorded value off the fixed lists never reaches a label");
  CHECK(strstr(text, "Siân") == NULL);
  CHECK(strstr(text, "Jones-Pugh") == NULL);
  CHECK(strstr(text, "CF14") == NULL);
  CHECK(strstr(text, "robot") == NULL);
  free(text);
  in.printer_reasons = "Printer \"Bay 2\" jammed\nby Jones";
  CHECK_STR(metrics_printer_reason_label("Jones"), "other");
  CHECK_STR(metrics_printer_reason_label(NULL), "other");
  CHECK_STR(metrics_printer_reason_label("paused"), "paused");
  CHECK_STR(metrics_printer_reason_label("media-jam-error"), "media-jam");
  CHECK_STR(metrics_printer_reason_label("-error"), "other");
  text = format(&in);
  CHECK(text && has_line(text, "allwedd_printer_state_reason{reason=\"other\"} 1"));
  CHECK(text && strstr(text, "Jones") == NULL && strstr(text, "Bay 2") == NULL);
  free(text);

  TEST_SECTION("a printer that could not be asked: unknown, and why");
  in.printer_state = METRICS_PRINTER_UNKNOWN;
  in.printer_reasons = "unreachable";
  in.printer_accepting = -1;
  in.printer_queued_jobs = -1;
  text = format(&in);
  CHECK(text && has_line(text, "allwedd_printer_state{state=\"unknown\"} 1"));
  CHECK(text && has_line(text, "allwedd_printer_state{state=\"idle\"} 0"));
  CHECK(text && has_line(text, "allwedd_printer_state_reason{reason=\"unreachable\"} 1"));
  CHECK(text && strstr(text, "allwedd_printer_accepting_jobs") == NULL);
  CHECK(text && strstr(text, "allwedd_printer_queued_jobs") == NULL);
  CHECK(text && check_families(text) == 0);
  free(text);
  in.printer_state = METRICS_PRINTER_IDLE;
  in.printer_reasons = "none";
  text = format(&in);
  CHECK(text && has_line(text, "allwedd_printer_state_reason{reason=\"none\"} 1"));
  CHECK(text && has_line(text, "allwedd_printer_state{state=\"idle\"} 1"));
  free(text);
}

static void test_store_down(void)
{
  TEST_SECTION("the store cannot be read: store_up 0, the kiosk still reported");
  metrics_input_t in;
  metrics_input_init(&in, 1795000000);
  char *text = format(&in);
  CHECK(text && has_line(text, "allwedd_store_up 0"));
  CHECK(text && has_line(text, "allwedd_kiosk_up 0"));
  CHECK(text && strstr(text, "allwedd_store_rows") == NULL);
  CHECK(text && strstr(text, "allwedd_data_age_seconds") == NULL);
  CHECK(text && strstr(text, "allwedd_kiosk_start_time_seconds") == NULL);
  CHECK(text && strstr(text, "allwedd_printer_state") == NULL);
  CHECK(text && check_families(text) == 0);
  free(text);

  TEST_SECTION("a store never synced: no data age, no last import, attempts 0");
  in.store_up = true;
  text = format(&in);
  CHECK(text && strstr(text, "allwedd_data_age_seconds") == NULL);
  CHECK(text && strstr(text, "allwedd_sync_last_result") == NULL);
  CHECK(text && has_line(text, "allwedd_sync_attempts_total{result=\"imported\"} 0"));
  CHECK(text && check_families(text) == 0);
  free(text);
}

/* Files in dir other than name (temporary files left behind). */
static int strays(const char *dir, const char *name)
{
  DIR *d = opendir(dir);
  struct dirent *de;
  int n = 0;
  while (d && (de = readdir(d)))
    if (de->d_name[0] != '.' && strcmp(de->d_name, name))
      n++;
  if (d)
    closedir(d);
  return n;
}

static void test_heartbeat(void)
{
  char path[300], err[512], dir[] = "/tmp/allwedd-heartbeat-XXXXXX";
  heartbeat_state_t s;

  TEST_SECTION("the heartbeat's path beside the store");
  CHECK(heartbeat_path("/var/lib/allwedd/allwedd.db", path, sizeof path));
  CHECK_STR(path, "/var/lib/allwedd/allwedd-kiosk.state");
  CHECK(heartbeat_path("store", path, sizeof path));
  CHECK_STR(path, "store-kiosk.state");
  CHECK(!heartbeat_path("/var/lib/allwedd/allwedd.db", path, 10));

  TEST_SECTION("start, first frame at once, clean stop");
  if (!CHECK(mkdtemp(dir) != NULL))
    return;
  snprintf(path, sizeof path, "%s/store-kiosk.state", dir);
  CHECK_INT(heartbeat_read(path, &s, err, sizeof err), HEARTBEAT_READ_ABSENT);
  heartbeat_t *hb = heartbeat_start(path, err, sizeof err);
  CHECK(hb != NULL);
  CHECK_INT(heartbeat_read(path, &s, err, sizeof err), HEARTBEAT_READ_OK);
  CHECK_INT(s.pid, getpid());
  CHECK(s.started_ms > 0 && s.beat_ms >= s.started_ms);
  CHECK_INT(s.frame_ms, 0);
  CHECK_INT(s.stopped_ms, 0);
  CHECK(heartbeat_running(&s));
  heartbeat_beat(hb, 1); /* the first frame is written at once */
  CHECK_INT(heartbeat_read(path, &s, err, sizeof err), HEARTBEAT_READ_OK);
  CHECK(s.frame_ms >= s.started_ms);
  int64_t first_frame = s.frame_ms;
  heartbeat_beat(hb, 2); /* within the interval: kept in memory, not written */
  CHECK_INT(heartbeat_read(path, &s, err, sizeof err), HEARTBEAT_READ_OK);
  CHECK_INT(s.frame_ms, first_frame);
  CHECK_STR(heartbeat_error(hb), "");
  CHECK_INT(strays(dir, "store-kiosk.state"), 0);
  CHECK(heartbeat_stop(hb, err, sizeof err));
  CHECK_INT(heartbeat_read(path, &s, err, sizeof err), HEARTBEAT_READ_OK);
  CHECK(s.stopped_ms >= s.started_ms);
  CHECK(s.frame_ms >= first_frame); /* the last frame is written at the stop */
  CHECK(!heartbeat_running(&s));
  CHECK_INT(strays(dir, "store-kiosk.state"), 0);
  heartbeat_beat(NULL, 3);

  TEST_SECTION("a process that is gone is not running");
  pid_t child = fork();
  if (child == 0)
    _exit(0);
  waitpid(child, NULL, 0);
  s.pid = child;
  s.stopped_ms = 0;
  CHECK(!heartbeat_running(&s));

  TEST_SECTION("a malformed or unwritable heartbeat is an error, never a crash");
  FILE *f = fopen(path, "w");
  fputs("pid=12\nstarted_ms=oops\n", f);
  fclose(f);
  CHECK_INT(heartbeat_read(path, &s, err, sizeof err), HEARTBEAT_READ_BAD);
  CHECK(strstr(err, ":2:") != NULL);
  f = fopen(path, "w");
  fputs("pid=12\n", f);
  fclose(f);
  CHECK_INT(heartbeat_read(path, &s, err, sizeof err), HEARTBEAT_READ_BAD);
  CHECK(strstr(err, "incomplete") != NULL);
  char nowhere[400];
  snprintf(nowhere, sizeof nowhere, "%s/missing/kiosk.state", dir);
  CHECK(heartbeat_start(nowhere, err, sizeof err) == NULL);
  CHECK(strstr(err, "missing") != NULL);
  unlink(path);
  rmdir(dir);
}

int main(void)
{
  test_full();
  test_store_down();
  test_heartbeat();
  return test_summary();
}
