// DANE matching (src/scan/mail/dane.hpp) against a real certificate made here with OpenSSL:
// usages 2 and 3, selectors 0 and 1, matching types 0, 1 and 2, and unusable records.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

#include "scan/mail/dane.hpp"
#include "scan/tls/openssl_probe.hpp"

namespace weerbaar::scan::mail {
namespace {

// A self-signed P-256 certificate for name, described as the probe describes a peer's.
CertificateInfo make_cert(const char* name) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), X509_free);
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 86400);
  X509_NAME* n = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(name), -1, -1, 0);
  X509_set_issuer_name(x.get(), n);
  X509_set_pubkey(x.get(), key.get());
  X509_sign(x.get(), key.get(), EVP_sha256());
  return tls::describe_certificate(x.get());
}

std::vector<std::uint8_t> hash(const std::vector<std::uint8_t>& data, const EVP_MD* md) {
  std::vector<std::uint8_t> out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr);
  out.resize(len);
  return out;
}

TlsaRecord rec(std::uint8_t usage, std::uint8_t selector, std::uint8_t matching, std::vector<std::uint8_t> data) {
  return TlsaRecord{usage, selector, matching, std::move(data)};
}

class Dane : public ::testing::Test {
 protected:
  CertificateInfo leaf = make_cert("mx.bakker.nl");
  CertificateInfo ca = make_cert("Bakker CA");
  CertificateInfo other = make_cert("mx.other.nl");
};

TEST_F(Dane, DescribedCertificateCarriesDer) {
  EXPECT_FALSE(leaf.der.empty());
  EXPECT_FALSE(leaf.spki_der.empty());
  EXPECT_LT(leaf.spki_der.size(), leaf.der.size());
}

TEST_F(Dane, DaneEeEverySelectorAndMatchingType) {
  for (std::uint8_t sel : {0, 1}) {
    const auto& selected = sel == 0 ? leaf.der : leaf.spki_der;
    EXPECT_EQ(dane_match({rec(3, sel, 0, selected)}, {leaf}), DaneMatch::match) << int(sel);
    EXPECT_EQ(dane_match({rec(3, sel, 1, hash(selected, EVP_sha256()))}, {leaf}), DaneMatch::match) << int(sel);
    EXPECT_EQ(dane_match({rec(3, sel, 2, hash(selected, EVP_sha512()))}, {leaf}), DaneMatch::match) << int(sel);
  }
}

TEST_F(Dane, OtherKeyDoesNotMatch) {
  EXPECT_EQ(dane_match({rec(3, 1, 1, hash(other.spki_der, EVP_sha256()))}, {leaf}), DaneMatch::no_match);
  // The selector matters: a certificate hash is not an SPKI hash.
  EXPECT_EQ(dane_match({rec(3, 1, 1, hash(leaf.der, EVP_sha256()))}, {leaf}), DaneMatch::no_match);
  // One matching record among others is enough.
  EXPECT_EQ(
      dane_match({rec(3, 1, 1, hash(other.spki_der, EVP_sha256())), rec(3, 1, 1, hash(leaf.spki_der, EVP_sha256()))},
                 {leaf}),
      DaneMatch::match);
}

TEST_F(Dane, DaneTaMatchesAnIssuerTheServerSent) {
  const auto ta = rec(2, 0, 1, hash(ca.der, EVP_sha256()));
  EXPECT_EQ(dane_match({ta}, {leaf, ca}), DaneMatch::match);
  EXPECT_EQ(dane_match({ta}, {leaf}), DaneMatch::no_match);  // the anchor was not sent
  // DANE-TA does not match the leaf itself, nor DANE-EE an issuer.
  EXPECT_EQ(dane_match({rec(2, 0, 1, hash(leaf.der, EVP_sha256()))}, {leaf, ca}), DaneMatch::no_match);
  EXPECT_EQ(dane_match({rec(3, 0, 1, hash(ca.der, EVP_sha256()))}, {leaf, ca}), DaneMatch::no_match);
}

TEST_F(Dane, PkixUsagesAndBadRecordsAreUnusable) {
  EXPECT_EQ(dane_match({rec(1, 1, 1, hash(leaf.spki_der, EVP_sha256()))}, {leaf}), DaneMatch::no_usable);
  EXPECT_EQ(dane_match({rec(0, 0, 1, hash(ca.der, EVP_sha256()))}, {leaf, ca}), DaneMatch::no_usable);
  EXPECT_EQ(dane_match({rec(3, 2, 1, hash(leaf.spki_der, EVP_sha256()))}, {leaf}), DaneMatch::no_usable);
  EXPECT_EQ(dane_match({rec(3, 1, 3, {1, 2, 3})}, {leaf}), DaneMatch::no_usable);
  EXPECT_EQ(dane_match({rec(3, 1, 1, {1, 2, 3})}, {leaf}), DaneMatch::no_usable);  // SHA-256 of 3 bytes?
  EXPECT_EQ(dane_match({}, {leaf}), DaneMatch::no_usable);
  EXPECT_EQ(dane_match({rec(3, 1, 1, hash(leaf.spki_der, EVP_sha256()))}, {}), DaneMatch::no_match);
}

TEST(DaneParse, Rdata) {
  std::string rdata = std::string("\x03\x01\x01", 3) + std::string(32, '\xab');
  auto r = parse_tlsa(rdata);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->usage, 3);
  EXPECT_EQ(r->selector, 1);
  EXPECT_EQ(r->matching, 1);
  EXPECT_EQ(r->data.size(), 32U);
  EXPECT_FALSE(parse_tlsa(std::string("\x03\x01\x01", 3)));                         // no data
  EXPECT_FALSE(parse_tlsa(std::string("\x03\x01\x01", 3) + std::string(31, 'a')));  // short digest
  EXPECT_FALSE(parse_tlsa(std::string("\x03\x01\x02", 3) + std::string(32, 'a')));  // SHA-512 wants 64
  EXPECT_FALSE(parse_tlsa(""));
  EXPECT_TRUE(parse_tlsa(std::string("\x03\x00\x00", 3) + std::string(300, 'a')));  // full cert: any length
}

}  // namespace
}  // namespace weerbaar::scan::mail
