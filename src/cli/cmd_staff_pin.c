/*
 * allwedd staff-pin: set the PIN that opens staff mode on the kiosk. The
 * PIN is stored only as an Argon2id hash (libsodium crypto_pwhash_str, with
 * its "interactive" limits) in a file of its own (config_staff_pin_path():
 * beside the store unless [kiosk] staff_pin_file says otherwise), written
 * 0600 with an atomic rename whatever the mode of what it replaces, so no
 * other user can take the hash and try every PIN offline (10^4 PINs take
 * minutes). A hash left in the configuration file by an older version is
 * removed from it. PINs a stranger would try first are refused
 * (staff_pin_acceptable). The PIN itself is never written anywhere and is
 * wiped from memory after hashing.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "core/staff_pin.h"

static const char usage_text[] =
    "usage: allwedd staff-pin [--config FILE] [--file PATH]\n"
    "\n"
    "Set the staff PIN of the kiosk: 4 to 12 digits, 6 or more advised. PINs a\n"
    "stranger would try first are refused: one digit repeated (0000), digits\n"
    "counting up or down (1234, 4321, 0123), a short group repeated (1212).\n"
    "On a terminal the PIN is asked twice without echo; otherwise one line is\n"
    "read from standard input. Only an Argon2id hash of it is written, to a\n"
    "file of its own, mode 0600: --file, else [kiosk] staff_pin_file, else\n"
    "beside the store (/var/lib/allwedd/allwedd.db -> allwedd-staff-pin). Run\n"
    "as root, the file is given to the owner of its folder (the kiosk's user).\n"
    "A staff_pin_hash line left in the configuration file is removed from it.\n"
    "Restart the kiosk to use the new PIN. The configuration is --config,\n"
    "$ALLWEDD_CONFIG or " CLI_SYSTEM_CONFIG " (if present).\n"
    "Exit status: 0 set, 1 the PINs differ or the PIN is refused, 2 usage or\n"
    "file error.\n";

/* Read one line into buf (newline removed), without echo on a terminal. */
static bool read_pin(const char *prompt, char *buf, size_t len)
{
  struct termios old, quiet;
  bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    fputs(prompt, stderr);
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  bool ok = fgets(buf, (int)len, stdin) != NULL;
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fputc('\n', stderr);
  }
  buf[strcspn(buf, "\r\n")] = '\0';
  return ok;
}

/* True when line (left-trimmed) starts a section; *is_kiosk tells which. */
static bool section_line(const char *line, bool *is_kiosk)
{
  while (*line == ' ' || *line == '\t')
    line++;
  if (*line != '[')
    return false;
  *is_kiosk = !strncmp(line, "[kiosk]", 7);
  return true;
}

/* True when line sets staff_pin_hash. */
static bool hash_line(const char *line)
{
  while (*line == ' ' || *line == '\t')
    line++;
  if (strncmp(line, "staff_pin_hash", 14))
    return false;
  line += 14;
  while (*line == ' ' || *line == '\t')
    line++;
  return *line == '=' || *line == ':';
}

/* Sync the folder holding path, so a rename survives a power cut. */
static bool sync_folder(const char *path)
{
  char copy[4096];
  snprintf(copy, sizeof copy, "%s", path);
  int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return false;
  bool ok = fsync(fd) == 0;
  close(fd);
  return ok;
}

/* Write the hash to path: a new 0600 file renamed over the old one, owned
 * like its folder when run as root. */
static bool write_pin_file(const char *path, const char *hash, char *err, size_t errlen)
{
  char tmp[4200], copy[4096], folder[4096];
  struct stat dir;
  bool ok = false;
  int fd = -1;
  snprintf(copy, sizeof copy, "%s", path);
  snprintf(folder, sizeof folder, "%s", dirname(copy));
  if (stat(folder, &dir) != 0 && (errno != ENOENT || mkdir(folder, 0700) != 0 ||
                                  stat(folder, &dir) != 0)) {
    snprintf(err, errlen, "%.900s: %s", folder, strerror(errno));
    return false;
  }
  snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
  fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    snprintf(err, errlen, "%.900s: %s", tmp, strerror(errno));
    return false;
  }
  size_t len = strlen(hash);
  if (fchmod(fd, 0600) != 0 || (geteuid() == 0 && fchown(fd, dir.st_uid, dir.st_gid) != 0) ||
      write(fd, hash, len) != (ssize_t)len || write(fd, "\n", 1) != 1 || fsync(fd) != 0) {
    snprintf(err, errlen, "%.900s: %s", tmp, strerror(errno));
    goto done;
  }
  if (close(fd) != 0) {
    fd = -1;
    snprintf(err, errlen, "%.900s: %s", tmp, strerror(errno));
    goto done;
  }
  fd = -1;
  if (rename(tmp, path) != 0) {
    snprintf(err, errlen, "%.900s: %s", path, strerror(errno));
    goto done;
  }
  if (!sync_folder(path)) {
    snprintf(err, errlen, "%.900s: %s", folder, strerror(errno));
    goto done;
  }
  ok = true;
done:
  if (fd >= 0)
    close(fd);
  if (!ok)
    unlink(tmp);
  return ok;
}

/* Rewrite the configuration file at path without its [kiosk]
 * staff_pin_hash line (same mode and owner, atomic rename); every other
 * line kept as it was. *removed tells whether there was one. */
static bool remove_config_hash(const char *path, bool *removed, char *err, size_t errlen)
{
  FILE *in = fopen(path, "r"), *out = NULL;
  char tmp[4200], line[4096];
  struct stat st;
  bool ok = false, in_kiosk = false;
  int fd = -1;
  *removed = false;
  if (!in) {
    if (errno == ENOENT)
      return true;
    snprintf(err, errlen, "%.900s: %s", path, strerror(errno));
    return false;
  }
  if (fstat(fileno(in), &st) != 0) {
    snprintf(err, errlen, "%.900s: %s", path, strerror(errno));
    goto done;
  }
  snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
  fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0 || fchmod(fd, st.st_mode & 07777) != 0 ||
      (geteuid() == 0 && fchown(fd, st.st_uid, st.st_gid) != 0) || !(out = fdopen(fd, "w"))) {
    snprintf(err, errlen, "%.900s: %s", tmp, strerror(errno));
    goto done;
  }
  fd = -1;
  while (fgets(line, sizeof line, in)) {
    bool is_kiosk = false;
    if (section_line(line, &is_kiosk))
      in_kiosk = is_kiosk;
    else if (in_kiosk && hash_line(line)) {
      *removed = true;
      continue;
    }
    fputs(line, out);
  }
  if (ferror(in) || fflush(out) != 0 || fsync(fileno(out)) != 0) {
    snprintf(err, errlen, "%.900s: %s", tmp, strerror(errno));
    goto done;
  }
  if (*removed && rename(tmp, path) != 0) {
    snprintf(err, errlen, "%.900s: %s", path, strerror(errno));
    goto done;
  }
  ok = true;
done:
  fclose(in);
  if (fd >= 0)
    close(fd);
  if (out)
    fclose(out);
  if (!ok || !*removed)
    unlink(tmp);
  return ok;
}

/* One warning for the command named in ctx. */
static void setup_warning(void *ctx, const char *message)
{
  fprintf(stderr, "allwedd %s: warning: %s\n", (const char *)ctx, message);
}

void cli_staff_pin_setup(const char *command, config_t *cfg, const char *config_path)
{
  char err[CONFIG_PATH_MAX + 200];
  if (!config_read_staff_pin(cfg, err, sizeof err))
    fprintf(stderr, "allwedd %s: warning: %s%s\n", command, err,
            cfg->staff_pin_hash[0] ? "" : "; staff mode is off");
  config_check_secrets(cfg, config_path, setup_warning, (void *)command);
}

/* allwedd staff-pin: read the PIN, check it, hash it, write the hash. */
int cmd_staff_pin(int argc, char **argv)
{
  static const struct option options[] = {{"config", required_argument, NULL, 'c'},
                                          {"file", required_argument, NULL, 'f'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *given = NULL, *file = NULL, *why = NULL;
  char pin[64] = "", again[64] = "", hash[crypto_pwhash_STRBYTES], err[1024], path[4096];
  config_t cfg;
  int c, status = CLI_USAGE;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'c': given = optarg; break;
    case 'f': file = optarg; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (optind < argc || sodium_init() < 0) {
    fputs(usage_text, stderr);
    return CLI_USAGE;
  }
  if (!cli_load_config("staff-pin", given, &cfg))
    return CLI_USAGE;
  const char *config_path = cli_config_path(given);
  if (file)
    snprintf(cfg.staff_pin_file, sizeof cfg.staff_pin_file, "%s", file);
  if (!config_staff_pin_path(&cfg, path, sizeof path)) {
    fprintf(stderr, "allwedd staff-pin: the staff PIN file's path is too long\n");
    return CLI_USAGE;
  }
  bool tty = isatty(STDIN_FILENO);
  if (!read_pin("New staff PIN (4-12 digits, 6 or more advised): ", pin, sizeof pin) ||
      (tty && !read_pin("The same PIN again: ", again, sizeof again))) {
    fprintf(stderr, "allwedd staff-pin: no PIN given\n");
    goto done;
  }
  status = CLI_REFUSED;
  if (!staff_pin_acceptable(pin, &why)) {
    fprintf(stderr, "allwedd staff-pin: PIN refused: %s; nothing changed\n", why);
    goto done;
  }
  if (tty && strcmp(pin, again) != 0) {
    fprintf(stderr, "allwedd staff-pin: the two PINs differ; nothing changed\n");
    goto done;
  }
  status = CLI_USAGE;
  if (crypto_pwhash_str(hash, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    fprintf(stderr, "allwedd staff-pin: out of memory hashing the PIN\n");
    goto done;
  }
  if (!write_pin_file(path, hash, err, sizeof err)) {
    fprintf(stderr, "allwedd staff-pin: %s\n", err);
    goto done;
  }
  printf("staff PIN set in %s (restart the kiosk to use it)\n", path);
  status = CLI_OK;
  bool removed = false;
  if (config_path && cfg.staff_pin_hash_in_config) {
    if (!remove_config_hash(config_path, &removed, err, sizeof err))
      fprintf(stderr,
              "allwedd staff-pin: warning: could not remove the old staff_pin_hash from "
              "%s (%s): remove that line by hand\n",
              config_path, err);
    else if (removed)
      printf("old staff_pin_hash removed from %s\n", config_path);
  }
done:
  sodium_memzero(pin, sizeof pin);
  sodium_memzero(again, sizeof again);
  return status;
}
