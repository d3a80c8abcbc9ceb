// tls.compression: TLS-level compression lets an attacker who can inject requests read
// secrets such as session cookies (CRIME). TLS 1.3 removed it, so only older versions count.
#include "scan/check.hpp"
#include "scan/tls/hello_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("tls.compression");
  const TlsFacts* t = tls_facts_or_explain(facts, v);
  if (t == nullptr) return std::move(v).done();
  if (!any_accepted(*t)) return std::move(v.not_applicable("the server accepts no TLS version")).done();
  if (accepted_legacy_versions(*t).empty()) return std::move(v).done();  // TLS 1.3 only: no compression exists
  if (!t->compression) return std::move(v.inconclusive("the compression test got no answer")).done();
  if (*t->compression) v.fail("TLS_COMPRESSION");
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "tls.compression",
    .family = Family::tls,
    .findings = {"TLS_COMPRESSION"},
    .run = run,
    .on_mail_servers = true,
}};

}  // namespace
}  // namespace weerbaar::scan::tls
