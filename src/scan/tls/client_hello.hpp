#pragma once
// Hand-built ClientHellos and a parser for the server's first flight. Pure code, no sockets:
// the prober sends these bytes and feeds back whatever arrives.
//
// Why by hand rather than OpenSSL: a scanner must be able to offer what Debian's OpenSSL no
// longer speaks (SSL 3.0, 3DES, RC4, EXPORT, ...) and to offer exactly one list at a time,
// which is how suites, groups and preferences are enumerated. We never finish a handshake.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace weerbaar::scan::tls {

// ------------------------------------------------------------------ building
enum class KeyShareOffer {
  none,    // no key_share extension (TLS <= 1.2 hellos)
  x25519,  // one x25519 share: a TLS 1.3 server can answer with a ServerHello at once
  empty,   // an empty list: a TLS 1.3 server must answer HelloRetryRequest, naming its group
};

struct ClientHelloOptions {
  std::uint16_t record_version = 0x0301;  // most servers want 0x0301 in the record, whatever the hello
  std::uint16_t legacy_version = 0x0303;  // client_version; 0x0303 for TLS 1.3 too
  std::vector<std::uint16_t> suites;
  std::array<std::uint8_t, 32> random{};
  std::vector<std::uint8_t> session_id;  // empty, or 32 bytes (TLS 1.3 middlebox compatibility)
  bool offer_deflate = false;            // compression methods {deflate, null} instead of {null}

  // With extensions == false nothing below is sent (SSL 3.0 servers may choke on extensions);
  // secure renegotiation is then signalled with the SCSV in the suite list instead.
  bool extensions = true;
  std::string sni;  // server_name; empty: none (IP literals get none either)
  std::vector<std::uint16_t> supported_groups;
  std::vector<std::uint16_t> supported_versions;  // empty: no extension (TLS <= 1.2)
  KeyShareOffer key_share = KeyShareOffer::none;
  std::array<std::uint8_t, 32> x25519_public{};  // used with KeyShareOffer::x25519
  bool renegotiation_info = true;
  bool extended_master_secret = true;
  bool ec_point_formats = true;
  bool status_request = true;
  bool signature_algorithms = true;
};

// A wide list, SHA-1 and DSA included, so that old servers find something to sign with.
std::span<const std::uint16_t> offered_signature_algorithms();

// One TLS record holding the ClientHello handshake message.
std::vector<std::uint8_t> build_client_hello(const ClientHelloOptions& opt);

// Extension type numbers used on both sides.
namespace ext {
inline constexpr std::uint16_t server_name = 0;
inline constexpr std::uint16_t status_request = 5;
inline constexpr std::uint16_t supported_groups = 10;
inline constexpr std::uint16_t ec_point_formats = 11;
inline constexpr std::uint16_t signature_algorithms = 13;
inline constexpr std::uint16_t padding = 21;
inline constexpr std::uint16_t extended_master_secret = 23;
inline constexpr std::uint16_t supported_versions = 43;
inline constexpr std::uint16_t key_share = 51;
inline constexpr std::uint16_t renegotiation_info = 0xFF01;
}  // namespace ext

// ------------------------------------------------------------------ parsing
enum class ParseStatus {
  need_more,  // nothing decisive yet: read more bytes
  complete,   // the part of the flight we look at has arrived (see parse_server_flight)
  alert,      // the server answered with a fatal alert (or close_notify)
  malformed,  // not TLS, or TLS that breaks the rules; `error` says where
};

struct TlsAlert {
  std::uint8_t level = 0;
  std::uint8_t description = 0;  // 40 handshake_failure, 70 protocol_version, ...
};

struct ServerHello {
  std::uint16_t legacy_version = 0;
  std::uint16_t version = 0;  // negotiated: supported_versions if present, else legacy_version
  std::array<std::uint8_t, 32> random{};
  bool hello_retry_request = false;  // recognised by RFC 8446's fixed random
  std::uint16_t cipher_suite = 0;
  std::uint8_t compression = 0;
  bool has_extensions = false;
  bool secure_renegotiation = false;             // renegotiation_info present
  bool extended_master_secret = false;           // extended_master_secret present
  std::optional<std::uint16_t> key_share_group;  // TLS 1.3: chosen (SH) or requested (HRR) group
  std::vector<std::uint16_t> extension_types;    // as received, for diagnostics
};

struct ServerKeyExchange {
  std::optional<std::uint16_t> named_curve;  // ECDHE
  std::vector<std::uint8_t> dh_prime;        // DHE: p, as sent
  int dh_prime_bits = 0;                     // DHE: bit length of p
};

struct ServerFlight {
  ParseStatus status = ParseStatus::need_more;
  std::string error;  // why malformed, or the alert's name
  std::optional<ServerHello> hello;
  std::vector<std::vector<std::uint8_t>> certificates;  // DER, leaf first (TLS <= 1.2)
  std::optional<ServerKeyExchange> key_exchange;
  bool hello_done = false;
  std::optional<TlsAlert> alert;
};

// Parses what the server sent so far (re-run on the whole buffer after each read). The flight
// is complete at a HelloRetryRequest, at a TLS 1.3 ServerHello (the rest is encrypted) or at
// ServerHelloDone. Never throws; never reads outside `bytes`.
ServerFlight parse_server_flight(std::span<const std::uint8_t> bytes);

// "handshake_failure", "protocol_version", ... or "alert 123".
std::string alert_name(std::uint8_t description);

}  // namespace weerbaar::scan::tls
