/*
 * Making a return (see returns.h): claim in the store, build the files in
 * memory from what the store recorded for that sequence number, sign the
 * manifest, write them into a temporary folder, rename it into place, and
 * record it as written. Everything in a return is derived from the store's
 * record of it, never from "now", so writing it again gives the same bytes.
 */
#include "core/returns.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/csv_out.h"
#include "core/kiosk_key.h"
#include "core/minisig.h"
#include "core/safe_file.h"
#include "core/store_returns.h"

/* The files of a return, in manifest order. */
enum { FILE_CARDS, FILE_LANGUAGES, FILE_NO_KEY_WORKER, FILE_ANSWERS, NFILES };
static const char *const file_names[NFILES] = {"cards.csv", "languages.csv", "no_key_worker.csv",
                                               "answers.csv"};
static const char *const file_headers[NFILES][5] = {
    {"nhs_number", "key_worker_id", "reason", "channel", "printed_at"},
    {"nhs_number", "language", "stated_at"},
    {"nhs_number", "seen_at"},
    {"month", "question", "answer", "count"}};
static const size_t file_columns[NFILES] = {5, 3, 2, 4};

/* A return's files being built in memory. */
typedef struct {
  FILE *f[NFILES];
  char *text[NFILES];
  size_t len[NFILES];
  long rows[NFILES];
  char err[300];
} build_t;

/* Kill this process at a named point when the test asks for it. */
static void fault_point(const char *name)
{
  const char *at = getenv("ALLWEDD_RETURNS_KILL_AT");
  if (at && !strcmp(at, name))
    kill(getpid(), SIGKILL);
}

/* "return-KIOSK-000007": the kiosk id with anything but A-Z a-z 0-9 - _ as _. */
static void return_name(const char *kiosk_id, long seq, char *out, size_t outlen)
{
  char id[64];
  size_t n = 0;
  for (const char *p = kiosk_id && *kiosk_id ? kiosk_id : "kiosk"; *p && n < sizeof id - 1; p++)
    id[n++] = strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *p) ? *p : '_';
  id[n] = '\0';
  snprintf(out, outlen, "return-%s-%06ld", id, seq);
}

static bool add_card(void *ctx, const char *const *v)
{
  build_t *b = ctx;
  csv_out_row(b->f[FILE_CARDS], v, 5);
  b->rows[FILE_CARDS]++;
  return true;
}

/* The value after key= in an audit detail ("nhs=9434765919 lang=cy"), as
 * long as it is made of allowed characters; false when absent. */
static bool detail_value(const char *detail, const char *key, const char *allowed, size_t want_len,
                         char *out, size_t outlen)
{
  size_t klen = strlen(key);
  for (const char *p = detail; (p = strstr(p, key)); p += klen) {
    if (p != detail && p[-1] != ' ')
      continue;
    const char *v = p + klen;
    size_t n = strspn(v, allowed);
    if (n == 0 || n >= outlen || (want_len && n != want_len) || (v[n] && v[n] != ' '))
      return false;
    memcpy(out, v, n);
    out[n] = '\0';
    return true;
  }
  return false;
}

static bool add_event(void *ctx, const char *const *v)
{
  build_t *b = ctx;
  char nhs[11], lang[3];
  if (!detail_value(v[1], "nhs=", "0123456789", 10, nhs, sizeof nhs)) {
    snprintf(b->err, sizeof b->err, "audit event %s at %s names no NHS number: it cannot be returned", v[0], v[2]);
    return false;
  }
  if (!strcmp(v[0], "language_stated")) {
    if (!detail_value(v[1], "lang=", "cyen", 2, lang, sizeof lang) || (strcmp(lang, "cy") && strcmp(lang, "en"))) {
      snprintf(b->err, sizeof b->err, "audit event language_stated at %s names no language (cy or en)", v[2]);
      return false;
    }
    const char *row[] = {nhs, lang, v[2]};
    csv_out_row(b->f[FILE_LANGUAGES], row, 3);
    b->rows[FILE_LANGUAGES]++;
  } else {
    const char *row[] = {nhs, v[2]};
    csv_out_row(b->f[FILE_NO_KEY_WORKER], row, 2);
    b->rows[FILE_NO_KEY_WORKER]++;
  }
  return true;
}

static bool add_count(void *ctx, const char *const *v)
{
  build_t *b = ctx;
  char question[64] = "", answer[64] = "";
  /* "survey.QUESTION.ANSWER" */
  const char *q = v[1] + strlen("survey."), *dot = strrchr(v[1], '.');
  if (strncmp(v[1], "survey.", 7) || dot <= q) {
    snprintf(b->err, sizeof b->err, "anonymous count %s is not an answer", v[1]);
    return false;
  }
  snprintf(question, sizeof question, "%.*s", (int)(dot - q), q);
  snprintf(answer, sizeof answer, "%s", dot + 1);
  const char *row[] = {v[0], question, answer, v[2]};
  csv_out_row(b->f[FILE_ANSWERS], row, 4);
  b->rows[FILE_ANSWERS]++;
  return true;
}

static void build_free(build_t *b)
{
  for (int i = 0; i < NFILES; i++) {
    if (b->f[i])
      fclose(b->f[i]);
    if (b->text[i])
      sodium_memzero(b->text[i], b->len[i]); /* NHS numbers */
    free(b->text[i]);
  }
}

/* Build the CSV files of return seq from the store. */
static bool build_files(store_t *st, long seq, build_t *b, char *err, size_t errlen)
{
  memset(b, 0, sizeof *b);
  for (int i = 0; i < NFILES; i++) {
    if (!(b->f[i] = open_memstream(&b->text[i], &b->len[i]))) {
      snprintf(err, errlen, "out of memory");
      return false;
    }
    csv_out_row(b->f[i], file_headers[i], file_columns[i]);
  }
  if (!store_return_cards(st, seq, add_card, b) || !store_return_events(st, seq, add_event, b) ||
      !store_return_counts(st, seq, add_count, b)) {
    snprintf(err, errlen, "%s", b->err[0] ? b->err : store_error(st));
    return false;
  }
  for (int i = 0; i < NFILES; i++) {
    bool ok = fclose(b->f[i]) == 0;
    b->f[i] = NULL;
    if (!ok) {
      snprintf(err, errlen, "out of memory");
      return false;
    }
  }
  return true;
}

/* Lower-case hex SHA-256 of bytes. */
static void sha256_hex(const void *data, size_t len, char out[65])
{
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, data, len);
  sodium_bin2hex(out, 65, digest, sizeof digest);
}

/* One line of an INI value: line breaks become spaces. */
static void ini_value(const char *in, char *out, size_t outlen)
{
  snprintf(out, outlen, "%s", in);
  for (char *p = out; *p; p++)
    if (*p == '\r' || *p == '\n')
      *p = ' ';
}

/* The manifest's text. */
static void build_manifest(const returns_options_t *opt, const store_return_t *r, const build_t *b, char *out,
                           size_t outlen)
{
  char kiosk[128], site[300], hex[65];
  size_t len = 0;
  ini_value(opt->kiosk_id ? opt->kiosk_id : "", kiosk, sizeof kiosk);
  ini_value(opt->site ? opt->site : "", site, sizeof site);
#define OUT(...) len += (size_t)snprintf(out + len, len < outlen ? outlen - len : 0, __VA_ARGS__)
  OUT("[return]\nformat = 1\nsequence = %ld\nkiosk = %s\nsite = %s\nperiod_from = %s\nperiod_to = %s\n", r->seq,
      kiosk, site, r->period_from, r->period_to);
  for (int i = 0; i < NFILES; i++) {
    sha256_hex(b->text[i], b->len[i], hex);
    OUT("\n[%s]\nrows = %ld\nsha256 = %s\n", file_names[i], b->rows[i], hex);
  }
#undef OUT
}

/* True when path holds exactly text. */
static bool file_equals(const char *path, const char *text)
{
  size_t want = strlen(text);
  FILE *f = fopen(path, "rb");
  if (!f)
    return false;
  char *buf = malloc(want + 1);
  size_t n = buf ? fread(buf, 1, want + 1, f) : 0;
  bool same = buf && n == want && !memcmp(buf, text, want);
  free(buf);
  fclose(f);
  return same;
}

/* Remove a temporary return folder left by a run that died. */
static void remove_temp_folder(int dirfd, const char *name)
{
  int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
  if (!d) {
    if (fd >= 0)
      close(fd);
    return;
  }
  struct dirent *de;
  while ((de = readdir(d)))
    if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
      unlinkat(fd, de->d_name, 0);
  closedir(d);
  unlinkat(dirfd, name, AT_REMOVEDIR);
}

/* Remove every ".return-*.tmp-*" folder in out_dir: they are ours, and
 * incomplete by construction (a complete one was renamed). */
static void remove_stale_temps(const char *out_dir)
{
  DIR *d = opendir(out_dir);
  if (!d)
    return;
  struct dirent *de;
  while ((de = readdir(d)))
    if (!strncmp(de->d_name, ".return-", 8) && strstr(de->d_name, ".tmp-"))
      remove_temp_folder(dirfd(d), de->d_name);
  closedir(d);
}

/* Write return r's folder and record it as written. */
static bool write_return(store_t *st, const returns_options_t *opt, const minisig_seckey_t *key,
                         const store_return_t *r, returns_written_t *w, char *err, size_t errlen)
{
  char name[128], tmp[4300], path[4400], manifest[4096], sig[MINISIG_SIG_TEXT_MAX], comment[300], id[17],
      hex[65];
  build_t b;
  bool ok = false;
  return_name(opt->kiosk_id, r->seq, name, sizeof name);
  snprintf(w->path, sizeof w->path, "%s/%s", opt->out_dir, name);
  snprintf(tmp, sizeof tmp, "%s/.%s.tmp-%ld", opt->out_dir, name, (long)getpid());
  if (!build_files(st, r->seq, &b, err, errlen))
    goto done;
  build_manifest(opt, r, &b, manifest, sizeof manifest);
  minisig_key_id_hex(key->key_id, id);
  snprintf(comment, sizeof comment, "allwedd return %s sequence %ld period_to %s", name, r->seq, r->period_to);
  if (!minisig_sign(key, (const unsigned char *)manifest, strlen(manifest), comment, sig, err, errlen))
    goto done;
  w->seq = r->seq;
  snprintf(w->period_from, sizeof w->period_from, "%s", r->period_from);
  snprintf(w->period_to, sizeof w->period_to, "%s", r->period_to);
  w->cards = b.rows[FILE_CARDS];
  w->languages = b.rows[FILE_LANGUAGES];
  w->no_key_worker = b.rows[FILE_NO_KEY_WORKER];
  w->answers = b.rows[FILE_ANSWERS];
  snprintf(path, sizeof path, "%s/manifest.ini", w->path);
  if (access(w->path, F_OK) == 0) {
    /* Renamed into place before a crash: the same return, or a stranger. */
    if (!file_equals(path, manifest)) {
      snprintf(err, errlen, "%s already exists and is not return %ld as recorded: move it aside", w->path, r->seq);
      goto done;
    }
  } else {
    if (mkdir(tmp, 0700) != 0) {
      snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
      goto done;
    }
    for (int i = 0; i < NFILES; i++) {
      snprintf(path, sizeof path, "%s/%s", tmp, file_names[i]);
      if (!safe_file_write(path, b.text[i], b.len[i], 0600, err, errlen))
        goto done;
    }
    snprintf(path, sizeof path, "%s/manifest.ini", tmp);
    if (!safe_file_write(path, manifest, strlen(manifest), 0600, err, errlen))
      goto done;
    snprintf(path, sizeof path, "%s/manifest.ini.minisig", tmp);
    if (!safe_file_write(path, sig, strlen(sig), 0600, err, errlen))
      goto done;
    fault_point("temp");
    if (rename(tmp, w->path) != 0) {
      snprintf(err, errlen, "%s: %s", w->path, strerror(errno));
      goto done;
    }
    if (!safe_file_sync_dir(opt->out_dir, err, errlen))
      goto done;
    fault_point("renamed");
  }
  sha256_hex(manifest, strlen(manifest), hex);
  if (!store_return_written(st, r->seq, hex, id)) {
    snprintf(err, errlen, "%s was written, but %s", w->path, store_error(st));
    goto done;
  }
  ok = true;
done:
  if (!ok && access(tmp, F_OK) == 0) {
    char dir[4096];
    int dfd;
    safe_file_dirname(tmp, dir, sizeof dir);
    if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
      remove_temp_folder(dfd, strrchr(tmp, '/') + 1);
      close(dfd);
    }
  }
  build_free(&b);
  return ok;
}

bool returns_make(store_t *st, const returns_options_t *opt, returns_written_t out[2], size_t *n,
                  bool *key_created, char *err, size_t errlen)
{
  minisig_seckey_t key;
  store_return_t r;
  char now[21];
  bool ok = false;
  struct stat sb;
  *n = 0;
  *key_created = false;
  if (stat(opt->out_dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
    snprintf(err, errlen, "%s: not a folder", opt->out_dir);
    return false;
  }
  if (!kiosk_key_load_or_create(opt->db_path, &key, key_created, err, errlen))
    return false;
  remove_stale_temps(opt->out_dir);
  store_match_t m = store_return_unwritten(st, &r);
  if (m == STORE_ERROR) {
    snprintf(err, errlen, "%s", store_error(st));
    goto done;
  }
  if (m == STORE_FOUND) {
    memset(&out[*n], 0, sizeof out[*n]);
    out[*n].resumed = true;
    if (!write_return(st, opt, &key, &r, &out[*n], err, errlen))
      goto done;
    (*n)++;
  }
  clock_now_utc(now);
  if (!store_return_claim(st, now, &r)) {
    snprintf(err, errlen, "%s", store_error(st));
    goto done;
  }
  fault_point("claimed");
  memset(&out[*n], 0, sizeof out[*n]);
  if (!write_return(st, opt, &key, &r, &out[*n], err, errlen))
    goto done;
  (*n)++;
  ok = true;
done:
  minisig_seckey_wipe(&key);
  return ok;
}
