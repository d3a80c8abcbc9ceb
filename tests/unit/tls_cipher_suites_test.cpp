// The suite and group tables: checked against OpenSSL where it knows a suite, and every
// classification rule of docs/checks.md spot-checked.
#include "scan/tls/cipher_suites.hpp"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>

#include <memory>
#include <set>

#include "scan/tls/groups.hpp"

namespace weerbaar::scan::tls {
namespace {

TEST(TlsCipherSuites, IdsAreUniqueAndFindable) {
  std::set<std::uint16_t> seen;
  for (const auto& s : all_cipher_suites()) {
    EXPECT_TRUE(seen.insert(s.id).second) << "duplicate " << s.iana_name;
    ASSERT_EQ(find_cipher_suite(s.id), &s) << s.iana_name;
    EXPECT_TRUE(s.iana_name.starts_with("TLS_")) << s.iana_name;
  }
  EXPECT_GE(seen.size(), 100U) << "a wide list, as the prober must offer what old servers pick";
  EXPECT_EQ(find_cipher_suite(0x00FF), nullptr) << "SCSV is not a suite";
  EXPECT_EQ(find_cipher_suite(0xABCD), nullptr);
}

// Every suite OpenSSL knows (at any security level) must be in our table under the same IANA
// and OpenSSL names; this catches typos in the table.
TEST(TlsCipherSuites, AgreeWithOpenSsl) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_method()), SSL_CTX_free);
  ASSERT_TRUE(ctx);
  SSL_CTX_set_security_level(ctx.get(), 0);
  ASSERT_EQ(SSL_CTX_set_cipher_list(ctx.get(), "ALL:COMPLEMENTOFALL:@SECLEVEL=0"), 1);
  ASSERT_EQ(SSL_CTX_set_ciphersuites(ctx.get(),
                                     "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
                                     "TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256"),
            1);
  STACK_OF(SSL_CIPHER)* list = SSL_CTX_get_ciphers(ctx.get());
  ASSERT_NE(list, nullptr);
  int compared = 0;
  for (int i = 0; i < sk_SSL_CIPHER_num(list); ++i) {
    const SSL_CIPHER* c = sk_SSL_CIPHER_value(list, i);
    const auto id = static_cast<std::uint16_t>(SSL_CIPHER_get_protocol_id(c));
    const CipherSuite* s = find_cipher_suite(id);
    ASSERT_NE(s, nullptr) << "missing " << SSL_CIPHER_get_name(c);
    EXPECT_EQ(s->iana_name, SSL_CIPHER_standard_name(c));
    EXPECT_EQ(s->openssl_name, SSL_CIPHER_get_name(c));
    EXPECT_EQ(SSL_CIPHER_is_aead(c) == 1, s->mac == Mac::aead) << s->iana_name;
    ++compared;
  }
  EXPECT_GT(compared, 100);
}

TEST(TlsCipherSuites, VersionsGetTheRightSuites) {
  const auto v13 = suites_for_version(TlsVersion::tls1_3);
  EXPECT_EQ(v13, (std::vector<std::uint16_t>{0x1301, 0x1302, 0x1303, 0x1304, 0x1305}));
  const auto v10 = suites_for_version(TlsVersion::tls1_0);
  auto has = [](const std::vector<std::uint16_t>& l, std::uint16_t id) {
    return std::find(l.begin(), l.end(), id) != l.end();
  };
  EXPECT_TRUE(has(v10, 0xC013));   // ECDHE-RSA-AES128-SHA
  EXPECT_TRUE(has(v10, 0x000A));   // 3DES
  EXPECT_FALSE(has(v10, 0xC02F));  // GCM needs TLS 1.2
  EXPECT_FALSE(has(v10, 0xC027));  // HMAC-SHA256 needs TLS 1.2
  EXPECT_FALSE(has(v10, 0x1301));
  const auto v12 = suites_for_version(TlsVersion::tls1_2);
  EXPECT_TRUE(has(v12, 0xC02F));
  EXPECT_TRUE(has(v12, 0x0003));  // EXPORT still offered: a broken server may pick it
  EXPECT_FALSE(has(v12, 0x1301));
  EXPECT_EQ(suite_name(0xC02F), "ECDHE-RSA-AES128-GCM-SHA256");
  EXPECT_EQ(suite_name(0xC08A), "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256") << "IANA name when OpenSSL has none";
  EXPECT_EQ(suite_name(0xABCD), "0xABCD");
}

struct Rated {
  std::uint16_t id;
  NcscLevel level;
  const char* why;
};

TEST(TlsCipherSuites, ClassificationFollowsDocsChecksMd) {
  using enum NcscLevel;
  const Rated cases[] = {
      // good
      {0x1301, good, "TLS 1.3 AES-128-GCM"},
      {0x1302, good, "TLS 1.3 AES-256-GCM"},
      {0x1303, good, "TLS 1.3 CHACHA20"},
      {0xC02B, good, "ECDHE-ECDSA AES-GCM"},
      {0xC030, good, "ECDHE-RSA AES-GCM"},
      {0xCCA8, good, "ECDHE-RSA CHACHA20"},
      {0xCCA9, good, "ECDHE-ECDSA CHACHA20"},
      // sufficient
      {0x1304, sufficient, "TLS_AES_128_CCM_SHA256"},
      {0xC0AC, sufficient, "ECDHE-ECDSA AES-128-CCM"},
      {0xC0AD, sufficient, "ECDHE-ECDSA AES-256-CCM"},
      // phase out
      {0x009E, phase_out, "DHE-RSA AES-GCM"},
      {0xCCAA, phase_out, "DHE-RSA CHACHA20"},
      {0x0067, phase_out, "DHE-RSA AES-CBC-SHA256"},
      {0x006B, phase_out, "DHE-RSA AES-256-CBC-SHA256"},
      {0xC023, phase_out, "ECDHE-ECDSA AES-CBC-SHA256"},
      {0xC028, phase_out, "ECDHE-RSA AES-CBC-SHA384"},
      // insufficient: everything else
      {0x1305, insufficient, "TLS 1.3 CCM_8"},
      {0xC0AE, insufficient, "ECDHE-ECDSA CCM_8"},
      {0x009C, insufficient, "static RSA, even with GCM"},
      {0x002F, insufficient, "static RSA CBC-SHA1"},
      {0xC013, insufficient, "ECDHE CBC with SHA-1"},
      {0x0033, insufficient, "DHE CBC with SHA-1"},
      {0x000A, insufficient, "3DES"},
      {0xC012, insufficient, "ECDHE 3DES"},
      {0x0005, insufficient, "RC4"},
      {0x0009, insufficient, "DES"},
      {0x0002, insufficient, "NULL"},
      {0xC010, insufficient, "ECDHE NULL"},
      {0x0003, insufficient, "EXPORT"},
      {0x0014, insufficient, "DHE EXPORT"},
      {0x00A6, insufficient, "anonymous DH with GCM"},
      {0xC018, insufficient, "anonymous ECDH"},
      {0x0007, insufficient, "IDEA"},
      {0x0096, insufficient, "SEED"},
      {0xC08A, insufficient, "Camellia, even ECDHE GCM"},
      {0xC060, insufficient, "ARIA, even ECDHE GCM"},
      {0xCCAC, insufficient, "ECDHE-PSK CHACHA20"},
      {0x00A8, insufficient, "PSK"},
      {0xC01D, insufficient, "SRP"},
      {0x00A2, insufficient, "DHE-DSS GCM (only DHE-RSA is phase out)"},
      {0xC09E, insufficient, "DHE-RSA AES-CCM (not listed)"},
      {0xC031, insufficient, "static ECDH GCM"},
      {0xABCD, insufficient, "unknown code point"},
  };
  for (const auto& c : cases) EXPECT_EQ(classify_suite(c.id), c.level) << c.why << " (" << suite_name(c.id) << ")";
}

TEST(TlsGroups, ClassificationFollowsDocsChecksMd) {
  // NCSC TLS guidelines 2025, 3.3.2.1 and 3.3.3.1, as internet.nl applies them
  // (checks/tasks/tls/tls_constants.py: FS_EC_GOOD, FS_EC_PHASE_OUT, FFDHE_PHASE_OUT_PRIMES).
  using enum NcscLevel;
  EXPECT_EQ(classify_group(group::secp384r1), good);
  EXPECT_EQ(classify_group(group::secp256r1), good);
  EXPECT_EQ(classify_group(group::secp521r1), good);
  EXPECT_EQ(classify_group(group::x448), good);
  EXPECT_EQ(classify_group(group::x25519), good);
  EXPECT_EQ(classify_group(26), good) << "brainpoolP256r1";
  EXPECT_EQ(classify_group(33), good) << "brainpoolP512r1 (TLS 1.3)";
  // Every finite-field group is at best phase out; ffdhe2048 is no longer enough at all.
  EXPECT_EQ(classify_group(group::ffdhe8192), phase_out);
  EXPECT_EQ(classify_group(group::ffdhe6144), phase_out);
  EXPECT_EQ(classify_group(group::ffdhe4096), phase_out);
  EXPECT_EQ(classify_group(group::ffdhe3072), phase_out);
  EXPECT_EQ(classify_group(group::ffdhe2048), insufficient);
  EXPECT_EQ(classify_group(21), phase_out) << "secp224r1";
  EXPECT_EQ(classify_group(19), insufficient) << "secp192r1";
  EXPECT_EQ(classify_group(0x4242), insufficient);
  EXPECT_EQ(group_name(group::x25519), "x25519");
  EXPECT_EQ(group_name(0x11EC), "X25519MLKEM768");
  EXPECT_EQ(group_name(0x4242), "0x4242");
}

TEST(TlsGroups, OfferedGroupsPerVersion) {
  const auto v12 = groups_for_version(TlsVersion::tls1_2);
  const auto v13 = groups_for_version(TlsVersion::tls1_3);
  auto has = [](const std::vector<std::uint16_t>& l, std::uint16_t id) {
    return std::find(l.begin(), l.end(), id) != l.end();
  };
  EXPECT_TRUE(has(v12, group::x25519));
  EXPECT_TRUE(has(v12, 1)) << "sect163k1: old servers may still pick it";
  EXPECT_FALSE(has(v12, group::ffdhe2048)) << "not an ECDHE curve";
  EXPECT_TRUE(has(v13, group::ffdhe2048));
  EXPECT_TRUE(has(v13, 31)) << "brainpoolP256r1tls13";
  EXPECT_FALSE(has(v13, 26)) << "brainpoolP256r1 is not for TLS 1.3";
  EXPECT_FALSE(has(v13, 0x11EC)) << "post-quantum hybrids are not offered";
}

// The ffdhe2048 prime computed from RFC 7919's formula would need e to 2000 bits; instead
// take it from an OpenSSL key generated for that group by name, a different code path
// (EVP_PKEY_fromdata) from the one groups.cpp uses.
std::vector<std::uint8_t> ffdhe_prime_via_fromdata(const char* name) {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr),
                                                                  EVP_PKEY_CTX_free);
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0) return {};
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(name), 0),
                         OSSL_PARAM_construct_end()};
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_KEY_PARAMETERS, params) <= 0) return {};
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(raw, EVP_PKEY_free);
  BIGNUM* p = nullptr;
  if (EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_FFC_P, &p) <= 0) return {};
  std::vector<std::uint8_t> out(static_cast<std::size_t>(BN_num_bytes(p)));
  BN_bn2bin(p, out.data());
  BN_free(p);
  return out;
}

TEST(TlsGroups, RecognisesRfc7919PrimesOnly) {
  const auto p2048 = ffdhe_prime_via_fromdata("ffdhe2048");
  ASSERT_EQ(p2048.size(), 256U);
  EXPECT_EQ(p2048.front(), 0xFF);
  EXPECT_EQ(p2048[8], 0xAD) << "RFC 7919: FFFFFFFF FFFFFFFF ADF85458 ...";
  EXPECT_EQ(rfc7919_group_for_prime(p2048), group::ffdhe2048);
  auto with_zero = p2048;
  with_zero.insert(with_zero.begin(), 0);
  EXPECT_EQ(rfc7919_group_for_prime(with_zero), group::ffdhe2048) << "leading zero byte";
  EXPECT_EQ(rfc7919_group_for_prime(ffdhe_prime_via_fromdata("ffdhe4096")), group::ffdhe4096);
  auto tampered = p2048;
  tampered[100] ^= 0x01;
  EXPECT_FALSE(rfc7919_group_for_prime(tampered));
  EXPECT_FALSE(rfc7919_group_for_prime(std::vector<std::uint8_t>(256, 0xFF)));
  EXPECT_FALSE(rfc7919_group_for_prime({}));
}

}  // namespace
}  // namespace weerbaar::scan::tls
