/*
 * Verification of minisign signatures (Ed25519) with libsodium: the
 * signature of the file (prehashed "ED", BLAKE2b-512 of the file, or legacy
 * "Ed" over the file itself) and the signature of the trusted comment.
 * Key and signature files are the text files minisign writes.
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

#endif
