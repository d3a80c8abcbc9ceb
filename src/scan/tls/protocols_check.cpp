// tls.protocols: which TLS versions the server accepts, judged as the NCSC-NL table does as a
// whole (TLS guidelines 2025, 3.3.1; internet.nl checks/tasks/tls/tls_constants.py
// PROTOCOLS_GOOD/SUFFICIENT): TLS 1.3 good, TLS 1.2 sufficient, anything older insufficient.
// A server with TLS 1.3 only is good; one with neither 1.2 nor 1.3 has no current version.
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
      {TlsVersion::ssl3, true, "TLS_SSL3_OFFERED"},
      {TlsVersion::tls1_0, true, "TLS_1_0_OFFERED"},
      {TlsVersion::tls1_1, true, "TLS_1_1_OFFERED"},
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
  // TLS_1_2_MISSING: no current version at all. Only when both were determined and refused.
  auto v12 = t->versions.find(TlsVersion::tls1_2);
  auto v13 = t->versions.find(TlsVersion::tls1_3);
  if (v12 == t->versions.end()) {
    unknown.emplace_back(to_string(TlsVersion::tls1_2));
  } else if (!v12->second && v13 != t->versions.end() && !v13->second) {
    v.fail("TLS_1_2_MISSING", {{"version", std::string(to_string(TlsVersion::tls1_2))}});
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
