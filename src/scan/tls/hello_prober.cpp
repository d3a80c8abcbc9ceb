#include "scan/tls/hello_prober.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/write.hpp>
#include <exception>
#include <functional>
#include <optional>
#include <vector>

#include "scan/net/connection.hpp"
#include "scan/net/run_all.hpp"
#include "scan/tls/cipher_suites.hpp"
#include "scan/tls/client_hello.hpp"
#include "scan/tls/flight_reader.hpp"
#include "scan/tls/groups.hpp"

namespace weerbaar::scan::tls {
namespace {
namespace asio = net::asio;
using net::awaitable;

constexpr std::size_t kMaxReply = 64 * 1024;  // a first flight with a long chain fits easily
constexpr int kMaxExchanges = 500;            // far above what a real server needs (~150)
constexpr int kAttempts = 3;                  // per exchange, when the server resets the connection
constexpr std::chrono::milliseconds kRetryPause{100};
constexpr int kBeforeTlsSteps = 4;  // greeting, EHLO, STARTTLS, and a margin

constexpr std::array kLegacyVersions{TlsVersion::ssl3, TlsVersion::tls1_0, TlsVersion::tls1_1, TlsVersion::tls1_2};

std::uint16_t wire(TlsVersion v) {
  return static_cast<std::uint16_t>(v);
}

// How far to read: suite and version probes need only the ServerHello; group and DHE probes
// need the ServerKeyExchange, which comes later in a TLS <= 1.2 flight.
enum class Want { server_hello, key_exchange };

// What one ClientHello got back.
struct Reply {
  enum class Kind {
    hello,    // the server chose something (flight.hello is set)
    refused,  // an alert, or the connection closed: "none of this, thanks"
    failed,   // no usable answer: timeout, not TLS, too large, no connection
  };
  Kind kind = Kind::failed;
  NetStatus net = NetStatus::ok;  // for failed: why
  bool connected = false;
  std::string why;
  ServerFlight flight;

  [[nodiscard]] const ServerHello* hello() const { return kind == Kind::hello ? &*flight.hello : nullptr; }
};

template <std::size_t N>
void fill_random(std::array<std::uint8_t, N>& a) {
  // Randomness matters little here (we never finish a handshake), but a server may reject
  // a key share that is not a valid point, so do not send a constant.
  if (RAND_bytes(a.data(), static_cast<int>(a.size())) != 1) {
    for (std::size_t i = 0; i < N; ++i) a[i] = static_cast<std::uint8_t>(i * 37 + 11);
  }
}

// One host's prober: how to build a hello for a version, and how to send one and read the answer.
class Prober {
 public:
  Prober(net::tcp::endpoint ep, const HelloProbeOptions& opt, net::Limiter& slots)
      : ep_(ep),
        opt_(opt),
        slots_(slots),
        budget_end_(net::Clock::now() + 5 * (opt.timeouts.connect + opt.timeouts.handshake)) {}

  // A hello offering everything we have for version v.
  [[nodiscard]] ClientHelloOptions hello_for(TlsVersion v) const {
    ClientHelloOptions h;
    h.sni = opt_.sni;
    h.suites = suites_for_version(v);
    if (v == TlsVersion::ssl3) {
      h.record_version = wire(v);
      h.legacy_version = wire(v);
      h.extensions = false;  // renegotiation support is still asked for, with the SCSV
      return h;
    }
    if (v == TlsVersion::tls1_3) {
      h.legacy_version = 0x0303;
      h.supported_versions = {wire(TlsVersion::tls1_3)};
      h.supported_groups = groups_for_version(v);
      h.key_share = KeyShareOffer::x25519;
      h.session_id.resize(32);  // middlebox compatibility mode, as browsers send it
      return h;
    }
    h.legacy_version = wire(v);
    h.supported_groups = groups_for_version(v);
    // RFC 7919 servers pick an ffdhe group for DHE suites when the client names them.
    for (auto g : {group::ffdhe2048, group::ffdhe3072, group::ffdhe4096, group::ffdhe6144, group::ffdhe8192}) {
      h.supported_groups.push_back(g);
    }
    return h;
  }

  awaitable<Reply> send(ClientHelloOptions hello, Want want) {
    fill_random(hello.random);
    fill_random(hello.x25519_public);
    if (!hello.session_id.empty()) {
      std::array<std::uint8_t, 32> sid{};
      fill_random(sid);
      hello.session_id.assign(sid.begin(), sid.end());
    }
    co_return co_await exchange(build_client_hello(hello), want);
  }

 private:
  // One exchange, tried again when the server reset the connection: a reset is not an answer
  // (servers say no with an alert or a close), and a server that resets some connections and
  // not others must not have its verdict decided by which ones.
  awaitable<Reply> exchange(std::vector<std::uint8_t> bytes, Want want) {
    Reply r;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
      if (attempt > 0) {
        asio::steady_timer pause(co_await asio::this_coro::executor, kRetryPause * attempt);
        boost::system::error_code ignored;
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
      }
      r = co_await exchange_once(bytes, want);
      if (r.kind != Reply::Kind::failed || r.net != NetStatus::reset) break;
    }
    co_return r;
  }

  awaitable<Reply> exchange_once(const std::vector<std::uint8_t>& bytes, Want want) {
    Reply r;
    if (net::Clock::now() >= budget_end_ || exchanges_left_ <= 0) {
      r.net = NetStatus::timeout;
      r.why = "the time budget for this host was used up";
      co_return r;
    }
    --exchanges_left_;
    auto slot = co_await slots_.acquire();
    net::tcp::socket sock(co_await asio::this_coro::executor);

    const net::Outcome connected = co_await net::connect(sock, ep_, opt_.timeouts.connect);
    if (!connected.ok()) {
      r.net = connected.status;
      r.why = connected.error;
      co_return r;
    }
    r.connected = true;
    if (opt_.before_tls) {
      // The dialogue before TLS (STARTTLS) has a deadline per step of its own; this bound only
      // keeps a bug in it from holding the slot.
      auto before = co_await net::with_deadline(opt_.before_tls(sock), kBeforeTlsSteps * opt_.timeouts.handshake);
      if (!before || *before) {
        net::close(sock);
        r.net = before ? NetStatus::protocol_error : NetStatus::timeout;
        r.why = before ? **before : "no answer before TLS within the deadline";
        co_return r;
      }
    }

    std::string buf;
    net::Outcome sent = co_await net::send(sock, asio::buffer(bytes), opt_.timeouts.handshake);
    net::Outcome got = sent;
    if (sent.ok()) {
      // Parsed again only when a record is complete: linear however the server trickles it.
      FlightReader reader;
      got = co_await net::receive(
          sock, buf, kMaxReply,
          [&](std::string_view received) {
            r.flight = reader.feed({reinterpret_cast<const std::uint8_t*>(received.data()), received.size()});
            return r.flight.status != ParseStatus::need_more || (want == Want::server_hello && r.flight.hello);
          },
          opt_.timeouts.handshake);
    }
    net::close(sock);
    if (r.flight.hello && r.flight.status != ParseStatus::malformed) {
      r.kind = Reply::Kind::hello;  // what came before the server stopped is enough
    } else if (r.flight.status == ParseStatus::alert) {
      r.kind = Reply::Kind::refused;
      r.why = "alert " + r.flight.error;
    } else if (r.flight.status == ParseStatus::malformed) {
      r.net = NetStatus::protocol_error;
      r.why = "the answer is not valid TLS: " + r.flight.error;
    } else if (got.status == NetStatus::closed && buf.empty()) {
      r.kind = Reply::Kind::refused;  // closed without a word: how many servers say no
      r.why = "connection closed without an answer";
    } else if (got.status == NetStatus::closed) {
      r.net = NetStatus::protocol_error;
      r.why = "the server closed the connection halfway through a TLS record";
    } else if (got.status == NetStatus::timeout) {
      r.net = NetStatus::timeout;
      r.why = "no answer to the ClientHello within " + std::to_string(opt_.timeouts.handshake.count()) + " ms";
    } else {
      r.net = got.ok() ? NetStatus::protocol_error : got.status;
      r.why = got.ok() ? "no usable answer to the ClientHello" : got.error;
    }
    co_return r;
  }

  net::tcp::endpoint ep_;
  const HelloProbeOptions& opt_;
  net::Limiter& slots_;
  net::Clock::time_point budget_end_;
  int exchanges_left_ = kMaxExchanges;
};

// ------------------------------------------------------------------ enumeration
// What the server picked from a list, or nullopt if its answer is no pick from that list
// (another version, no key exchange message): the end of the enumeration.
using PickFn = std::function<std::optional<std::uint16_t>(const ServerHello&, const ServerFlight&)>;

struct Enumeration {
  std::vector<std::uint16_t> picks;  // in the order the server chose them
  bool complete = false;             // false: a probe failed midway, picks is partial
  std::string why;                   // when not complete
};

// Offers the candidates, records the server's pick, removes it and asks again until the
// server refuses. When the server enforces its own order, the picks come out in that order.
awaitable<void> eliminate(Prober& p, ClientHelloOptions hello, std::vector<std::uint16_t> ClientHelloOptions::*list,
                          std::vector<std::uint16_t> candidates, Want want, PickFn pick, Enumeration& out) {
  while (!candidates.empty()) {
    hello.*list = candidates;
    Reply r = co_await p.send(hello, want);
    if (r.kind == Reply::Kind::refused) break;
    if (r.kind == Reply::Kind::failed) {
      out.why = r.why;
      co_return;
    }
    std::optional<std::uint16_t> chosen = pick(*r.hello(), r.flight);
    if (!chosen) break;
    auto it = std::find(candidates.begin(), candidates.end(), *chosen);
    if (std::find(out.picks.begin(), out.picks.end(), *chosen) == out.picks.end()) out.picks.push_back(*chosen);
    // A server that answers with something we did not offer ignores the list: asking again
    // would only loop.
    if (it == candidates.end()) break;
    candidates.erase(it);
  }
  out.complete = true;
}

PickFn suite_at(TlsVersion v) {
  return [v](const ServerHello& sh, const ServerFlight&) -> std::optional<std::uint16_t> {
    if (sh.version != wire(v)) return std::nullopt;
    return sh.cipher_suite;
  };
}

PickFn curve_at(TlsVersion v) {
  return [v](const ServerHello& sh, const ServerFlight& f) -> std::optional<std::uint16_t> {
    if (sh.version != wire(v) || !f.key_exchange) return std::nullopt;
    return f.key_exchange->named_curve;
  };
}

PickFn tls13_group() {
  return [](const ServerHello& sh, const ServerFlight&) -> std::optional<std::uint16_t> {
    if (sh.version != wire(TlsVersion::tls1_3)) return std::nullopt;
    return sh.key_share_group;
  };
}

std::vector<std::uint16_t> suites_with_kx(TlsVersion v, std::initializer_list<KeyExchange> kinds) {
  std::vector<std::uint16_t> out;
  for (auto id : suites_for_version(v)) {
    const CipherSuite* s = find_cipher_suite(id);
    if (s != nullptr && std::find(kinds.begin(), kinds.end(), s->kx) != kinds.end()) out.push_back(id);
  }
  return out;
}

// ------------------------------------------------------------------ the probes
struct VersionProbe {
  TlsVersion version = TlsVersion::tls1_2;
  Reply reply{};
  std::optional<bool> accepted{};  // nullopt: could not tell
};

awaitable<void> probe_version(Prober& p, VersionProbe& out) {
  out.reply = co_await p.send(p.hello_for(out.version), Want::server_hello);
  switch (out.reply.kind) {
    case Reply::Kind::hello:
      // A server that does not speak the version answers with a lower one (or refuses).
      out.accepted = out.reply.hello()->version == wire(out.version);
      break;
    case Reply::Kind::refused: out.accepted = false; break;
    case Reply::Kind::failed: break;
  }
}

// Suites of one version; the version probe's answer is already the first pick.
struct SuiteProbe {
  TlsVersion version = TlsVersion::tls1_2;
  std::uint16_t first_pick = 0;
  bool test_order = false;  // also find out whether the server enforces its order
  Enumeration suites{};
  std::optional<bool> server_order{};
  std::string order_why{};
};

awaitable<void> probe_suites(Prober& p, SuiteProbe& s) {
  std::vector<std::uint16_t> candidates = suites_for_version(s.version);
  s.suites.picks.push_back(s.first_pick);
  std::erase(candidates, s.first_pick);
  co_await eliminate(p, p.hello_for(s.version), &ClientHelloOptions::suites, std::move(candidates), Want::server_hello,
                     suite_at(s.version), s.suites);
  if (!s.test_order || !s.suites.complete || s.suites.picks.size() < 2) co_return;
  // Offer what it accepted, its favourite last: a server that picks its favourite again
  // chooses by its own order; one that takes our first follows the client.
  ClientHelloOptions hello = p.hello_for(s.version);
  hello.suites.assign(s.suites.picks.rbegin(), s.suites.picks.rend());
  Reply r = co_await p.send(hello, Want::server_hello);
  if (r.kind != Reply::Kind::hello || r.hello()->version != wire(s.version)) {
    s.order_why = "the cipher order test got no answer: " + r.why;
    co_return;
  }
  s.server_order = r.hello()->cipher_suite != hello.suites.front();
}

struct GroupProbe {
  TlsVersion version = TlsVersion::tls1_2;
  Enumeration groups{};
};

awaitable<void> probe_groups(Prober& p, GroupProbe& g) {
  ClientHelloOptions hello = p.hello_for(g.version);
  if (g.version == TlsVersion::tls1_3) {
    // No key share: the server has to name the group it wants in a HelloRetryRequest.
    hello.key_share = KeyShareOffer::empty;
    co_await eliminate(p, hello, &ClientHelloOptions::supported_groups, groups_for_version(g.version),
                       Want::server_hello, tls13_group(), g.groups);
    co_return;
  }
  // Only ECDHE suites on offer, so the ServerKeyExchange must name a curve.
  hello.suites = suites_with_kx(g.version, {KeyExchange::ecdhe, KeyExchange::ecdh_anon});
  co_await eliminate(p, hello, &ClientHelloOptions::supported_groups, groups_for_version(g.version), Want::key_exchange,
                     curve_at(g.version), g.groups);
}

struct DheProbe {
  TlsVersion version = TlsVersion::tls1_2;
  std::optional<int> bits{};
  std::optional<bool> rfc7919{};
  std::string why{};
};

awaitable<void> probe_dhe(Prober& p, DheProbe& d) {
  ClientHelloOptions hello = p.hello_for(d.version);
  hello.suites = suites_with_kx(d.version, {KeyExchange::dhe, KeyExchange::dh_anon});
  Reply r = co_await p.send(hello, Want::key_exchange);
  if (r.kind == Reply::Kind::refused) co_return;  // no DHE: nothing to judge
  if (r.kind == Reply::Kind::failed) {
    d.why = "DHE test: " + r.why;
    co_return;
  }
  if (!r.flight.key_exchange || r.flight.key_exchange->dh_prime.empty()) {
    if (r.hello()->version == wire(d.version)) d.why = "DHE test: no Diffie-Hellman parameters in the answer";
    co_return;
  }
  d.bits = r.flight.key_exchange->dh_prime_bits;
  d.rfc7919 = rfc7919_group_for_prime(r.flight.key_exchange->dh_prime).has_value();
}

struct CompressionProbe {
  TlsVersion version = TlsVersion::tls1_2;
  std::optional<bool> compression{};
  std::string why{};
};

awaitable<void> probe_compression(Prober& p, CompressionProbe& c) {
  ClientHelloOptions hello = p.hello_for(c.version);
  hello.offer_deflate = true;
  Reply r = co_await p.send(hello, Want::server_hello);
  if (r.kind != Reply::Kind::hello) {
    c.why = "compression test: " + r.why;
    co_return;
  }
  c.compression = r.hello()->compression != 0;
}

void add_reason(TlsFacts& out, const std::string& why) {
  if (why.empty()) return;
  if (!out.error.empty()) out.error += "; ";
  out.error += why;
}

// The port's status when no probe got a connection at all.
NetStatus unreachable_status(const std::vector<VersionProbe>& probes) {
  bool all_refused = true;
  bool any_timeout = false;
  for (const auto& v : probes) {
    all_refused = all_refused && v.reply.net == NetStatus::refused;
    any_timeout = any_timeout || v.reply.net == NetStatus::timeout;
  }
  if (all_refused) return NetStatus::refused;
  return any_timeout ? NetStatus::timeout : NetStatus::unreachable;
}

}  // namespace

awaitable<void> probe_hello(net::tcp::endpoint ep, const HelloProbeOptions& opt, net::Limiter& host_slots,
                            TlsFacts& out) {
  Prober prober(ep, opt, host_slots);

  // Phase 1: which versions, all at once.
  std::vector<VersionProbe> versions;
  for (auto v : kLegacyVersions) versions.push_back({.version = v});
  versions.push_back({.version = TlsVersion::tls1_3});
  {
    std::vector<awaitable<void>> tasks;
    for (auto& v : versions) tasks.push_back(probe_version(prober, v));
    co_await net::run_all(std::move(tasks));
  }
  const bool any_connected =
      std::any_of(versions.begin(), versions.end(), [](const VersionProbe& v) { return v.reply.connected; });
  if (!any_connected) {
    out.status = unreachable_status(versions);
    add_reason(out, versions.front().reply.why);
    co_return;
  }
  out.status = NetStatus::ok;
  const VersionProbe* highest_legacy = nullptr;  // highest accepted version <= TLS 1.2
  for (const auto& v : versions) {
    if (!v.accepted) {
      add_reason(out, std::string(to_string(v.version)) + ": " + v.reply.why);
      continue;
    }
    out.versions[v.version] = *v.accepted;
    if (*v.accepted && v.version != TlsVersion::tls1_3) highest_legacy = &v;
  }
  const VersionProbe& tls13 = versions.back();

  // Phase 2: everything that depends only on the versions, concurrently.
  std::vector<SuiteProbe> suite_probes;
  suite_probes.reserve(versions.size());
  for (const auto& v : versions) {
    if (v.accepted.value_or(false)) {
      suite_probes.push_back(
          {.version = v.version, .first_pick = v.reply.hello()->cipher_suite, .test_order = &v == highest_legacy});
    }
  }
  std::vector<GroupProbe> group_probes;
  if (tls13.accepted.value_or(false)) group_probes.push_back({.version = TlsVersion::tls1_3});
  std::optional<DheProbe> dhe;
  std::optional<CompressionProbe> compression;
  if (highest_legacy != nullptr) {
    // SSL 3.0 hellos carry no extensions, so curves can't be offered there.
    if (highest_legacy->version != TlsVersion::ssl3) group_probes.push_back({.version = highest_legacy->version});
    dhe = DheProbe{.version = highest_legacy->version};
    compression = CompressionProbe{.version = highest_legacy->version};
  }
  {
    std::vector<awaitable<void>> tasks;
    for (auto& s : suite_probes) tasks.push_back(probe_suites(prober, s));
    for (auto& g : group_probes) tasks.push_back(probe_groups(prober, g));
    if (dhe) tasks.push_back(probe_dhe(prober, *dhe));
    if (compression) tasks.push_back(probe_compression(prober, *compression));
    co_await net::run_all(std::move(tasks));
  }

  // A partial list would let a check pass what it never saw: leave it out instead.
  for (const auto& s : suite_probes) {
    if (s.suites.complete) {
      out.suites[s.version] = s.suites.picks;
    } else {
      add_reason(out, "cipher suites of " + std::string(to_string(s.version)) + " incomplete: " + s.suites.why);
    }
    if (s.test_order) {
      out.server_order = s.server_order;
      add_reason(out, s.order_why);
    }
  }
  for (const auto& g : group_probes) {
    if (!g.groups.complete) {
      add_reason(out, "groups of " + std::string(to_string(g.version)) + " incomplete: " + g.groups.why);
      continue;
    }
    for (auto id : g.groups.picks) out.groups.push_back({.id = id, .version = g.version});
  }
  if (dhe) {
    out.dhe_bits = dhe->bits;
    out.dhe_is_rfc7919 = dhe->rfc7919;
    add_reason(out, dhe->why);
  }
  if (compression) {
    out.compression = compression->compression;
    add_reason(out, compression->why);
  }
  if (highest_legacy != nullptr) {
    const ServerHello* sh = highest_legacy->reply.hello();
    out.secure_renegotiation = sh->secure_renegotiation;
    // SSL 3.0 hellos carry no extensions, so the server had nothing to answer.
    if (highest_legacy->version != TlsVersion::ssl3) out.extended_master_secret = sh->extended_master_secret;
  }
}

}  // namespace weerbaar::scan::tls
