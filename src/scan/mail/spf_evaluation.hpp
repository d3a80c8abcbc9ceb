#pragma once
// The SPF facts of a domain: check_host() run for a stranger's address, so that every term is
// walked and the DNS lookups counted as a receiver would count them.
#include <string>

#include "scan/facts.hpp"
#include "scan/mail/spf/evaluator.hpp"

namespace weerbaar::scan::mail {

// 192.0.2.1 (TEST-NET-1, RFC 5737): no real record lists it, so no ip4/a/mx mechanism matches.
inline constexpr const char* kSpfStrangerAddress = "192.0.2.1";

// Evaluates the domain's SPF for postmaster@<domain> from kSpfStrangerAddress. The whole
// evaluation has the deadline `limit` on top of each query's own; when it passes, the result
// is temperror.
net::awaitable<SpfEvaluation> evaluate_spf(spf::SpfDns& dns, std::string domain, net::Duration limit);

}  // namespace weerbaar::scan::mail
