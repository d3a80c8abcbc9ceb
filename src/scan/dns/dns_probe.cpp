#include "scan/dns/dns_probe.hpp"

#include <algorithm>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <cctype>

#include "scan/dns/wire.hpp"

// GCC 12 reports a false -Wmismatched-new-delete for probe_dns: it pairs Asio's recycling
// frame allocator with the frame's own operator delete, which is the matching one (as in
// scan/mail/spf/evaluator.cpp). Silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace weerbaar::scan {

std::string_view to_string(DnssecStatus s) {
  switch (s) {
    case DnssecStatus::secure: return "secure";
    case DnssecStatus::insecure: return "insecure";
    case DnssecStatus::bogus: return "bogus";
    case DnssecStatus::unknown: return "unknown";
  }
  return "unknown";
}

namespace dns {

std::optional<CaaRecord> parse_caa(std::string_view rdata) {
  if (rdata.size() < 2) return std::nullopt;
  const auto flags = static_cast<unsigned char>(rdata[0]);
  const auto tag_len = static_cast<unsigned char>(rdata[1]);
  if (tag_len == 0 || rdata.size() < 2U + tag_len) return std::nullopt;
  CaaRecord r;
  r.flags = flags;
  for (char c : rdata.substr(2, tag_len)) {
    r.tag.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  r.value = std::string(rdata.substr(2U + tag_len));
  return r;
}

std::vector<std::string> caa_climb(std::string_view host) {
  std::vector<std::string> names;
  std::string_view name = without_root_dot(host);
  // Stop before the TLD: a name without a dot is the TLD itself.
  while (name.find('.') != std::string_view::npos) {
    names.emplace_back(name);
    name.remove_prefix(name.find('.') + 1);
  }
  return names;
}

std::vector<std::string> ns_climb(std::string_view host) {
  std::vector<std::string> names = caa_climb(host);
  std::string_view name = without_root_dot(host);
  if (auto dot = name.rfind('.'); dot != std::string_view::npos) names.emplace_back(name.substr(dot + 1));
  return names;
}

namespace {

bool answered(const Answer& a) {
  return a.status == DnsStatus::ok || a.status == DnsStatus::nodata || a.status == DnsStatus::nxdomain;
}

std::string failure(const Answer& a) {
  return a.error.empty() ? std::string(to_string(a.status)) : std::string(to_string(a.status)) + ": " + a.error;
}

void judge_dnssec(const Answer& v4, const Answer& v6, DnsFacts& f) {
  // A bogus answer, of either type, makes the domain bogus: a validating resolver refuses it.
  for (const auto* a : {&v4, &v6}) {
    if (a->dnssec == DnssecStatus::bogus) {
      f.dnssec = DnssecStatus::bogus;
      f.dnssec_reason = a->error.empty() ? "the signatures do not validate" : a->error;
      return;
    }
  }
  const Answer& a = answered(v4) ? v4 : v6;
  if (!answered(a)) {
    f.dnssec = DnssecStatus::unknown;
    f.dnssec_reason = "the address lookup failed (" + failure(v4) + ")";
    return;
  }
  f.dnssec = a.dnssec;
  if (f.dnssec == DnssecStatus::unknown) {
    f.dnssec_reason = "DNSSEC was not validated: the resolver has no trust anchor";
  }
}

// At most this many name servers are looked at: a zone has two to four.
constexpr std::size_t kMaxNameServers = 8;

net::awaitable<void> probe_name_servers(Resolver& resolver, const std::string& host, net::Duration limit, DnsFacts& f) {
  std::vector<std::string> names;
  for (const auto& name : ns_climb(host)) {
    auto ns = co_await resolver.query(name, RrType::ns, limit);
    if (ns.status == DnsStatus::ok) {
      for (const auto& rd : ns.rdata) {
        // The root is no name server; names compare in lower case.
        if (auto n = decode_name(rd); n && !n->empty() && names.size() < kMaxNameServers) {
          names.push_back(lower_name(std::move(*n)));
        }
      }
      if (!names.empty()) {
        f.ns_zone = name;
        break;
      }
    } else if (!answered(ns)) {
      f.ns_error = "the NS lookup of " + name + " failed (" + failure(ns) + ")";
      co_return;
    }
  }
  if (names.empty()) {
    if (f.ns_error.empty()) f.ns_error = "no NS records found for " + host + " or its parents";
    co_return;
  }
  std::sort(names.begin(), names.end());
  f.ns_known = true;
  for (auto& name : names) {
    auto aaaa = co_await resolver.query(name, RrType::aaaa, limit);
    DnsFacts::NameServer server{std::move(name), std::nullopt};
    if (aaaa.status == DnsStatus::ok) {
      server.has_aaaa = !aaaa.addresses().empty();
    } else if (aaaa.status == DnsStatus::nodata || aaaa.status == DnsStatus::nxdomain) {
      server.has_aaaa = false;
    }
    f.name_servers.push_back(std::move(server));
  }
}

}  // namespace

net::awaitable<DnsFacts> probe_dns(Resolver& resolver, std::string host, net::Duration limit, std::string web_host) {
  using namespace net::asio::experimental::awaitable_operators;
  DnsFacts f;
  auto [v4, v6] = co_await (resolver.query(host, RrType::a, limit) && resolver.query(host, RrType::aaaa, limit));
  // DNSSEC is the domain's own; IPv6 is a question about the website, wherever it lives.
  judge_dnssec(v4, v6, f);
  if (!web_host.empty() && web_host != host) v6 = co_await resolver.query(web_host, RrType::aaaa, limit);

  if (v6.status == DnsStatus::ok) {
    f.aaaa = v6.addresses();
  } else if (v6.status == DnsStatus::nodata || v6.status == DnsStatus::nxdomain) {
    f.aaaa = std::vector<std::string>{};
  } else {
    f.aaaa_error = "the AAAA lookup failed (" + failure(v6) + ")";
  }

  // RFC 8659 section 3: the first non-empty CAA RRset from the host upwards is the relevant one.
  f.caa_known = true;
  for (const auto& name : caa_climb(host)) {
    auto caa = co_await resolver.query(name, RrType::caa, limit);
    if (caa.status == DnsStatus::ok) {
      for (const auto& rd : caa.rdata) {
        if (auto r = parse_caa(rd)) f.caa.push_back(std::move(*r));
      }
      if (!f.caa.empty()) {
        f.caa_owner = name;
        break;
      }
    } else if (!answered(caa)) {
      f.caa_known = false;
      f.caa_error = "the CAA lookup of " + name + " failed (" + failure(caa) + ")";
      break;
    }
  }
  co_await probe_name_servers(resolver, host, limit, f);
  co_return f;
}

}  // namespace dns
}  // namespace weerbaar::scan
