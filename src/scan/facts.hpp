#pragma once
// What the probes observed about one host. Checks are pure functions of these facts:
// they never open sockets, so they are tested in memory and run unchanged in the lab.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scan/dns/status.hpp"

namespace weerbaar::scan {

// How a network step ended. Expected failures are values, not exceptions. The one mapping from
// what the network did to these is net::classify (scan/net/connection.hpp): refused (nobody
// listens), reset (the peer broke the connection off), closed (the peer hung up before a
// complete answer), timeout, unreachable, tls_failed (the peer refused TLS), protocol_error (it
// sent something that is not the protocol), too_large (more than the scan reads).
enum class NetStatus { ok, timeout, refused, unreachable, tls_failed, protocol_error, too_large, reset, closed };
std::string_view to_string(NetStatus s);

// Why a TLS handshake failed, for a reader who must act on it (the error text keeps OpenSSL's own
// words for a technician). Set by net::classify from OpenSSL's reason code, never from its text:
// not_tls (the answer is not TLS at all, such as plain HTTP on port 443), no_common_version (the
// peer alerted protocol_version, or chose a version the client does not speak), unknown_name (the
// peer alerted unrecognized_name: it has nothing for the name in SNI), refused (any other alert,
// such as handshake_failure: none of what was offered was acceptable), other (the client itself
// gave up, for a reason not named above). none: no handshake failed.
enum class TlsFailure { none, not_tls, no_common_version, unknown_name, refused, other };
std::string_view to_string(TlsFailure f);

// ---------------------------------------------------------------- web
struct HttpHeader {
  std::string name;  // lower case
  std::string value;
};

struct HttpResponse {
  int status = 0;
  std::vector<HttpHeader> headers;  // in order received; repeated headers stay separate
  std::string body;                 // at most HttpLimits::max_body bytes
  bool body_truncated = false;

  // First value of a header (name in lower case), if present.
  [[nodiscard]] const std::string* header(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> all(std::string_view name) const;
};

struct HttpExchange {
  std::string url;  // what was requested
  NetStatus status = NetStatus::ok;
  std::string error;                          // plain-English reason when status != ok
  std::optional<HttpResponse> response;       // present when status == ok
  TlsFailure tls_failure = TlsFailure::none;  // why, when status == tls_failed
};

struct PathFetch {
  std::string path;
  HttpExchange exchange;
};

struct WebFacts {
  // GET http://host/ and each redirect it led to, in order (at most 10 hops).
  std::vector<HttpExchange> http_chain;
  // GET https://host/ with an Origin header of a foreign site (to see CORS), not redirected.
  HttpExchange https_root;
  // When https_root redirects within the site over HTTPS (to https://www.host/, or to /nl/ on the
  // host), the redirects followed from there, the last one the page a visitor lands on (at most
  // 10 hops; never off the site or back to plain HTTP). Empty when https_root is the page itself
  // or leads elsewhere.
  std::vector<HttpExchange> https_landing;
  // GET https://host/.well-known/security.txt, not redirected.
  HttpExchange security_txt;
  // GET of each path of web::site_paths() (exposed files, CMS fingerprints, admin login pages)
  // and of one path that cannot exist, on the site's own origin (https, or http when the site
  // has no https), not redirected, bodies capped (web/site_paths.hpp). Empty: not probed.
  std::vector<PathFetch> paths;

  // The exchange for one of paths, or nullptr.
  [[nodiscard]] const HttpExchange* path(std::string_view p) const;
  // The page a visitor sees over HTTPS: the end of https_landing when it is a page (an answer
  // that is not a redirect), else https_root.
  [[nodiscard]] const HttpExchange& landing() const;
};

// ---------------------------------------------------------------- tls
enum class TlsVersion : std::uint16_t {
  ssl3 = 0x0300,
  tls1_0 = 0x0301,
  tls1_1 = 0x0302,
  tls1_2 = 0x0303,
  tls1_3 = 0x0304,
};
std::string_view to_string(TlsVersion v);

struct CertificateInfo {
  std::string subject;  // one-line, for humans
  std::string issuer;
  std::vector<std::string> names;  // DNS names from subjectAltName (and CN if no SAN)
  std::chrono::system_clock::time_point not_before;
  std::chrono::system_clock::time_point not_after;
  std::string key_type;  // "RSA", "EC", "ED25519", "DSA", ...
  int key_bits = 0;
  std::string curve;                // for EC keys, e.g. "prime256v1"
  std::string signature_algorithm;  // e.g. "sha256WithRSAEncryption"
  bool self_signed = false;
  // OCSP responders named in the Authority Information Access extension. Empty: the CA offers
  // no OCSP (Let's Encrypt stopped in 2025), so there is nothing to staple.
  std::vector<std::string> ocsp_urls;
  // DER of the certificate and of its SubjectPublicKeyInfo, for DANE (TLSA) matching.
  std::vector<std::uint8_t> der;
  std::vector<std::uint8_t> spki_der;
};

struct CertificateFacts {
  NetStatus status = NetStatus::ok;
  std::string error;
  std::vector<CertificateInfo> chain;  // leaf first, as the server sent it
  bool trusted = false;                // chain verifies to a trusted root (system store or --ca-file)
  std::string verify_error;            // OpenSSL's reason when not trusted
  bool name_matches = false;           // leaf is valid for the scanned host name
  bool ocsp_stapled = false;           // server stapled an OCSP response
};

// A group (named curve or finite-field group) the server accepted for key exchange.
struct KeyExchangeGroup {
  std::uint16_t id = 0;  // IANA TLS Supported Groups registry
  TlsVersion version = TlsVersion::tls1_2;
};

struct TlsFacts {
  NetStatus status = NetStatus::ok;  // ok once the port accepted a connection
  std::string error;

  // Each version probed, and whether the server accepted it. A version missing from the map
  // could not be determined.
  std::map<TlsVersion, bool> versions;
  // Cipher suites (IANA code points) the server accepted, per version, in the order the
  // server chose them when offered all of them (its preference order if it enforces one).
  std::map<TlsVersion, std::vector<std::uint16_t>> suites;
  // Whether the server chooses by its own order rather than the client's (TLS <= 1.2).
  std::optional<bool> server_order;
  // Groups the server accepted, per version (ECDHE curves, and ffdhe groups in TLS 1.3).
  std::vector<KeyExchangeGroup> groups;
  // Size of the DHE prime the server used with DHE suites, and whether it is one of RFC 7919's.
  std::optional<int> dhe_bits;
  std::optional<bool> dhe_is_rfc7919;

  std::optional<bool> compression;             // server chose DEFLATE when offered
  std::optional<bool> secure_renegotiation;    // renegotiation_info in ServerHello
  std::optional<bool> client_renegotiation;    // server honoured a client-initiated renegotiation
  std::optional<bool> extended_master_secret;  // EMS in a TLS 1.2 ServerHello
  std::optional<bool> early_data;              // TLS 1.3 tickets allow 0-RTT

  CertificateFacts certificate;
};

// ---------------------------------------------------------------- dns
struct CaaRecord {
  int flags = 0;
  std::string tag;  // "issue", "issuewild", "iodef", ... (lower case)
  std::string value;
};

struct DnsFacts {
  // The domain's own A answer (AAAA when it has no A record).
  DnssecStatus dnssec = DnssecStatus::unknown;
  std::string dnssec_reason;  // why bogus, or why unknown

  // RFC 8659 tree climbing from the host up to (not including) the TLD: the first non-empty
  // CAA RRset found, and the name it was found at. caa_known is false when a lookup on the
  // way failed (timeout, SERVFAIL) before any CAA record was found.
  bool caa_known = false;
  std::vector<CaaRecord> caa;
  std::string caa_owner;
  std::string caa_error;

  // AAAA records of the host. nullopt: the lookup failed (see aaaa_error).
  std::optional<std::vector<std::string>> aaaa;
  std::string aaaa_error;

  // The name servers of the zone that holds the host (NS found climbing from the host up to
  // and including the TLD), and whether each has an IPv6 address. ns_known is false when the
  // NS lookups failed before any NS record was found.
  struct NameServer {
    std::string name;
    std::optional<bool> has_aaaa;  // nullopt: the AAAA lookup failed
  };
  bool ns_known = false;
  std::string ns_zone;
  std::vector<NameServer> name_servers;
  std::string ns_error;
};

// ---------------------------------------------------------------- mail, exposure
}  // namespace weerbaar::scan

#include "scan/exposure/exposure_facts.hpp"
#include "scan/mail/policy_facts.hpp"
#include "scan/mail/server_facts.hpp"

namespace weerbaar::scan {

struct MailFacts {
  MailPolicyFacts policy;
  std::vector<MailServerFacts> servers;  // one per MX host name, in order of preference
};

// What senders check of a mail server's certificate (scan/mail/sender_validation.hpp).
struct SenderValidation {
  bool mta_sts_enforce = false;  // the domain's MTA-STS policy is in enforce mode and names it
  bool dane = false;             // secure TLSA records match its certificate
  bool dane_ta = false;          // ... and one that matches is DANE-TA: names and dates count
  [[nodiscard]] bool checks_certificate() const { return mta_sts_enforce || dane_ta; }
};

// Everything known about one host (one name, one address) after probing.
struct HostFacts {
  std::string host;     // the name scanned, e.g. "bakkerij-jansen.nl"
  std::string address;  // the address probed; empty when no_address
  // The domain exists but has no A or AAAA record: it may do mail only. No website is judged,
  // unless site_host is set.
  bool no_address = false;
  // The name the website was found on when it is not the domain itself: a domain without an
  // address whose www.<domain> has one (the site lives only on www). The web and TLS facts are
  // then www's, and address is www's. Empty: the website, if any, is the domain.
  std::string site_host;
  std::chrono::system_clock::time_point scanned_at;
  std::optional<WebFacts> web;
  std::optional<TlsFacts> tls;
  std::optional<DnsFacts> dns;
  std::optional<MailFacts> mail;
  std::optional<ExposureFacts> exposure;
  // Set when these are a mail server's facts, judged by the TLS checks (Engine::run_checks).
  std::optional<SenderValidation> mail_server;

  // The name of the website the web and TLS facts are of (SNI, Host, certificate names).
  [[nodiscard]] const std::string& website() const { return site_host.empty() ? host : site_host; }
};

}  // namespace weerbaar::scan
