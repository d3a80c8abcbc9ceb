#include "scan/exposure/exposure_probe.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <map>
#include <memory>

#include "scan/exposure/rate_schedule.hpp"
#include "scan/exposure/service.hpp"
#include "scan/net/connection.hpp"

namespace weerbaar::scan::exposure {

namespace asio = net::asio;
using boost::system::error_code;

// Not judged; they only tell a live address from a dead one (see ExposureFacts::reference).
constexpr std::array<std::uint16_t, 3> kReferencePorts{443, 80, 25};

struct Politeness::Impl {
  Impl(asio::any_io_executor ex, const ExposureOptions& opt)
      : slots(ex, std::max(1, opt.max_connections)), rate(opt.per_host_per_second) {}
  net::Limiter slots;  // connections at once, over the whole run
  RateSchedule rate;   // new connections per second, per address, over the whole run

  // What each address showed, once per run: many domains share a hosting company's web
  // server or a provider's mail server, and its ports are knocked on only once.
  struct Seen {
    explicit Seen(const asio::any_io_executor& ex) : ready(ex, net::Clock::time_point::max()) {}
    bool done = false;
    std::vector<ServiceProbe> probes;
    std::vector<ServiceProbe> reference;
    asio::steady_timer ready;  // cancelled when done: wakes every domain waiting for it
  };
  std::map<std::string, std::shared_ptr<Seen>> seen;
};

Politeness::Politeness(asio::any_io_executor ex, const ExposureOptions& opt) : impl_(std::make_unique<Impl>(ex, opt)) {}
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
  if (auto at = polite.rate.reserve(out.address, net::Clock::now()); at > net::Clock::now()) {
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
// when all have ended.
net::awaitable<std::vector<ServiceProbe>> probe_all(std::vector<ServiceProbe> probes, const ExposureOptions& opt,
                                                    Politeness::Impl& polite) {
  auto ex = co_await asio::this_coro::executor;
  struct Pending {
    Pending(asio::any_io_executor e, std::vector<ServiceProbe> p)
        : done(e, net::Clock::time_point::max()), left(p.size()), probes(std::move(p)) {}
    asio::steady_timer done;
    std::size_t left;
    std::vector<ServiceProbe> probes;
  };
  auto pending = std::make_shared<Pending>(ex, std::move(probes));
  for (std::size_t i = 0; i < pending->probes.size(); ++i) {
    const ServiceSpec* spec = Services::instance().find(pending->probes[i].service);
    asio::co_spawn(
        ex,
        [pending, i, spec, &opt, &polite]() -> net::awaitable<void> {
          co_await probe_port(pending->probes[i], spec, opt, polite);
        },
        [pending, i](const std::exception_ptr& e) {
          if (e) {
            // A bug in one probe costs that port its answer, not the scan.
            pending->probes[i].status = NetStatus::protocol_error;
            try {
              std::rethrow_exception(e);
            } catch (const std::exception& x) {
              pending->probes[i].error = std::string("internal error: ") + x.what();
            } catch (...) {
              pending->probes[i].error = "internal error";
            }
          }
          if (--pending->left == 0) pending->done.cancel();
        });
  }
  while (pending->left > 0) {
    error_code ec;
    co_await pending->done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  co_return std::move(pending->probes);
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
  auto ex = co_await asio::this_coro::executor;
  using Seen = Politeness::Impl::Seen;
  std::vector<std::string> mine;  // addresses this call probes; the others some other domain does
  std::vector<std::shared_ptr<Seen>> entries;
  for (const auto& address : addresses) {
    auto& entry = polite.seen[address];
    if (!entry) {
      entry = std::make_shared<Seen>(ex);
      mine.push_back(address);
    }
    entries.push_back(entry);
  }
  if (!mine.empty()) {
    ExposureFacts fresh;
    try {
      co_await probe_new(mine, opt, polite, fresh);
    } catch (...) {
      for (const auto& address : mine) {  // a bug must not leave other domains waiting forever
        polite.seen[address]->ready.cancel();
        polite.seen.erase(address);
      }
      throw;
    }
    for (const auto& address : mine) {
      auto& entry = *polite.seen[address];
      for (const auto& p : fresh.probes) {
        if (p.address == address) entry.probes.push_back(p);
      }
      for (const auto& p : fresh.reference) {
        if (p.address == address) entry.reference.push_back(p);
      }
      entry.done = true;
      entry.ready.cancel();
    }
  }
  ExposureFacts facts;
  facts.addresses = std::move(addresses);
  for (const auto& entry : entries) {
    if (!entry->done) {
      error_code ec;
      co_await entry->ready.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (!entry->done) continue;  // its prober failed: the address stays unprobed, its checks inconclusive
    facts.probes.insert(facts.probes.end(), entry->probes.begin(), entry->probes.end());
    facts.reference.insert(facts.reference.end(), entry->reference.begin(), entry->reference.end());
  }
  co_return facts;
}

}  // namespace weerbaar::scan::exposure
