/*
 * Writing CSV (RFC 4180) for people and systems that read what the kiosk
 * produces (the report's figures, the returns to central): comma separated,
 * LF line ends, a field quoted only when it holds a comma, a quote or a
 * line break, a quote inside doubled. The reader is csv.h.
 */
#ifndef ALLWEDD_CSV_OUT_H
#define ALLWEDD_CSV_OUT_H

#include <stddef.h>
#include <stdio.h>

/* Write one field (no separator). */
void csv_out_field(FILE *out, const char *text);

/* Write n fields as one record, ending in "\n". */
void csv_out_row(FILE *out, const char *const *fields, size_t n);

#endif
