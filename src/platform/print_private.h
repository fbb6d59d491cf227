/*
 * Shared inside the print module (print.c: jobs; print_queue.c: a queue's
 * state, recovery, and a job looked up by id). Not for other modules: they
 * use platform/print.h, which keeps libcups types out of its callers.
 */
#ifndef ALLWEDD_PRINT_PRIVATE_H
#define ALLWEDD_PRINT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include <cups/cups.h>

#include "platform/print.h"

/* A connection to a printer: a CUPS queue on the CUPS server (CUPS_SERVER /
 * client.conf; "" = its default destination), or an ipp:// / ipps://
 * printer spoken to directly. */
typedef struct {
  http_t *http;
  bool is_queue;              /* false: a printer URI, no cupsd */
  char name[256];             /* the queue (resolved for "") or the URI as given */
  char uri[1024];             /* printer-uri for requests */
  char resource[1024];        /* the HTTP resource to post to */
} print_conn_t;

typedef enum {
  PRINT_CONN_OK = 0,
  PRINT_CONN_BAD_URI,         /* an ipp:// string that is not a URI */
  PRINT_CONN_NO_DEFAULT,      /* "" and the CUPS server has no default destination */
  PRINT_CONN_UNREACHABLE,     /* cannot connect to the printer or the CUPS server */
} print_conn_result_t;

/* Connect to printer within connect_ms (cancel: libcups' cancel flag, may
 * be NULL). Every later wait on the connection that stays quiet for
 * PRINT_WAIT_SLICE_S asks wait_cb(http, wait_data) whether to go on (1) or
 * give up (0): the caller's deadline. On failure c->http is NULL and why
 * holds a whole staff message ("printer X unreachable: cannot connect to
 * H:P: Connection refused", "CUPS server unreachable: ..."). */
print_conn_result_t print_conn_open(print_conn_t *c, const char *printer, int connect_ms, int *cancel,
                                    http_timeout_cb_t wait_cb, void *wait_data, char *why,
                                    size_t whylen);

/* Close the connection; c may be half-opened. */
void print_conn_close(print_conn_t *c);

/* A new request for c's printer with printer-uri and requesting-user-name. */
ipp_t *print_conn_request(const print_conn_t *c, ipp_op_t op);

/* Why the last request on c failed, in words: the socket error libcups
 * kept (httpError), else its last IPP message; never "Success" (libcups
 * writes strerror(errno) after errno was reset). */
void print_conn_failure(const print_conn_t *c, char *out, size_t outlen);

/* The printer behind a CUPS queue whose device-uri is ipp:// or ipps://
 * (an IPP Everywhere queue), as a URI to connect to: the device-uri without
 * its backend options (?waitjob=false ...). false when there is none. */
bool print_device_printer_uri(const char *device_uri, char *out, size_t outlen);

/* The state of our job on a printer spoken to directly (dev, as opened by
 * print_conn_open): found once by its job-name (the name we gave the CUPS
 * job, which cupsd's ipp backend passes on, alone or as "ID - NAME"), then
 * read by the id kept in *device_job_id. 0 when it is not there (yet) or
 * the printer did not answer (see print_conn_failure); reasons gets the
 * job-state-reasons. */
ipp_jstate_t print_device_job_state(print_conn_t *dev, const char *job_name, int *device_job_id,
                                    char *reasons, size_t reasonslen);

/* How long libcups waits on a quiet connection before asking the caller
 * whether to go on: the granularity of every timeout and of cancelling. */
#define PRINT_WAIT_SLICE_S 0.1

/* The outcome a printer's state and reasons (Get-Printer-Attributes) mean
 * for a job, or NONE when nothing stands in the way; detail gets the
 * reasons joined (", "; "none"). */
print_outcome_t print_printer_blocker(ipp_t *attrs, char *detail, size_t detaillen);

/* Staff words for a blocking outcome ("card or paper jam"). */
const char *print_blocker_text(print_outcome_t o);

/* The string values of attr joined by ", " ("none" when there are none). */
void print_join_strings(ipp_attribute_t *attr, char *out, size_t outlen);

#endif
