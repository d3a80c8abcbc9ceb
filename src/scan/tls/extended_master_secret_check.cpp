// tls.extended_master_secret: RFC 7627 binds the session keys to the whole handshake; without
// it a man in the middle can make two connections share keys (triple handshake attack).
// TLS 1.3 has this built in, so only older versions count.
#include "scan/check.hpp"
#include "scan/tls/hello_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("tls.extended_master_secret");
  const TlsFacts* t = tls_facts_or_explain(facts, v);
  if (t == nullptr) return std::move(v).done();
  if (!any_accepted(*t)) return std::move(v.not_applicable("the server accepts no TLS version")).done();
  const std::vector<TlsVersion> legacy = accepted_legacy_versions(*t);
  if (legacy.empty()) return std::move(v).done();  // TLS 1.3 only: built in
  if (!t->extended_master_secret)
    return std::move(v.inconclusive("no TLS 1.2 (or older) answer to read it from")).done();
  if (!*t->extended_master_secret) v.fail("TLS_EMS_MISSING", {{"version", std::string(to_string(legacy.back()))}});
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "tls.extended_master_secret",
    .family = Family::tls,
    .findings = {"TLS_EMS_MISSING"},
    .run = run,
    .on_mail_servers = true,
}};

}  // namespace
}  // namespace weerbaar::scan::tls
