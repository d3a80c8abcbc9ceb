// tls.key_exchange: the (EC)DHE groups the server accepts, rated by NCSC-NL, and whether a
// DHE prime is one of RFC 7919's well-studied groups rather than a home-made one.
#include "scan/check.hpp"
#include "scan/tls/cipher_suites.hpp"
#include "scan/tls/groups.hpp"
#include "scan/tls/hello_facts_gate.hpp"

namespace weerbaar::scan::tls {
namespace {

bool accepts_kx(const TlsFacts& t, bool legacy, std::initializer_list<KeyExchange> kinds) {
  for (const auto& [version, ids] : t.suites) {
    if ((version != TlsVersion::tls1_3) != legacy || !accepted(t, version)) continue;
    for (auto id : ids) {
      const CipherSuite* s = find_cipher_suite(id);
      if (s != nullptr && std::find(kinds.begin(), kinds.end(), s->kx) != kinds.end()) return true;
    }
  }
  return false;
}

// The ffdhe group a DHE prime of this size is, when it is an RFC 7919 prime.
std::uint16_t ffdhe_by_bits(int bits) {
  switch (bits) {
    case 2048: return group::ffdhe2048;
    case 3072: return group::ffdhe3072;
    case 4096: return group::ffdhe4096;
    case 6144: return group::ffdhe6144;
    default: return group::ffdhe8192;
  }
}

CheckResult run(const HostFacts& facts) {
  Verdict v("tls.key_exchange");
  const TlsFacts* t = tls_facts_or_explain(facts, v);
  if (t == nullptr) return std::move(v).done();
  if (!any_accepted(*t)) return std::move(v.not_applicable("the server accepts no TLS version")).done();

  std::vector<std::string> insufficient;
  std::vector<std::string> phase_out;
  auto judge = [&](std::uint16_t id, std::string name) {
    switch (classify_group(id)) {
      case NcscLevel::insufficient: insufficient.push_back(std::move(name)); break;
      case NcscLevel::phase_out: phase_out.push_back(std::move(name)); break;
      case NcscLevel::good:
      case NcscLevel::sufficient: break;
    }
  };
  for (const auto& g : t->groups) judge(g.id, group_name(g.id));

  if (t->dhe_bits) {
    const int bits = *t->dhe_bits;
    if (t->dhe_is_rfc7919.value_or(false)) {
      judge(ffdhe_by_bits(bits), "DHE " + group_name(ffdhe_by_bits(bits)));
    } else {
      v.fail("TLS_DHE_GROUP_CUSTOM", {{"bits", std::to_string(bits)}});
      // A home-made prime is its own finding; below 2048 bits it is also plainly too weak
      // (Logjam), which deserves the high one.
      if (bits < 2048) insufficient.push_back("DHE " + std::to_string(bits) + " bits");
    }
  }
  if (!insufficient.empty()) v.fail("TLS_GROUP_INSUFFICIENT", {{"groups", join_unique(insufficient)}});
  if (!phase_out.empty()) v.fail("TLS_GROUP_PHASE_OUT", {{"groups", join_unique(phase_out)}});

  // What could not be seen: curves of accepted ECDHE suites, the prime of accepted DHE suites.
  std::vector<std::string> unknown;
  const bool legacy_groups_seen = std::any_of(
      t->groups.begin(), t->groups.end(), [](const KeyExchangeGroup& g) { return g.version != TlsVersion::tls1_3; });
  if (!legacy_groups_seen &&
      accepts_kx(*t, true, {KeyExchange::ecdhe, KeyExchange::ecdh_anon, KeyExchange::ecdhe_psk})) {
    unknown.emplace_back("the ECDHE curves");
  }
  if (!t->dhe_bits && accepts_kx(*t, true, {KeyExchange::dhe, KeyExchange::dh_anon, KeyExchange::dhe_psk})) {
    unknown.emplace_back("the DHE prime");
  }
  const bool tls13_groups_seen = std::any_of(t->groups.begin(), t->groups.end(),
                                             [](const KeyExchangeGroup& g) { return g.version == TlsVersion::tls1_3; });
  if (!tls13_groups_seen && accepted(*t, TlsVersion::tls1_3)) unknown.emplace_back("the TLS 1.3 groups");
  if (!unknown.empty())
    v.inconclusive("could not determine " + join_unique(unknown) + (t->error.empty() ? "" : ": " + t->error));
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "tls.key_exchange",
    .family = Family::tls,
    .findings = {"TLS_GROUP_INSUFFICIENT", "TLS_GROUP_PHASE_OUT", "TLS_DHE_GROUP_CUSTOM"},
    .run = run,
    .on_mail_servers = true,
}};

}  // namespace
}  // namespace weerbaar::scan::tls
