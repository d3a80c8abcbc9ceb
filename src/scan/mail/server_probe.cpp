#include "scan/mail/server_probe.hpp"

#include <algorithm>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <exception>
#include <map>
#include <memory>
#include <mutex>

#include "scan/mail/dane.hpp"
#include "scan/mail/smtp.hpp"
#include "scan/net/run_all.hpp"
#include "scan/tls/hello_prober.hpp"
#include "scan/tls/openssl_probe.hpp"

namespace weerbaar::scan::mail {
namespace {
namespace asio = net::asio;

// What the DNS says about the MX host itself: DNSSEC of its address, AAAA, TLSA.
net::awaitable<void> probe_names(dns::Resolver& resolver, const ServerProbeOptions& opt, MailServerFacts& out) {
  using namespace asio::experimental::awaitable_operators;
  auto [a, aaaa, tlsa] = co_await (resolver.query(out.name, dns::RrType::a, opt.timeouts.dns) &&
                                   resolver.query(out.name, dns::RrType::aaaa, opt.timeouts.dns) &&
                                   resolver.query("_25._tcp." + out.name, dns::RrType::tlsa, opt.timeouts.dns));
  // An MX host with only AAAA: its AAAA answer tells the zone's DNSSEC state.
  const dns::Answer& address = a.status == dns::DnsStatus::ok || aaaa.status != dns::DnsStatus::ok ? a : aaaa;
  out.dnssec = dns::lookup_status(address) == LookupStatus::failed && address.dnssec != DnssecStatus::bogus
                   ? DnssecStatus::unknown
                   : address.dnssec;
  auto nothing = [](const dns::Answer& x) {
    return x.status == dns::DnsStatus::nodata || x.status == dns::DnsStatus::nxdomain ||
           (x.status == dns::DnsStatus::ok && x.rdata.empty());
  };
  out.no_address = nothing(a) && nothing(aaaa);
  switch (dns::lookup_status(aaaa)) {
    case LookupStatus::ok: out.has_aaaa = !aaaa.rdata.empty(); break;
    case LookupStatus::nodata:
    case LookupStatus::nxdomain: out.has_aaaa = false; break;
    case LookupStatus::failed: break;
  }
  out.tlsa_status = dns::lookup_status(tlsa);
  out.tlsa_dnssec = tlsa.dnssec;
  if (tlsa.dnssec == DnssecStatus::bogus) {
    out.tlsa_status = LookupStatus::failed;
    out.tlsa_error = "the TLSA answer is DNSSEC-bogus" + (tlsa.error.empty() ? "" : ": " + tlsa.error);
  } else if (out.tlsa_status == LookupStatus::failed) {
    out.tlsa_error = tlsa.error.empty() ? std::string(dns::to_string(tlsa.status)) : tlsa.error;
  }
  if (out.tlsa_status == LookupStatus::ok) {
    for (const auto& rdata : tlsa.rdata) {
      if (auto r = parse_tlsa(rdata)) out.tlsa.push_back(std::move(*r));
    }
  }
}

// Port 25: SMTP, and the TLS after STARTTLS judged as on port 443.
net::awaitable<void> probe_port25(asio::ip::address address, const ServerProbeOptions& opt, MailServerFacts& out) {
  const net::tcp::endpoint ep(address, 25);
  out.smtp = co_await probe_smtp(ep, opt.ehlo_name, opt.timeouts);
  if (out.smtp.status != NetStatus::ok || !out.smtp.starttls_offered) co_return;
  tls::BeforeTls starttls = [name = opt.ehlo_name, limit = opt.timeouts.handshake](
                                net::tcp::socket& sock) -> net::awaitable<std::optional<std::string>> {
    SmtpFacts scratch;
    if (co_await smtp_dialogue(sock, name, true, limit, scratch)) co_return std::nullopt;
    co_return scratch.error.empty() ? std::string("STARTTLS not offered on this connection") : scratch.error;
  };
  out.tls.emplace();
  net::Limiter slots(co_await asio::this_coro::executor, std::max(1, opt.connections_per_host));
  tls::HelloProbeOptions hello{.sni = out.name, .timeouts = opt.timeouts, .before_tls = starttls};
  tls::OpenSslProbeOptions full{
      .sni = out.name, .ca_file = opt.ca_file, .timeouts = opt.timeouts, .before_tls = starttls};
  using namespace asio::experimental::awaitable_operators;
  co_await (tls::probe_hello(ep, hello, slots, *out.tls) && tls::probe_openssl(ep, full, slots, *out.tls));
}

net::awaitable<void> probe_one(dns::Resolver& resolver, const ServerProbeOptions& opt, const net::SafeResolve& resolve,
                               MailServerFacts& out) {
  using namespace asio::experimental::awaitable_operators;
  auto addresses = [&]() -> net::awaitable<void> {
    auto safe = co_await resolve(out.name);
    for (const auto& a : safe.addresses) out.addresses.push_back(a.to_string());
    if (safe.addresses.empty()) {
      out.error = safe.refusal.empty() ? out.name + " has no address" : safe.refusal;
      co_return;
    }
    out.address = safe.addresses.front().to_string();  // IPv4 first
    co_await probe_port25(safe.addresses.front(), opt, out);
  };
  co_await (addresses() && probe_names(resolver, opt, out));
}

}  // namespace

struct ServerCache::Impl {
  explicit Impl(std::chrono::seconds l) : lifetime(l) {}
  struct Entry {
    net::Latch ready;  // opens when the first asker has finished, well or not
    // Written under the cache's mutex before ready opens.
    bool done = false;  // facts are valid
    MailServerFacts facts;
    net::Clock::time_point probed_at;
  };
  std::chrono::seconds lifetime;
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<Entry>> entries;  // guarded by mutex
  std::size_t inserts = 0;                                // guarded by mutex

  // The entry to wait for, or a fresh one this asker must fill (second: true).
  std::pair<std::shared_ptr<Entry>, bool> find_or_add(const std::string& name) {
    std::lock_guard lock(mutex);
    const auto now = net::Clock::now();
    auto& slot = entries[name];
    if (slot && !(slot->done && now - slot->probed_at > lifetime)) return {slot, false};
    slot = std::make_shared<Entry>();
    // A server runs for months: now and then forget what has grown old.
    if (++inserts % 256 == 0) {
      std::erase_if(entries, [&](const auto& e) { return e.second->done && now - e.second->probed_at > lifetime; });
    }
    return {entries[name], true};
  }
  void complete(Entry& entry, const MailServerFacts& facts) {
    std::lock_guard lock(mutex);
    entry.facts = facts;
    entry.probed_at = net::Clock::now();
    entry.done = true;
  }
  void forget(const std::string& name, const std::shared_ptr<Entry>& entry) {
    std::lock_guard lock(mutex);
    auto it = entries.find(name);
    if (it != entries.end() && it->second == entry) entries.erase(it);
  }
};

ServerCache::ServerCache(std::chrono::seconds lifetime) : impl_(std::make_unique<Impl>(lifetime)) {}
ServerCache::~ServerCache() = default;

namespace {

// probe_one through the cache: the first asker probes, later askers wait for its facts.
net::awaitable<void> probe_cached(dns::Resolver& resolver, const ServerProbeOptions& opt,
                                  const net::SafeResolve& resolve, ServerCache::Impl& cache, MailServerFacts& out) {
  auto [entry, mine] = cache.find_or_add(out.name);
  if (mine) {
    // However this ends (a bug, or the scan cancelled), the waiters go on: without facts
    // they probe afresh, and the name is probed again by the next domain that needs it.
    struct Finish {
      ServerCache::Impl& cache;
      const std::string& name;
      const std::shared_ptr<ServerCache::Impl::Entry>& entry;
      ~Finish() {
        if (!entry->done) cache.forget(name, entry);
        entry->ready.open();
      }
    } finish{cache, out.name, entry};
    co_await probe_one(resolver, opt, resolve, out);
    cache.complete(*entry, out);
    co_return;
  }
  co_await entry->ready.wait();
  if (!entry->done) {  // the first asker failed: probe afresh
    co_await probe_one(resolver, opt, resolve, out);
    co_return;
  }
  const int preference = out.preference;
  out = entry->facts;
  out.preference = preference;
}

}  // namespace

net::awaitable<std::vector<MailServerFacts>> probe_servers(dns::Resolver& resolver, const std::vector<MxRecord>& mx,
                                                           const ServerProbeOptions& opt,
                                                           const net::SafeResolve& resolve, ServerCache* cache) {
  std::vector<MailServerFacts> out;
  for (const auto& r : mx) {
    if (r.host.empty()) continue;  // the null MX: no server
    bool seen = false;
    for (const auto& s : out) seen = seen || s.name == r.host;
    if (seen) continue;
    if (out.size() == kMaxMailServers) break;
    MailServerFacts s;
    s.name = r.host;
    s.preference = r.preference;
    out.push_back(std::move(s));
  }
  std::vector<net::awaitable<void>> tasks;
  for (auto& s : out) {
    tasks.push_back(cache != nullptr ? probe_cached(resolver, opt, resolve, cache->impl(), s)
                                     : probe_one(resolver, opt, resolve, s));
  }
  co_await net::run_all(std::move(tasks));
  co_return out;
}

}  // namespace weerbaar::scan::mail
