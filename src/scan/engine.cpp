#include "scan/engine.hpp"

#include <algorithm>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>

#include "scan/check.hpp"
#include "scan/dns/dns_probe.hpp"
#include "scan/judge.hpp"
#include "scan/mail/policy_probe.hpp"
#include "scan/mail/server_probe.hpp"
#include "scan/scan.hpp"
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

namespace {

namespace asio = net::asio;

struct Resolved {
  std::vector<asio::ip::address> addresses;
  DomainStatus status = DomainStatus::scanned;
  std::string message;
  bool no_address = false;  // the name exists but has no A or AAAA record
};

net::awaitable<Resolved> resolve_host(dns::Resolver& resolver, const std::string& name, const ScanOptions& opt) {
  using dns::DnsStatus;
  using namespace asio::experimental::awaitable_operators;
  auto [v4, v6] = co_await (resolver.query(name, dns::RrType::a, opt.timeouts.dns) &&
                            resolver.query(name, dns::RrType::aaaa, opt.timeouts.dns));
  Resolved r;
  for (const auto* answer : {&v4, &v6}) {
    for (const auto& text : answer->addresses()) r.addresses.push_back(asio::ip::make_address(text));
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
  if (v4.dnssec == DnssecStatus::bogus) {
    co_return Resolved{
        {}, DomainStatus::unresolved, name + " has broken DNSSEC signatures and no address (" + v4.error + ")"};
  }
  if (v4.status == DnsStatus::timeout || v4.status == DnsStatus::servfail || v4.status == DnsStatus::error) {
    std::string why = v4.error.empty() ? std::string(to_string(v4.status)) : v4.error;
    co_return Resolved{{}, DomainStatus::unresolved, "could not look up " + name + ": " + why};
  }
  co_return Resolved{{}, DomainStatus::unresolved, name + " has no address (no A or AAAA record)", true};
}

// The families whose probes did not finish within the budget: their facts are dropped (a
// half-filled fact must not pass for a whole one), and their checks say why they could not judge.
void mark_unfinished(DomainReport& report, const std::set<Family>& unfinished, net::Duration budget) {
  if (unfinished.empty()) return;
  const std::string reason = "the scan of this domain ran out of its time budget (" +
                             std::to_string(budget.count() / 1000) + " s) before this was probed";
  for (auto& r : report.results) {
    const CheckSpec* spec = Catalogue::instance().find(r.check);
    const bool mail_server = !r.subject.empty();  // judged from the mail part's facts
    const bool hit =
        (spec != nullptr && unfinished.contains(spec->family)) || (mail_server && unfinished.contains(Family::mail));
    if (!hit) continue;
    r.outcome = Outcome::inconclusive;
    r.findings.clear();
    r.reason = reason;
  }
}

}  // namespace

net::awaitable<net::SafeAddresses> safe_resolve(ScanContext& context, std::string name) {
  const ScanOptions& opt = context.options();
  auto d = parse_domain(name);
  if (!d.ok()) co_return net::SafeAddresses{{}, d.error};
  if (opt.opt_out.covers_domain(d.domain)) co_return net::SafeAddresses{{}, d.domain + " is on the opt-out list"};
  auto r = co_await resolve_host(context.resolver(), d.domain, opt);
  std::stable_partition(r.addresses.begin(), r.addresses.end(), [](const auto& a) { return a.is_v4(); });
  co_return net::SafeAddresses{std::move(r.addresses), r.message};
}

namespace {

net::awaitable<DomainReport> scan_job(ScanContext& context, std::unique_ptr<ScanJob> job_ptr) {
  ScanJob& job = *job_ptr;
  const ScanOptions& opt = context.options();
  // Not a conditional expression: GCC 12 destroys its temporary twice in a coroutine.
  std::set<Family> families = opt.families;
  if (job.families) families = *job.families;
  auto started = net::Clock::now();
  DomainReport report;
  report.input = job.input;
  auto finish = [&](DomainStatus status, std::string message) {
    report.status = status;
    report.message = std::move(message);
    report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(net::Clock::now() - started);
  };
  auto parsed = parse_domain(job.input);
  if (!parsed.ok()) {
    finish(DomainStatus::rejected, parsed.error);
    co_return report;
  }
  report.domain = parsed.domain;
  if (opt.opt_out.covers_domain(report.domain)) {
    finish(DomainStatus::refused, report.domain + " is on the opt-out list; its owner asked not to be scanned");
    co_return report;
  }
  dns::Resolver& resolver = context.resolver();
  auto resolved = co_await resolve_host(resolver, report.domain, opt);
  // A domain without an address whose www has one: its site lives only on www, and a visitor who
  // types the bare domain gets nothing (web.bare_domain says so). The website is judged on www,
  // under the same safety rules as the domain itself.
  std::string site_host;
  const bool wants_site =
      families.contains(Family::web) || families.contains(Family::tls) || families.contains(Family::exposure);
  if (resolved.no_address && wants_site) {
    auto www = co_await resolve_host(resolver, "www." + report.domain, opt);
    if (www.status == DomainStatus::refused) {
      finish(DomainStatus::refused, www.message);
      co_return report;
    }
    if (www.status == DomainStatus::scanned) {
      site_host = "www." + report.domain;
      resolved.addresses = std::move(www.addresses);
    }
  }
  for (const auto& a : resolved.addresses) report.addresses.push_back(a.to_string());
  // A domain that exists without an address may still do mail (MX, SPF, DMARC): it gets its mail
  // and DNS checks, and no website is judged. Without the mail family there is nothing to do.
  const bool mail_only = resolved.no_address && site_host.empty() && families.contains(Family::mail);
  if (resolved.status != DomainStatus::scanned && !mail_only && site_host.empty()) {
    finish(resolved.status, resolved.message);
    co_return report;
  }
  // Probe one address, IPv4 first: the checks judge a host's configuration, which a
  // business sets once for all its addresses.
  boost::asio::ip::address chosen;
  for (const auto& a : resolved.addresses) {
    if (chosen.is_unspecified() || a.is_v4()) chosen = a;
    if (a.is_v4()) break;
  }
  HostFacts& facts = report.facts;
  facts.host = report.domain;
  if (!mail_only) facts.address = chosen.to_string();
  facts.no_address = resolved.no_address;
  facts.site_host = site_host;
  facts.scanned_at = std::chrono::system_clock::now();

  auto ex = co_await asio::this_coro::executor;
  net::Limiter host_slots(ex, opt.connections_per_host);
  const net::tcp::endpoint https_ep(chosen, 443);
  // Each part says when it has finished; what has not when the budget runs out is dropped.
  std::set<Family> unfinished;
  for (auto f : {Family::web, Family::tls, Family::dns, Family::mail}) {
    // Without an address there is no website to probe: web and tls are not applicable, not late.
    if (mail_only && (f == Family::web || f == Family::tls)) continue;
    if (families.contains(f)) unfinished.insert(f);
  }

  auto web_part = [&]() -> net::awaitable<void> {
    if (!families.contains(Family::web) || mail_only) co_return;
    web::HttpOptions http{.user_agent = opt.user_agent, .timeouts = opt.timeouts};
    http.host_connections = opt.connections_per_host;
    // Redirects may lead to other hosts: the same safety rules apply to them.
    web::RedirectResolver follow = [&context](std::string host,
                                              std::uint16_t port) -> net::awaitable<std::optional<net::tcp::endpoint>> {
      auto safe = co_await safe_resolve(context, std::move(host));
      if (safe.addresses.empty()) co_return std::nullopt;
      co_return net::tcp::endpoint(safe.addresses.front(), port);
    };
    auto web = co_await web::probe_web(https_ep, facts.website(), http, host_slots, follow);
    facts.web = std::move(web);
    unfinished.erase(Family::web);
  };
  auto tls_part = [&]() -> net::awaitable<void> {
    if (!families.contains(Family::tls) || mail_only) co_return;
    TlsFacts tls;
    using namespace asio::experimental::awaitable_operators;
    tls::HelloProbeOptions hello{.sni = facts.website(), .timeouts = opt.timeouts};
    tls::OpenSslProbeOptions full{.sni = facts.website(), .ca_file = opt.ca_file, .timeouts = opt.timeouts};
    co_await (tls::probe_hello(https_ep, hello, host_slots, tls) &&
              tls::probe_openssl(https_ep, full, host_slots, tls));
    facts.tls = std::move(tls);
    unfinished.erase(Family::tls);
  };
  auto dns_part = [&]() -> net::awaitable<void> {
    if (!families.contains(Family::dns)) co_return;
    auto dns = co_await dns::probe_dns(resolver, facts.host, opt.timeouts.dns, facts.site_host);
    facts.dns = std::move(dns);
    unfinished.erase(Family::dns);
  };
  // Names met on the way (MX hosts, the MTA-STS host) obey the same safety rules.
  net::SafeResolve safe = [&context](std::string name) { return safe_resolve(context, std::move(name)); };
  auto mail_part = [&]() -> net::awaitable<void> {
    if (!families.contains(Family::mail)) co_return;
    MailFacts mail;
    mail::PolicyProbeOptions policy{.timeouts = opt.timeouts, .user_agent = opt.user_agent, .ca_file = opt.ca_file};
    mail.policy = co_await mail::probe_policy(resolver, facts.host, policy, safe);
    mail::ServerProbeOptions servers{.ehlo_name = opt.ehlo_name,
                                     .ca_file = opt.ca_file,
                                     .timeouts = opt.timeouts,
                                     .connections_per_host = opt.connections_per_host};
    mail.servers = co_await mail::probe_servers(resolver, mail.policy.mx, servers, safe, &context.mail_servers());
    facts.mail = std::move(mail);
    unfinished.erase(Family::mail);
  };
  auto own_probes = [&]() -> net::awaitable<void> {
    using namespace asio::experimental::awaitable_operators;
    co_await (web_part() && tls_part() && dns_part() && mail_part());
  };
  // A stage cut short by the budget has ended (cancelled); a bug in it is rethrown.
  co_await net::with_deadline(own_probes(), opt.domain_budget);
  if (job.on_exposure_stage) co_await job.on_exposure_stage();

  // After the mail part: the mail servers' addresses are probed too (without the mail family,
  // only the web host's).
  if (families.contains(Family::exposure)) {
    std::vector<std::string> addresses;
    if (!facts.address.empty()) addresses.push_back(facts.address);
    if (facts.mail) {
      for (const auto& server : facts.mail->servers) {
        if (!server.address.empty() &&
            std::find(addresses.begin(), addresses.end(), server.address) == addresses.end()) {
          addresses.push_back(server.address);
        }
      }
    }
    auto exposure_stage = [&]() -> net::awaitable<void> {
      auto exposure = co_await exposure::probe_exposure(std::move(addresses), opt.exposure, context.politeness());
      facts.exposure = std::move(exposure);
    };
    if (!co_await net::with_deadline(exposure_stage(), opt.domain_budget)) unfinished.insert(Family::exposure);
  }
  report.results = judge(facts, families);
  mark_unfinished(report, unfinished, opt.domain_budget);
  finish(DomainStatus::scanned, "");
  co_return report;
}

}  // namespace

// The job goes to the coroutine on the heap: a coroutine's copy of a by-value class parameter
// has been the place of more than one GCC 12 bug (see ScanJob).
net::awaitable<DomainReport> scan(ScanContext& context, ScanJob job) {
  return scan_job(context, std::make_unique<ScanJob>(std::move(job)));
}

std::vector<DomainReport> scan_list(const ScanOptions& options, const std::vector<std::string>& inputs, int parallel) {
  asio::io_context io;
  ScanContext context(io.get_executor(), options);
  std::vector<DomainReport> reports(inputs.size());
  net::Limiter domain_slots(io.get_executor(), std::max(1, parallel));
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> net::awaitable<void> {
          auto slot = co_await domain_slots.acquire();
          try {
            reports[i] = co_await scan(context, inputs[i]);
          } catch (const std::exception& e) {
            // A bug must not cost the other domains their scan.
            reports[i].input = inputs[i];
            reports[i].status = DomainStatus::failed;
            reports[i].message = std::string("internal error while scanning: ") + e.what();
          }
        },
        [](const std::exception_ptr& e) {
          if (e) std::rethrow_exception(e);
        });
  }
  io.run();
  return reports;
}

}  // namespace weerbaar::scan
