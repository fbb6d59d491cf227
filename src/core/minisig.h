/*
 * minisign signatures (Ed25519) with libsodium. Verification: the
 * signature of the file (prehashed "ED", BLAKE2b-512 of the file, or legacy
 * "Ed" over the file itself) and the signature of the trusted comment.
 * Signing (minisig_sign.c): key pairs, passwordless secret key files as
 * `minisign -G -W` writes them, and prehashed "ED" signatures that the stock
 * `minisign -V` verifies. Key and signature files are the text files
 * minisign writes.
 */
#ifndef ALLWEDD_MINISIG_H
#define ALLWEDD_MINISIG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  unsigned char key_id[8];
  unsigned char key[32];
} minisig_pubkey_t;

/* Parse a public key file's text (an optional "untrusted comment:" line, then
 * the base64 key). false with a reason in err. */
bool minisig_parse_pubkey(const char *text, minisig_pubkey_t *out, char *err, size_t errlen);

/* Read and parse a public key file. */
bool minisig_load_pubkey(const char *path, minisig_pubkey_t *out, char *err, size_t errlen);

/* Verify sig_text (the .minisig file's contents) over msg with key. On
 * success copies the trusted comment (without the "trusted comment: "
 * prefix) into comment. false with the reason in err: malformed signature,
 * key id mismatch (signed with another key), bad file signature, bad
 * trusted-comment signature. */
bool minisig_verify(const minisig_pubkey_t *key, const char *sig_text, const unsigned char *msg,
                    size_t msglen, char *comment, size_t commentlen, char *err, size_t errlen);

/* A secret key: its id and libsodium's Ed25519 secret key (the 32-byte seed
 * then the public key). Wipe it with minisig_seckey_wipe() when done. */
typedef struct {
  unsigned char key_id[8];
  unsigned char secret[64];
} minisig_seckey_t;

/* Room for the texts below, line ends included. */
enum { MINISIG_PUBKEY_TEXT_MAX = 160, MINISIG_SECKEY_TEXT_MAX = 320, MINISIG_SIG_TEXT_MAX = 1400,
       MINISIG_COMMENT_MAX = 1000 };

/* A new random key pair (sk and its public key pk). false with the reason in
 * err when libsodium cannot start. */
bool minisig_generate(minisig_seckey_t *sk, minisig_pubkey_t *pk, char *err, size_t errlen);

/* The public key that goes with sk. */
void minisig_public_of(const minisig_seckey_t *sk, minisig_pubkey_t *pk);

/* The key id as minisign prints it: 16 upper-case hex digits, the id's
 * bytes read as a little-endian number. */
void minisig_key_id_hex(const unsigned char key_id[8], char out[17]);

/* The public key file's text: "untrusted comment: minisign public key ID"
 * and the base64 key, each line ending in "\n". */
void minisig_format_pubkey(const minisig_pubkey_t *pk, char out[MINISIG_PUBKEY_TEXT_MAX]);

/* The secret key file's text, unencrypted as `minisign -G -W` writes it
 * (with its BLAKE2b checksum filled in). The text is secret: wipe it. */
void minisig_format_seckey(const minisig_seckey_t *sk, char out[MINISIG_SECKEY_TEXT_MAX]);

/* Parse a secret key file's text. false with the reason in err: not a
 * minisign secret key, a password-protected one (allwedd signs unattended),
 * a checksum or public half that does not match the key. */
bool minisig_parse_seckey(const char *text, minisig_seckey_t *out, char *err, size_t errlen);

/* Read and parse a secret key file. */
bool minisig_load_seckey(const char *path, minisig_seckey_t *out, char *err, size_t errlen);

/* Sign msg as minisign -S does (prehashed "ED") with trusted_comment (one
 * line, at most MINISIG_COMMENT_MAX bytes) and write the .minisig text to
 * out. false with the reason in err for a comment with a line break or too
 * long. */
bool minisig_sign(const minisig_seckey_t *sk, const unsigned char *msg, size_t msglen,
                  const char *trusted_comment, char out[MINISIG_SIG_TEXT_MAX], char *err,
                  size_t errlen);

/* Overwrite a secret key in memory. */
void minisig_seckey_wipe(minisig_seckey_t *sk);

#endif
