/*
 * Messages for the journal: one line on stderr per message, at a level.
 *
 * When stderr is the systemd journal (systemd sets $JOURNAL_STREAM to the
 * "DEVICE:INODE" of the stream it connected, and that is still our fd 2),
 * every line starts with its sd-daemon priority prefix ("<3>" error ...
 * "<7>" debug; sd-daemon(3)), so `journalctl -p warning` finds it. On a
 * terminal or a redirected file the prefix is left off: people read those.
 * The kiosk needs no special case: cage hands its own stderr and
 * environment to the kiosk, so under allwedd-kiosk.service the kiosk's
 * stderr is the journal too.
 *
 * A message that holds newlines becomes several lines, each with the
 * prefix (journald gives an unprefixed line the default level). Each
 * message is written with one write(2), so lines from threads do not mix.
 *
 * What must never be logged: a patient value (NHS number, name, date of
 * birth, postcode, address, phone) or a staff PIN. Log counts, keywords,
 * file names and row numbers; the audit log (store_audit) is where a
 * patient's identifier may go, and only what the audit needs.
 */
#ifndef ALLWEDD_LOG_H
#define ALLWEDD_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* The sd-daemon levels (the same numbers as syslog's LOG_ERR...LOG_DEBUG;
 * named apart so this header does not clash with <syslog.h>). */
typedef enum {
  LOG_LEVEL_ERROR = 3,
  LOG_LEVEL_WARNING = 4,
  LOG_LEVEL_NOTICE = 5,
  LOG_LEVEL_INFO = 6,
  LOG_LEVEL_DEBUG = 7,
} log_level_t;

/* True when fd 2 is the stream systemd's $JOURNAL_STREAM names. */
bool log_stderr_is_journal(void);

/* Format one message as it would be written: each line of the message
 * prefixed with "<N>" when journal is true, ending in a newline. Returns the
 * length it needed (like snprintf); out is always terminated when outlen > 0. */
size_t log_format(char *out, size_t outlen, log_level_t level, bool journal, const char *message);

/* Write one message to stderr (a message longer than 4 KiB is cut there). */
void log_message(log_level_t level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmessage(log_level_t level, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#define log_error(...) log_message(LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warning(...) log_message(LOG_LEVEL_WARNING, __VA_ARGS__)
#define log_notice(...) log_message(LOG_LEVEL_NOTICE, __VA_ARGS__)
#define log_info(...) log_message(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...) log_message(LOG_LEVEL_DEBUG, __VA_ARGS__)

#endif
