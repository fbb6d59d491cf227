/*
 * The printer outside a print job: connecting (shared with print.c), a
 * queue's state for metrics and the staff screen, resuming a queue stopped
 * after an error once its printer is ready again ([printer] auto_resume,
 * issue 9), and a job looked up by id (unfinished print records after a
 * crash, issue 11). Each call blocks for at most its timeout, counted over
 * every request it makes; none keeps state between calls.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "platform/print.h"
#include "platform/print_private.h"

/* ---- connections ---- */

/* Connect to host:port; on failure why gets the reason libcups recorded
 * (httpAddrConnect2 sets it; errno is gone by the time httpConnect2
 * returns). libcups says "Host is down" whenever every address failed at
 * once, which on a LAN is usually a refused connection: say both. */
static http_t *conn_connect(const char *host, int port, http_encryption_t enc, int connect_ms,
                            int *cancel, char *why, size_t whylen)
{
  http_t *http = httpConnect2(host, port, NULL, AF_UNSPEC, enc, 1, connect_ms > 0 ? connect_ms : 1,
                              cancel);
  if (!http) {
    const char *msg = cupsLastErrorString();
    if (!msg || !*msg || !strcmp(msg, strerror(0)))
      msg = "no answer in time";
    else if (!strcmp(msg, strerror(EHOSTDOWN)))
      msg = "connection refused, or the host is down";
    snprintf(why, whylen, "cannot connect to %s:%d: %s", host, port, msg);
  }
  return http;
}

/* Connect to a printer URI or a CUPS queue. */
print_conn_result_t print_conn_open(print_conn_t *c, const char *printer, int connect_ms, int *cancel,
                                    http_timeout_cb_t wait_cb, void *wait_data, char *why,
                                    size_t whylen)
{
  char scheme[32], user[64], host[256], reason[400];
  int port = 0;
  memset(c, 0, sizeof *c);
  snprintf(c->name, sizeof c->name, "%s", printer ? printer : "");
  if (!strncmp(c->name, "ipp://", 6) || !strncmp(c->name, "ipps://", 7)) {
    if (httpSeparateURI(HTTP_URI_CODING_ALL, c->name, scheme, sizeof scheme, user, sizeof user,
                        host, sizeof host, &port, c->resource,
                        sizeof c->resource) < HTTP_URI_STATUS_OK) {
      snprintf(why, whylen, "'%s' is not a printer URI", c->name);
      return PRINT_CONN_BAD_URI;
    }
    snprintf(c->uri, sizeof c->uri, "%s", c->name);
    c->http = conn_connect(host, port,
                           strcmp(scheme, "ipps") ? HTTP_ENCRYPTION_IF_REQUESTED : HTTP_ENCRYPTION_ALWAYS,
                           connect_ms, cancel, reason, sizeof reason);
    if (!c->http) {
      snprintf(why, whylen, "printer %s unreachable: %s", c->name, reason);
      return PRINT_CONN_UNREACHABLE;
    }
  } else {
    c->is_queue = true;
    c->http = conn_connect(cupsServer(), ippPort(), cupsEncryption(), connect_ms, cancel, reason,
                           sizeof reason);
    if (!c->http) {
      snprintf(why, whylen, "CUPS server unreachable: %s", reason);
      return PRINT_CONN_UNREACHABLE;
    }
  }
  httpSetTimeout(c->http, PRINT_WAIT_SLICE_S, wait_cb, wait_data);
  if (c->is_queue && !c->name[0]) {
    cups_dest_t *dest = cupsGetNamedDest(c->http, NULL, NULL);
    if (!dest) {
      snprintf(why, whylen, "no printer given and no default destination");
      print_conn_close(c);
      return PRINT_CONN_NO_DEFAULT;
    }
    snprintf(c->name, sizeof c->name, "%s", dest->name);
    cupsFreeDests(1, dest);
  }
  if (c->is_queue) {
    httpAssembleURIf(HTTP_URI_CODING_ALL, c->uri, sizeof c->uri, "ipp", NULL, "localhost",
                     ippPort(), "/printers/%s", c->name);
    snprintf(c->resource, sizeof c->resource, "/printers/%s", c->name);
  }
  return PRINT_CONN_OK;
}

/* Close a connection. */
void print_conn_close(print_conn_t *c)
{
  if (c->http)
    httpClose(c->http);
  c->http = NULL;
}

/* A request for c's printer. */
ipp_t *print_conn_request(const print_conn_t *c, ipp_op_t op)
{
  ipp_t *req = ippNewRequest(op);
  ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, c->uri);
  ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
  return req;
}

/* Why the last request failed, never "Success". */
void print_conn_failure(const print_conn_t *c, char *out, size_t outlen)
{
  int e = c->http ? httpError(c->http) : 0;
  const char *msg = cupsLastErrorString();
  if (e)
    snprintf(out, outlen, "%s", strerror(e));
  else if (msg && *msg && strcmp(msg, strerror(0)))
    snprintf(out, outlen, "%s", msg);
  else
    snprintf(out, outlen, "%s", ippErrorString(cupsLastError()));
}

/* libcups' wait callback for the calls here: go on until the deadline
 * (monotonic milliseconds) that data points to. */
static int queue_wait(http_t *http, void *data)
{
  (void)http;
  return clock_monotonic_ms() < *(const int64_t *)data;
}

/* Milliseconds left before deadline (at least 1). */
static int queue_left_ms(int64_t deadline)
{
  int64_t left = deadline - clock_monotonic_ms();
  return left > 1 ? (int)left : 1;
}

/* Open c for printer with the deadline; false with the reason in err. */
static bool queue_open(print_conn_t *c, const char *printer, const int64_t *deadline, char *err,
                       size_t errlen)
{
  return print_conn_open(c, printer, queue_left_ms(*deadline), NULL, queue_wait, (void *)deadline,
                         err, errlen) == PRINT_CONN_OK;
}

/* Send req on c; the response, or NULL with the reason in err (the IPP
 * status in *st). */
static ipp_t *queue_do(print_conn_t *c, ipp_t *req, const char *operation, const int64_t *deadline,
                       ipp_status_t *st, char *err, size_t errlen)
{
  ipp_t *resp = cupsDoRequest(c->http, req, c->resource);
  *st = cupsLastError();
  if (resp && *st <= IPP_STATUS_OK_EVENTS_COMPLETE)
    return resp;
  ippDelete(resp);
  char why[256];
  print_conn_failure(c, why, sizeof why);
  if (clock_monotonic_ms() >= *deadline)
    snprintf(err, errlen, "%s did not answer %s in time (%s)", c->name, operation, why);
  else
    snprintf(err, errlen, "%s refused %s: %s", c->name, operation, why);
  return NULL;
}

/* ---- a queue's state ---- */

/* Fill out from Get-Printer-Attributes on an open connection. */
static bool queue_read_state(print_conn_t *c, const int64_t *deadline, print_queue_info_t *out)
{
  static const char *const want[] = {"printer-state",          "printer-state-reasons",
                                     "printer-state-message",  "printer-is-accepting-jobs",
                                     "queued-job-count",       "device-uri"};
  ipp_status_t st;
  ipp_t *req = print_conn_request(c, IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                (int)(sizeof want / sizeof want[0]), NULL, want);
  ipp_t *attrs = queue_do(c, req, "Get-Printer-Attributes", deadline, &st, out->error,
                          sizeof out->error);
  if (!attrs) {
    out->state = PRINT_QUEUE_UNKNOWN;
    out->blocker = st == IPP_STATUS_ERROR_NOT_FOUND ? PRINT_OUTCOME_NOT_FOUND : PRINT_OUTCOME_UNREACHABLE;
    return false;
  }
  int state = ippGetInteger(ippFindAttribute(attrs, "printer-state", IPP_TAG_ENUM), 0);
  out->state = state == IPP_PSTATE_IDLE         ? PRINT_QUEUE_IDLE
               : state == IPP_PSTATE_PROCESSING ? PRINT_QUEUE_PROCESSING
               : state == IPP_PSTATE_STOPPED    ? PRINT_QUEUE_STOPPED
                                                : PRINT_QUEUE_UNKNOWN;
  ipp_attribute_t *acc = ippFindAttribute(attrs, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
  out->accepting = !acc || ippGetBoolean(acc, 0);
  ipp_attribute_t *queued = ippFindAttribute(attrs, "queued-job-count", IPP_TAG_INTEGER);
  out->queued_jobs = queued ? ippGetInteger(queued, 0) : -1;
  const char *msg = ippGetString(ippFindAttribute(attrs, "printer-state-message", IPP_TAG_TEXT), 0, NULL);
  snprintf(out->message, sizeof out->message, "%s", msg ? msg : "");
  const char *dev = ippGetString(ippFindAttribute(attrs, "device-uri", IPP_TAG_URI), 0, NULL);
  snprintf(out->device_uri, sizeof out->device_uri, "%s", c->is_queue && dev ? dev : "");
  out->blocker = print_printer_blocker(attrs, out->reasons, sizeof out->reasons);
  if (out->blocker == PRINT_OUTCOME_NONE && !out->accepting)
    out->blocker = PRINT_OUTCOME_REFUSED;
  ippDelete(attrs);
  return true;
}

/* Ask printer for its state. */
bool print_queue_state(const char *printer, int timeout_ms, print_queue_info_t *out)
{
  int64_t deadline = clock_monotonic_ms() + (timeout_ms > 0 ? timeout_ms : 1);
  print_conn_t c;
  memset(out, 0, sizeof *out);
  out->queued_jobs = -1;
  snprintf(out->reasons, sizeof out->reasons, "none");
  bool ok = queue_open(&c, printer, &deadline, out->error, sizeof out->error);
  snprintf(out->printer, sizeof out->printer, "%s", c.name[0] ? c.name : (printer ? printer : ""));
  out->is_queue = c.is_queue;
  if (!ok)
    out->blocker = PRINT_OUTCOME_UNREACHABLE;
  else
    ok = queue_read_state(&c, &deadline, out);
  print_conn_close(&c);
  return ok;
}

/* The metric/label keyword of a queue state. */
const char *print_queue_state_keyword(print_queue_state_t state)
{
  static const char *const words[] = {"unknown", "idle", "processing", "stopped"};
  return (unsigned)state < sizeof words / sizeof words[0] ? words[state] : "unknown";
}

/* The staff screen's words (msgctxt "print") for a queue state. */
const char *print_queue_state_msgid(print_queue_state_t state)
{
  switch (state) {
  case PRINT_QUEUE_IDLE:
    return "Printer: ready";
  case PRINT_QUEUE_PROCESSING:
    return "Printer: printing";
  case PRINT_QUEUE_STOPPED:
    return "Printer: stopped";
  default:
    return "Printer: not answering";
  }
}

/* ---- recovery ---- */

/* True when reasons (Get-Printer-Attributes) report a fault: anything but
 * "none", informational -report/-warning reasons (offline-report is a
 * fault), and, when skip_paused, "paused" (what cupsdisable and CUPS's
 * stop-printer error policy set). detail gets the faults. */
static bool reasons_fault(const char *reasons_joined, bool skip_paused, char *detail, size_t len)
{
  char copy[512], *save = NULL;
  size_t used = 0;
  detail[0] = '\0';
  snprintf(copy, sizeof copy, "%s", reasons_joined);
  for (char *r = strtok_r(copy, ", ", &save); r; r = strtok_r(NULL, ", ", &save)) {
    size_t n = strlen(r);
    bool info = (n > 7 && !strcmp(r + n - 7, "-report") && strcmp(r, "offline-report")) ||
                (n > 8 && !strcmp(r + n - 8, "-warning"));
    if (!strcmp(r, "none") || info || (skip_paused && !strcmp(r, "paused")))
      continue;
    used += (size_t)snprintf(detail + used, used < len ? len - used : 0, "%s%s", used ? ", " : "", r);
  }
  return detail[0] != '\0';
}

/* Is the printer behind a stopped queue ready? For an IPP device it is
 * asked itself; otherwise the queue's own reasons (paused aside) must show
 * no fault. false with the reason in why. */
static bool queue_printer_ready(const print_queue_info_t *q, const int64_t *deadline, char *why,
                                size_t whylen)
{
  char faults[512];
  if (!strncmp(q->device_uri, "ipp://", 6) || !strncmp(q->device_uri, "ipps://", 7)) {
    print_queue_info_t dev;
    print_queue_state(q->device_uri, queue_left_ms(*deadline), &dev);
    if (dev.state == PRINT_QUEUE_UNKNOWN) {
      snprintf(why, whylen, "the printer behind %s does not answer: %s", q->printer, dev.error);
      return false;
    }
    if (dev.state == PRINT_QUEUE_STOPPED || reasons_fault(dev.reasons, false, faults, sizeof faults)) {
      snprintf(why, whylen, "the printer behind %s is %s (printer-state-reasons: %s)%s%s%s",
               q->printer, print_queue_state_keyword(dev.state), dev.reasons,
               dev.message[0] ? ": \"" : "", dev.message, dev.message[0] ? "\"" : "");
      return false;
    }
    return true;
  }
  if (reasons_fault(q->reasons, true, faults, sizeof faults)) {
    snprintf(why, whylen, "%s still reports %s", q->printer, faults);
    return false;
  }
  return true;
}

/* Resume queue if it is stopped and its printer is ready. */
print_resume_t print_queue_resume_if_ready(const char *queue, int timeout_ms, print_queue_info_t *state,
                                           char *why, size_t whylen)
{
  int64_t deadline = clock_monotonic_ms() + (timeout_ms > 0 ? timeout_ms : 1);
  print_conn_t c = {0};
  print_resume_t result = PRINT_RESUME_FAILED;
  ipp_status_t st;
  char err[512];
  if (!print_queue_state(queue, timeout_ms, state)) {
    snprintf(why, whylen, "%s", state->error);
    return PRINT_RESUME_FAILED;
  }
  if (!state->is_queue) {
    snprintf(why, whylen, "%s is a printer URI: there is no CUPS queue to resume", state->printer);
    return PRINT_RESUME_NOT_A_QUEUE;
  }
  if (state->state != PRINT_QUEUE_STOPPED) {
    snprintf(why, whylen, "%s is %s, not stopped", state->printer, print_queue_state_keyword(state->state));
    return PRINT_RESUME_NOT_STOPPED;
  }
  if (!queue_printer_ready(state, &deadline, why, whylen))
    return PRINT_RESUME_NOT_READY;
  char said[256];
  snprintf(said, sizeof said, "%s", state->message);
  if (!queue_open(&c, state->printer, &deadline, err, sizeof err)) {
    snprintf(why, whylen, "%s", err);
    goto done;
  }
  ipp_t *resp = queue_do(&c, print_conn_request(&c, IPP_OP_RESUME_PRINTER), "Resume-Printer",
                         &deadline, &st, err, sizeof err);
  if (!resp) {
    snprintf(why, whylen, "%s%s", err,
             st == IPP_STATUS_ERROR_FORBIDDEN || st == IPP_STATUS_ERROR_NOT_AUTHORIZED
                 ? " (the kiosk's user needs to be allowed to manage the queue, e.g. in group lpadmin)"
                 : "");
    goto done;
  }
  ippDelete(resp);
  snprintf(why, whylen, "%s resumed: it had been stopped%s%s%s (printer-state-reasons: %s) and its printer is ready",
           state->printer, said[0] ? " (\"" : "", said, said[0] ? "\")" : "", state->reasons);
  result = PRINT_RESUME_RESUMED;
  queue_read_state(&c, &deadline, state); /* the state after: idle, or printing what waited */
done:
  print_conn_close(&c);
  return result;
}

/* The audit/record keyword of a resume result. */
const char *print_resume_keyword(print_resume_t r)
{
  static const char *const words[] = {"not-stopped", "resumed", "not-ready", "not-a-queue", "failed"};
  return (unsigned)r < sizeof words / sizeof words[0] ? words[r] : "failed";
}

/* ---- the printer behind a queue ---- */

/* The device-uri as a printer URI, without backend options. */
bool print_device_printer_uri(const char *device_uri, char *out, size_t outlen)
{
  if (strncmp(device_uri, "ipp://", 6) && strncmp(device_uri, "ipps://", 7))
    return false;
  size_t n = strcspn(device_uri, "?#");
  if (n >= outlen)
    return false;
  memcpy(out, device_uri, n);
  out[n] = '\0';
  return true;
}

/* True when name is how cupsd's ipp backend named our job there. */
static bool device_job_name_matches(const char *name, const char *ours)
{
  size_t n = strlen(name), k = strlen(ours);
  return !strcmp(name, ours) || (n > k + 3 && !strcmp(name + n - k, ours) && !strncmp(name + n - k - 3, " - ", 3));
}

/* Our job's state on the device. */
ipp_jstate_t print_device_job_state(print_conn_t *dev, const char *job_name, int *device_job_id,
                                    char *reasons, size_t reasonslen)
{
  static const char *const want[] = {"job-id", "job-name", "job-state", "job-state-reasons"};
  ipp_jstate_t state = (ipp_jstate_t)0;
  ipp_t *req = print_conn_request(dev, *device_job_id ? IPP_OP_GET_JOB_ATTRIBUTES : IPP_OP_GET_JOBS);
  if (*device_job_id)
    ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", *device_job_id);
  else
    ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", NULL, "all");
  ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 4, NULL, want);
  ipp_t *resp = cupsDoRequest(dev->http, req, dev->resource);
  if (!resp || cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
    ippDelete(resp);
    return (ipp_jstate_t)0;
  }
  /* Walk the job groups: one for Get-Job-Attributes, every job for Get-Jobs. */
  int id = 0;
  const char *name = NULL;
  ipp_jstate_t st = (ipp_jstate_t)0;
  ipp_attribute_t *why = NULL;
  for (ipp_attribute_t *a = ippFirstAttribute(resp);; a = ippNextAttribute(resp)) {
    if (!a || ippGetGroupTag(a) != IPP_TAG_JOB || !ippGetName(a)) {
      /* A group ends (or the response): is the job just read ours? */
      if (id && (*device_job_id ? id == *device_job_id : name && device_job_name_matches(name, job_name))) {
        *device_job_id = id;
        state = st;
        print_join_strings(why, reasons, reasonslen);
        break;
      }
      id = 0, name = NULL, st = (ipp_jstate_t)0, why = NULL;
      if (!a)
        break;
      continue;
    }
    if (!strcmp(ippGetName(a), "job-id"))
      id = ippGetInteger(a, 0);
    else if (!strcmp(ippGetName(a), "job-name"))
      name = ippGetString(a, 0, NULL);
    else if (!strcmp(ippGetName(a), "job-state"))
      st = (ipp_jstate_t)ippGetInteger(a, 0);
    else if (!strcmp(ippGetName(a), "job-state-reasons"))
      why = a;
  }
  ippDelete(resp);
  return state;
}

/* ---- a job by id ---- */

/* The record keyword of a job state. */
const char *print_job_state_keyword(print_job_state_t s)
{
  static const char *const words[] = {"unknown",    "not-found", "pending",  "held",     "processing",
                                      "stopped",    "canceled",  "aborted",  "completed"};
  return (unsigned)s < sizeof words / sizeof words[0] ? words[s] : "unknown";
}

/* Ask printer about job id. */
bool print_job_state_by_id(const char *printer, int job_id, int timeout_ms, print_job_state_t *state,
                           char *detail, size_t detaillen)
{
  static const char *const want[] = {"job-state", "job-state-reasons"};
  int64_t deadline = clock_monotonic_ms() + (timeout_ms > 0 ? timeout_ms : 1);
  print_conn_t c;
  ipp_status_t st;
  bool ok = false;
  *state = PRINT_JOB_UNKNOWN;
  if (job_id <= 0) {
    snprintf(detail, detaillen, "no job id");
    return false;
  }
  if (!queue_open(&c, printer, &deadline, detail, detaillen))
    goto done;
  ipp_t *req = print_conn_request(&c, IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2, NULL, want);
  ipp_t *resp = queue_do(&c, req, "Get-Job-Attributes", &deadline, &st, detail, detaillen);
  if (!resp) {
    if (st == IPP_STATUS_ERROR_NOT_FOUND) {
      *state = PRINT_JOB_NOT_FOUND;
      snprintf(detail, detaillen, "%s has no job %d", c.name, job_id);
      ok = true;
    }
    goto done;
  }
  switch (ippGetInteger(ippFindAttribute(resp, "job-state", IPP_TAG_ENUM), 0)) {
  case IPP_JSTATE_PENDING: *state = PRINT_JOB_PENDING; break;
  case IPP_JSTATE_HELD: *state = PRINT_JOB_HELD; break;
  case IPP_JSTATE_PROCESSING: *state = PRINT_JOB_PROCESSING; break;
  case IPP_JSTATE_STOPPED: *state = PRINT_JOB_STOPPED; break;
  case IPP_JSTATE_CANCELED: *state = PRINT_JOB_CANCELED; break;
  case IPP_JSTATE_ABORTED: *state = PRINT_JOB_ABORTED; break;
  case IPP_JSTATE_COMPLETED: *state = PRINT_JOB_COMPLETED; break;
  default: *state = PRINT_JOB_UNKNOWN; break;
  }
  print_join_strings(ippFindAttribute(resp, "job-state-reasons", IPP_TAG_KEYWORD), detail, detaillen);
  ippDelete(resp);
  ok = *state != PRINT_JOB_UNKNOWN;
  if (!ok)
    snprintf(detail, detaillen, "%s gave no job-state for job %d", c.name, job_id);
done:
  print_conn_close(&c);
  return ok;
}

/* Cancel job id on printer. */
bool print_job_cancel_by_id(const char *printer, int job_id, int timeout_ms, char *why, size_t whylen)
{
  int64_t deadline = clock_monotonic_ms() + (timeout_ms > 0 ? timeout_ms : 1);
  print_conn_t c;
  ipp_status_t st;
  bool ok = false;
  if (job_id <= 0) {
    snprintf(why, whylen, "no job id");
    return false;
  }
  if (queue_open(&c, printer, &deadline, why, whylen)) {
    ipp_t *req = print_conn_request(&c, IPP_OP_CANCEL_JOB);
    ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
    ipp_t *resp = queue_do(&c, req, "Cancel-Job", &deadline, &st, why, whylen);
    ok = resp != NULL;
    ippDelete(resp);
    if (ok)
      snprintf(why, whylen, "job %d on %s cancelled", job_id, c.name);
  }
  print_conn_close(&c);
  return ok;
}
