/*
 * allwedd printer: is the card printer ready? Asks the printer (through
 * CUPS or straight over IPP) without printing anything: the same check
 * every print makes before it sends a card. --state gives the queue's
 * state, reasons and message (what metrics and the staff screen show);
 * --resume and --recover resume a queue stopped after a fault once its
 * printer is ready (--recover only with [printer] auto_resume, as the kiosk
 * does on its timer), and audit it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/print_recovery.h"
#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/profile.h"
#include "core/store.h"
#include "platform/print.h"

static const char usage_text[] =
    "usage: allwedd printer [--printer NAME|URI] [--profile NAME] [--timeout SECONDS]\n"
    "                       [--state | --resume | --recover | --job ID | --resolve-records]\n"
    "                       [--config FILE] [--db PATH]\n"
    "\n"
    "Ask the card printer whether it is ready, printing nothing. The printer is\n"
    "a CUPS queue, an ipp:// URI, or (default) [printer] name from the\n"
    "configuration, else the default destination. Prints one line:\n"
    "  OUTCOME: message   e.g. 'completed: cards is ready: idle, accepting jobs ...'\n"
    "                     or   'media-empty: ... (printer-state-reasons: ...)'\n"
    "\n"
    "  --timeout S  give up after S seconds (default: [printer] timeout_s)\n"
    "  --state      the queue's state instead, one 'key: value' per line:\n"
    "               printer, state (idle|processing|stopped|unknown), accepting,\n"
    "               reasons, message (e.g. the reason given to cupsdisable -r),\n"
    "               queued-jobs, would-print\n"
    "  --resume     resume a stopped CUPS queue (as cupsenable does) if its printer\n"
    "               reports ready; audited as printer_resumed (actor staff)\n"
    "  --recover    what the kiosk does on its timer: --resume, but only when\n"
    "               [printer] auto_resume = true (actor kiosk)\n"
    "  --job ID     the state of print job ID on the printer (completed, aborted,\n"
    "               canceled, pending, held, processing, stopped, not-found)\n"
    "  --resolve-records  card records left 'submitting' by a process that was\n"
    "               killed mid-print: ask each one's printer what became of the\n"
    "               job and record it (a job still waiting is cancelled and the\n"
    "               record says interrupted); audited card_print_resolved. The\n"
    "               kiosk does this at start; run it only when nothing else prints\n"
    "\n"
    "Exit status: 0 ready (--state: a card would be sent now; --resume/--recover:\n"
    "the queue is not stopped now), 1 not ready or still stopped, 2 usage or\n"
    "configuration error.\n";

typedef enum { ACT_CHECK = 0, ACT_STATE, ACT_RESUME, ACT_RECOVER, ACT_JOB, ACT_RESOLVE } printer_action_t;

typedef struct {
  const char *printer, *profile, *config, *db;
  int timeout_s, job_id;
  printer_action_t action;
} printer_args_t;

/* Parse the options; CLI_OK, -1 after --help, or the exit status. */
static int printer_parse(int argc, char **argv, printer_args_t *a)
{
  static const struct option options[] = {{"printer", required_argument, NULL, 'p'},
                                          {"profile", required_argument, NULL, 'f'},
                                          {"config", required_argument, NULL, 'c'},
                                          {"db", required_argument, NULL, 'd'},
                                          {"timeout", required_argument, NULL, 't'},
                                          {"state", no_argument, NULL, 's'},
                                          {"resume", no_argument, NULL, 'r'},
                                          {"recover", no_argument, NULL, 'R'},
                                          {"job", required_argument, NULL, 'j'},
                                          {"resolve-records", no_argument, NULL, 'x'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  int c, actions = 0;
  long number = 0;
  memset(a, 0, sizeof *a);
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'p': a->printer = optarg; break;
    case 'f': a->profile = optarg; break;
    case 'c': a->config = optarg; break;
    case 'd': a->db = optarg; break;
    case 't':
      if (!cli_parse_long("printer", "--timeout", optarg, 1, 3600, &number))
        return CLI_USAGE;
      a->timeout_s = (int)number;
      break;
    case 's': a->action = ACT_STATE; actions++; break;
    case 'r': a->action = ACT_RESUME; actions++; break;
    case 'R': a->action = ACT_RECOVER; actions++; break;
    case 'x': a->action = ACT_RESOLVE; actions++; break;
    case 'j':
      a->action = ACT_JOB;
      actions++;
      if (!cli_parse_long("printer", "--job", optarg, 1, 2147483647L, &number))
        return CLI_USAGE;
      a->job_id = (int)number;
      break;
    case 'h': fputs(usage_text, stdout); return -1;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (optind < argc || actions > 1) {
    fprintf(stderr, "allwedd printer: %s\n\n%s",
            actions > 1 ? "give one of --state, --resume, --recover, --job, --resolve-records"
                        : "unexpected argument",
            usage_text);
    return CLI_USAGE;
  }
  return CLI_OK;
}

/* The print-like check (print_job check_only); exit status. */
static int printer_check(const printer_args_t *a, const config_t *cfg, int timeout_s)
{
  char err[1200];
  profile_t profile;
  if (!profile_load(&profile, cfg->data_dir, a->profile ? a->profile : cfg->printer_profile, err,
                    sizeof err)) {
    fprintf(stderr, "allwedd printer: %s\n", err);
    return CLI_USAGE;
  }
  raster_doc_t none = {0};
  print_options_t opt = {.printer = a->printer ? a->printer : cfg->printer,
                         .title = "Allwedd status check", .timeout_s = timeout_s, .check_only = true};
  print_job_t *job = print_job_start(&opt, &profile, &none, err, sizeof err);
  if (!job) {
    fprintf(stderr, "allwedd printer: %s\n", err);
    return CLI_USAGE;
  }
  print_status_t s;
  print_job_wait(job, &s);
  print_job_free(job);
  printf("%s: %s\n", print_outcome_keyword(s.outcome), s.staff_message);
  return s.outcome == PRINT_OUTCOME_COMPLETED ? CLI_OK : CLI_REFUSED;
}

/* Print the queue's state as 'key: value' lines. */
static void printer_show_state(const print_queue_info_t *q)
{
  printf("printer: %s\n", q->printer);
  printf("state: %s\n", print_queue_state_keyword(q->state));
  if (q->state == PRINT_QUEUE_UNKNOWN) {
    printf("error: %s\n", q->error);
    return;
  }
  printf("accepting: %s\n", q->accepting ? "yes" : "no");
  printf("reasons: %s\n", q->reasons);
  printf("message: %s\n", q->message);
  if (q->queued_jobs >= 0)
    printf("queued-jobs: %d\n", q->queued_jobs);
  printf("would-print: %s\n",
         q->blocker == PRINT_OUTCOME_NONE ? "yes" : print_outcome_keyword(q->blocker));
}

/* Audit a resume in the store's records; false (with a message) if it cannot. */
static bool printer_audit_resume(const printer_args_t *a, const config_t *cfg, const char *actor,
                                 const print_queue_info_t *q, const char *why)
{
  char err[512], detail[1600];
  store_t *st = store_open_existing(a->db ? a->db : cfg->db_path, err, sizeof err);
  bool ok = st != NULL;
  if (ok) {
    snprintf(detail, sizeof detail, "printer=%s state=%s %s", q->printer,
             print_queue_state_keyword(q->state), why);
    ok = store_audit(st, actor, "printer_resumed", detail);
    if (!ok)
      snprintf(err, sizeof err, "%s", store_error(st));
  }
  if (!ok)
    fprintf(stderr, "allwedd printer: the queue was resumed, but cannot write the audit log: %s\n", err);
  store_close(st);
  return ok;
}

/* --resume / --recover: resume a stopped queue once its printer is ready. */
static int printer_resume(const printer_args_t *a, const config_t *cfg, int timeout_s)
{
  char why[1024];
  print_queue_info_t q;
  const char *printer = a->printer ? a->printer : cfg->printer;
  bool recover = a->action == ACT_RECOVER;
  if (recover && !cfg->print_auto_resume) {
    print_queue_state(printer, timeout_s * 1000, &q);
    printf("%s: [printer] auto_resume is off; the queue is left as it is\n",
           print_queue_state_keyword(q.state));
    printer_show_state(&q);
    return q.state == PRINT_QUEUE_IDLE || q.state == PRINT_QUEUE_PROCESSING ? CLI_OK : CLI_REFUSED;
  }
  print_resume_t r = print_queue_resume_if_ready(printer, timeout_s * 1000, &q, why, sizeof why);
  printf("%s: %s\n", print_resume_keyword(r), why);
  printer_show_state(&q);
  if (r == PRINT_RESUME_RESUMED && !printer_audit_resume(a, cfg, recover ? "kiosk" : "staff", &q, why))
    return CLI_REFUSED;
  bool running = q.state == PRINT_QUEUE_IDLE || q.state == PRINT_QUEUE_PROCESSING;
  return r == PRINT_RESUME_RESUMED || r == PRINT_RESUME_NOT_STOPPED ||
                 (r == PRINT_RESUME_NOT_A_QUEUE && running)
             ? CLI_OK
             : CLI_REFUSED;
}

int cmd_printer(int argc, char **argv)
{
  printer_args_t a;
  config_t cfg;
  int status = printer_parse(argc, argv, &a);
  if (status != CLI_OK)
    return status < 0 ? CLI_OK : status;
  if (!cli_load_config("printer", a.config, &cfg))
    return CLI_USAGE;
  int timeout_s = a.timeout_s ? a.timeout_s : cfg.print_timeout_s;
  if (a.action == ACT_CHECK)
    return printer_check(&a, &cfg, timeout_s);
  if (a.action == ACT_RESOLVE) {
    app_print_recovery_t r;
    bool ok = app_print_recovery_run(a.db ? a.db : cfg.db_path, 0, timeout_s * 1000, "staff", &r);
    printf("resolved: %zu (interrupted %zu, jobs cancelled %zu); left: %zu (printer not answering)\n",
           r.resolved, r.interrupted, r.cancelled, r.left_unanswered);
    if (r.message[0])
      fprintf(stderr, "allwedd printer: %s\n", r.message);
    return ok && !r.left_unanswered ? CLI_OK : CLI_REFUSED;
  }
  if (a.action == ACT_JOB) {
    char detail[512];
    print_job_state_t js;
    const char *printer = a.printer ? a.printer : cfg.printer;
    bool ok = print_job_state_by_id(printer, a.job_id, timeout_s * 1000, &js, detail, sizeof detail);
    printf("job %d on %s: %s (%s)\n", a.job_id, printer[0] ? printer : "(default)",
           print_job_state_keyword(js), detail);
    return ok ? CLI_OK : CLI_REFUSED;
  }
  if (a.action == ACT_STATE) {
    print_queue_info_t q;
    bool ok = print_queue_state(a.printer ? a.printer : cfg.printer, timeout_s * 1000, &q);
    printer_show_state(&q);
    return ok && q.blocker == PRINT_OUTCOME_NONE ? CLI_OK : CLI_REFUSED;
  }
  return printer_resume(&a, &cfg, timeout_s);
}
