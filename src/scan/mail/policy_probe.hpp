#pragma once
// The mail policy probe: MX, SPF (evaluated with check_host()), DMARC, DKIM selectors,
// MTA-STS (DNS record and HTTPS policy file) and TLS-RPT of a domain, as MailPolicyFacts.
#include <string>

#include "scan/dns/resolver.hpp"
#include "scan/facts.hpp"
#include "scan/net/async.hpp"
#include "scan/net/safe_resolve.hpp"

namespace weerbaar::scan::mail {

struct PolicyProbeOptions {
  net::Timeouts timeouts;
  std::string user_agent;  // for the MTA-STS policy fetch
  std::string ca_file;     // extra trusted roots for the MTA-STS policy host (the lab's CA)
};

net::awaitable<MailPolicyFacts> probe_policy(dns::Resolver& resolver, std::string domain, const PolicyProbeOptions& opt,
                                             const net::SafeResolve& resolve);

}  // namespace weerbaar::scan::mail
