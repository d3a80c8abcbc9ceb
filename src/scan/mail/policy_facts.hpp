#pragma once
// What the DNS (and the MTA-STS web server) say about a domain's mail: MX, SPF, DMARC, DKIM,
// MTA-STS and TLS-RPT. Part of HostFacts (facts.hpp includes this; include facts.hpp instead).
#include <optional>
#include <string>
#include <vector>

namespace weerbaar::scan {

// How one DNS lookup ended, as the mail checks need it.
// failed: timeout, SERVFAIL or another error: the check cannot tell and says so.
enum class LookupStatus { ok, nodata, nxdomain, failed };
std::string_view to_string(LookupStatus s);

struct MxRecord {
  int preference = 0;
  std::string host;  // lower case, no trailing dot; "" for a null MX ("0 .", RFC 7505)
};

struct MailPolicyFacts {
  LookupStatus mx_status = LookupStatus::failed;
  std::string mx_error;
  std::vector<MxRecord> mx;  // as published, sorted by preference

  // True when the only MX is the null MX of RFC 7505: the domain receives no mail.
  [[nodiscard]] bool null_mx() const { return mx.size() == 1 && mx.front().host.empty(); }
};

}  // namespace weerbaar::scan
