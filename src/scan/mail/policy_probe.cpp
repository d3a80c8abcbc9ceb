// The mail policy probe: every lookup of a domain's mail policy at once, then what depends on
// them (the SPF evaluation, the MTA-STS policy fetch). Facts only; the checks judge.
#include "scan/mail/policy_probe.hpp"

#include <algorithm>

#include "scan/dns/wire.hpp"
#include "scan/mail/mta_sts_fetch.hpp"
#include "scan/mail/policy_records.hpp"
#include "scan/mail/spf/evaluator.hpp"
#include "scan/mail/spf/record.hpp"
#include "scan/mail/spf_evaluation.hpp"

// GCC 12's false -Wmismatched-new-delete on coroutines; see spf/evaluator.cpp.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace weerbaar::scan::mail {
namespace {

std::string error_of(const dns::Answer& a) {
  return a.error.empty() ? std::string(dns::to_string(a.status)) : a.error;
}

net::awaitable<TxtAnswer> lookup_txt(dns::Resolver& resolver, std::string name, net::Duration limit) {
  TxtAnswer out;
  out.name = name;
  dns::Answer a = co_await resolver.query(std::move(name), dns::RrType::txt, limit);
  out.status = dns::lookup_status(a);
  if (out.status == LookupStatus::failed) out.error = error_of(a);
  for (const auto& rdata : a.rdata) {
    auto text = dns::decode_txt(rdata);
    if (!text) {
      out.status = LookupStatus::failed;
      out.error = "a malformed TXT record in the answer";
      out.records.clear();
      break;
    }
    out.records.push_back(std::move(*text));
  }
  co_return out;
}

struct MxAnswer {
  LookupStatus status = LookupStatus::failed;
  std::string error;
  std::vector<MxRecord> mx;
};

net::awaitable<MxAnswer> lookup_mx(dns::Resolver& resolver, std::string domain, net::Duration limit) {
  MxAnswer out;
  dns::Answer a = co_await resolver.query(std::move(domain), dns::RrType::mx, limit);
  out.status = dns::lookup_status(a);
  if (out.status == LookupStatus::failed) out.error = error_of(a);
  for (const auto& rdata : a.rdata) {
    auto host = dns::decode_mx(rdata);
    if (!host) {
      out.status = LookupStatus::failed;
      out.error = "a malformed MX record in the answer";
      out.mx.clear();
      break;
    }
    int preference = (static_cast<unsigned char>(rdata[0]) << 8) | static_cast<unsigned char>(rdata[1]);
    out.mx.push_back(MxRecord{preference, dns::lower_name(std::move(*host))});
  }
  std::stable_sort(out.mx.begin(), out.mx.end(),
                   [](const MxRecord& x, const MxRecord& y) { return x.preference < y.preference; });
  co_return out;
}

// The selectors [first, last) looked up concurrently, halving the range until one is left.
net::awaitable<void> lookup_dkim(dns::Resolver& resolver, std::vector<DkimSelectorLookup>& out, std::size_t first,
                                 std::size_t last, net::Duration limit) {
  if (last - first == 1) {
    out[first].txt = co_await lookup_txt(resolver, out[first].txt.name, limit);
    co_return;
  }
  using namespace net::asio::experimental::awaitable_operators;
  std::size_t mid = first + (last - first) / 2;
  co_await (lookup_dkim(resolver, out, first, mid, limit) && lookup_dkim(resolver, out, mid, last, limit));
}

// _domainkey.<domain> surely does not exist: an NXDOMAIN that DNSSEC does not call a forgery
// and that is about the name itself, not the target of a CNAME there.
bool no_key_tree(const dns::Answer& a) {
  return a.status == dns::DnsStatus::nxdomain && a.dnssec != DnssecStatus::bogus && !a.aliased;
}

bool has_spf(const TxtAnswer& apex) {
  return std::any_of(apex.records.begin(), apex.records.end(), [](const std::string& r) { return spf::is_spf1(r); });
}

bool has_mta_sts(const TxtAnswer& txt) {
  return std::any_of(txt.records.begin(), txt.records.end(),
                     [](const std::string& r) { return is_mta_sts_candidate(r); });
}

net::awaitable<MtaStsFetch> fetch_policy(std::string domain, const PolicyProbeOptions& opt,
                                         const net::SafeResolve& resolve) {
  std::string host = "mta-sts." + domain;
  net::SafeAddresses where;
  try {
    where = co_await resolve(host);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    where.refusal = e.what();
  }
  if (where.addresses.empty()) {
    MtaStsFetch f;
    f.url = "https://" + host + "/.well-known/mta-sts.txt";
    f.status = NetStatus::unreachable;
    f.error = where.refusal.empty() ? host + " has no address" : where.refusal;
    co_return f;
  }
  MtaStsFetchOptions fetch{.user_agent = opt.user_agent, .ca_file = opt.ca_file, .timeouts = opt.timeouts};
  co_return co_await fetch_mta_sts_policy(net::tcp::endpoint(where.addresses.front(), 443), host, fetch);
}

}  // namespace

net::awaitable<MailPolicyFacts> probe_policy(dns::Resolver& resolver, std::string domain, const PolicyProbeOptions& opt,
                                             const net::SafeResolve& resolve) {
  using namespace net::asio::experimental::awaitable_operators;
  const auto limit = opt.timeouts.dns;
  MailPolicyFacts facts;
  for (const auto& selector : dkim_selectors()) {
    DkimSelectorLookup l;
    l.selector = selector;
    l.txt.name = selector + "._domainkey." + domain;
    facts.dkim.push_back(std::move(l));
  }
  auto [mx, apex, dmarc, sts, rpt, key_tree] =
      co_await (lookup_mx(resolver, domain, limit) && lookup_txt(resolver, domain, limit) &&
                lookup_txt(resolver, "_dmarc." + domain, limit) && lookup_txt(resolver, "_mta-sts." + domain, limit) &&
                lookup_txt(resolver, "_smtp._tls." + domain, limit) &&
                resolver.query("_domainkey." + domain, dns::RrType::txt, limit));
  if (no_key_tree(key_tree)) {
    // A name that does not exist has nothing below it (RFC 8020), so no selector can hold a
    // key: internet.nl's DKIM test asks this one name for that reason. It spares a dozen
    // lookups, each a signed denial to validate, for every domain without DKIM.
    for (auto& selector : facts.dkim) {
      selector.txt.status = LookupStatus::nxdomain;
      selector.txt.error = "not asked: _domainkey." + domain + " does not exist (RFC 8020)";
    }
  } else if (!facts.dkim.empty()) {
    // An empty non-terminal (NOERROR without records) or a TXT there: keys may be below.
    co_await lookup_dkim(resolver, facts.dkim, 0, facts.dkim.size(), limit);
  }
  facts.mx_status = mx.status;
  facts.mx_error = std::move(mx.error);
  facts.mx = std::move(mx.mx);
  facts.apex_txt = std::move(apex);
  facts.dmarc = std::move(dmarc);
  facts.mta_sts = std::move(sts);
  facts.tls_rpt = std::move(rpt);

  // Then what depends on those answers. The MTA-STS policy is fetched only when the TXT record
  // announces one: that is what senders do, and it spares every other domain a connection.
  auto spf_part = [&]() -> net::awaitable<void> {
    if (!has_spf(facts.apex_txt)) co_return;
    spf::LiveSpfDns live(resolver, limit);
    facts.spf = co_await evaluate_spf(live, domain, limit * 4);
  };
  auto sts_part = [&]() -> net::awaitable<void> {
    if (!has_mta_sts(facts.mta_sts)) co_return;
    facts.mta_sts_policy = co_await fetch_policy(domain, opt, resolve);
  };
  co_await (spf_part() && sts_part());
  co_return facts;
}

}  // namespace weerbaar::scan::mail
