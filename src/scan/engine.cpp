#include "scan/engine.hpp"

#include <algorithm>
#include <boost/asio/io_context.hpp>

#include "scan/check.hpp"
#include "scan/dns/dns_probe.hpp"
#include "scan/judge.hpp"
#include "scan/mail/policy_probe.hpp"
#include "scan/mail/server_probe.hpp"
#include "scan/tls/hello_prober.hpp"
#include "scan/tls/openssl_probe.hpp"
#include "scan/web/http_client.hpp"

namespace weerbaar::scan {

std::string default_user_agent() {
  return std::string("Mozilla/5.0 (compatible; Weerbaar-scanner/") + WEERBAAR_VERSION +
         "; +https://weerbaar.nl/scanner; security check for a local cyber resilience programme)";
}

// A placeholder name until the project has its own domain; documented in docs/scanner.md.
std::string default_ehlo_name() {
  return "scanner.weerbaar.nl";
}

Engine::Engine(ScanOptions opt) : opt_(std::move(opt)) {
  if (opt_.user_agent.empty()) opt_.user_agent = default_user_agent();
  if (opt_.ehlo_name.empty()) opt_.ehlo_name = default_ehlo_name();
  opt_.exposure.timeouts = opt_.timeouts;
}

std::vector<CheckResult> Engine::run_checks(const HostFacts& facts) const {
  return judge(facts, opt_.families);
}

namespace {

struct Resolved {
  std::vector<boost::asio::ip::address> addresses;
  DomainStatus status = DomainStatus::scanned;
  std::string message;
};

net::awaitable<Resolved> resolve_host(dns::Resolver& resolver, const std::string& name, const ScanOptions& opt) {
  using dns::DnsStatus;
  using namespace net::asio::experimental::awaitable_operators;
  auto [v4, v6] = co_await (resolver.query(name, dns::RrType::a, opt.timeouts.dns) &&
                            resolver.query(name, dns::RrType::aaaa, opt.timeouts.dns));
  Resolved r;
  for (const auto* answer : {&v4, &v6}) {
    for (const auto& text : answer->addresses()) r.addresses.push_back(boost::asio::ip::make_address(text));
  }
  if (!r.addresses.empty()) {
    for (const auto& a : r.addresses) {
      if (opt.opt_out.covers_address(a)) {
        co_return Resolved{
            {}, DomainStatus::refused, name + " resolves to " + a.to_string() + ", which is on the opt-out list"};
      }
      auto cls = classify(a);
      if (cls != AddressClass::global && !opt.lab_mode) {
        co_return Resolved{{},
                           DomainStatus::refused,
                           name + " resolves to " + a.to_string() + ", a " + std::string(to_string(cls)) +
                               " address; Weerbaar scans only public addresses (use --lab for the test lab)"};
      }
      // The lab lives on loopback: a lab name that points anywhere else (a hostile redirect to
      // a private address) must not take the scanner off the machine.
      if (opt.lab_mode && cls != AddressClass::loopback) {
        co_return Resolved{{},
                           DomainStatus::refused,
                           name + " resolves to " + a.to_string() + ", a " + std::string(to_string(cls)) +
                               " address; in lab mode Weerbaar scans only loopback addresses"};
      }
    }
    co_return r;
  }
  if (v4.status == DnsStatus::nxdomain)
    co_return Resolved{{}, DomainStatus::unresolved, name + " does not exist (NXDOMAIN)"};
  // A validating libunbound hands over the addresses of a bogus answer flagged as bogus (it asks
  // again with checking disabled), so a bogus domain is scanned, and dns.dnssec reports it. Only
  // when no address came with it is there nothing to scan.
  if (v4.dnssec == dns::DnssecState::bogus) {
    co_return Resolved{
        {}, DomainStatus::unresolved, name + " has broken DNSSEC signatures and no address (" + v4.error + ")"};
  }
  if (v4.status == DnsStatus::timeout || v4.status == DnsStatus::servfail || v4.status == DnsStatus::error) {
    std::string why = v4.error.empty() ? std::string(to_string(v4.status)) : v4.error;
    co_return Resolved{{}, DomainStatus::unresolved, "could not look up " + name + ": " + why};
  }
  co_return Resolved{{}, DomainStatus::unresolved, name + " has no address (no A or AAAA record)"};
}

}  // namespace

net::awaitable<DomainReport> Engine::scan_one(std::string input, dns::Resolver& resolver, RunShared shared) {
  auto started = net::Clock::now();
  DomainReport report;
  report.input = input;
  auto finish = [&](DomainStatus status, std::string message) {
    report.status = status;
    report.message = std::move(message);
    report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(net::Clock::now() - started);
  };
  auto parsed = parse_domain(input);
  if (!parsed.ok()) {
    finish(DomainStatus::rejected, parsed.error);
    co_return report;
  }
  report.domain = parsed.domain;
  if (opt_.opt_out.covers_domain(report.domain)) {
    finish(DomainStatus::refused, report.domain + " is on the opt-out list; its owner asked not to be scanned");
    co_return report;
  }
  auto resolved = co_await resolve_host(resolver, report.domain, opt_);
  for (const auto& a : resolved.addresses) report.addresses.push_back(a.to_string());
  if (resolved.status != DomainStatus::scanned) {
    finish(resolved.status, resolved.message);
    co_return report;
  }
  // Probe one address, IPv4 first: the checks judge a host's configuration, which a
  // business sets once for all its addresses.
  auto chosen = resolved.addresses.front();
  for (const auto& a : resolved.addresses) {
    if (a.is_v4()) {
      chosen = a;
      break;
    }
  }
  HostFacts& facts = report.facts;
  facts.host = report.domain;
  facts.address = chosen.to_string();
  facts.scanned_at = std::chrono::system_clock::now();

  auto ex = co_await net::asio::this_coro::executor;
  net::Limiter host_slots(ex, opt_.connections_per_host);
  const net::tcp::endpoint https_ep(chosen, 443);

  auto web_part = [&]() -> net::awaitable<void> {
    if (opt_.families.count(Family::web) == 0) co_return;
    web::HttpOptions http{.user_agent = opt_.user_agent, .timeouts = opt_.timeouts};
    // Redirects may lead to other hosts: the same safety rules apply to them.
    web::RedirectResolver follow =
        [this, &resolver](std::string host, std::uint16_t port) -> net::awaitable<std::optional<net::tcp::endpoint>> {
      auto d = parse_domain(host);
      if (!d.ok() || opt_.opt_out.covers_domain(d.domain)) co_return std::nullopt;
      auto r = co_await resolve_host(resolver, d.domain, opt_);
      if (r.addresses.empty()) co_return std::nullopt;
      co_return net::tcp::endpoint(r.addresses.front(), port);
    };
    facts.web = co_await web::probe_web(https_ep, facts.host, http, host_slots, follow);
  };
  auto tls_part = [&]() -> net::awaitable<void> {
    if (opt_.families.count(Family::tls) == 0) co_return;
    facts.tls.emplace();
    using namespace net::asio::experimental::awaitable_operators;
    tls::HelloProbeOptions hello{.sni = facts.host, .timeouts = opt_.timeouts};
    tls::OpenSslProbeOptions full{.sni = facts.host, .ca_file = opt_.ca_file, .timeouts = opt_.timeouts};
    co_await (tls::probe_hello(https_ep, hello, host_slots, *facts.tls) &&
              tls::probe_openssl(https_ep, full, host_slots, *facts.tls));
  };
  auto dns_part = [&]() -> net::awaitable<void> {
    if (opt_.families.count(Family::dns) == 0) co_return;
    facts.dns = co_await dns::probe_dns(resolver, facts.host, opt_.timeouts.dns);
  };
  // Names met on the way (MX hosts, the MTA-STS host) obey the same safety rules.
  net::SafeResolve safe_resolve = [this, &resolver](std::string name) -> net::awaitable<net::SafeAddresses> {
    auto d = parse_domain(name);
    if (!d.ok()) co_return net::SafeAddresses{{}, d.error};
    if (opt_.opt_out.covers_domain(d.domain)) co_return net::SafeAddresses{{}, d.domain + " is on the opt-out list"};
    auto r = co_await resolve_host(resolver, d.domain, opt_);
    std::stable_partition(r.addresses.begin(), r.addresses.end(), [](const auto& a) { return a.is_v4(); });
    co_return net::SafeAddresses{std::move(r.addresses), r.message};
  };
  auto mail_part = [&]() -> net::awaitable<void> {
    if (opt_.families.count(Family::mail) == 0) co_return;
    facts.mail.emplace();
    mail::PolicyProbeOptions policy{.timeouts = opt_.timeouts, .user_agent = opt_.user_agent, .ca_file = opt_.ca_file};
    facts.mail->policy = co_await mail::probe_policy(resolver, facts.host, policy, safe_resolve);
    mail::ServerProbeOptions servers{.ehlo_name = opt_.ehlo_name,
                                     .ca_file = opt_.ca_file,
                                     .timeouts = opt_.timeouts,
                                     .connections_per_host = opt_.connections_per_host};
    facts.mail->servers =
        co_await mail::probe_servers(resolver, facts.mail->policy.mx, servers, safe_resolve, &shared.mail_servers);
  };
  {
    using namespace net::asio::experimental::awaitable_operators;
    co_await (web_part() && tls_part() && dns_part() && mail_part());
  }
  // After the mail part: the mail servers' addresses are probed too (without the mail family,
  // only the web host's).
  if (opt_.families.count(Family::exposure) != 0) {
    std::vector<std::string> addresses{facts.address};
    if (facts.mail) {
      for (const auto& server : facts.mail->servers) {
        if (!server.address.empty() &&
            std::find(addresses.begin(), addresses.end(), server.address) == addresses.end()) {
          addresses.push_back(server.address);
        }
      }
    }
    facts.exposure = co_await exposure::probe_exposure(std::move(addresses), opt_.exposure, shared.politeness);
  }
  report.results = run_checks(facts);
  finish(DomainStatus::scanned, "");
  co_return report;
}

std::vector<DomainReport> Engine::scan_all(const std::vector<std::string>& inputs, const Progress& progress) {
  net::asio::io_context io;
  dns::ResolverOptions resolver_options = opt_.resolver;
  if (opt_.lab_mode) {
    resolver_options.served_special_zones.push_back("test.");
    resolver_options.use_root_anchor = false;
  }
  dns::Resolver resolver(io.get_executor(), resolver_options);
  std::vector<DomainReport> reports(inputs.size());
  net::Limiter domain_slots(io.get_executor(), std::max(1, opt_.parallel_domains));
  exposure::Politeness politeness(io.get_executor(), opt_.exposure);
  mail::ServerCache mail_servers;
  std::size_t done = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    net::asio::co_spawn(
        io,
        [&, i]() -> net::awaitable<void> {
          auto slot = co_await domain_slots.acquire();
          try {
            reports[i] = co_await scan_one(inputs[i], resolver, RunShared{politeness, mail_servers});
          } catch (const std::exception& e) {
            // A bug must not cost the other domains their scan.
            reports[i].input = inputs[i];
            reports[i].status = DomainStatus::failed;
            reports[i].message = std::string("internal error while scanning: ") + e.what();
          }
          ++done;
          if (progress) progress(reports[i], done, inputs.size());
        },
        [](const std::exception_ptr& e) {
          if (e) std::rethrow_exception(e);
        });
  }
  io.run();
  return reports;
}

}  // namespace weerbaar::scan
