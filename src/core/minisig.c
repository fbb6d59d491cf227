/*
 * minisign signature format (https://jedisct1.github.io/minisign/):
 *   public key:  base64( "Ed" | key_id[8] | ed25519_pk[32] )
 *   signature:   line 1 "untrusted comment: ..."
 *                line 2 base64( "ED" or "Ed" | key_id[8] | signature[64] )
 *                line 3 "trusted comment: TEXT"
 *                line 4 base64( global_signature[64] ) over signature | TEXT
 * "ED" signs BLAKE2b-512(file); legacy "Ed" signs the file itself.
 */
#include "core/minisig.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SIG_LINE_MAX = 4096 };

/* Copy the next line of text (without its line end) into line; advance *p.
 * false at the end of the text or when the line is too long. */
static bool next_line(const char **p, char *line, size_t linelen)
{
  if (!**p)
    return false;
  size_t n = strcspn(*p, "\r\n");
  if (n >= linelen)
    return false;
  memcpy(line, *p, n);
  line[n] = '\0';
  *p += n;
  if (**p == '\r')
    (*p)++;
  if (**p == '\n')
    (*p)++;
  return true;
}

/* Decode base64 text to exactly want bytes. */
static bool decode_exact(const char *b64, unsigned char *out, size_t want)
{
  size_t got = 0;
  if (sodium_base642bin(out, want, b64, strlen(b64), " \t", &got, NULL,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return false;
  return got == want;
}

/* Parse a minisign public key. */
bool minisig_parse_pubkey(const char *text, minisig_pubkey_t *out, char *err, size_t errlen)
{
  char line[SIG_LINE_MAX];
  const char *p = text;
  unsigned char raw[42];
  if (!next_line(&p, line, sizeof line))
    goto bad;
  if (!strncmp(line, "untrusted comment:", 18) && !next_line(&p, line, sizeof line))
    goto bad;
  if (!decode_exact(line, raw, sizeof raw) || memcmp(raw, "Ed", 2))
    goto bad;
  memcpy(out->key_id, raw + 2, 8);
  memcpy(out->key, raw + 10, 32);
  return true;
bad:
  snprintf(err, errlen, "not a minisign public key");
  return false;
}

/* Read a whole small text file (at most max bytes) into a NUL-terminated buffer. */
static char *read_small_file(const char *path, size_t max, char *err, size_t errlen)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return NULL;
  }
  char *buf = malloc(max + 1);
  size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
  bool failed = !buf || ferror(f) || n > max;
  fclose(f);
  if (failed) {
    snprintf(err, errlen, "%s: %s", path, !buf ? "out of memory" : n > max ? "file too large" : "read error");
    free(buf);
    return NULL;
  }
  buf[n] = '\0';
  return buf;
}

/* Load a public key file. */
bool minisig_load_pubkey(const char *path, minisig_pubkey_t *out, char *err, size_t errlen)
{
  char why[128];
  char *text = read_small_file(path, 4096, err, errlen);
  if (!text)
    return false;
  bool ok = minisig_parse_pubkey(text, out, why, sizeof why);
  if (!ok)
    snprintf(err, errlen, "%s: %s", path, why);
  free(text);
  return ok;
}

/* Load a secret key file; the text read is wiped before it is freed. */
bool minisig_load_seckey(const char *path, minisig_seckey_t *out, char *err, size_t errlen)
{
  char why[160];
  char *text = read_small_file(path, 4096, err, errlen);
  if (!text)
    return false;
  bool ok = minisig_parse_seckey(text, out, why, sizeof why);
  if (!ok)
    snprintf(err, errlen, "%s: %s", path, why);
  sodium_memzero(text, strlen(text));
  free(text);
  return ok;
}

/* Verify a minisign signature and its trusted comment. */
bool minisig_verify(const minisig_pubkey_t *key, const char *sig_text, const unsigned char *msg,
                    size_t msglen, char *comment, size_t commentlen, char *err, size_t errlen)
{
  char line[SIG_LINE_MAX];
  unsigned char sig[74], global[64], digest[crypto_generichash_BYTES_MAX];
  unsigned char *signed_part = NULL;
  const char *p = sig_text;
  bool ok = false;
  const char *trusted;

  if (sodium_init() < 0) {
    snprintf(err, errlen, "libsodium failed to initialise");
    return false;
  }
  if (!next_line(&p, line, sizeof line) || strncmp(line, "untrusted comment:", 18) ||
      !next_line(&p, line, sizeof line) || !decode_exact(line, sig, sizeof sig)) {
    snprintf(err, errlen, "signature file is malformed (line 1-2)");
    goto done;
  }
  if (memcmp(sig, "ED", 2) && memcmp(sig, "Ed", 2)) {
    snprintf(err, errlen, "unsupported signature algorithm");
    goto done;
  }
  if (memcmp(sig + 2, key->key_id, 8)) {
    snprintf(err, errlen, "signed with a different key than the trusted public key");
    goto done;
  }
  if (!memcmp(sig, "ED", 2)) {
    crypto_generichash(digest, sizeof digest, msg, msglen, NULL, 0);
    msg = digest;
    msglen = sizeof digest;
  }
  if (crypto_sign_verify_detached(sig + 10, msg, msglen, key->key) != 0) {
    snprintf(err, errlen, "signature does not match the file");
    goto done;
  }
  if (!next_line(&p, line, sizeof line) || strncmp(line, "trusted comment: ", 17)) {
    snprintf(err, errlen, "signature file is malformed (line 3: no trusted comment)");
    goto done;
  }
  trusted = line + 17;
  size_t tlen = strlen(trusted);
  signed_part = malloc(64 + tlen);
  char gline[SIG_LINE_MAX];
  if (!signed_part || !next_line(&p, gline, sizeof gline) || !decode_exact(gline, global, sizeof global)) {
    snprintf(err, errlen, "signature file is malformed (line 4)");
    goto done;
  }
  memcpy(signed_part, sig + 10, 64);
  memcpy(signed_part + 64, trusted, tlen);
  if (crypto_sign_verify_detached(global, signed_part, 64 + tlen, key->key) != 0) {
    snprintf(err, errlen, "trusted comment signature does not verify");
    goto done;
  }
  snprintf(comment, commentlen, "%s", trusted);
  ok = true;
done:
  free(signed_part);
  return ok;
}
