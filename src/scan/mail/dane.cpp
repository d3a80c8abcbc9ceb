#include "scan/mail/dane.hpp"

#include <openssl/evp.h>

#include <algorithm>

namespace weerbaar::scan::mail {
namespace {

std::optional<std::size_t> digest_length(std::uint8_t matching) {
  switch (matching) {
    case 1: return 32;
    case 2: return 64;
    default: return std::nullopt;
  }
}

std::vector<std::uint8_t> digest(std::uint8_t matching, const std::vector<std::uint8_t>& data) {
  const EVP_MD* md = matching == 1 ? EVP_sha256() : EVP_sha512();
  std::vector<std::uint8_t> out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1) return {};
  out.resize(len);
  return out;
}

}  // namespace

std::optional<TlsaRecord> parse_tlsa(std::string_view rdata) {
  if (rdata.size() < 4) return std::nullopt;  // three octets and at least one of data
  TlsaRecord r;
  r.usage = static_cast<std::uint8_t>(rdata[0]);
  r.selector = static_cast<std::uint8_t>(rdata[1]);
  r.matching = static_cast<std::uint8_t>(rdata[2]);
  r.data.assign(rdata.begin() + 3, rdata.end());
  if (auto len = digest_length(r.matching); len && r.data.size() != *len) return std::nullopt;
  return r;
}

bool usable_for_smtp(const TlsaRecord& r) {
  if (r.usage != 2 && r.usage != 3) return false;
  if (r.selector > 1 || r.matching > 2) return false;
  if (auto len = digest_length(r.matching); len && r.data.size() != *len) return false;
  return !r.data.empty();
}

bool record_matches(const TlsaRecord& r, const CertificateInfo& cert) {
  const std::vector<std::uint8_t>& selected = r.selector == 0 ? cert.der : cert.spki_der;
  if (selected.empty()) return false;
  if (r.matching == 0) return selected == r.data;
  return digest(r.matching, selected) == r.data;
}

DaneMatch dane_match(const std::vector<TlsaRecord>& records, const std::vector<CertificateInfo>& chain) {
  bool any_usable = false;
  for (const auto& r : records) {
    if (!usable_for_smtp(r)) continue;
    any_usable = true;
    if (chain.empty()) continue;
    if (r.usage == 3 && record_matches(r, chain.front())) return DaneMatch::match;
    if (r.usage == 2 &&
        std::any_of(chain.begin() + 1, chain.end(), [&](const CertificateInfo& c) { return record_matches(r, c); })) {
      return DaneMatch::match;
    }
  }
  return any_usable ? DaneMatch::no_match : DaneMatch::no_usable;
}

}  // namespace weerbaar::scan::mail
