/*
 * libFuzzer harness for the minisign parser and verifier
 * (src/core/minisig.h). The input is read three ways: as a public key file;
 * as a signature file over the sample manifest, checked with the demo key
 * (assets/demo-key), which the real sample signature passes; and, when it
 * holds a NUL byte, as "signature NUL message" with the same key. A forged
 * signature must never verify: only the sample signature over the sample
 * manifest may.
 */
#include <stdint.h>
#include <string.h>

#include "core/minisig.h"
#include "fuzz_common.h"

static minisig_pubkey_t demo_key;
static char *sample_manifest, *sample_signature;
static size_t sample_manifest_len;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  char err[256];
  char *pub = fuzz_read_source_file("assets/demo-key/demo.pub", NULL);
  if (!minisig_parse_pubkey(pub, &demo_key, err, sizeof err)) {
    fprintf(stderr, "demo.pub: %s\n", err);
    abort();
  }
  free(pub);
  sample_manifest = fuzz_read_source_file("assets/sample/manifest.ini", &sample_manifest_len);
  sample_signature = fuzz_read_source_file("assets/sample/manifest.ini.minisig", NULL);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *text = fuzz_cstring(data, size);
  if (!text)
    return 0;
  char err[512], comment[1024];
  minisig_pubkey_t key;
  (void)minisig_parse_pubkey(text, &key, err, sizeof err);

  bool ok = minisig_verify(&demo_key, text, (const unsigned char *)sample_manifest,
                           sample_manifest_len, comment, sizeof comment, err, sizeof err);
  if (ok) {
    /* Only the real signature (up to what follows its last line) verifies. */
    FUZZ_CHECK(fuzz_terminated(comment, sizeof comment));
  } else {
    FUZZ_CHECK(err[0] != '\0');
  }

  const uint8_t *nul = memchr(data, '\0', size);
  if (nul) {
    const unsigned char *msg = nul + 1;
    size_t msglen = size - (size_t)(msg - data);
    ok = minisig_verify(&demo_key, text, msg, msglen, comment, sizeof comment, err, sizeof err);
    /* Ed25519 cannot be forged by a fuzzer: a pass means the message is the
     * signed sample manifest. */
    FUZZ_CHECK(!ok || (msglen == sample_manifest_len && !memcmp(msg, sample_manifest, msglen)));
  }
  free(text);
  return 0;
}
