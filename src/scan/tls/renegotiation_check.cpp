// tls.renegotiation: without RFC 5746 secure renegotiation an attacker can splice his own
// request in front of a user's; and a server that lets clients start renegotiations can be
// worn down with cheap requests for expensive handshakes. TLS 1.3 has no renegotiation.
#include "scan/check.hpp"
#include "scan/tls/hello_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("tls.renegotiation");
  const TlsFacts* t = tls_facts_or_explain(facts, v);
  if (t == nullptr) return std::move(v).done();
  if (!any_accepted(*t)) return std::move(v.not_applicable("the server accepts no TLS version")).done();
  if (accepted_legacy_versions(*t).empty()) return std::move(v).done();  // TLS 1.3 only: nothing to renegotiate

  std::vector<std::string> unknown;
  if (!t->secure_renegotiation) {
    unknown.emplace_back("secure renegotiation support");
  } else if (!*t->secure_renegotiation) {
    v.fail("TLS_SECURE_RENEGOTIATION_MISSING");
  }
  if (!t->client_renegotiation) {
    unknown.emplace_back("client-initiated renegotiation");
  } else if (*t->client_renegotiation) {
    v.fail("TLS_CLIENT_RENEGOTIATION");
  }
  if (!unknown.empty()) v.inconclusive("could not determine " + join_unique(unknown));
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "tls.renegotiation",
    .family = Family::tls,
    .findings = {"TLS_SECURE_RENEGOTIATION_MISSING", "TLS_CLIENT_RENEGOTIATION"},
    .run = run,
    .on_mail_servers = true,
}};

}  // namespace
}  // namespace weerbaar::scan::tls
