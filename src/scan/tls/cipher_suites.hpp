#pragma once
// TLS cipher suites by IANA code point, and how NCSC-NL rates them (docs/checks.md).
// The table is wider than what Debian's OpenSSL can speak: the prober offers every suite a
// real server might still pick (3DES, RC4, EXPORT, SEED, IDEA, ...) in hand-built ClientHellos.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scan/facts.hpp"

namespace weerbaar::scan::tls {

// NCSC-NL TLS guidelines' levels, best first (so that a < b means a is better than b).
enum class NcscLevel { good, sufficient, phase_out, insufficient };
std::string_view to_string(NcscLevel level);

// Key exchange. Static (EC)DH and the anonymous variants are kept apart from the ephemeral ones
// because the ServerKeyExchange differs, and because NCSC rates them differently.
enum class KeyExchange {
  rsa,  // static RSA: no forward secrecy
  dh,   // static DH (certificate carries the DH key)
  dhe,
  ecdh,  // static ECDH
  ecdhe,
  dh_anon,    // DHE without authentication
  ecdh_anon,  // ECDHE without authentication
  psk,
  dhe_psk,
  ecdhe_psk,
  rsa_psk,
  srp,
  tls13,  // TLS 1.3: negotiated separately (supported_groups / key_share)
};

enum class Authentication { rsa, dss, ecdsa, anon, psk, srp, tls13 };

enum class BulkCipher {
  null,
  rc4_40,
  rc4_56,
  rc4_128,
  rc2_40,
  des40,
  des,
  des3,
  idea,
  seed,
  aes128_cbc,
  aes256_cbc,
  aes128_gcm,
  aes256_gcm,
  aes128_ccm,
  aes256_ccm,
  aes128_ccm8,
  aes256_ccm8,
  chacha20_poly1305,
  camellia128_cbc,
  camellia256_cbc,
  camellia128_gcm,
  camellia256_gcm,
  aria128_cbc,
  aria256_cbc,
  aria128_gcm,
  aria256_gcm,
};

enum class Mac { md5, sha1, sha256, sha384, aead };

struct CipherSuite {
  std::uint16_t id = 0;
  std::string_view iana_name;     // "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
  std::string_view openssl_name;  // "ECDHE-RSA-AES128-GCM-SHA256"; empty if OpenSSL has none
  KeyExchange kx = KeyExchange::rsa;
  Authentication auth = Authentication::rsa;
  BulkCipher cipher = BulkCipher::null;
  Mac mac = Mac::sha1;
  bool export_grade = false;  // 40/56-bit "export" suites (FREAK, Logjam)

  // Lowest protocol version that may negotiate it: AEAD and HMAC-SHA256/384 need TLS 1.2.
  [[nodiscard]] TlsVersion min_version() const;
  [[nodiscard]] bool is_tls13() const { return kx == KeyExchange::tls13; }
};

// Every suite we know, in the order the prober offers them (best first).
std::span<const CipherSuite> all_cipher_suites();
const CipherSuite* find_cipher_suite(std::uint16_t id);

// A name for people: OpenSSL's where it has one (what admins type in configs), else IANA's,
// else the code point as "0xC0FF".
std::string suite_name(std::uint16_t id);

// The suites worth offering to a server at this version: for TLS 1.3 the TLS 1.3 suites, for
// older versions every non-1.3 suite that version can negotiate.
std::vector<std::uint16_t> suites_for_version(TlsVersion v);

// NCSC-NL level of a suite, exactly as docs/checks.md lists them; unknown code points are
// insufficient ("everything else").
NcscLevel classify_suite(std::uint16_t id);

// Signalling values that may appear in a suite list but are not suites.
inline constexpr std::uint16_t kEmptyRenegotiationInfoScsv = 0x00FF;
inline constexpr std::uint16_t kFallbackScsv = 0x5600;

}  // namespace weerbaar::scan::tls
