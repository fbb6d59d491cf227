/*
 * Internals of the sync shared by sync.c (bundle proof, transaction,
 * report) and sync_rows.c (what each file's columns mean and how a row is
 * checked and written).
 */
#ifndef ALLWEDD_SYNC_PRIVATE_H
#define ALLWEDD_SYNC_PRIVATE_H

#include <sqlite3.h>
#include <sodium.h>

#include "core/csv.h"
#include "core/idset.h"
#include "core/model.h"
#include "core/store.h"
#include "core/sync.h"

typedef enum {
  COL_ID,          /* 1-32 of A-Za-z0-9-_ */
  COL_KEY,         /* a non-empty key of at most 64 characters */
  COL_NAME,        /* non-empty text, at most 80 characters */
  COL_TEXT,        /* text, at most 160 characters */
  COL_SUMMARY,     /* text, at most 600 characters, line breaks allowed */
  COL_NHS,         /* NHS number, Modulus 11 */
  COL_BIRTH_DATE,  /* date of birth: a date not in the future */
  COL_DATE,        /* YYYY-MM-DD */
  COL_POSTCODE,    /* UK postcode, normalised */
  COL_PHONE,       /* UK phone, E.164 */
  COL_SERVICE_PHONE, /* UK phone or a short service number (111, 999, 116 123) */
  COL_URL,         /* https:// */
  COL_EMAIL,
  COL_LANGUAGE,    /* cy | en */
  COL_CATEGORY,    /* service category */
  COL_REASON,      /* key worker change reason */
  COL_KEY_WORKER,  /* an id in key_workers.csv */
  COL_PATIENT,     /* an NHS number in patients.csv */
} column_kind_t;

/* What happens to a row whose value in this column breaks its rule. */
typedef enum {
  ON_BAD_SKIP_ROW,      /* the row is skipped and reported */
  ON_BAD_EMPTY_FIELD,   /* the row is kept with this field empty, and a warning says why */
} on_bad_t;

typedef struct {
  const char *name;     /* in the CSV header */
  const char *column;   /* in the store's table */
  column_kind_t kind;
  bool required;        /* the column must exist and the value be non-empty */
  on_bad_t on_bad;      /* optional columns whose empty value means nothing are emptied */
} column_spec_t;

enum {
  SYNC_MAX_COLUMNS = 12,
  SYNC_VALUE_BYTES = MODEL_SUMMARY_MAX * 4 + 8, /* a checked value rewritten (spaces, shortened) */
  SYNC_ROW_WARNINGS = 4 * SYNC_MAX_COLUMNS,     /* each column gives at most four */
  SYNC_DETAIL_BYTES = 48,
};

/* One warning about a value of a row, held until the row is accepted. */
typedef struct {
  size_t field;                     /* 0-based header position */
  const char *column;               /* header name of the column */
  const char *why;                  /* static reason (a "sync" msgid) */
  const char *then;                 /* what was done about it (a msgid), or NULL */
  char detail[SYNC_DETAIL_BYTES];   /* shown in [brackets], not translated */
} row_warning_t;

/* One record as checked: each column's value to store, and what was said
 * about it. */
typedef struct {
  const char *value[SYNC_MAX_COLUMNS];
  char buf[SYNC_MAX_COLUMNS][SYNC_VALUE_BYTES];
  char fold[MODEL_NAME_MAX * 4 + 1];
  row_warning_t warnings[SYNC_ROW_WARNINGS];
  size_t nwarnings;
  /* the row error, when the check fails */
  size_t bad_field;
  const char *bad_column;
  const char *why;
  char detail[SYNC_DETAIL_BYTES];
  long problem_line;        /* the line of a problem inside a field, or 0 */
  uint64_t nhs_number;      /* the row's NHS number as a number */
  size_t patient_column;    /* history: the column whose patient is looked up last; SIZE_MAX none */
} checked_row_t;

typedef struct file_spec file_spec_t;

struct file_spec {
  const char *file;
  const char *table;
  const char *primary_key;   /* column list of the table's unique key */
  bool keyed_in_memory;      /* patients: found by NHS number in an in-memory map */
  column_spec_t columns[SYNC_MAX_COLUMNS];
  size_t ncolumns;
  bool folds_family_name;    /* patients: also write family_fold */
  bool has_date_range;       /* history: to_date must not be before from_date */
  bool is_key_worker_file;   /* its ids are what other files refer to */
};


typedef struct rowset rowset_t;
typedef struct sync_coverage sync_coverage_t;

/* State of one sync shared by the files. */
typedef struct {
  store_t *store;
  sqlite3 *db;              /* store_db(store) */
  const sync_options_t *opt;
  long run;                 /* this sync's id */
  char today[11];
  idset_t *key_workers;     /* ids accepted from key_workers.csv */
  idset_t *patients;        /* NHS number -> row id of the store's patients */
  bool bulk_load;           /* patients: indexes dropped, to be built again at the end */
  sync_message_fn on_message;
  void *ctx;
  long warnings;
  store_fault_t fault;      /* the store's trouble at the first SQLite failure */
  sync_coverage_t *coverage; /* the report's per-pathway counts of the patients written */
} sync_state_t;

/* The report's coverage summary counted as patients are written
 * (sync_coverage.c): new NULL when out of memory; add one written patient;
 * write the run's rows (false on an SQLite error). */
sync_coverage_t *sync_coverage_new(void);
void sync_coverage_free(sync_coverage_t *c);
void sync_coverage_add(sync_coverage_t *c, const char *pathway, bool with_key_worker);
bool sync_coverage_write(sync_coverage_t *c, sync_state_t *state);

/* What one file contributed. */
typedef struct {
  sync_file_report_t *report;
  char **messages;          /* held until the file is proven */
  size_t nmessages;
  long suppressed;          /* row errors beyond max_messages_per_file */
  long suppressed_warnings; /* warnings beyond max_messages_per_file */
  long row_messages;        /* row errors kept in messages */
  long warning_messages;    /* warnings kept in messages */
  long long nul_padding;    /* NUL bytes after the last row */
  bool table_was_empty;     /* the file's table held no row when the sync began */
  const file_spec_t *spec;
  char **header;            /* the header's column names, for messages */
  size_t nheader;
  rowset_t *held;           /* row ids of the file's table that the bundle holds */
  crypto_hash_sha256_state sha;
} file_result_t;

/* The files of a format 1 bundle, in import order. */
const file_spec_t *sync_file_spec(size_t i);
const char *sync_file_spec_name(const file_spec_t *spec);

/* Read, check and write every row of one file, hashing it on the way.
 * false with reason filled on a fatal problem (missing column, broken CSV,
 * SQLite failure); row errors are collected in result. */
bool sync_import_file(sync_state_t *state, const file_spec_t *spec, const char *path, long expected_rows,
                      file_result_t *result, char *reason, size_t reasonlen);

/* Delete the rows of spec's table that this bundle does not hold (not
 * written in this run: see sync_import_file); counts removed. */
bool sync_remove_unseen(sync_state_t *state, const file_spec_t *spec, file_result_t *result,
                        char *reason, size_t reasonlen);

/* Free what a file's import kept. */
void sync_file_result_free(file_result_t *result);

/* Map a file's header to its columns (colmap[i] = header position or -1)
 * and keep the header's names in result; false with reason on a missing
 * required or repeated column, a damaged header, or a file separated by
 * semicolons or tabs. */
bool sync_map_header(sync_state_t *state, const file_spec_t *spec, csv_t *csv, int *colmap,
                     file_result_t *result, char *reason, size_t reasonlen);

/* Check one record of a file whose header has nheader fields: row->value
 * receives each column's stored form, row->fold the folded family name,
 * row->warnings what the sync says about the values. false with
 * row->bad_field and row->why (and row->detail) for the first problem. */
bool sync_check_row(sync_state_t *state, const file_spec_t *spec, csv_t *csv, const int *colmap,
                    const file_result_t *result, size_t nheader, checked_row_t *row);

/* Report a checked row's warnings (after the row was accepted). */
void sync_note_row_warnings(sync_state_t *state, file_result_t *result, csv_t *csv, const checked_row_t *row);


/* Note what kind of store trouble the SQLite failure just seen on
 * state->db (or the store handle) was; the first one counts. */
void sync_note_store_fault(sync_state_t *state);

/* Keep one message for a file (row error or warning). Lines follow the
 * grammar sync_text.h reads: "[warning: ]FILE[:LINE[:COL]]: [COLUMN: ]
 * REASON[; REASON...][ [DETAIL]]". */
void sync_note(sync_state_t *state, file_result_t *result, bool is_row_error, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
