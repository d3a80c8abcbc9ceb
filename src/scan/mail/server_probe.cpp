#include "scan/mail/server_probe.hpp"

namespace weerbaar::scan::mail {

// Placeholder until the server probe lands (issue 3): probes nothing.
net::awaitable<std::vector<MailServerFacts>> probe_servers(dns::Resolver& /*resolver*/, const std::vector<MxRecord>& /*mx*/,
                                                          const ServerProbeOptions& /*opt*/,
                                                          const net::SafeResolve& /*resolve*/) {
  co_return std::vector<MailServerFacts>{};
}

}  // namespace weerbaar::scan::mail
