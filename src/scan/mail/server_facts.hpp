#pragma once
// What each mail server (MX host) showed on port 25: the SMTP greeting and EHLO, STARTTLS, and
// the TLS it speaks after STARTTLS; and what the DNS says about it (DNSSEC, AAAA, TLSA). Part of
// HostFacts (facts.hpp includes this after TlsFacts; include facts.hpp instead).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace weerbaar::scan {

struct SmtpFacts {
  NetStatus status = NetStatus::ok;  // of the SMTP conversation on port 25
  std::string error;
  int greeting_code = 0;          // 220 when the server is willing; 554 "go away"; 0: none came
  std::string banner;             // first line of the greeting
  std::vector<std::string> ehlo;  // EHLO keywords, upper case ("STARTTLS", "SIZE 10240000", ...)
  bool starttls_offered = false;
};

// One TLSA record (RFC 6698): certificate usage, selector, matching type, association data.
struct TlsaRecord {
  std::uint8_t usage = 0;     // 2 DANE-TA, 3 DANE-EE (0 and 1 are not used for SMTP, RFC 7672)
  std::uint8_t selector = 0;  // 0 full certificate, 1 SubjectPublicKeyInfo
  std::uint8_t matching = 0;  // 0 exact, 1 SHA-256, 2 SHA-512
  std::vector<std::uint8_t> data;
};

struct MailServerFacts {
  std::string name;  // the MX host name
  int preference = 0;
  std::vector<std::string> addresses;  // what the name resolved to
  std::string address;                 // the address probed; empty when none could be
  std::string error;                   // why no address was probed (unresolved, refused by the safety rules)
  // The name has neither an A nor an AAAA record (NXDOMAIN or no data for both): the MX points
  // nowhere. Broken mail (mail.mx), not a server to ask for STARTTLS, DANE, IPv6 or DNSSEC.
  bool no_address = false;
  SmtpFacts smtp;
  // The TLS of the STARTTLS session, probed as on port 443; present when STARTTLS was offered.
  std::optional<TlsFacts> tls;

  // DNSSEC state of the MX host's address (A) answer.
  DnssecStatus dnssec = DnssecStatus::unknown;
  // Whether the MX host has an AAAA record. nullopt: the lookup failed.
  std::optional<bool> has_aaaa;
  // TLSA at _25._tcp.<name> (RFC 7672) and the DNSSEC state of that answer.
  LookupStatus tlsa_status = LookupStatus::failed;
  DnssecStatus tlsa_dnssec = DnssecStatus::unknown;
  std::vector<TlsaRecord> tlsa;  // well-formed records only
  std::string tlsa_error;
};

}  // namespace weerbaar::scan
