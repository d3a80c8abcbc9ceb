#include "scan/exposure/exposure_probe.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <map>
#include <memory>
#include <mutex>

#include "scan/net/run_all.hpp"

#include "scan/exposure/rate_schedule.hpp"
#include "scan/exposure/service.hpp"
#include "scan/net/connection.hpp"

namespace weerbaar::scan::exposure {

namespace asio = net::asio;
using boost::system::error_code;

// Not judged; they only tell a live address from a dead one (see ExposureFacts::reference).
constexpr std::array<std::uint16_t, 3> kReferencePorts{443, 80, 25};

struct Politeness::Impl {
  Impl(const asio::any_io_executor& ex, const ExposureOptions& opt, std::chrono::seconds l)
      : slots(ex, std::max(1, opt.max_connections)), rate(opt.per_host_per_second), lifetime(l) {}
  net::Limiter slots;  // connections at once, over all domains

  // New connections per second, per address, over all domains.
  std::mutex rate_mutex;
  RateSchedule rate;  // guarded by rate_mutex
  net::Clock::time_point reserve(const std::string& address) {
    std::lock_guard lock(rate_mutex);
    const auto now = net::Clock::now();
    if (rate.size() > 4096) rate.forget_before(now);  // bounded however long the process runs
    return rate.reserve(address, now);
  }

  // What each address showed, for a while: many domains share a hosting company's web server
  // or a provider's mail server, and its ports are knocked on only once.
  struct Seen {
    net::Latch ready;  // opens when its prober has finished, well or not
    // Written under seen_mutex before ready opens.
    bool done = false;
    std::vector<ServiceProbe> probes;
    std::vector<ServiceProbe> reference;
    net::Clock::time_point probed_at;
  };
  std::chrono::seconds lifetime;
  std::mutex seen_mutex;
  std::map<std::string, std::shared_ptr<Seen>> seen;  // guarded by seen_mutex
  std::size_t inserts = 0;                            // guarded by seen_mutex
};

Politeness::Politeness(const asio::any_io_executor& ex, const ExposureOptions& opt, std::chrono::seconds lifetime)
    : impl_(std::make_unique<Impl>(ex, opt, lifetime)) {}
Politeness::~Politeness() = default;

namespace {

// Connects to out.address:out.port within the connect deadline and, when the service has a
// parser, sends its request and reads its answer (at most max_bytes, within the handshake
// deadline). ok means the port accepted a connection; whether the service is there is for its
// parser to say (ServiceProbe::recognised): a tarpit accepts everything.
net::awaitable<void> probe_port(ServiceProbe& out, const ServiceSpec* spec, const ExposureOptions& opt,
                                Politeness::Impl& polite) {
  auto ex = co_await asio::this_coro::executor;
  error_code ec;
  const auto address = asio::ip::make_address(out.address, ec);
  if (ec) {
    out.status = NetStatus::unreachable;
    out.error = "not an IP address";
    co_return;
  }
  if (auto at = polite.reserve(out.address); at > net::Clock::now()) {
    asio::steady_timer wait(ex, at);
    co_await wait.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  auto slot = co_await polite.slots.acquire();
  net::tcp::socket socket(ex);
  const net::Outcome connected =
      co_await net::connect(socket, net::tcp::endpoint(address, out.port), opt.timeouts.connect);
  if (!connected.ok()) {
    out.status = connected.status;
    out.error = connected.status == NetStatus::timeout   ? "no answer within the deadline (filtered)"
                : connected.status == NetStatus::refused ? "connection refused (closed)"
                                                         : connected.error;
    co_return;
  }
  out.status = NetStatus::ok;
  if (spec == nullptr || !spec->parse) co_return;

  std::string raw;
  net::Outcome talk;
  if (!spec->request.empty()) talk = co_await net::send(socket, asio::buffer(spec->request), opt.timeouts.handshake);
  if (talk.ok()) {
    talk = co_await net::receive(
        socket, raw, spec->max_bytes, [&](std::string_view received) { return spec->parse(received).complete; },
        opt.timeouts.handshake);
  }
  if (talk.status == NetStatus::timeout) {
    out.error = raw.empty() ? "accepted the connection but said nothing within the deadline"
                            : "answer cut short by the deadline";
  } else if (!talk.ok() && talk.status != NetStatus::too_large && raw.empty()) {
    out.error = "accepted the connection, then: " + talk.error;
  }
  const Banner banner = spec->parse(raw);
  out.banner = banner.text;
  out.recognised = banner.recognised;
  out.auth = banner.auth;
  net::close(socket);
}

// Runs every probe at once (each waits for its rate slot and a global slot) and returns them
// when all have ended. Cancelling it cancels them all.
net::awaitable<std::vector<ServiceProbe>> probe_all(std::vector<ServiceProbe> probes, const ExposureOptions& opt,
                                                    Politeness::Impl& polite) {
  std::vector<net::awaitable<void>> tasks;
  tasks.reserve(probes.size());
  for (auto& probe : probes) {
    const ServiceSpec* spec = Services::instance().find(probe.service);
    tasks.push_back([](ServiceProbe& out, const ServiceSpec* s, const ExposureOptions& o,
                       Politeness::Impl& p) -> net::awaitable<void> {
      auto state = co_await asio::this_coro::cancellation_state;
      try {
        co_await probe_port(out, s, o, p);
      } catch (const std::exception& x) {
        if (state.cancelled() != asio::cancellation_type::none) throw;
        // A bug in one probe costs that port its answer, not the scan.
        out.status = NetStatus::protocol_error;
        out.error = std::string("internal error: ") + x.what();
      }
    }(probe, spec, opt, polite));
  }
  co_await net::run_all(std::move(tasks));
  co_return probes;
}

}  // namespace

namespace {

// Probes addresses nobody probed yet in this run: the service ports, then, where none of them
// answered, the reference ports.
net::awaitable<void> probe_new(const std::vector<std::string>& addresses, const ExposureOptions& opt,
                               Politeness::Impl& polite, ExposureFacts& facts) {
  std::vector<ServiceProbe> todo;
  for (const auto& address : addresses) {
    for (const auto& spec : Services::instance().all()) {
      for (auto port : spec.ports) todo.push_back(ServiceProbe{.address = address, .port = port, .service = spec.name});
    }
  }
  facts.probes = co_await probe_all(std::move(todo), opt, polite);
  std::vector<ServiceProbe> reference;
  for (const auto& address : addresses) {
    if (facts.answered(address)) continue;
    for (auto port : kReferencePorts)
      reference.push_back(ServiceProbe{.address = address, .port = port, .service = ""});
  }
  if (!reference.empty()) facts.reference = co_await probe_all(std::move(reference), opt, polite);
}

}  // namespace

net::awaitable<ExposureFacts> probe_exposure(std::vector<std::string> addresses, const ExposureOptions& opt,
                                             Politeness& politeness) {
  auto& polite = politeness.impl();
  using Seen = Politeness::Impl::Seen;
  std::vector<std::string> mine;  // addresses this call probes; the others some other domain does
  std::vector<std::shared_ptr<Seen>> entries;
  {
    std::lock_guard lock(polite.seen_mutex);
    const auto now = net::Clock::now();
    auto stale = [&](const Seen& s) { return s.done && now - s.probed_at > polite.lifetime; };
    for (const auto& address : addresses) {
      auto& entry = polite.seen[address];
      if (!entry || stale(*entry)) {
        entry = std::make_shared<Seen>();
        mine.push_back(address);
        ++polite.inserts;
      }
      entries.push_back(entry);
    }
    // A server runs for months: now and then forget what has grown old.
    if (polite.inserts > 256) {
      polite.inserts = 0;
      std::erase_if(polite.seen, [&](const auto& e) { return stale(*e.second); });
    }
  }
  if (!mine.empty()) {
    // However this ends (a bug, or the scan cancelled), domains waiting for these addresses go
    // on (without facts: their checks are inconclusive), and the next asker probes again.
    struct Finish {
      Politeness::Impl& polite;
      const std::vector<std::string>& mine;
      const std::vector<std::string>& all;
      const std::vector<std::shared_ptr<Seen>>& entries;
      ~Finish() {
        std::vector<std::shared_ptr<Seen>> opened;
        {
          std::lock_guard lock(polite.seen_mutex);
          for (const auto& address : mine) {
            auto i = static_cast<std::size_t>(std::find(all.begin(), all.end(), address) - all.begin());
            const auto& entry = entries[i];
            if (!entry->done) {
              auto it = polite.seen.find(address);
              if (it != polite.seen.end() && it->second == entry) polite.seen.erase(it);
            }
            opened.push_back(entry);
          }
        }
        for (const auto& e : opened) e->ready.open();
      }
    } finish{polite, mine, addresses, entries};
    ExposureFacts fresh;
    co_await probe_new(mine, opt, polite, fresh);
    std::lock_guard lock(polite.seen_mutex);
    const auto now = net::Clock::now();
    for (const auto& address : mine) {
      auto i = static_cast<std::size_t>(std::find(addresses.begin(), addresses.end(), address) - addresses.begin());
      auto& entry = *entries[i];
      for (const auto& p : fresh.probes) {
        if (p.address == address) entry.probes.push_back(p);
      }
      for (const auto& p : fresh.reference) {
        if (p.address == address) entry.reference.push_back(p);
      }
      entry.probed_at = now;
      entry.done = true;
    }
  }
  ExposureFacts facts;
  facts.addresses = addresses;
  for (const auto& entry : entries) {
    co_await entry->ready.wait();
    if (!entry->done) continue;  // its prober failed: the address stays unprobed, its checks inconclusive
    facts.probes.insert(facts.probes.end(), entry->probes.begin(), entry->probes.end());
    facts.reference.insert(facts.reference.end(), entry->reference.begin(), entry->reference.end());
  }
  co_return facts;
}

}  // namespace weerbaar::scan::exposure
