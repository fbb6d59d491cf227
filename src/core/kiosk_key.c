/*
 * The kiosk's key files (see kiosk_key.h). The secret key is written first
 * and is the truth: if a crash leaves a public key from before a rotation,
 * the next load writes the right one.
 */
#include "core/kiosk_key.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "core/safe_file.h"

void kiosk_key_paths(const char *db_path, char *sec, size_t seclen, char *pub, size_t publen)
{
  char dir[4096];
  safe_file_dirname(db_path, dir, sizeof dir);
  snprintf(sec, seclen, "%s/kiosk.key", dir);
  snprintf(pub, publen, "%s/kiosk.pub", dir);
}

/* Write the public key file of sk unless it already says exactly that. */
static bool write_public(const char *pub_path, const minisig_seckey_t *sk, char *err, size_t errlen)
{
  char text[MINISIG_PUBKEY_TEXT_MAX], why[160];
  minisig_pubkey_t pk, on_disk;
  minisig_public_of(sk, &pk);
  if (minisig_load_pubkey(pub_path, &on_disk, why, sizeof why) && !memcmp(&on_disk, &pk, sizeof pk))
    return true;
  minisig_format_pubkey(&pk, text);
  return safe_file_write(pub_path, text, strlen(text), 0644, err, errlen);
}

/* Write both files of a new key sk. */
static bool write_pair(const char *sec_path, const char *pub_path, const minisig_seckey_t *sk, char *err,
                       size_t errlen)
{
  char text[MINISIG_SECKEY_TEXT_MAX];
  minisig_format_seckey(sk, text);
  bool ok = safe_file_write(sec_path, text, strlen(text), 0600, err, errlen);
  sodium_memzero(text, sizeof text);
  return ok && write_public(pub_path, sk, err, errlen);
}

bool kiosk_key_load_or_create(const char *db_path, minisig_seckey_t *out, bool *created, char *err,
                              size_t errlen)
{
  char sec[4200], pub[4200];
  minisig_pubkey_t pk;
  kiosk_key_paths(db_path, sec, sizeof sec, pub, sizeof pub);
  *created = false;
  if (access(sec, F_OK) != 0) {
    if (errno != ENOENT) {
      snprintf(err, errlen, "%s: %s", sec, strerror(errno));
      return false;
    }
    if (!minisig_generate(out, &pk, err, errlen) || !write_pair(sec, pub, out, err, errlen)) {
      minisig_seckey_wipe(out);
      return false;
    }
    *created = true;
    return true;
  }
  if (!minisig_load_seckey(sec, out, err, errlen))
    return false;
  if (!write_public(pub, out, err, errlen)) {
    minisig_seckey_wipe(out);
    return false;
  }
  return true;
}

bool kiosk_key_generate(const char *db_path, bool rotate, minisig_seckey_t *out, bool *existed,
                        char *previous_pub, size_t previous_len, char *err, size_t errlen)
{
  char sec[4200], pub[4200], dir[4096], id[17];
  minisig_seckey_t old;
  minisig_pubkey_t pk;
  kiosk_key_paths(db_path, sec, sizeof sec, pub, sizeof pub);
  previous_pub[0] = '\0';
  *existed = access(sec, F_OK) == 0;
  if (*existed && !rotate) {
    snprintf(err, errlen, "%s: the kiosk already has a key (rotate it with --rotate)", sec);
    return false;
  }
  if (*existed) {
    /* Keep the old public key under its id: returns it signed still verify. */
    char text[MINISIG_PUBKEY_TEXT_MAX];
    if (!minisig_load_seckey(sec, &old, err, errlen))
      return false;
    minisig_public_of(&old, &pk);
    minisig_seckey_wipe(&old);
    minisig_key_id_hex(pk.key_id, id);
    minisig_format_pubkey(&pk, text);
    safe_file_dirname(db_path, dir, sizeof dir);
    snprintf(previous_pub, previous_len, "%s/kiosk-%s.pub", dir, id);
    if (!safe_file_write(previous_pub, text, strlen(text), 0644, err, errlen))
      return false;
  }
  if (!minisig_generate(out, &pk, err, errlen) || !write_pair(sec, pub, out, err, errlen)) {
    minisig_seckey_wipe(out);
    return false;
  }
  return true;
}
