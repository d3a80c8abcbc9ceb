#pragma once
// The protocol checks (versions, suites, groups, options) all start the same way: did the
// hello prober reach a TLS server? And they all need the same small helpers.
#include <algorithm>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "scan/facts.hpp"

namespace weerbaar::scan::tls {

// The TLS facts when the port took connections and at least one version was determined;
// otherwise marks the verdict not applicable (no TLS on port 443) or inconclusive (could not
// tell) and returns nullptr.
inline const TlsFacts* tls_facts_or_explain(const HostFacts& facts, Verdict& v) {
  if (!facts.tls) {
    v.not_applicable("TLS was not probed");
    return nullptr;
  }
  const TlsFacts& t = *facts.tls;
  if (t.status == NetStatus::refused) {
    v.not_applicable("nothing listens for HTTPS on port 443");
    return nullptr;
  }
  if (t.status != NetStatus::ok) {
    v.inconclusive("port 443 could not be probed: " + std::string(to_string(t.status)) +
                   (t.error.empty() ? "" : " (" + t.error + ")"));
    return nullptr;
  }
  if (t.versions.empty()) {
    v.inconclusive("no protocol version could be determined" + (t.error.empty() ? "" : ": " + t.error));
    return nullptr;
  }
  return &t;
}

inline bool accepted(const TlsFacts& t, TlsVersion v) {
  auto it = t.versions.find(v);
  return it != t.versions.end() && it->second;
}

// Versions the server accepted at or below TLS 1.2 (those with suite choice, renegotiation, ...).
inline std::vector<TlsVersion> accepted_legacy_versions(const TlsFacts& t) {
  std::vector<TlsVersion> out;
  for (const auto& [version, ok] : t.versions) {
    if (ok && version != TlsVersion::tls1_3) out.push_back(version);
  }
  return out;
}

inline bool any_accepted(const TlsFacts& t) {
  return std::any_of(t.versions.begin(), t.versions.end(), [](const auto& kv) { return kv.second; });
}

// "a, b, c" without repeats, in first-seen order: for finding params.
inline std::string join_unique(const std::vector<std::string>& items) {
  std::vector<std::string> seen;
  std::string out;
  for (const auto& item : items) {
    if (std::find(seen.begin(), seen.end(), item) != seen.end()) continue;
    seen.push_back(item);
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

}  // namespace weerbaar::scan::tls
