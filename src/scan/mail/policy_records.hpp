#pragma once
// Parsers for the mail policy records published in DNS and over HTTPS: DMARC (RFC 7489),
// DKIM key records (RFC 6376), MTA-STS (RFC 8461) and TLS-RPT (RFC 8460). Pure and total over
// untrusted text: an error is a value with a plain-English reason, never an exception.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace weerbaar::scan::mail {

// "tag=value; tag=value" (RFC 6376 §3.2, used by DMARC, MTA-STS and TLS-RPT alike): names and
// values trimmed, an empty last element allowed. nullopt with error on a malformed list or a
// tag given twice.
using TagList = std::vector<std::pair<std::string, std::string>>;  // names in lower case
[[nodiscard]] std::optional<TagList> parse_tag_list(std::string_view text, std::string& error);

// ---------------------------------------------------------------- DMARC
enum class DmarcPolicy { none, quarantine, reject };
std::string_view to_string(DmarcPolicy p);

struct DmarcRecord {
  DmarcPolicy policy = DmarcPolicy::none;
  std::optional<DmarcPolicy> subdomain_policy;  // sp=; absent: p= applies to subdomains too
  std::vector<std::string> rua;                 // aggregate report addresses (mailto: URIs)
  int pct = 100;
};

struct DmarcParse {
  std::optional<DmarcRecord> record;
  std::string error;
};

// A TXT record at _dmarc.<domain> meant as DMARC: it mentions v=DMARC1 (even when not first,
// which parse_dmarc then rejects). Other TXT records there are not DMARC's business.
[[nodiscard]] bool is_dmarc_candidate(std::string_view txt);
[[nodiscard]] DmarcParse parse_dmarc(std::string_view txt);

// ---------------------------------------------------------------- DKIM
// Common selectors, looked up because DKIM keys cannot be listed (see docs/checks.md).
[[nodiscard]] const std::vector<std::string>& dkim_selectors();

struct DkimKey {
  std::string key_type;  // "rsa" or "ed25519"
  bool revoked = false;  // p= is empty
  int bits = 0;          // size of the public key; 0 when revoked
};

struct DkimParse {
  std::optional<DkimKey> key;
  std::string error;
};

// A TXT record at <selector>._domainkey.<domain> meant as a DKIM key: it has a p= tag.
[[nodiscard]] bool is_dkim_candidate(std::string_view txt);
[[nodiscard]] DkimParse parse_dkim_key(std::string_view txt);

// Strict base64 (RFC 4648 §4, whitespace skipped as DKIM allows); nullopt when malformed.
[[nodiscard]] std::optional<std::string> decode_base64(std::string_view text);

// ---------------------------------------------------------------- MTA-STS
struct MtaStsRecord {
  std::string id;
};

struct MtaStsRecordParse {
  std::optional<MtaStsRecord> record;
  std::string error;
};

// A TXT record at _mta-sts.<domain> that starts with v=STSv1 (RFC 8461 §3.1).
[[nodiscard]] bool is_mta_sts_candidate(std::string_view txt);
[[nodiscard]] MtaStsRecordParse parse_mta_sts_record(std::string_view txt);

enum class MtaStsMode { enforce, testing, none };
std::string_view to_string(MtaStsMode m);

// RFC 8461 §3.2: max_age is at most 31557600 seconds (a year).
inline constexpr std::int64_t kMtaStsMaxAge = 31557600;

struct MtaStsPolicy {
  MtaStsMode mode = MtaStsMode::none;
  std::int64_t max_age = 0;
  std::vector<std::string> mx;  // patterns: "mail.example.com" or "*.example.com", lower case
};

struct MtaStsPolicyParse {
  std::optional<MtaStsPolicy> policy;
  std::string error;
};

[[nodiscard]] MtaStsPolicyParse parse_mta_sts_policy(std::string_view text);

// RFC 8461 §4.1: a pattern matches the MX host itself, or with "*." exactly one more label.
[[nodiscard]] bool mx_pattern_matches(std::string_view pattern, std::string_view host);

// ---------------------------------------------------------------- TLS-RPT
struct TlsRptRecord {
  std::vector<std::string> rua;  // mailto: or https: URIs
};

struct TlsRptParse {
  std::optional<TlsRptRecord> record;
  std::string error;
};

// A TXT record at _smtp._tls.<domain> that starts with v=TLSRPTv1 (RFC 8460 §3).
[[nodiscard]] bool is_tls_rpt_candidate(std::string_view txt);
[[nodiscard]] TlsRptParse parse_tls_rpt(std::string_view txt);

}  // namespace weerbaar::scan::mail
