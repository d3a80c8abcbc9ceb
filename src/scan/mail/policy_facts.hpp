#pragma once
// What the DNS (and the MTA-STS web server) say about a domain's mail: MX, SPF, DMARC, DKIM,
// MTA-STS and TLS-RPT. Part of HostFacts (facts.hpp includes this; include facts.hpp instead).
#include <optional>
#include <string>
#include <vector>

#include "scan/dns/status.hpp"
#include "scan/mail/spf/result.hpp"

namespace weerbaar::scan {

struct MxRecord {
  int preference = 0;
  std::string host;  // lower case, no trailing dot; "" for a null MX ("0 .", RFC 7505)
};

// One TXT lookup: each record's character-strings joined into one string.
struct TxtAnswer {
  std::string name;  // what was asked
  LookupStatus status = LookupStatus::failed;
  std::string error;  // why failed, or why not asked
  std::vector<std::string> records;
};

// SPF's check_host() run for the domain with a client address no record should list
// (192.0.2.1, TEST-NET-1): no ip4/ip6/a/mx mechanism matches, so every term is walked, every
// include and redirect followed, and the result is what the record says about strangers.
struct SpfEvaluation {
  mail::spf::SpfResult result = mail::spf::SpfResult::none;
  std::string reason;
  int dns_lookups = 0;   // as counted for the limit of 10
  int void_lookups = 0;  // lookups that found nothing, limit 2
};

struct DkimSelectorLookup {
  std::string selector;
  TxtAnswer txt;  // <selector>._domainkey.<domain>
};

// GET https://mta-sts.<domain>/.well-known/mta-sts.txt with the certificate verified (RFC 8461
// §3.3): no redirects, body at most 64 KiB.
struct MtaStsFetch {
  std::string url;
  NetStatus status = NetStatus::ok;
  std::string error;              // plain English, when status != ok
  std::string certificate_error;  // set when the handshake failed on the certificate
  int http_status = 0;
  std::string content_type;  // as sent, lower case
  std::string body;
  bool body_truncated = false;
};

struct MailPolicyFacts {
  LookupStatus mx_status = LookupStatus::failed;
  std::string mx_error;
  std::vector<MxRecord> mx;  // as published, sorted by preference

  // True when the only MX is the null MX of RFC 7505: the domain receives no mail.
  [[nodiscard]] bool null_mx() const { return mx.size() == 1 && mx.front().host.empty(); }

  TxtAnswer apex_txt;                    // <domain> TXT: the SPF records are among these
  std::optional<SpfEvaluation> spf;      // present when apex_txt holds at least one v=spf1 record
  TxtAnswer dmarc;                       // _dmarc.<domain>
  std::vector<DkimSelectorLookup> dkim;  // one per selector of mail::dkim_selectors()
  TxtAnswer mta_sts;                     // _mta-sts.<domain>
  // The policy, fetched only when _mta-sts.<domain> has a v=STSv1 record (as senders do).
  std::optional<MtaStsFetch> mta_sts_policy;
  TxtAnswer tls_rpt;  // _smtp._tls.<domain>
};

}  // namespace weerbaar::scan
