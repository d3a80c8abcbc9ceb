#pragma once
// The engine's API: how a program scans domains. The CLI is one client of it, the platform's
// server and workers are others.
//
// A process makes one ScanContext and shares it between all its scans. It holds what outlives
// a single scan: the DNS resolver, the politeness limits of the exposure probe (per address,
// over all domains and jobs), the caches of what shared servers showed (mail servers and
// addresses, reused for options().cache_lifetime), and the trusted roots loaded once.
//
//   net::asio::io_context io;
//   scan::ScanContext context(io.get_executor(), scan::make_scan_options(settings));
//   net::asio::co_spawn(io, [&]() -> net::awaitable<void> {
//     scan::DomainReport r = co_await scan::scan(context, "bakkerij-jansen.nl");
//     ...
//   }, net::asio::detached);
//   io.run();
//
// scan() runs on the executor of the coroutine that awaits it. Its own steps run one at a
// time on that executor: give each scan an executor that does not run two of its handlers at
// once (an io_context run by one thread, or a strand of a multi-threaded one). Many scans may
// be in flight on one executor; scans on other threads may share the context.
//
// Cancelling: scan() obeys the cancellation slot of the operation that awaits it (Asio's
// per-operation cancellation), e.g.
//   net::asio::cancellation_signal stop;
//   co_await scan::scan(context, job, ...) via net::asio::bind_cancellation_slot(stop.slot(), ...)
// or `co_await (scan::scan(context, job) || timer.async_wait(use_awaitable))`. A cancelled
// scan ends promptly by throwing boost::system::system_error (operation_aborted); whatever it
// had started is stopped and released, and the shared caches stay consistent (a server whose
// probe was cancelled is probed again by the next domain that needs it).
//
// Time: options().domain_budget bounds a domain's own probes (30 s by default); what has not
// finished by then is reported inconclusive with the reason, the rest is judged as usual.
//
// Lifetime: the context must outlive every scan that uses it and the handlers those scans
// leave on the executor; destroy it after the executor has run out of work (io.run() returned)
// or after the io_context is destroyed.
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scan/engine.hpp"
#include "scan/net/safe_resolve.hpp"

namespace weerbaar::scan {

namespace mail {
class ServerCache;
}

class ScanContext {
 public:
  // ex: where the context's own background work runs (the resolver's socket); it must be
  // running while scans run. Throws dns::ResolverError when the resolver settings are
  // unusable.
  ScanContext(net::asio::any_io_executor ex, ScanOptions options);
  ~ScanContext();
  ScanContext(const ScanContext&) = delete;
  ScanContext& operator=(const ScanContext&) = delete;

  [[nodiscard]] const ScanOptions& options() const;
  dns::Resolver& resolver();
  exposure::Politeness& politeness();
  mail::ServerCache& mail_servers();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Not an aggregate on purpose: GCC 12 relocates an aggregate temporary bit by bit inside a
// coroutine's co_await expression (co_await scan(c, {.input = d}) freed the caller's string),
// so a job is made with its constructor: scan(context, "bakkerij-jansen.nl").
struct ScanJob {
  ScanJob() = default;
  ScanJob(std::string domain) : input(std::move(domain)) {}  // NOLINT(google-explicit-constructor)
  ScanJob(const char* domain) : input(domain) {}             // NOLINT(google-explicit-constructor)

  std::string input;  // a domain name as the user typed it; checked by scan()
  // Default: the context's families.
  std::optional<std::set<Family>> families = std::nullopt;
  // Awaited once when the domain's own probes are done and only the exposure stage is left,
  // which mostly waits for the shared politeness limits: a runner that caps domains in flight
  // can let the next domain start then (and wait for room in a stage of its own).
  std::function<net::awaitable<void>()> on_exposure_stage = {};
};

// Scans one domain. Never throws for what the input, DNS or the network does: those end in
// the report's status and the checks' outcomes. Throws on cancellation (see above).
net::awaitable<DomainReport> scan(ScanContext& context, ScanJob job);

// Looks up a name met during a scan (a redirect target, an MX host, the MTA-STS host) under
// the same rules as the domain itself: opt-out list, and outside lab mode public addresses
// only. IPv4 first.
net::awaitable<net::SafeAddresses> safe_resolve(ScanContext& context, std::string name);

// For programs that scan a list and then stop (tests, `weerbaar check --scan`): its own
// io_context and context, at most `parallel` domains at once, reports in input order.
// Throws dns::ResolverError when the resolver settings are unusable.
std::vector<DomainReport> scan_list(const ScanOptions& options, const std::vector<std::string>& inputs,
                                    int parallel = 8);

}  // namespace weerbaar::scan
