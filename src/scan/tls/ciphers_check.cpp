// tls.ciphers: does the server accept cipher suites that NCSC-NL rates insufficient or
// phase out? One finding per level, naming the suites (OpenSSL names, as admins configure them).
#include "scan/check.hpp"
#include "scan/tls/cipher_suites.hpp"
#include "scan/tls/hello_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

CheckResult run(const HostFacts& facts) {
  Verdict v("tls.ciphers");
  const TlsFacts* t = tls_facts_or_explain(facts, v);
  if (t == nullptr) return std::move(v).done();
  if (!any_accepted(*t)) return std::move(v.not_applicable("the server accepts no TLS version")).done();

  std::vector<std::string> insufficient;
  std::vector<std::string> phase_out;
  std::vector<std::string> missing;
  for (const auto& [version, ok] : t->versions) {
    if (!ok) continue;
    auto it = t->suites.find(version);
    if (it == t->suites.end()) {
      missing.emplace_back(to_string(version));
      continue;
    }
    for (auto id : it->second) {
      switch (classify_suite(id)) {
        case NcscLevel::insufficient: insufficient.push_back(suite_name(id)); break;
        case NcscLevel::phase_out: phase_out.push_back(suite_name(id)); break;
        case NcscLevel::good:
        case NcscLevel::sufficient: break;
      }
    }
  }
  if (!insufficient.empty()) v.fail("TLS_CIPHER_INSUFFICIENT", {{"suites", join_unique(insufficient)}});
  if (!phase_out.empty()) v.fail("TLS_CIPHER_PHASE_OUT", {{"suites", join_unique(phase_out)}});
  if (!missing.empty())
    v.inconclusive("cipher suites of " + join_unique(missing) + " could not be listed" +
                   (t->error.empty() ? "" : ": " + t->error));
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "tls.ciphers",
    .family = Family::tls,
    .findings = {"TLS_CIPHER_INSUFFICIENT", "TLS_CIPHER_PHASE_OUT"},
    .run = run,
    .on_mail_servers = true,
}};

}  // namespace
}  // namespace weerbaar::scan::tls
