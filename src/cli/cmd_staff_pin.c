/*
 * allwedd staff-pin: set the PIN that opens staff mode on the kiosk. The
 * PIN is stored only as an Argon2id hash (libsodium crypto_pwhash_str, with
 * its "interactive" limits) in the configuration file's [kiosk]
 * staff_pin_hash, which is rewritten in place (same mode, atomic rename),
 * every other line kept as it was. The PIN itself is never written
 * anywhere and is wiped from memory after hashing.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "cli/cli_common.h"

static const char usage_text[] =
    "usage: allwedd staff-pin [--config FILE]\n"
    "\n"
    "Set the staff PIN of the kiosk (4 to 12 digits). On a terminal the PIN is\n"
    "asked twice without echo; otherwise one line is read from standard input.\n"
    "Only an Argon2id hash of it is written, as [kiosk] staff_pin_hash in the\n"
    "configuration file (--config, $ALLWEDD_CONFIG or " CLI_SYSTEM_CONFIG ").\n"
    "Exit status: 0 set, 1 the PINs differ or are not 4-12 digits, 2 usage or\n"
    "file error.\n";

enum { PIN_MAX = 12, PIN_MIN = 4 };

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

/* 4 to 12 digits. */
static bool pin_valid(const char *pin)
{
  size_t n = strlen(pin);
  if (n < PIN_MIN || n > PIN_MAX)
    return false;
  for (size_t i = 0; i < n; i++)
    if (pin[i] < '0' || pin[i] > '9')
      return false;
  return true;
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

/* Rewrite the config file at path with staff_pin_hash = hash in [kiosk]. */
static bool write_hash(const char *path, const char *hash, char *err, size_t errlen)
{
  FILE *in = fopen(path, "r"), *out = NULL;
  char tmp[4096], line[4096];
  struct stat st;
  bool ok = false, in_kiosk = false, written = false, kiosk_seen = false;
  mode_t mode = 0600;
  if (!in && errno != ENOENT) {
    snprintf(err, errlen, "%.900s: %s", path, strerror(errno));
    return false;
  }
  if (in && fstat(fileno(in), &st) == 0)
    mode = st.st_mode & 07777;
  snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
  FILE *created = NULL;
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0 || !(created = fdopen(fd, "w"))) {
    snprintf(err, errlen, "%.900s: %s", tmp, strerror(errno));
    if (fd >= 0)
      close(fd);
    goto done;
  }
  out = created;
  while (in && fgets(line, sizeof line, in)) {
    bool is_kiosk = false;
    if (section_line(line, &is_kiosk)) {
      if (in_kiosk && !written) {
        fprintf(out, "staff_pin_hash = %s\n", hash);
        written = true;
      }
      in_kiosk = is_kiosk;
      kiosk_seen = kiosk_seen || is_kiosk;
    } else if (in_kiosk && hash_line(line)) {
      if (!written)
        fprintf(out, "staff_pin_hash = %s\n", hash);
      written = true;
      continue;
    }
    fputs(line, out);
    if (line[0] && line[strlen(line) - 1] != '\n')
      fputc('\n', out);
  }
  if (!written)
    fprintf(out, "%sstaff_pin_hash = %s\n", kiosk_seen && in_kiosk ? "" : "\n[kiosk]\n", hash);
  if (fflush(out) != 0 || fsync(fileno(out)) != 0) {
    snprintf(err, errlen, "%.900s: %s", tmp, strerror(errno));
    goto done;
  }
  if (rename(tmp, path) != 0) {
    snprintf(err, errlen, "%.900s: %s", path, strerror(errno));
    goto done;
  }
  ok = true;
done:
  if (in)
    fclose(in);
  if (out)
    fclose(out);
  if (!ok)
    unlink(tmp);
  return ok;
}

/* allwedd staff-pin: read the PIN, hash it, write the hash to the config. */
int cmd_staff_pin(int argc, char **argv)
{
  static const struct option options[] = {{"config", required_argument, NULL, 'c'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *given = NULL, *path;
  char pin[64] = "", again[64] = "", hash[crypto_pwhash_STRBYTES], err[1024];
  int c, status = CLI_USAGE;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'c': given = optarg; break;
    case 'h': fputs(usage_text, stdout); return CLI_OK;
    default: fputs(usage_text, stderr); return CLI_USAGE;
    }
  }
  if (optind < argc || sodium_init() < 0) {
    fputs(usage_text, stderr);
    return CLI_USAGE;
  }
  if (!(path = cli_config_path(given))) {
    fprintf(stderr, "allwedd staff-pin: no configuration file: give --config FILE\n");
    return CLI_USAGE;
  }
  bool tty = isatty(STDIN_FILENO);
  if (!read_pin("New staff PIN (4-12 digits): ", pin, sizeof pin) ||
      (tty && !read_pin("The same PIN again: ", again, sizeof again))) {
    fprintf(stderr, "allwedd staff-pin: no PIN given\n");
    goto done;
  }
  status = CLI_REFUSED;
  if (!pin_valid(pin)) {
    fprintf(stderr, "allwedd staff-pin: the PIN must be 4 to 12 digits\n");
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
  if (!write_hash(path, hash, err, sizeof err)) {
    fprintf(stderr, "allwedd staff-pin: %s\n", err);
    goto done;
  }
  printf("staff PIN set in %s\n", path);
  status = CLI_OK;
done:
  sodium_memzero(pin, sizeof pin);
  sodium_memzero(again, sizeof again);
  return status;
}
