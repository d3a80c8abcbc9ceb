// tls.protocols: which TLS versions the server accepts. SSL 3.0, TLS 1.0 and 1.1 are broken or
// outdated (NCSC-NL: insufficient / phase out long done); TLS 1.2 is required, 1.3 recommended.
#include "scan/check.hpp"
#include "scan/tls/hello_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("tls.protocols");
  const TlsFacts* t = tls_facts_or_explain(facts, v);
  if (t == nullptr) return std::move(v).done();

  struct Rule {
    TlsVersion version;
    bool bad_when_accepted;  // true: finding if accepted; false: finding if refused
    const char* finding;
  };
  static constexpr Rule rules[] = {
      {TlsVersion::ssl3, true, "TLS_SSL3_OFFERED"},   {TlsVersion::tls1_0, true, "TLS_1_0_OFFERED"},
      {TlsVersion::tls1_1, true, "TLS_1_1_OFFERED"},  {TlsVersion::tls1_2, false, "TLS_1_2_MISSING"},
      {TlsVersion::tls1_3, false, "TLS_1_3_MISSING"},
  };
  std::vector<std::string> unknown;
  for (const Rule& r : rules) {
    auto it = t->versions.find(r.version);
    if (it == t->versions.end()) {
      unknown.emplace_back(to_string(r.version));
      continue;
    }
    if (it->second == r.bad_when_accepted) v.fail(r.finding, {{"version", std::string(to_string(r.version))}});
  }
  // Findings that were established stand; the unknown versions are reported alongside.
  if (!unknown.empty())
    v.inconclusive("could not determine " + join_unique(unknown) + (t->error.empty() ? "" : ": " + t->error));
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "tls.protocols",
    .family = Family::tls,
    .findings = {"TLS_SSL3_OFFERED", "TLS_1_0_OFFERED", "TLS_1_1_OFFERED", "TLS_1_2_MISSING", "TLS_1_3_MISSING"},
    .run = run,
    .on_mail_servers = true,
}};

}  // namespace
}  // namespace weerbaar::scan::tls
