#pragma once
// Key-exchange groups by IANA "TLS Supported Groups" id, their NCSC-NL level, and the
// RFC 7919 finite-field primes (to tell a standard DHE group from a home-made one).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scan/facts.hpp"
#include "scan/tls/cipher_suites.hpp"

namespace weerbaar::scan::tls {

struct GroupInfo {
  std::uint16_t id = 0;
  std::string_view name;  // IANA name, e.g. "secp256r1", "x25519", "ffdhe2048"
  bool tls12 = true;      // may be offered in TLS <= 1.2 (ECDHE curves)
  bool tls13 = false;     // may be offered in TLS 1.3
};

namespace group {
inline constexpr std::uint16_t secp256r1 = 23;
inline constexpr std::uint16_t secp384r1 = 24;
inline constexpr std::uint16_t secp521r1 = 25;
inline constexpr std::uint16_t x25519 = 29;
inline constexpr std::uint16_t x448 = 30;
inline constexpr std::uint16_t ffdhe2048 = 256;
inline constexpr std::uint16_t ffdhe3072 = 257;
inline constexpr std::uint16_t ffdhe4096 = 258;
inline constexpr std::uint16_t ffdhe6144 = 259;
inline constexpr std::uint16_t ffdhe8192 = 260;
}  // namespace group

const GroupInfo* find_group(std::uint16_t id);
// IANA name, or "0x11EC" for an id we do not know.
std::string group_name(std::uint16_t id);

// Groups the prober offers at this version, best first. Post-quantum hybrids are known by name
// but not offered: docs/checks.md does not rate them yet, and offering them would make a
// modern server pick one and hide which classical groups it accepts.
std::vector<std::uint16_t> groups_for_version(TlsVersion v);

// NCSC-NL level (TLS guidelines 2025) as docs/checks.md lists them: good the NIST and
// brainpool curves of 256 bits and up, x25519, x448; phase out ffdhe3072 to ffdhe8192 and
// secp224r1; insufficient any other, ffdhe2048 included.
NcscLevel classify_group(std::uint16_t id);

// The ffdhe group (256..260) whose prime is p (big-endian, leading zeros allowed), if any.
// The primes come from OpenSSL's built-in RFC 7919 groups rather than being typed in here.
std::optional<std::uint16_t> rfc7919_group_for_prime(std::span<const std::uint8_t> p);

}  // namespace weerbaar::scan::tls
