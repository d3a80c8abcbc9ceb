#include "scan/web/http_client.hpp"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <exception>

#include "scan/net/connection.hpp"
#include "scan/web/site_paths.hpp"
#include "scan/web/text.hpp"
#include "scan/web/url.hpp"

namespace weerbaar::scan::web {
namespace {
namespace asio = net::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using boost::system::error_code;
using net::tcp;

using StepResult = net::Outcome;

// What the request/response step leaves behind, also when its deadline cuts it short: once the
// headers are in, a slow body still leaves a usable (truncated) response.
struct Reading {
  HttpResponse response;
  bool headers_done = false;
  // The whole answer was read and the server keeps the connection open (RFC 9112 section
  // 9.3): the next request may use it.
  bool reusable = false;
  StepResult result;
};

StepResult header_failure(const error_code& ec) {
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
    return {NetStatus::too_large, "response headers larger than the limit"};
  }
  if (ec == http::error::end_of_stream) return {NetStatus::closed, "connection closed without an HTTP response"};
  if (ec.category() == http::make_error_code(http::error::bad_version).category()) {
    return {NetStatus::protocol_error, "not a valid HTTP response: " + ec.message()};
  }
  StepResult r = net::classify(net::Step::receive, ec);
  if (r.status == NetStatus::closed) r.error = "connection closed without an HTTP response";
  return r;
}

// buffer: what the stream read beyond one answer stays there for the next one on the connection.
template <typename Stream>
net::awaitable<void> request_and_read(Stream& stream, const http::request<http::empty_body>& req,
                                      const HttpOptions& opt, beast::flat_buffer& buffer, Reading& out) {
  error_code ec;
  co_await http::async_write(stream, req, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    out.result = net::classify(net::Step::send, ec);
    co_return;
  }

  // Interim answers (103 Early Hints, an unasked 100 Continue) come before the real one, on the
  // same connection (RFC 9110 section 15.2): each is read past with a parser of its own, so that a
  // kept connection never pairs the next request with this request's answer. A few at most.
  std::optional<http::response_parser<http::buffer_body>> reading;
  for (int interim = 0;; ++interim) {
    reading.emplace();
    reading->header_limit(static_cast<std::uint32_t>(opt.max_header_bytes));
    reading->body_limit(boost::none);  // we cap the body ourselves, keeping what fits
    co_await http::async_read_header(stream, buffer, *reading, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      out.result = header_failure(ec);
      co_return;
    }
    const unsigned status = reading->get().result_int();
    if (status / 100 != 1 || status == 101 || interim == 4) break;
  }
  auto& parser = *reading;
  out.response.status = static_cast<int>(parser.get().result_int());
  for (const auto& field : parser.get()) {
    out.response.headers.push_back({text::to_lower(field.name_string()), std::string(field.value())});
  }
  out.headers_done = true;

  // Reused for every read; the body itself is capped in out.response.body.
  std::vector<char> chunk(16 * 1024);
  // A body that ends the answer with the close (no length) leaves nothing to reuse, nor does a
  // server that sent interim answers past the limit above.
  out.reusable = parser.keep_alive() && !parser.need_eof() && out.response.status / 100 != 1;
  while (!parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == http::error::need_buffer) ec = {};
    std::size_t got = chunk.size() - parser.get().body().size;
    std::size_t room = opt.max_body - std::min(opt.max_body, out.response.body.size());
    out.response.body.append(chunk.data(), std::min(got, room));
    if (got > room) {
      // The rest of the body is still on its way: the connection cannot carry another answer.
      out.response.body_truncated = true;
      out.reusable = false;
      co_return;
    }
    if (ec == ssl::error::stream_truncated && parser.need_eof()) {
      // Many servers close TLS without close_notify; for a body delimited by the close that is
      // the end of the body, as browsers take it.
      error_code eof_ec;
      parser.put_eof(eof_ec);
      if (!eof_ec) co_return;
    }
    if (ec) {
      out.reusable = false;
      out.response.body_truncated = true;
      out.result.error = "connection ended during the body: " + ec.message();
      co_return;
    }
  }
}

beast::flat_buffer answer_buffer(const HttpOptions& opt) {
  return beast::flat_buffer(opt.max_header_bytes + 16 * 1024);
}

// One request and its answer within the request deadline; reading.result is the step's outcome.
template <typename Stream>
net::awaitable<Reading> request(Stream& stream, const http::request<http::empty_body>& req, const HttpOptions& opt,
                                beast::flat_buffer& buffer) {
  Reading reading;
  bool in_time =
      co_await net::with_deadline(request_and_read(stream, req, opt, buffer, reading), opt.timeouts.http_request);
  if (!in_time) {
    reading.reusable = false;
    if (!reading.headers_done) {
      reading.result = net::timed_out(net::Step::receive, opt.timeouts.http_request);
    } else {
      reading.response.body_truncated = true;
      reading.result.error = "deadline passed while reading the body";
    }
  }
  co_return reading;
}

bool safe_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return false;
  for (char c : target) {
    // Control characters or spaces in a request line would let a Location header write our request.
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

// The context for one fetch. Verifying: the system store plus ca_file, TLS 1.2 or later.
// Otherwise a client that can read any server, however old: the scanner judges weak TLS
// elsewhere and must not go blind to a site's headers because its TLS is poor.
// Both are built once per process and shared (scan/net/tls_contexts.hpp).
net::SharedSslContext tls_context(const HttpOptions& opt, StepResult& failure) {
  if (!opt.verify_certificate) return net::permissive_client_context();
  auto ctx = net::verifying_client_context(opt.ca_file);
  if (!ctx) failure = {NetStatus::tls_failed, "cannot read the CA file " + opt.ca_file};
  return ctx;
}

http::request<http::empty_body> make_request(const Url& url, const HttpOptions& opt,
                                             const std::vector<HttpHeader>& extra, bool keep_open) {
  http::request<http::empty_body> req{http::verb::get, url.target, 11};
  req.set(http::field::host, url.authority());
  req.set(http::field::user_agent, opt.user_agent);
  req.set(http::field::accept, opt.accept);
  // HTTP/1.1 keeps a connection open unless told otherwise (RFC 9112 section 9.3).
  if (!keep_open) req.set(http::field::connection, "close");
  for (const auto& h : extra) req.set(h.name, h.value);
  return req;
}

HttpExchange failed_exchange(const Url& url, StepResult r) {
  HttpExchange ex;
  ex.url = url.str();
  ex.status = r.status;
  ex.error = std::move(r.error);
  if (r.status == NetStatus::tls_failed) ex.tls_failure = r.tls_failure;
  return ex;
}

// Connects and, for https, shakes hands, with the failures worded as a fetch reports them.
net::awaitable<StepResult> open_tls(ssl::stream<tcp::socket>& stream, tcp::endpoint ep, const Url& url,
                                    const HttpOptions& opt, std::string* certificate_error) {
  // The certificate must be valid for the host's name (RFC 8461 section 3.3 for MTA-STS).
  if (opt.verify_certificate) SSL_set1_host(stream.native_handle(), url.host.c_str());
  StepResult step = co_await net::connect(stream.next_layer(), ep, opt.timeouts.connect);
  if (!step.ok()) co_return step;
  step = co_await net::tls_handshake(stream, url.host, opt.timeouts.handshake);
  // For a website, an answer on 443 that is not TLS is broken HTTPS, as a refusal is.
  if (step.status == NetStatus::protocol_error) step.status = NetStatus::tls_failed;
  if (step.status == NetStatus::tls_failed) step.error = "TLS handshake failed: " + step.error;
  if (!step.ok() && opt.verify_certificate) {
    const long verify = SSL_get_verify_result(stream.native_handle());
    if (verify != X509_V_OK) {
      std::string why = X509_verify_cert_error_string(verify);
      step = {NetStatus::tls_failed, "TLS handshake failed: certificate not valid: " + why, TlsFailure::other};
      if (certificate_error != nullptr) *certificate_error = std::move(why);
    }
  }
  co_return step;
}

HttpExchange answered(const Url& url, Reading reading) {
  if (reading.result.status != NetStatus::ok) return failed_exchange(url, std::move(reading.result));
  HttpExchange ex;
  ex.url = url.str();
  ex.error = std::move(reading.result.error);  // a note, such as a body cut short
  ex.response = std::move(reading.response);
  return ex;
}

net::awaitable<HttpExchange> fetch_once(tcp::endpoint ep, const Url& url, const HttpOptions& opt,
                                        const std::vector<HttpHeader>& extra, std::string* certificate_error) {
  if (!safe_target(url.target))
    co_return failed_exchange(url, {NetStatus::protocol_error, "refusing to request an unsafe target"});
  auto req = make_request(url, opt, extra, false);
  try {
    auto executor = co_await asio::this_coro::executor;
    auto buffer = answer_buffer(opt);
    if (url.https) {
      StepResult step;
      auto ctx = tls_context(opt, step);
      if (!step.ok()) co_return failed_exchange(url, std::move(step));
      ssl::stream<tcp::socket> stream(executor, *ctx);
      step = co_await open_tls(stream, ep, url, opt, certificate_error);
      if (!step.ok()) co_return failed_exchange(url, std::move(step));
      co_return answered(url, co_await request(stream, req, opt, buffer));
    }
    tcp::socket socket(executor);
    StepResult step = co_await net::connect(socket, ep, opt.timeouts.connect);
    if (!step.ok()) co_return failed_exchange(url, std::move(step));
    co_return answered(url, co_await request(socket, req, opt, buffer));
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    if (net::is_cancellation(e)) throw;  // not the peer's doing: no status of the exchange
    // Whatever the peer did, it must end as a status; this is the last line of that promise.
    co_return failed_exchange(url, {NetStatus::protocol_error, std::string("unexpected failure: ") + e.what()});
  }
}

net::awaitable<void> pause_before_retry() {
  asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(100));
  error_code ignored;
  co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
}

// A GET is asked once more when the server reset the connection: a reset is no answer, and a
// server that resets some connections must not have the verdict decided by which.
net::awaitable<HttpExchange> fetch_url(tcp::endpoint ep, const Url& url, const HttpOptions& opt,
                                       const std::vector<HttpHeader>& extra, std::string* certificate_error) {
  HttpExchange ex = co_await fetch_once(ep, url, opt, extra, certificate_error);
  if (ex.status != NetStatus::reset) co_return ex;
  co_await pause_before_retry();
  co_return co_await fetch_once(ep, url, opt, extra, certificate_error);
}

// A function rather than a braced list at each call: GCC 12 rejects an initializer_list
// argument to a coroutine ("array used as initializer").
std::vector<HttpHeader> origin_header(const HttpOptions& opt) {
  std::vector<HttpHeader> headers;
  headers.push_back(HttpHeader{"origin", opt.cors_probe_origin});
  return headers;
}

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

net::awaitable<std::optional<tcp::endpoint>> resolve_safely(const RedirectResolver& resolve, const std::string& host,
                                                            std::uint16_t port) {
  if (!resolve) co_return std::nullopt;
  try {
    co_return co_await resolve(host, port);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception&) {
    co_return std::nullopt;
  }
}

// Where a redirect to next leads: the same address for the host already contacted (first_host),
// else what the engine's resolver allows; nullopt when it may not or cannot be contacted.
net::awaitable<std::optional<tcp::endpoint>> endpoint_of(const Url& next, const std::string& first_host,
                                                         tcp::endpoint address, const RedirectResolver& resolve) {
  if (same_host(next.host, first_host)) co_return tcp::endpoint(address.address(), next.port);
  co_return co_await resolve_safely(resolve, next.host, next.port);
}

HttpExchange not_contacted(const Url& target) {
  HttpExchange ex;
  ex.url = target.str();
  ex.status = NetStatus::unreachable;
  ex.error = "redirect target not contacted: " + target.host + " cannot be resolved or may not be scanned";
  return ex;
}

// An exchange another request of the probe makes anyway, with the same URL, address and
// headers: a hop there takes its answer (when ready) instead of asking the server again.
struct SharedAnswer {
  Url url;
  tcp::endpoint ep;
  net::Latch* ready = nullptr;
  const HttpExchange* exchange = nullptr;
};

// site: when given, a redirect off the site (belongs_to_site) or to plain HTTP ends the chain
// where it is, without an error: the chain is then no way to the site's own page.
net::awaitable<std::vector<HttpExchange>> follow_redirects(net::tcp::endpoint address, Url current,
                                                           const HttpOptions& opt, OriginPool& pool,
                                                           const RedirectResolver& resolve,
                                                           const std::string* site = nullptr,
                                                           const SharedAnswer* shared = nullptr) {
  const std::string first_host = current.host;
  tcp::endpoint ep(address.address(), current.port);
  std::vector<HttpExchange> chain;
  while (true) {
    // The Origin goes along so that CORS can be judged on a site that has no HTTPS.
    if (shared != nullptr && current.same_origin(shared->url) && current.target == shared->url.target &&
        ep == shared->ep) {
      co_await shared->ready->wait();
      chain.push_back(*shared->exchange);
    } else {
      chain.push_back(co_await pool.get(ep, current, origin_header(opt)));
    }
    HttpExchange& hop = chain.back();
    if (hop.status != NetStatus::ok || !is_redirect(hop.response->status)) break;
    const std::string* location = hop.response->header("location");
    if (location == nullptr) break;
    auto next = resolve_reference(current, *location);
    if (!next) {
      hop.error = "redirect to a location that is not an http(s) URL";
      break;
    }
    if (site != nullptr && (!next->https || !belongs_to_site(next->host, *site))) break;
    const std::string next_url = next->str();
    if (std::any_of(chain.begin(), chain.end(), [&](const HttpExchange& h) { return h.url == next_url; })) {
      hop.error = "redirect loop: " + next_url + " was visited before";
      break;
    }
    if (chain.size() >= max_redirect_hops) {
      hop.error = "redirect limit of " + std::to_string(max_redirect_hops) + " reached";
      break;
    }
    std::optional<tcp::endpoint> next_ep = co_await endpoint_of(*next, first_host, address, resolve);
    if (!next_ep) {
      chain.push_back(not_contacted(*next));
      break;
    }
    current = std::move(*next);
    ep = *next_ep;
  }
  co_return chain;
}

// The page a visitor lands on when https://host/ redirects within the site over HTTPS (to
// https://www.host/, or to /nl/): the apex of many small businesses only redirects, and the
// headers, cookies and scripts that protect visitors are on the page it leads to.
net::awaitable<std::vector<HttpExchange>> follow_landing(net::tcp::endpoint address, const HttpExchange& root,
                                                         std::string host, const HttpOptions& opt, OriginPool& pool,
                                                         const RedirectResolver& resolve) {
  std::vector<HttpExchange> none;
  if (root.status != NetStatus::ok || !root.response || !is_redirect(root.response->status)) co_return none;
  const std::string* location = root.response->header("location");
  auto base = parse_url(root.url);
  if (location == nullptr || !base) co_return none;
  auto next = resolve_reference(*base, *location);
  if (!next || !next->https || !belongs_to_site(next->host, host)) co_return none;
  std::optional<tcp::endpoint> ep = co_await endpoint_of(*next, host, address, resolve);
  if (!ep) {
    none.push_back(not_contacted(*next));
    co_return none;
  }
  co_return co_await follow_redirects(*ep, std::move(*next), opt, pool, resolve, &host);
}

}  // namespace

struct KeptConnection::Impl {
  Impl(tcp::endpoint e, Url o, HttpOptions op) : ep(std::move(e)), origin(std::move(o)), opt(std::move(op)) {}

  [[nodiscard]] bool is_open() const { return tls.has_value() || plain.has_value(); }
  void close() {
    tls.reset();
    plain.reset();
    buffer.clear();
  }
  net::awaitable<StepResult> open() {
    auto executor = co_await asio::this_coro::executor;
    if (!origin.https) {
      plain.emplace(executor);
      StepResult step = co_await net::connect(*plain, ep, opt.timeouts.connect);
      if (!step.ok()) close();
      co_return step;
    }
    StepResult step;
    auto ctx = tls_context(opt, step);
    if (!step.ok()) co_return step;
    tls.emplace(executor, *ctx);
    step = co_await open_tls(*tls, ep, origin, opt, nullptr);
    if (!step.ok()) close();
    co_return step;
  }
  net::awaitable<Reading> ask(const http::request<http::empty_body>& req, const HttpOptions& o) {
    if (tls) co_return co_await request(*tls, req, o, buffer);
    co_return co_await request(*plain, req, o, buffer);
  }

  tcp::endpoint ep;
  Url origin;
  HttpOptions opt;
  std::optional<ssl::stream<tcp::socket>> tls;
  std::optional<tcp::socket> plain;
  beast::flat_buffer buffer{answer_buffer(opt)};
};

KeptConnection::KeptConnection(const net::tcp::endpoint& ep, const std::string& host, bool https,
                               const HttpOptions& opt) {
  Url origin;
  origin.https = https;
  origin.host = text::to_lower(host);
  origin.port = ep.port();
  impl_ = std::make_unique<Impl>(ep, std::move(origin), opt);
}

KeptConnection::~KeptConnection() = default;

bool KeptConnection::is_open() const {
  return impl_->is_open();
}

net::awaitable<HttpExchange> KeptConnection::get(std::string target, std::vector<HttpHeader> extra,
                                                 std::optional<std::size_t> max_body) {
  Impl& c = *impl_;
  Url url = c.origin;
  url.target = std::move(target);
  if (!safe_target(url.target))
    co_return failed_exchange(url, {NetStatus::protocol_error, "refusing to request an unsafe target"});
  const auto req = make_request(url, c.opt, extra, true);
  std::optional<HttpOptions> capped;
  if (max_body) {
    capped = c.opt;
    capped->max_body = *max_body;
  }
  const HttpOptions& o = capped ? *capped : c.opt;
  bool asked_after_idle_close = false;
  bool asked_after_reset = false;
  try {
    for (;;) {
      const bool reused = c.is_open();
      Reading reading;
      if (!reused) {
        StepResult opened = co_await c.open();
        if (!opened.ok()) reading.result = std::move(opened);
      }
      if (c.is_open()) reading = co_await c.ask(req, o);
      if (!reading.reusable || !reading.result.ok()) c.close();
      const bool no_answer = !reading.headers_done && !reading.result.ok();
      // A server may close a connection it kept open at any moment (RFC 9112 section 9.3.1):
      // a GET that got no answer there is asked again on a new connection, once.
      if (reused && no_answer && !asked_after_idle_close &&
          (reading.result.status == NetStatus::closed || reading.result.status == NetStatus::reset)) {
        asked_after_idle_close = true;
        continue;
      }
      // As a single fetch does (fetch_url): a reset is no answer, so it is asked once more.
      if (!reused && reading.result.status == NetStatus::reset && !asked_after_reset) {
        asked_after_reset = true;
        co_await pause_before_retry();
        continue;
      }
      co_return answered(url, std::move(reading));
    }
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    c.close();
    if (net::is_cancellation(e)) throw;  // not the peer's doing: no status of the exchange
    co_return failed_exchange(url, {NetStatus::protocol_error, std::string("unexpected failure: ") + e.what()});
  }
}

struct OriginPool::Origin {
  Origin(const asio::any_io_executor& ex, bool h, std::string n, tcp::endpoint e, int connections)
      : https(h), host(std::move(n)), ep(std::move(e)), turns(ex, connections) {}

  // A connection and the host slot it holds for as long as it is kept.
  struct Kept {
    std::unique_ptr<KeptConnection> connection;
    net::Limiter::Slot slot;
  };

  bool https;
  std::string host;
  tcp::endpoint ep;
  net::Limiter turns;  // a request at a time per connection, two connections (one if the host allows one)
  std::vector<Kept> idle;
};

OriginPool::OriginPool(asio::any_io_executor ex, const HttpOptions& opt, net::Limiter& host_slots)
    : ex_(std::move(ex)), opt_(opt), host_slots_(host_slots) {}

OriginPool::~OriginPool() = default;

net::awaitable<HttpExchange> OriginPool::get(tcp::endpoint ep, Url url, std::vector<HttpHeader> extra,
                                             std::optional<std::size_t> max_body) {
  auto same = [&](const std::unique_ptr<Origin>& o) {
    return o->https == url.https && o->host == url.host && o->ep == ep;
  };
  auto found = std::find_if(origins_.begin(), origins_.end(), same);
  if (found == origins_.end())
    found = origins_.insert(origins_.end(), std::make_unique<Origin>(ex_, url.https, url.host, ep,
                                                                     std::clamp(opt_.host_connections, 1, 2)));
  Origin& origin = **found;
  // The turn first, then a slot: a request never holds a host slot while it waits for a turn.
  auto turn = co_await origin.turns.acquire();
  std::optional<Origin::Kept> kept;
  if (!origin.idle.empty()) {
    kept.emplace(std::move(origin.idle.back()));
    origin.idle.pop_back();
  } else {
    // The other origins' idle connections are closed first: they hold slots, and a request of
    // this pool must never wait for a slot its own pool keeps idle.
    for (auto& other : origins_) other->idle.clear();
    struct Waiting {
      int& count;
      explicit Waiting(int& c) : count(c) { ++count; }
      ~Waiting() { --count; }
      Waiting(const Waiting&) = delete;
      Waiting& operator=(const Waiting&) = delete;
    };
    std::optional<Waiting> waiting(std::in_place, waiting_for_slot_);
    auto slot = co_await host_slots_.acquire();
    waiting.reset();
    kept.emplace(Origin::Kept{std::make_unique<KeptConnection>(ep, url.host, url.https, opt_), std::move(slot)});
  }
  HttpExchange ex = co_await kept->connection->get(url.target, std::move(extra), max_body);
  // Kept only when open and no request of this pool waits for a slot; otherwise the slot goes
  // back to the host's limit now.
  if (kept->connection->is_open() && waiting_for_slot_ == 0) origin.idle.push_back(std::move(*kept));
  co_return ex;
}

net::awaitable<HttpExchange> fetch(net::tcp::endpoint ep, std::string host, bool https, std::string target,
                                   const HttpOptions& opt, std::vector<HttpHeader> extra,
                                   std::string* certificate_error) {
  Url url;
  url.https = https;
  url.host = text::to_lower(host);
  url.port = ep.port();
  url.target = std::move(target);
  co_return co_await fetch_url(ep, url, opt, extra, certificate_error);
}

net::awaitable<WebFacts> probe_web(net::tcp::endpoint address, std::string host, const HttpOptions& opt,
                                   net::Limiter& host_slots, RedirectResolver resolve) {
  using namespace asio::experimental::awaitable_operators;
  Url http_root{.https = false, .host = text::to_lower(host), .port = opt.http_port, .target = "/"};
  Url https_root{.https = true, .host = http_root.host, .port = opt.https_port, .target = "/"};
  Url security_txt = https_root;
  security_txt.target = "/.well-known/security.txt";
  tcp::endpoint https_ep(address.address(), opt.https_port);

  // Every request below goes over the pool's connections: the https:// root and security.txt
  // share two connections, and the landing page and the paths later reuse them.
  OriginPool pool(co_await asio::this_coro::executor, opt, host_slots);
  WebFacts facts;
  // The http chain mostly leads to https://host/, asked with the same headers for the https
  // root: its hop takes the root's answer rather than asking again behind it.
  net::Latch root_ready;
  SharedAnswer root{.url = https_root, .ep = https_ep, .ready = &root_ready, .exchange = &facts.https_root};
  auto ask_root = [&]() -> net::awaitable<void> {
    try {
      facts.https_root = co_await pool.get(https_ep, https_root, origin_header(opt));
    } catch (...) {
      root_ready.open();  // nobody waits for ever (the group cancels the chain anyway)
      throw;
    }
    root_ready.open();
  };
  auto results = co_await (follow_redirects(address, http_root, opt, pool, resolve, nullptr, &root) && ask_root() &&
                           pool.get(https_ep, security_txt));
  facts.http_chain = std::move(std::get<0>(results));
  facts.security_txt = std::move(std::get<1>(results));
  facts.https_landing = co_await follow_landing(address, facts.https_root, http_root.host, opt, pool, resolve);
  // The short list of extra paths, on whichever origin serves the site: the page https leads to
  // within the site (www.host when the apex only redirects there), https://host/ when it
  // answers, else plain http when that serves pages rather than a redirect.
  const HttpExchange& page = facts.landing();
  auto page_url = parse_url(page.url);
  if (&page != &facts.https_root && page_url && !same_host(page_url->host, http_root.host)) {
    if (auto ep = co_await resolve_safely(resolve, page_url->host, page_url->port)) {
      facts.paths = co_await probe_site_paths(pool, *ep, page_url->host, true);
    }
  } else if (facts.https_root.status == NetStatus::ok) {
    facts.paths = co_await probe_site_paths(pool, https_ep, http_root.host, true);
  } else if (!facts.http_chain.empty() && facts.http_chain.front().status == NetStatus::ok &&
             !is_redirect(facts.http_chain.front().response->status)) {
    facts.paths =
        co_await probe_site_paths(pool, tcp::endpoint(address.address(), opt.http_port), http_root.host, false);
  }
  co_return facts;
}

}  // namespace weerbaar::scan::web
