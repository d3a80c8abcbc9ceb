// tls.cipher_order: with TLS <= 1.2 the server should pick the suite by its own order, best
// first, so that a client offering weak suites too still gets a strong one (NCSC-NL). This only
// matters when the server accepts weaker suites at all. TLS 1.3 is left out: all its suites
// that servers offer are fine.
#include "scan/check.hpp"
#include "scan/tls/cipher_suites.hpp"
#include "scan/tls/hello_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("tls.cipher_order");
  const TlsFacts* t = tls_facts_or_explain(facts, v);
  if (t == nullptr) return std::move(v).done();
  const std::vector<TlsVersion> legacy = accepted_legacy_versions(*t);
  if (legacy.empty())
    return std::move(v.not_applicable("no TLS 1.2 or older accepted; in TLS 1.3 all suites are fine")).done();

  std::size_t distinct = 0;
  bool weak = false;  // phase out or insufficient suites accepted
  for (auto version : legacy) {
    auto it = t->suites.find(version);
    if (it == t->suites.end())
      return std::move(v.inconclusive("cipher suites of " + std::string(to_string(version)) + " unknown")).done();
    distinct = std::max(distinct, it->second.size());
    for (auto id : it->second) weak = weak || classify_suite(id) >= NcscLevel::phase_out;
  }
  if (distinct < 2) return std::move(v).done();  // one suite: nothing to order
  if (!t->server_order) return std::move(v.inconclusive("whether the server enforces its order is unknown")).done();

  if (!*t->server_order) {
    if (weak) v.fail("TLS_CIPHER_ORDER_NOT_ENFORCED");
    return std::move(v).done();
  }
  // The suites are listed in the server's order: report the first place where a worse suite
  // comes before a better one.
  for (auto version : legacy) {
    const auto& order = t->suites.at(version);
    for (std::size_t i = 0; i < order.size(); ++i) {
      for (std::size_t j = i + 1; j < order.size(); ++j) {
        if (classify_suite(order[i]) > classify_suite(order[j])) {
          v.fail("TLS_CIPHER_ORDER_WRONG", {{"version", std::string(to_string(version))},
                                            {"before", suite_name(order[i])},
                                            {"after", suite_name(order[j])}});
          return std::move(v).done();
        }
      }
    }
  }
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "tls.cipher_order",
    .family = Family::tls,
    .findings = {"TLS_CIPHER_ORDER_NOT_ENFORCED", "TLS_CIPHER_ORDER_WRONG"},
    .run = run,
    .on_mail_servers = true,
}};

}  // namespace
}  // namespace weerbaar::scan::tls
