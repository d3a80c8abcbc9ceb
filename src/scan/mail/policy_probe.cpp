#include "scan/mail/policy_probe.hpp"

namespace weerbaar::scan::mail {

// Placeholder until the policy probe lands (issue 3): looks nothing up.
net::awaitable<MailPolicyFacts> probe_policy(dns::Resolver& /*resolver*/, std::string /*domain*/,
                                             const PolicyProbeOptions& /*opt*/, const net::SafeResolve& /*resolve*/) {
  MailPolicyFacts facts;
  facts.mx_error = "not probed";
  co_return facts;
}

}  // namespace weerbaar::scan::mail
