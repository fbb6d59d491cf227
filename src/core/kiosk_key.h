/*
 * The kiosk's own signing key, with which it signs its returns to central
 * (core/returns.h): a minisign key pair beside the store, the secret key
 * as "kiosk.key" (mode 0600, unencrypted: the kiosk signs unattended) and
 * the public key as "kiosk.pub", which central keeps to verify returns with
 * the stock `minisign -V`. Made on first use, or with `allwedd keygen`;
 * rotating keeps the previous public key as "kiosk-KEYID.pub" so returns
 * signed before the rotation still verify.
 */
#ifndef ALLWEDD_KIOSK_KEY_H
#define ALLWEDD_KIOSK_KEY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/minisig.h"

/* The key files for the store at db_path: DIR/kiosk.key and DIR/kiosk.pub. */
void kiosk_key_paths(const char *db_path, char *sec, size_t seclen, char *pub, size_t publen);

/* Load the kiosk's key; when there is none, make one (*created true). The
 * public key file is written again whenever it is missing or does not match
 * the secret key (the secret key is the truth). false with the reason in
 * err: unreadable or damaged key, or a file that cannot be written. */
bool kiosk_key_load_or_create(const char *db_path, minisig_seckey_t *out, bool *created, char *err,
                              size_t errlen);

/* Make a new key pair. When a key exists: with rotate false, refuse (false,
 * *existed true); with rotate true, keep its public key as kiosk-KEYID.pub
 * (its name in *previous_pub, "" otherwise) and replace both files. out
 * receives the new key. false with the reason in err. */
bool kiosk_key_generate(const char *db_path, bool rotate, minisig_seckey_t *out, bool *existed,
                        char *previous_pub, size_t previous_len, char *err, size_t errlen);

#endif
