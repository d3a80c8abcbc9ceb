#pragma once
// The mail server probe: for each MX host, its addresses (under the safety rules), the SMTP
// greeting and EHLO on port 25, STARTTLS, and the TLS after STARTTLS (the same hello and
// OpenSSL probes as port 443), as MailServerFacts.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "scan/dns/resolver.hpp"
#include "scan/facts.hpp"
#include "scan/net/async.hpp"
#include "scan/net/safe_resolve.hpp"

namespace weerbaar::scan::mail {

// At most this many MX hosts are probed (the first by preference); more is rare, and each costs
// a full TLS scan of its port 25.
constexpr std::size_t kMaxMailServers = 5;

struct ServerProbeOptions {
  std::string ehlo_name;  // the name the scanner gives in EHLO: says who is knocking
  std::string ca_file;    // extra trusted roots (the lab's CA)
  net::Timeouts timeouts;
  int connections_per_host = 4;  // politeness towards each mail server
};

// What the scanner found out about each mail server, by name, for a while. Many small
// businesses share their provider's MX hosts: each is probed once, and the domains that name
// it share the facts (a domain that asks while the probe runs waits for it). Kinder to the provider,
// and a national run is not dominated by the same few servers.
class ServerCache {
 public:
  // What a server showed is reused for `lifetime`, then probed again.
  explicit ServerCache(std::chrono::seconds lifetime = std::chrono::hours(1));
  ~ServerCache();
  ServerCache(const ServerCache&) = delete;
  ServerCache& operator=(const ServerCache&) = delete;
  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// cache may be null: every server is then probed afresh.
net::awaitable<std::vector<MailServerFacts>> probe_servers(dns::Resolver& resolver, const std::vector<MxRecord>& mx,
                                                           const ServerProbeOptions& opt,
                                                           const net::SafeResolve& resolve,
                                                           ServerCache* cache = nullptr);

}  // namespace weerbaar::scan::mail
