/*
 * The signing half of the minisign format (see minisig.c for the layout of
 * public keys and signatures). A secret key file is
 *   line 1 "untrusted comment: ..."
 *   line 2 base64( "Ed" | kdf[2] | "B2" | salt[32] | opslimit[8] | memlimit[8]
 *                  | key_id[8] | ed25519_sk[64] | checksum[32] )
 * where checksum = BLAKE2b-256("Ed" | key_id | ed25519_sk). With kdf "Sc"
 * the last 104 bytes are encrypted with a password (scrypt); allwedd signs
 * unattended, so it writes and reads only kdf "\0\0" (minisign -G -W).
 * Signatures are prehashed ("ED": Ed25519 over BLAKE2b-512 of the file),
 * the default of minisign 0.11, with a trusted comment signed as well.
 */
#include "core/minisig.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

enum { SECKEY_BYTES = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32, SECKEY_KEYNUM_AT = 54 };

/* BLAKE2b-256 of "Ed" | key_id | secret: the secret key file's checksum. */
static void seckey_checksum(const minisig_seckey_t *sk, unsigned char out[32])
{
  crypto_generichash_state st;
  crypto_generichash_init(&st, NULL, 0, 32);
  crypto_generichash_update(&st, (const unsigned char *)"Ed", 2);
  crypto_generichash_update(&st, sk->key_id, sizeof sk->key_id);
  crypto_generichash_update(&st, sk->secret, sizeof sk->secret);
  crypto_generichash_final(&st, out, 32);
  sodium_memzero(&st, sizeof st);
}

bool minisig_generate(minisig_seckey_t *sk, minisig_pubkey_t *pk, char *err, size_t errlen)
{
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  if (sodium_init() < 0) {
    snprintf(err, errlen, "libsodium failed to initialise");
    return false;
  }
  crypto_sign_keypair(public_key, sk->secret);
  randombytes_buf(sk->key_id, sizeof sk->key_id);
  minisig_public_of(sk, pk);
  return true;
}

void minisig_public_of(const minisig_seckey_t *sk, minisig_pubkey_t *pk)
{
  memcpy(pk->key_id, sk->key_id, sizeof pk->key_id);
  crypto_sign_ed25519_sk_to_pk(pk->key, sk->secret);
}

void minisig_key_id_hex(const unsigned char key_id[8], char out[17])
{
  for (int i = 0; i < 8; i++)
    snprintf(out + 2 * i, 3, "%02X", key_id[7 - i]);
}

void minisig_format_pubkey(const minisig_pubkey_t *pk, char out[MINISIG_PUBKEY_TEXT_MAX])
{
  unsigned char raw[42];
  char id[17], b64[sodium_base64_ENCODED_LEN(42, sodium_base64_VARIANT_ORIGINAL)];
  memcpy(raw, "Ed", 2);
  memcpy(raw + 2, pk->key_id, 8);
  memcpy(raw + 10, pk->key, 32);
  sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
  minisig_key_id_hex(pk->key_id, id);
  snprintf(out, MINISIG_PUBKEY_TEXT_MAX, "untrusted comment: minisign public key %s\n%s\n", id, b64);
}

void minisig_format_seckey(const minisig_seckey_t *sk, char out[MINISIG_SECKEY_TEXT_MAX])
{
  unsigned char raw[SECKEY_BYTES] = {0};
  char b64[sodium_base64_ENCODED_LEN(SECKEY_BYTES, sodium_base64_VARIANT_ORIGINAL)];
  memcpy(raw, "Ed", 2);
  /* raw[2..3] = kdf "\0\0": not encrypted; salt and limits stay zero. */
  memcpy(raw + 4, "B2", 2);
  memcpy(raw + SECKEY_KEYNUM_AT, sk->key_id, 8);
  memcpy(raw + SECKEY_KEYNUM_AT + 8, sk->secret, 64);
  seckey_checksum(sk, raw + SECKEY_KEYNUM_AT + 72);
  sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
  snprintf(out, MINISIG_SECKEY_TEXT_MAX, "untrusted comment: minisign secret key (unencrypted, allwedd kiosk)\n%s\n",
           b64);
  sodium_memzero(raw, sizeof raw);
  sodium_memzero(b64, sizeof b64);
}

bool minisig_parse_seckey(const char *text, minisig_seckey_t *out, char *err, size_t errlen)
{
  unsigned char raw[SECKEY_BYTES], sum[32], public_key[32], seed_pk[32], seed_sk[64];
  const char *line = text;
  size_t got = 0;
  bool ok = false;
  if (!strncmp(line, "untrusted comment:", 18)) {
    line = strchr(line, '\n');
    line = line ? line + 1 : "";
  }
  size_t len = strcspn(line, "\r\n");
  if (sodium_base642bin(raw, sizeof raw, line, len, " \t", &got, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      got != sizeof raw || memcmp(raw, "Ed", 2) || memcmp(raw + 4, "B2", 2)) {
    snprintf(err, errlen, "not a minisign secret key");
    goto done;
  }
  if (raw[2] || raw[3]) {
    snprintf(err, errlen, "the secret key is password-protected; the kiosk signs unattended: make its key"
                          " with 'allwedd keygen' (or minisign -G -W)");
    goto done;
  }
  memcpy(out->key_id, raw + SECKEY_KEYNUM_AT, 8);
  memcpy(out->secret, raw + SECKEY_KEYNUM_AT + 8, 64);
  /* minisign -W leaves the checksum zero; a key written here has it. */
  static const unsigned char zero[32];
  seckey_checksum(out, sum);
  if (memcmp(raw + SECKEY_KEYNUM_AT + 72, zero, 32) && sodium_memcmp(raw + SECKEY_KEYNUM_AT + 72, sum, 32)) {
    snprintf(err, errlen, "the secret key's checksum does not match (the file is damaged)");
    goto done;
  }
  crypto_sign_ed25519_sk_to_pk(public_key, out->secret);
  crypto_sign_seed_keypair(seed_pk, seed_sk, out->secret);
  if (sodium_memcmp(seed_pk, public_key, 32)) {
    snprintf(err, errlen, "the secret key's two halves do not match (the file is damaged)");
    goto done;
  }
  ok = true;
done:
  if (!ok)
    minisig_seckey_wipe(out);
  sodium_memzero(raw, sizeof raw);
  sodium_memzero(seed_sk, sizeof seed_sk);
  return ok;
}

bool minisig_sign(const minisig_seckey_t *sk, const unsigned char *msg, size_t msglen,
                  const char *trusted_comment, char out[MINISIG_SIG_TEXT_MAX], char *err,
                  size_t errlen)
{
  unsigned char digest[crypto_generichash_BYTES_MAX], sig[74], global[64];
  unsigned char signed_part[64 + MINISIG_COMMENT_MAX];
  char sig_b64[sodium_base64_ENCODED_LEN(74, sodium_base64_VARIANT_ORIGINAL)];
  char global_b64[sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_ORIGINAL)], id[17];
  size_t tlen = strlen(trusted_comment);
  if (tlen > MINISIG_COMMENT_MAX || strpbrk(trusted_comment, "\r\n")) {
    snprintf(err, errlen, "the trusted comment must be one line of at most %d bytes", MINISIG_COMMENT_MAX);
    return false;
  }
  if (sodium_init() < 0) {
    snprintf(err, errlen, "libsodium failed to initialise");
    return false;
  }
  crypto_generichash(digest, sizeof digest, msg, msglen, NULL, 0);
  memcpy(sig, "ED", 2);
  memcpy(sig + 2, sk->key_id, 8);
  crypto_sign_detached(sig + 10, NULL, digest, sizeof digest, sk->secret);
  memcpy(signed_part, sig + 10, 64);
  memcpy(signed_part + 64, trusted_comment, tlen);
  crypto_sign_detached(global, NULL, signed_part, 64 + tlen, sk->secret);
  sodium_bin2base64(sig_b64, sizeof sig_b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
  sodium_bin2base64(global_b64, sizeof global_b64, global, sizeof global, sodium_base64_VARIANT_ORIGINAL);
  minisig_key_id_hex(sk->key_id, id);
  snprintf(out, MINISIG_SIG_TEXT_MAX,
           "untrusted comment: signature from allwedd kiosk key %s\n%s\ntrusted comment: %s\n%s\n", id, sig_b64,
           trusted_comment, global_b64);
  return true;
}

void minisig_seckey_wipe(minisig_seckey_t *sk) { sodium_memzero(sk, sizeof *sk); }
