#include "scan/mail/spf_evaluation.hpp"

// GCC 12 pairs Asio's recycling frame allocator with the coroutine frame's own delete and warns;
// see the same note in spf/evaluator.cpp.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace weerbaar::scan::mail {

net::awaitable<SpfEvaluation> evaluate_spf(spf::SpfDns& dns, std::string domain, net::Duration limit) {
  spf::SpfQuery query{boost::asio::ip::make_address(kSpfStrangerAddress), "postmaster@" + domain, domain, "unknown"};
  auto outcome = co_await net::with_deadline(spf::check_host(dns, query, domain, spf::SpfLimits{}), limit);
  SpfEvaluation out;
  if (!outcome) {
    out.result = spf::SpfResult::temperror;
    out.reason = "the SPF evaluation did not finish within the deadline";
    co_return out;
  }
  out.result = outcome->result;
  out.reason = std::move(outcome->reason);
  out.dns_lookups = outcome->dns_lookups;
  out.void_lookups = outcome->void_lookups;
  co_return out;
}

}  // namespace weerbaar::scan::mail
