/*
 * The signing half of the minisign format: a key pair survives being
 * written and read back; a signature verifies with the project's own
 * verifier and fails for another message, another key or a changed trusted
 * comment; a key made by `minisign -G -W` (checksum left zero) is read;
 * damaged, password-protected and foreign keys are refused with a reason.
 * (tests/integration/test_returns.sh checks the same files against the
 * stock minisign.)
 */
#include <string.h>

#include "core/minisig.h"
#include "testlib.h"

/* A key made by `minisign -G -W` (minisign 0.11), and its public key. */
static const char minisign_key[] =
    "untrusted comment: minisign encrypted secret key\n"
    "RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAArSfxKAu7ZJ3EZJCi8i3xQ0cTdJVt2lOwNAOUFB"
    "lbZZDlN4b2qEBM5GJ1N26Fp4fLmdFBQmPKpPj5VBkMo7zPTM4Vh1h1ltZpAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
static const char minisign_pub[] =
    "untrusted comment: minisign public key 9D64BB0B28F127AD\n"
    "RWStJ/EoC7tknWJ1N26Fp4fLmdFBQmPKpPj5VBkMo7zPTM4Vh1h1ltZp\n";

/* Verify sig over msg with pk; the trusted comment in comment. */
static bool verifies(const minisig_pubkey_t *pk, const char *sig, const char *msg, char comment[200])
{
  char err[200];
  return minisig_verify(pk, sig, (const unsigned char *)msg, strlen(msg), comment, 200, err, sizeof err);
}

int main(void)
{
  minisig_seckey_t sk, back, theirs;
  minisig_pubkey_t pk, pk_back, their_pk;
  char text[MINISIG_SECKEY_TEXT_MAX], pub[MINISIG_PUBKEY_TEXT_MAX], sig[MINISIG_SIG_TEXT_MAX], comment[200],
      err[200], id[17];

  TEST_SECTION("a new key pair written and read back");
  CHECK(minisig_generate(&sk, &pk, err, sizeof err));
  minisig_format_seckey(&sk, text);
  CHECK(!strncmp(text, "untrusted comment: ", 19));
  CHECK(minisig_parse_seckey(text, &back, err, sizeof err));
  CHECK(!memcmp(&sk, &back, sizeof sk));
  minisig_format_pubkey(&pk, pub);
  CHECK(minisig_parse_pubkey(pub, &pk_back, err, sizeof err));
  CHECK(!memcmp(&pk, &pk_back, sizeof pk));
  minisig_key_id_hex(pk.key_id, id);
  CHECK(strstr(pub, id) != NULL);

  TEST_SECTION("a signature verifies, and only for its message, key and comment");
  CHECK(minisig_sign(&sk, (const unsigned char *)"[return]\n", 9, "allwedd return 1", sig, err, sizeof err));
  CHECK(verifies(&pk, sig, "[return]\n", comment));
  CHECK_STR(comment, "allwedd return 1");
  CHECK(!verifies(&pk, sig, "[return]\r\n", comment));
  minisig_seckey_t other;
  minisig_pubkey_t other_pk;
  CHECK(minisig_generate(&other, &other_pk, err, sizeof err));
  CHECK(!verifies(&other_pk, sig, "[return]\n", comment));
  char *tc = strstr(sig, "\ntrusted comment: ");
  if (CHECK(tc)) {
    tc[18] = 'A'; /* "Allwedd return 1" */
    CHECK(!verifies(&pk, sig, "[return]\n", comment));
  }
  CHECK(!minisig_sign(&sk, (const unsigned char *)"x", 1, "two\nlines", sig, err, sizeof err));

  TEST_SECTION("a key made by minisign -G -W signs, and its public key verifies");
  CHECK(minisig_parse_seckey(minisign_key, &theirs, err, sizeof err));
  CHECK(minisig_parse_pubkey(minisign_pub, &their_pk, err, sizeof err));
  minisig_pubkey_t derived;
  minisig_public_of(&theirs, &derived);
  CHECK(!memcmp(&derived, &their_pk, sizeof derived));
  minisig_key_id_hex(theirs.key_id, id);
  CHECK_STR(id, "9D64BB0B28F127AD");
  CHECK(minisig_sign(&theirs, (const unsigned char *)"hello\n", 6, "t", sig, err, sizeof err));
  CHECK(verifies(&their_pk, sig, "hello\n", comment));

  TEST_SECTION("damaged and password-protected keys are refused, saying why");
  char bad[sizeof text];
  memcpy(bad, text, sizeof text);
  char *line2 = strchr(bad, '\n') + 1;
  line2[100] = line2[100] == 'A' ? 'B' : 'A'; /* a bit of the secret key */
  CHECK(!minisig_parse_seckey(bad, &back, err, sizeof err));
  CHECK(strstr(err, "damaged") != NULL);
  memcpy(bad, minisign_key, sizeof minisign_key);
  line2 = strchr(bad, '\n') + 1;
  memcpy(line2, "RWRTY0Iy", 8); /* kdf "Sc": encrypted with a password */
  CHECK(!minisig_parse_seckey(bad, &back, err, sizeof err));
  CHECK(strstr(err, "password") != NULL);
  CHECK(!minisig_parse_seckey(minisign_pub, &back, err, sizeof err));
  CHECK_STR(err, "not a minisign secret key");
  minisig_seckey_wipe(&sk);
  minisig_seckey_wipe(&theirs);
  minisig_seckey_wipe(&other);
  return test_summary();
}
