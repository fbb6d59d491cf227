/*
 * The kiosk's printer watch: a thread that keeps the card printer's CUPS
 * queue printing. CUPS's default error policy (stop-printer) stops a queue
 * after one fault (a jam, an empty hopper), and it stays stopped until
 * someone runs cupsenable: with [printer] auto_resume = true the watch
 * resumes it as soon as its printer reports ready (print.h,
 * print_queue_resume_if_ready) and audits "printer_resumed" (actor kiosk).
 *
 * It asks at start, then every APP_PRINTER_WATCH_STOPPED_S seconds while the
 * queue is stopped and every APP_PRINTER_WATCH_IDLE_S otherwise. Each check
 * blocks this thread only (never the screen), for at most the print timeout.
 */
#ifndef ALLWEDD_APP_PRINTER_WATCH_H
#define ALLWEDD_APP_PRINTER_WATCH_H

#include "app/records.h"
#include "core/config.h"

enum { APP_PRINTER_WATCH_STOPPED_S = 30, APP_PRINTER_WATCH_IDLE_S = 300 };

typedef struct app_printer_watch app_printer_watch_t;

/* Start watching cfg's printer (copied) when cfg->print_auto_resume is set
 * and the printer is a CUPS queue (not an ipp:// URI); records (borrowed,
 * must outlive the watch) takes the audit entries. NULL when there is
 * nothing to watch or the thread cannot start (err says which; "" for
 * nothing to watch). */
app_printer_watch_t *app_printer_watch_start(const config_t *cfg, app_records_t *records, char *err,
                                             size_t errlen);

/* Stop the thread (waiting for a check in progress) and free; NULL ok. */
void app_printer_watch_stop(app_printer_watch_t *w);

#endif
