#include "scan/tls/groups.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

namespace weerbaar::scan::tls {
namespace {

// IANA TLS Supported Groups registry. Order: what we offer first.
constexpr std::array kGroups = std::to_array<GroupInfo>({
    {group::x25519, "x25519", true, true},
    {group::secp256r1, "secp256r1", true, true},
    {group::secp384r1, "secp384r1", true, true},
    {group::x448, "x448", true, true},
    {group::secp521r1, "secp521r1", true, true},
    {26, "brainpoolP256r1", true, false},
    {27, "brainpoolP384r1", true, false},
    {28, "brainpoolP512r1", true, false},
    {31, "brainpoolP256r1tls13", false, true},
    {32, "brainpoolP384r1tls13", false, true},
    {33, "brainpoolP512r1tls13", false, true},
    {22, "secp256k1", true, false},
    {21, "secp224r1", true, false},
    {20, "secp224k1", true, false},
    {19, "secp192r1", true, false},
    {18, "secp192k1", true, false},
    {17, "secp160r2", true, false},
    {16, "secp160r1", true, false},
    {15, "secp160k1", true, false},
    {14, "sect571r1", true, false},
    {13, "sect571k1", true, false},
    {12, "sect409r1", true, false},
    {11, "sect409k1", true, false},
    {10, "sect283r1", true, false},
    {9, "sect283k1", true, false},
    {8, "sect239k1", true, false},
    {7, "sect233r1", true, false},
    {6, "sect233k1", true, false},
    {5, "sect193r2", true, false},
    {4, "sect193r1", true, false},
    {3, "sect163r2", true, false},
    {2, "sect163r1", true, false},
    {1, "sect163k1", true, false},
    {34, "GC256A", false, false},
    {35, "GC256B", false, false},
    {36, "GC256C", false, false},
    {37, "GC256D", false, false},
    {38, "GC512A", false, false},
    {39, "GC512B", false, false},
    {40, "GC512C", false, false},
    {41, "curveSM2", false, false},
    // Finite-field groups (RFC 7919). In TLS <= 1.2 they only steer DHE suites, which the
    // prober reads from the ServerKeyExchange instead, so they are offered there too but are
    // not ECDHE curves.
    {group::ffdhe4096, "ffdhe4096", false, true},
    {group::ffdhe3072, "ffdhe3072", false, true},
    {group::ffdhe2048, "ffdhe2048", false, true},
    {group::ffdhe6144, "ffdhe6144", false, true},
    {group::ffdhe8192, "ffdhe8192", false, true},
    // Post-quantum hybrids: named for reports, not offered (see groups_for_version).
    {0x11EB, "SecP256r1MLKEM768", false, false},
    {0x11EC, "X25519MLKEM768", false, false},
    {0x11ED, "SecP384r1MLKEM1024", false, false},
    {0x6399, "X25519Kyber768Draft00", false, false},
    {0xFF01, "arbitrary_explicit_prime_curves", false, false},
    {0xFF02, "arbitrary_explicit_char2_curves", false, false},
});

struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* p) const { BN_free(p); }
};

// The prime of a named RFC 7919 group, big-endian without leading zeros; empty on failure.
std::vector<std::uint8_t> openssl_ffdhe_prime(const char* name) {
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr));
  if (!ctx || EVP_PKEY_paramgen_init(ctx.get()) <= 0) return {};
  std::array<OSSL_PARAM, 2> params{
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(name), 0),
      OSSL_PARAM_construct_end()};
  if (EVP_PKEY_CTX_set_params(ctx.get(), params.data()) <= 0) return {};
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_paramgen(ctx.get(), &raw) <= 0) return {};
  std::unique_ptr<EVP_PKEY, PkeyFree> pkey(raw);
  BIGNUM* p_raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_FFC_P, &p_raw) <= 0) return {};
  std::unique_ptr<BIGNUM, BnFree> p(p_raw);
  std::vector<std::uint8_t> out(static_cast<std::size_t>(BN_num_bytes(p.get())));
  BN_bn2bin(p.get(), out.data());
  return out;
}

struct Ffdhe {
  std::uint16_t id;
  std::vector<std::uint8_t> prime;
};

const std::vector<Ffdhe>& ffdhe_primes() {
  static const std::vector<Ffdhe> primes = [] {
    std::vector<Ffdhe> out;
    const std::array<std::pair<std::uint16_t, const char*>, 5> names{{{group::ffdhe2048, "ffdhe2048"},
                                                                      {group::ffdhe3072, "ffdhe3072"},
                                                                      {group::ffdhe4096, "ffdhe4096"},
                                                                      {group::ffdhe6144, "ffdhe6144"},
                                                                      {group::ffdhe8192, "ffdhe8192"}}};
    for (const auto& [id, name] : names) {
      auto prime = openssl_ffdhe_prime(name);
      if (!prime.empty()) out.push_back({id, std::move(prime)});
    }
    return out;
  }();
  return primes;
}

}  // namespace

const GroupInfo* find_group(std::uint16_t id) {
  auto it = std::find_if(kGroups.begin(), kGroups.end(), [id](const GroupInfo& g) { return g.id == id; });
  return it == kGroups.end() ? nullptr : &*it;
}

std::string group_name(std::uint16_t id) {
  if (const GroupInfo* g = find_group(id)) return std::string(g->name);
  std::array<char, 8> buf{};
  std::snprintf(buf.data(), buf.size(), "0x%04X", static_cast<unsigned>(id));
  return buf.data();
}

std::vector<std::uint16_t> groups_for_version(TlsVersion v) {
  std::vector<std::uint16_t> out;
  for (const GroupInfo& g : kGroups) {
    if (v == TlsVersion::tls1_3 ? g.tls13 : g.tls12) out.push_back(g.id);
  }
  return out;
}

NcscLevel classify_group(std::uint16_t id) {
  // NCSC-NL TLS guidelines 2025, 3.3.2.1 and 3.3.3.1, as internet.nl applies them
  // (checks/tasks/tls/tls_constants.py: FS_EC_GOOD, FS_EC_PHASE_OUT, FFDHE_PHASE_OUT_PRIMES).
  switch (id) {
    case group::secp521r1:
    case group::secp384r1:
    case group::secp256r1:
    case 26:  // brainpoolP256r1
    case 27:  // brainpoolP384r1
    case 28:  // brainpoolP512r1
    case 31:  // brainpoolP256r1 (TLS 1.3)
    case 32:  // brainpoolP384r1 (TLS 1.3)
    case 33:  // brainpoolP512r1 (TLS 1.3)
    case group::x448:
    case group::x25519: return NcscLevel::good;
    // Every finite-field group is at best phase out under the 2025 guidelines; ffdhe2048 is no
    // longer enough at all. The advice is to turn DHE off, not to pick a bigger group.
    case group::ffdhe8192:
    case group::ffdhe6144:
    case group::ffdhe4096:
    case group::ffdhe3072:
    case 21: return NcscLevel::phase_out;  // secp224r1
    default: return NcscLevel::insufficient;
  }
}

std::optional<std::uint16_t> rfc7919_group_for_prime(std::span<const std::uint8_t> p) {
  while (!p.empty() && p.front() == 0) p = p.subspan(1);
  for (const Ffdhe& f : ffdhe_primes()) {
    if (std::equal(p.begin(), p.end(), f.prime.begin(), f.prime.end())) return f.id;
  }
  return std::nullopt;
}

}  // namespace weerbaar::scan::tls
