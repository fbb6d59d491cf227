/*
 * allwedd bundle-manifest DIR [SECRET_KEY]: write DIR/manifest.ini for the
 * CSV files of an export bundle (EXPORT_FORMAT.md), counting each file's
 * rows with the importer's own CSV reader and hashing it in the same pass,
 * so the manifest and the importer can never disagree (bare-CR line ends,
 * quoted line breaks, blank lines, NUL padding). With a minisign secret
 * key it signs the manifest by running minisign; without one it removes a
 * stale manifest.ini.minisig. scripts/make-bundle-manifest.sh calls this.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "core/manifest.h"
#include "core/rules.h"

extern char **environ;

static const char usage_text[] =
    "usage: allwedd bundle-manifest [--generated TIMESTAMP] [--site TEXT] [--source TEXT]\n"
    "                               [--comment TEXT] DIR [SECRET_KEY]\n"
    "\n"
    "Write DIR/manifest.ini for the CSV files of an export bundle (EXPORT_FORMAT.md):\n"
    "each file's data rows, counted by the importer's own CSV reader, and its SHA-256.\n"
    "With a minisign SECRET_KEY, sign it as DIR/manifest.ini.minisig (runs minisign);\n"
    "without one, a stale DIR/manifest.ini.minisig is removed.\n"
    "\n"
    "  --generated TS   UTC ISO 8601 time of the export (default: now); a kiosk\n"
    "                   refuses a bundle not newer than the last one it imported\n"
    "  --site TEXT      [export] site, shown to staff (default: the value already in\n"
    "                   DIR/manifest.ini, else \"Example Cancer Centre\")\n"
    "  --source TEXT    [export] source (default: as for --site, else \"Example\n"
    "                   University Health Board cancer information system\")\n"
    "  --comment TEXT   minisign trusted comment (default \"allwedd export TIMESTAMP\")\n"
    "\n"
    "A file the importer cannot read (unclosed quote, UTF-16, a workbook) is an error\n"
    "that names the file and line. Exit status: 0 written, 1 failed, 2 usage error.\n";

static const char *const known_files[] = {"key_workers.csv", "patients.csv", "key_worker_history.csv",
                                          "services.csv"};

/* qsort comparison of file names. */
static int compare_names(const void *a, const void *b)
{
  return strcmp((const char *)a, (const char *)b);
}

/* True for a plain *.csv file name the manifest may list. */
static bool listable(const char *name)
{
  size_t n = strlen(name);
  return n > 4 && n < sizeof ((manifest_file_t *)0)->name && name[0] != '.' && !strcmp(name + n - 4, ".csv") &&
         strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

/* The bundle's CSV files: the contract's four in their order, then the rest
 * by name. false when there are none or too many. */
static bool list_files(const char *dir, manifest_t *m)
{
  char others[MANIFEST_MAX_FILES][64];
  size_t nothers = 0;
  DIR *d = opendir(dir);
  struct dirent *e;
  if (!d) {
    fprintf(stderr, "allwedd bundle-manifest: %s: %s\n", dir, strerror(errno));
    return false;
  }
  for (size_t i = 0; i < sizeof known_files / sizeof known_files[0]; i++) {
    char path[4096];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", dir, known_files[i]);
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
      snprintf(m->files[m->nfiles++].name, sizeof m->files[0].name, "%s", known_files[i]);
  }
  while ((e = readdir(d))) {
    bool known = false;
    for (size_t i = 0; i < sizeof known_files / sizeof known_files[0]; i++)
      known |= !strcmp(e->d_name, known_files[i]);
    if (known || !listable(e->d_name))
      continue;
    if (m->nfiles + nothers == MANIFEST_MAX_FILES) {
      fprintf(stderr, "allwedd bundle-manifest: more than %d CSV files in %s\n", MANIFEST_MAX_FILES, dir);
      closedir(d);
      return false;
    }
    snprintf(others[nothers++], 64, "%.63s", e->d_name);
  }
  closedir(d);
  qsort(others, nothers, sizeof others[0], compare_names);
  for (size_t i = 0; i < nothers; i++)
    snprintf(m->files[m->nfiles++].name, sizeof m->files[0].name, "%.63s", others[i]);
  if (!m->nfiles) {
    fprintf(stderr, "allwedd bundle-manifest: no .csv files in %s\n", dir);
    return false;
  }
  return true;
}

/* The site and source of an existing manifest, when it parses. */
static void existing_values(const char *dir, char *site, size_t sitelen, char *source, size_t sourcelen)
{
  char path[4096], text[64 * 1024];
  snprintf(path, sizeof path, "%s/manifest.ini", dir);
  FILE *f = fopen(path, "rb");
  if (!f)
    return;
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = '\0';
  manifest_t old;
  char err[256];
  if (!manifest_parse(text, &old, err, sizeof err))
    return; /* an unreadable old manifest gives no defaults */
  if (!site[0] && old.site[0])
    snprintf(site, sitelen, "%s", old.site);
  if (!source[0] && old.source[0])
    snprintf(source, sourcelen, "%s", old.source);
}

/* Write text to dir/manifest.ini through a temporary file and a rename. */
static bool write_manifest(const char *dir, const char *text)
{
  char tmp[4096], path[4096];
  snprintf(tmp, sizeof tmp, "%s/.manifest.ini.XXXXXX", dir);
  snprintf(path, sizeof path, "%s/manifest.ini", dir);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    fprintf(stderr, "allwedd bundle-manifest: %s: %s\n", dir, strerror(errno));
    return false;
  }
  size_t len = strlen(text);
  bool ok = write(fd, text, len) == (ssize_t)len && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
  ok = close(fd) == 0 && ok;
  if (ok && rename(tmp, path) != 0)
    ok = false;
  if (!ok) {
    fprintf(stderr, "allwedd bundle-manifest: cannot write %s: %s\n", path, strerror(errno));
    unlink(tmp);
  }
  return ok;
}

/* Sign dir/manifest.ini with minisign; false when it fails. */
static bool sign_manifest(const char *dir, const char *key, const char *comment)
{
  char manifest[4096], sig[4096];
  snprintf(manifest, sizeof manifest, "%s/manifest.ini", dir);
  snprintf(sig, sizeof sig, "%s/manifest.ini.minisig", dir);
  char *argv[] = {"minisign", "-S", "-s", (char *)key, "-m", manifest, "-x", sig, "-t", (char *)comment, NULL};
  posix_spawn_file_actions_t actions;
  pid_t pid;
  int status = 0;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  int rc = posix_spawnp(&pid, "minisign", &actions, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    fprintf(stderr, "allwedd bundle-manifest: cannot run minisign: %s\n", strerror(rc));
    return false;
  }
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "allwedd bundle-manifest: minisign could not sign %s\n", manifest);
    return false;
  }
  fprintf(stderr, "signed %s -> manifest.ini.minisig\n", manifest);
  return true;
}

int cmd_bundle_manifest(int argc, char **argv)
{
  static const struct option options[] = {
    {"generated", required_argument, NULL, 'g'}, {"site", required_argument, NULL, 's'},
    {"source", required_argument, NULL, 'o'},    {"comment", required_argument, NULL, 'c'},
    {"help", no_argument, NULL, 'h'},            {NULL, 0, NULL, 0}};
  const char *generated = NULL, *comment = NULL;
  manifest_t m;
  char text[32 * 1024], err[512], default_comment[64];
  const char *why;
  int c;

  memset(&m, 0, sizeof m);
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'g': generated = optarg; break;
    case 's': snprintf(m.site, sizeof m.site, "%s", optarg); break;
    case 'o': snprintf(m.source, sizeof m.source, "%s", optarg); break;
    case 'c': comment = optarg; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (argc - optind < 1 || argc - optind > 2) {
    fputs(usage_text, stderr);
    return CLI_USAGE;
  }
  const char *dir = argv[optind], *key = argc - optind == 2 ? argv[optind + 1] : NULL;
  if (generated) {
    if (!rules_utc_timestamp(generated, m.generated, &why)) {
      fprintf(stderr, "allwedd bundle-manifest: --generated: %s (like 2026-11-20T23:05:00Z)\n", why);
      return CLI_USAGE;
    }
  } else {
    clock_now_utc(m.generated);
  }
  if (key && access(key, R_OK) != 0) {
    fprintf(stderr, "allwedd bundle-manifest: cannot read secret key %s: %s\n", key, strerror(errno));
    return CLI_USAGE;
  }
  existing_values(dir, m.site, sizeof m.site, m.source, sizeof m.source);
  if (!m.site[0])
    snprintf(m.site, sizeof m.site, "Example Cancer Centre");
  if (!m.source[0])
    snprintf(m.source, sizeof m.source, "Example University Health Board cancer information system");
  m.format = 1;
  if (!list_files(dir, &m))
    return CLI_REFUSED;
  for (size_t i = 0; i < m.nfiles; i++) {
    char path[4096];
    long long padding = 0;
    snprintf(path, sizeof path, "%s/%s", dir, m.files[i].name);
    if (!manifest_measure_csv(path, &m.files[i].rows, m.files[i].sha256, &padding, err, sizeof err)) {
      fprintf(stderr, "allwedd bundle-manifest: %s:%s\n", m.files[i].name, err);
      return CLI_REFUSED;
    }
    fprintf(stderr, "%s: %ld rows\n", m.files[i].name, m.files[i].rows);
    if (padding)
      fprintf(stderr, "%s: ends with %lld NUL bytes of padding (not rows; the kiosk warns about them)\n",
              m.files[i].name, padding);
  }
  if (!manifest_format(&m, text, sizeof text, err, sizeof err)) {
    fprintf(stderr, "allwedd bundle-manifest: %s\n", err);
    return CLI_USAGE;
  }
  if (!write_manifest(dir, text))
    return CLI_REFUSED;
  char sig[4096];
  snprintf(sig, sizeof sig, "%s/manifest.ini.minisig", dir);
  if (key) {
    snprintf(default_comment, sizeof default_comment, "allwedd export %s", m.generated);
    if (!sign_manifest(dir, key, comment ? comment : default_comment))
      return CLI_REFUSED;
  } else if (unlink(sig) == 0) {
    fprintf(stderr, "removed stale %s (no key given: the bundle is unsigned)\n", sig);
  }
  fprintf(stderr, "wrote %s/manifest.ini\n", dir);
  return CLI_OK;
}
