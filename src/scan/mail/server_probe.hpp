#pragma once
// The mail server probe: for each MX host, its addresses (under the safety rules), the SMTP
// greeting and EHLO on port 25, STARTTLS, and the TLS after STARTTLS (the same hello and
// OpenSSL probes as port 443), as MailServerFacts.
#include <string>
#include <vector>

#include "scan/dns/resolver.hpp"
#include "scan/facts.hpp"
#include "scan/net/async.hpp"
#include "scan/net/safe_resolve.hpp"

namespace weerbaar::scan::mail {

struct ServerProbeOptions {
  std::string ehlo_name;  // the name the scanner gives in EHLO: says who is knocking
  std::string ca_file;    // extra trusted roots (the lab's CA)
  net::Timeouts timeouts;
  int connections_per_host = 4;  // politeness towards each mail server
};

net::awaitable<std::vector<MailServerFacts>> probe_servers(dns::Resolver& resolver, const std::vector<MxRecord>& mx,
                                                          const ServerProbeOptions& opt, const net::SafeResolve& resolve);

}  // namespace weerbaar::scan::mail
