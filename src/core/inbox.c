/*
 * The bundle inbox run: find the complete bundles, sync each once, move it
 * to done/ or rejected/ with its report, record refusals, prune old ones.
 * It never leaves a complete bundle in the inbox after a run that returned
 * true, so the path unit that started it is not triggered again by it.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include "core/inbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/manifest.h"
#include "core/store_metrics.h"

enum { INBOX_MAX_BUNDLES = 64, MESSAGES_MAX_BYTES = 64 * 1024, SETTLE_ROUNDS = 10 };

static const char MINISIG[] = "manifest.ini.minisig";
static const char FLAT_NAME[] = "inbox";

typedef struct {
  char name[256];       /* folder name, or FLAT_NAME */
  char path[4096];      /* the bundle folder */
  bool flat;            /* the inbox itself */
  char generated[21];   /* from the unverified manifest: for the order only */
} candidate_t;

/* The sync's row messages: passed on, and kept for the report file. */
typedef struct {
  sync_message_fn forward;
  void *ctx;
  char *text;
  size_t len, cap;
  long dropped;
} messages_t;

void inbox_options_from_config(inbox_options_t *opt, const config_t *cfg)
{
  memset(opt, 0, sizeof *opt);
  opt->inbox_dir = cfg->inbox;
  sync_options_from_config(&opt->sync, cfg);
  opt->sync.allow_unsigned = false; /* the signature is what marks a bundle complete */
  opt->settle_ms = INBOX_SETTLE_MS;
}

/* Keep a message line and pass it on. */
static void on_sync_message(void *ctx, const char *line)
{
  messages_t *m = ctx;
  if (m->forward)
    m->forward(m->ctx, line);
  size_t need = strlen(line) + 1;
  if (m->len + need > MESSAGES_MAX_BYTES) {
    m->dropped++;
    return;
  }
  if (m->len + need + 1 > m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 4096;
    while (cap < m->len + need + 1)
      cap *= 2;
    char *grown = realloc(m->text, cap);
    if (!grown) {
      m->dropped++;
      return;
    }
    m->text = grown;
    m->cap = cap;
  }
  memcpy(m->text + m->len, line, need - 1);
  m->len += need - 1;
  m->text[m->len++] = '\n';
  m->text[m->len] = '\0';
}

/* True when name is a regular file (not a link) in the folder dirfd. */
static bool is_regular_at(int dirfd, const char *name)
{
  struct stat sb;
  return fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode);
}

/* Read the manifest's generated time for ordering; "" when unreadable. */
static void read_generated(const char *bundle, char out[21])
{
  char path[4200], why[160];
  manifest_t m;
  out[0] = '\0';
  snprintf(path, sizeof path, "%s/manifest.ini", bundle);
  FILE *f = fopen(path, "rb");
  if (!f)
    return;
  char *text = malloc(64 * 1024 + 1);
  size_t n = text ? fread(text, 1, 64 * 1024, f) : 0;
  fclose(f);
  if (!text)
    return;
  text[n] = '\0';
  if (manifest_parse(text, &m, why, sizeof why))
    snprintf(out, 21, "%s", m.generated);
  free(text);
}

/* Oldest manifest first; unreadable manifests first of all; then by name. */
static int candidate_order(const void *a, const void *b)
{
  const candidate_t *x = a, *y = b;
  int c = strcmp(x->generated, y->generated);
  return c ? c : strcmp(x->name, y->name);
}

/* A name that is never a bundle. */
static bool reserved_name(const char *name)
{
  return name[0] == '.' || !strcmp(name, "done") || !strcmp(name, "rejected");
}

/* Find the complete bundles (up to INBOX_MAX_BUNDLES) and count the
 * incomplete ones. */
static bool scan_inbox(const char *inbox, int dirfd, candidate_t *out, size_t *count, int *waiting,
                       char *err, size_t errlen)
{
  int scanfd = dup(dirfd);
  DIR *dir = scanfd >= 0 ? fdopendir(scanfd) : NULL;
  bool flat_files = false;
  struct dirent *de;
  *count = 0;
  *waiting = 0;
  if (!dir) {
    snprintf(err, errlen, "%s: cannot read: %s", inbox, strerror(errno));
    if (scanfd >= 0)
      close(scanfd);
    return false;
  }
  rewinddir(dir);
  while ((de = readdir(dir))) {
    struct stat sb;
    if (reserved_name(de->d_name) || fstatat(dirfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
      continue;
    if (S_ISREG(sb.st_mode)) {
      flat_files = true;
      continue;
    }
    if (!S_ISDIR(sb.st_mode))
      continue;
    char minisig[600];
    snprintf(minisig, sizeof minisig, "%s/%s", de->d_name, MINISIG);
    if (!is_regular_at(dirfd, minisig)) {
      (*waiting)++;
      continue;
    }
    if (*count == INBOX_MAX_BUNDLES)
      continue; /* the next run takes the rest */
    candidate_t *c = &out[(*count)++];
    snprintf(c->name, sizeof c->name, "%s", de->d_name);
    snprintf(c->path, sizeof c->path, "%s/%s", inbox, de->d_name);
    c->flat = false;
  }
  closedir(dir);
  if (is_regular_at(dirfd, MINISIG) && *count < INBOX_MAX_BUNDLES) {
    candidate_t *c = &out[(*count)++];
    snprintf(c->name, sizeof c->name, "%s", FLAT_NAME);
    snprintf(c->path, sizeof c->path, "%s", inbox);
    c->flat = true;
  } else if (flat_files) {
    (*waiting)++;
  }
  for (size_t i = 0; i < *count; i++)
    read_generated(out[i].path, out[i].generated);
  qsort(out, *count, sizeof *out, candidate_order);
  return true;
}

/* Wait while the bundle's manifest.ini.minisig is younger than settle_ms
 * (a writer may still be filling it), for a bounded number of rounds. */
static void settle(const char *bundle, int settle_ms)
{
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", bundle, MINISIG);
  for (int round = 0; round < SETTLE_ROUNDS && settle_ms > 0; round++) {
    struct stat sb;
    struct timespec now;
    if (stat(path, &sb) != 0 || clock_gettime(CLOCK_REALTIME, &now) != 0)
      return;
    int64_t age_ms = (int64_t)(now.tv_sec - sb.st_mtim.tv_sec) * 1000 +
                     (now.tv_nsec - sb.st_mtim.tv_nsec) / 1000000;
    if (age_ms >= settle_ms)
      return;
    int64_t wait_ms = settle_ms - age_ms;
    if (wait_ms > settle_ms) /* dated in the future: wait one period, no more */
      wait_ms = settle_ms;
    struct timespec ts = {.tv_sec = wait_ms / 1000, .tv_nsec = (long)(wait_ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
      ;
  }
}

/* Make sub (done or rejected) in the inbox; false with err. */
static bool make_subdir(const char *inbox, int dirfd, const char *sub, char *err, size_t errlen)
{
  struct stat sb;
  if (mkdirat(dirfd, sub, 0700) != 0 && errno != EEXIST) {
    snprintf(err, errlen, "%s/%s: cannot create: %s", inbox, sub, strerror(errno));
    return false;
  }
  if (fstatat(dirfd, sub, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(sb.st_mode)) {
    snprintf(err, errlen, "%s/%s: not a folder", inbox, sub);
    return false;
  }
  return true;
}

/* A new name under sub: "STAMP-NAME", or with "-2", "-3"... when taken. */
static bool unique_dest(int dirfd, const char *sub, const char *name, char *out, size_t outlen)
{
  char now[21], stamp[17];
  clock_now_utc(now); /* YYYY-MM-DDTHH:MM:SSZ -> YYYYMMDDTHHMMSSZ */
  snprintf(stamp, sizeof stamp, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", now, now + 5, now + 8, now + 11, now + 14,
           now + 17);
  for (int i = 1; i < 1000; i++) {
    char suffix[16] = "";
    if (i > 1)
      snprintf(suffix, sizeof suffix, "-%d", i);
    int n = snprintf(out, outlen, "%s/%s-%s%s", sub, stamp, name, suffix);
    if (n < 0 || (size_t)n >= outlen)
      return false;
    if (faccessat(dirfd, out, F_OK, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT)
      return true;
  }
  return false;
}

/* Move the files of a bundle that lies straight in the inbox into dest:
 * every regular file whose name does not start with '.'. */
static bool move_flat(const char *inbox, int dirfd, const char *dest, char *err, size_t errlen)
{
  int scanfd = dup(dirfd);
  DIR *dir = scanfd >= 0 ? fdopendir(scanfd) : NULL;
  bool ok = true;
  struct dirent *de;
  if (!dir) {
    snprintf(err, errlen, "%s: cannot read: %s", inbox, strerror(errno));
    if (scanfd >= 0)
      close(scanfd);
    return false;
  }
  if (mkdirat(dirfd, dest, 0700) != 0) {
    snprintf(err, errlen, "%s/%s: cannot create: %s", inbox, dest, strerror(errno));
    closedir(dir);
    return false;
  }
  rewinddir(dir);
  while (ok && (de = readdir(dir))) {
    char to[4200];
    if (de->d_name[0] == '.' || !is_regular_at(dirfd, de->d_name))
      continue;
    snprintf(to, sizeof to, "%s/%s", dest, de->d_name);
    if (renameat(dirfd, de->d_name, dirfd, to) != 0) {
      snprintf(err, errlen, "%s/%s: cannot move to %s: %s", inbox, de->d_name, to, strerror(errno));
      ok = false;
    }
  }
  closedir(dir);
  return ok;
}

/* Move a bundle to sub/STAMP-NAME; the new path (relative to the inbox) in
 * dest. A folder this user may not write cannot change parent (its ".."
 * entry would change): it is renamed in place to .allwedd-SUB-STAMP-NAME
 * instead, out of the path unit's sight, and why is put in problem. */
static bool move_bundle(const char *inbox, int dirfd, const candidate_t *c, const char *sub, char *dest,
                        size_t destlen, char *problem, size_t problemlen, char *err, size_t errlen)
{
  if (!make_subdir(inbox, dirfd, sub, err, errlen))
    return false;
  if (!unique_dest(dirfd, sub, c->name, dest, destlen)) {
    snprintf(err, errlen, "%s/%s: no free name for %s", inbox, sub, c->name);
    return false;
  }
  if (c->flat)
    return move_flat(inbox, dirfd, dest, err, errlen);
  if (renameat(dirfd, c->name, dirfd, dest) == 0)
    return true;
  int saved = errno;
  char stamped[512];
  snprintf(stamped, sizeof stamped, "%s", dest + strlen(sub) + 1); /* STAMP-NAME */
  snprintf(dest, destlen, ".allwedd-%s-%s", sub, stamped);
  if ((saved == EACCES || saved == EPERM) && renameat(dirfd, c->name, dirfd, dest) == 0) {
    snprintf(problem, problemlen,
             "%s/%s could not be moved to %s/ (%s: the folder is not writable by this user), so it was"
             " renamed to %s in the inbox, where it is never tried again but cannot be cleared: let the"
             " transport make its folders group-writable, or copy files straight into the inbox",
             inbox, c->name, sub, strerror(saved), dest);
    return true;
  }
  snprintf(err, errlen, "%s/%s: cannot move to %s/%s: %s", inbox, c->name, sub, stamped, strerror(saved));
  return false;
}

/* Write allwedd-sync-report.txt into the moved bundle. */
static bool write_report(int dirfd, const char *dest, const sync_report_t *rep, const messages_t *msgs)
{
  char path[4200], now[21], table[2048];
  snprintf(path, sizeof path, "%s/%s", dest, INBOX_REPORT_FILE);
  int fd = openat(dirfd, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f) {
    if (fd >= 0)
      close(fd);
    return false;
  }
  clock_now_utc(now);
  sync_report_format(rep, table, sizeof table);
  fprintf(f, "result: %s\nat: %s\n",
          rep->status == SYNC_IMPORTED   ? "imported"
          : rep->status == SYNC_REJECTED ? "rejected"
                                         : "failed (not the bundle's fault: fix the cause, then move the"
                                           " bundle back into the inbox)",
          now);
  if (rep->reason[0])
    fprintf(f, "reason: %s\n", rep->reason);
  fprintf(f, "\n%s", table);
  if (msgs->len || msgs->dropped)
    fprintf(f, "\nmessages:\n%s", msgs->text ? msgs->text : "");
  if (msgs->dropped)
    fprintf(f, "(%ld more messages not kept)\n", msgs->dropped);
  bool ok = !ferror(f);
  return fclose(f) == 0 && ok;
}

/* Remove one file or emptied folder (nftw, depth first). */
static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

/* Compare names newest first (they start with the UTC stamp). */
static int newest_first(const void *a, const void *b)
{
  return strcmp(*(char *const *)b, *(char *const *)a);
}

/* Keep the newest keep entries of inbox/sub; delete the rest. */
static bool prune(const char *inbox, const char *sub, int keep, char *err, size_t errlen)
{
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", inbox, sub);
  DIR *dir = opendir(path);
  char **names = NULL;
  size_t n = 0, cap = 0;
  bool ok = true;
  struct dirent *de;
  if (!dir)
    return errno == ENOENT;
  while ((de = readdir(dir))) {
    if (de->d_name[0] == '.')
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      char **grown = realloc(names, cap * sizeof *names);
      if (!grown) {
        ok = false;
        break;
      }
      names = grown;
    }
    if (!(names[n] = strdup(de->d_name))) {
      ok = false;
      break;
    }
    n++;
  }
  closedir(dir);
  if (ok) {
    if (n > 1)
      qsort(names, n, sizeof *names, newest_first);
    for (size_t i = (size_t)keep; i < n && ok; i++) {
      char victim[4500];
      snprintf(victim, sizeof victim, "%s/%s", path, names[i]);
      if (nftw(victim, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0) {
        snprintf(err, errlen, "%s: cannot remove: %s", victim, strerror(errno));
        ok = false;
      }
    }
  } else {
    snprintf(err, errlen, "%s: out of memory", path);
  }
  for (size_t i = 0; i < n; i++)
    free(names[i]);
  free(names);
  return ok;
}

/* Record a bundle that was not imported in the store's audit log. */
static bool record_refusal(const inbox_options_t *opt, const sync_report_t *rep, const char *dest,
                           char *why, size_t whylen)
{
  char err[512];
  store_t *st = store_open(opt->sync.db_path, err, sizeof err);
  if (!st) {
    snprintf(why, whylen, "%s", err);
    return false;
  }
  bool ok = store_sync_refusal_record(st, rep->status == SYNC_REJECTED ? STORE_SYNC_REJECTED : STORE_SYNC_FAILED,
                                      dest, rep->reason);
  if (!ok)
    snprintf(why, whylen, "%s", store_error(st));
  store_close(st);
  return ok;
}

/* Sync one bundle, move it, write its report, record a refusal. */
static bool handle_bundle(const inbox_options_t *opt, int dirfd, const candidate_t *c, inbox_result_fn on_result,
                          sync_message_fn on_message, void *ctx, inbox_summary_t *sum, char *err, size_t errlen)
{
  messages_t msgs = {.forward = on_message, .ctx = ctx};
  sync_options_t so = opt->sync;
  sync_report_t rep;
  char dest[1200], problem[4096] = "", why[512];
  bool ok = false;

  settle(c->path, opt->settle_ms);
  so.bundle_dir = c->path;
  sync_status_t status = sync_run(&so, &rep, on_sync_message, &msgs);
  const char *sub = status == SYNC_IMPORTED ? "done" : "rejected";
  if (!move_bundle(opt->inbox_dir, dirfd, c, sub, dest, sizeof dest, problem, sizeof problem, err, errlen))
    goto done;
  if (!write_report(dirfd, dest, &rep, &msgs)) {
    size_t len = strlen(problem);
    snprintf(problem + len, sizeof problem - len, "%s%s/%s/%s: cannot write: %s", len ? "; " : "",
             opt->inbox_dir, dest, INBOX_REPORT_FILE, strerror(errno));
  }
  if (status != SYNC_IMPORTED && !record_refusal(opt, &rep, dest, why, sizeof why)) {
    size_t len = strlen(problem);
    snprintf(problem + len, sizeof problem - len, "%sthe refusal is not in the audit log: %s",
             len ? "; " : "", why);
  }
  if (status == SYNC_IMPORTED)
    sum->imported++;
  else if (status == SYNC_REJECTED)
    sum->rejected++;
  else
    sum->failed++;
  char moved[2400];
  snprintf(moved, sizeof moved, "%s/%s", opt->inbox_dir, dest);
  inbox_result_t result = {.name = c->name, .report = &rep, .moved_to = moved, .problem = problem};
  if (on_result)
    on_result(ctx, &result);
  ok = true;
done:
  free(msgs.text);
  return ok;
}

bool inbox_run(const inbox_options_t *opt, inbox_result_fn on_result, sync_message_fn on_message, void *ctx,
               inbox_summary_t *sum, char *err, size_t errlen)
{
  candidate_t *found = NULL;
  size_t count = 0;
  bool ok = false;
  int dirfd = -1;

  memset(sum, 0, sizeof *sum);
  if (opt->sync.force || opt->sync.allow_unsigned) {
    snprintf(err, errlen, "the inbox never forces a bundle or accepts an unsigned one");
    return false;
  }
  if (!opt->inbox_dir || !opt->inbox_dir[0]) {
    snprintf(err, errlen, "no inbox is configured ([sync] inbox)");
    return false;
  }
  if ((dirfd = open(opt->inbox_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
    snprintf(err, errlen, "%s: %s", opt->inbox_dir, strerror(errno));
    return false;
  }
  if (flock(dirfd, LOCK_EX) != 0) {
    snprintf(err, errlen, "%s: cannot lock: %s", opt->inbox_dir, strerror(errno));
    goto done;
  }
  if (!(found = calloc(INBOX_MAX_BUNDLES, sizeof *found))) {
    snprintf(err, errlen, "out of memory");
    goto done;
  }
  if (!scan_inbox(opt->inbox_dir, dirfd, found, &count, &sum->waiting, err, errlen))
    goto done;
  for (size_t i = 0; i < count; i++)
    if (!handle_bundle(opt, dirfd, &found[i], on_result, on_message, ctx, sum, err, errlen))
      goto done;
  ok = prune(opt->inbox_dir, "done", INBOX_KEEP_DONE, err, errlen) &&
       prune(opt->inbox_dir, "rejected", INBOX_KEEP_REJECTED, err, errlen);
done:
  free(found);
  close(dirfd); /* releases the lock */
  return ok;
}
