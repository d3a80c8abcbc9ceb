#include "scan/web/http_client.hpp"

#include <openssl/ssl.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <exception>

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

constexpr auto kAccept = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.8";

// A client that can read any server, however old: the scanner judges weak TLS elsewhere and must
// not go blind to a site's headers because its TLS is poor.
ssl::context permissive_context() {
  ssl::context ctx(ssl::context::tls_client);
  SSL_CTX* native = ctx.native_handle();
  SSL_CTX_set_security_level(native, 0);
  SSL_CTX_set_cipher_list(native, "ALL:@SECLEVEL=0");
  SSL_CTX_set_min_proto_version(native, TLS1_VERSION);
  SSL_CTX_set_options(native, SSL_OP_LEGACY_SERVER_CONNECT);
  SSL_CTX_set_verify(native, SSL_VERIFY_NONE, nullptr);
  return ctx;
}

struct StepResult {
  NetStatus status = NetStatus::ok;
  std::string error;
};

net::awaitable<StepResult> connect(tcp::socket& socket, tcp::endpoint ep, net::Duration limit) {
  auto ec = co_await net::with_deadline(
      [&]() -> net::awaitable<error_code> {
        error_code e;
        co_await socket.async_connect(ep, asio::redirect_error(asio::use_awaitable, e));
        co_return e;
      }(),
      limit);
  if (!ec) co_return StepResult{NetStatus::timeout, "no TCP connection within the deadline"};
  if (*ec == asio::error::connection_refused) co_return StepResult{NetStatus::refused, "connection refused"};
  if (*ec) co_return StepResult{NetStatus::unreachable, ec->message()};
  co_return StepResult{};
}

net::awaitable<StepResult> handshake(ssl::stream<tcp::socket>& stream, const std::string& host, net::Duration limit) {
  // SNI carries a name, never an address literal (RFC 6066 section 3).
  error_code parse_ec;
  (void)asio::ip::make_address(host, parse_ec);
  if (parse_ec) SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());
  auto ec = co_await net::with_deadline(
      [&]() -> net::awaitable<error_code> {
        error_code e;
        co_await stream.async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, e));
        co_return e;
      }(),
      limit);
  if (!ec) co_return StepResult{NetStatus::timeout, "no TLS handshake within the deadline"};
  if (*ec) co_return StepResult{NetStatus::tls_failed, "TLS handshake failed: " + ec->message()};
  co_return StepResult{};
}

// What the request/response step leaves behind, also when its deadline cuts it short: once the
// headers are in, a slow body still leaves a usable (truncated) response.
struct Reading {
  HttpResponse response;
  bool headers_done = false;
  StepResult result;
};

bool is_eof_like(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof || ec == ssl::error::stream_truncated;
}

StepResult header_failure(const error_code& ec) {
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
    return {NetStatus::too_large, "response headers larger than the limit"};
  }
  if (is_eof_like(ec)) return {NetStatus::protocol_error, "connection closed without an HTTP response"};
  if (ec == asio::error::connection_reset) return {NetStatus::protocol_error, "connection reset by the server"};
  return {NetStatus::protocol_error, "not a valid HTTP response: " + ec.message()};
}

template <typename Stream>
net::awaitable<void> request_and_read(Stream& stream, const http::request<http::empty_body>& req,
                                      const HttpOptions& opt, Reading& out) {
  error_code ec;
  co_await http::async_write(stream, req, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    out.result = {NetStatus::protocol_error, "could not send the request: " + ec.message()};
    co_return;
  }

  beast::flat_buffer buffer(opt.max_header_bytes + 16 * 1024);
  http::response_parser<http::buffer_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(opt.max_header_bytes));
  parser.body_limit(boost::none);  // we cap the body ourselves, keeping what fits
  co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    out.result = header_failure(ec);
    co_return;
  }
  out.response.status = static_cast<int>(parser.get().result_int());
  for (const auto& field : parser.get()) {
    out.response.headers.push_back({text::to_lower(field.name_string()), std::string(field.value())});
  }
  out.headers_done = true;

  // Reused for every read; the body itself is capped in out.response.body.
  std::vector<char> chunk(16 * 1024);
  while (!parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == http::error::need_buffer) ec = {};
    std::size_t got = chunk.size() - parser.get().body().size;
    std::size_t room = opt.max_body - std::min(opt.max_body, out.response.body.size());
    out.response.body.append(chunk.data(), std::min(got, room));
    if (got > room) {
      out.response.body_truncated = true;
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
      out.response.body_truncated = true;
      out.result.error = "connection ended during the body: " + ec.message();
      co_return;
    }
  }
}

template <typename Stream>
net::awaitable<StepResult> request(Stream& stream, const http::request<http::empty_body>& req, const HttpOptions& opt,
                                   HttpResponse& response) {
  Reading reading;
  bool in_time = co_await net::with_deadline(request_and_read(stream, req, opt, reading), opt.timeouts.http_request);
  if (!in_time) {
    if (!reading.headers_done)
      co_return StepResult{NetStatus::timeout, "no complete HTTP response within the deadline"};
    reading.response.body_truncated = true;
    reading.result.error = "deadline passed while reading the body";
  }
  if (reading.result.status == NetStatus::ok) response = std::move(reading.response);
  co_return reading.result;
}

bool safe_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return false;
  for (char c : target) {
    // Control characters or spaces in a request line would let a Location header write our request.
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

net::awaitable<HttpExchange> fetch_url(tcp::endpoint ep, const Url& url, const HttpOptions& opt,
                                       const std::vector<HttpHeader>& extra) {
  HttpExchange ex;
  ex.url = url.str();
  auto fail = [&ex](StepResult r) {
    ex.status = r.status;
    ex.error = std::move(r.error);
    return std::move(ex);
  };
  if (!safe_target(url.target)) co_return fail({NetStatus::protocol_error, "refusing to request an unsafe target"});

  http::request<http::empty_body> req{http::verb::get, url.target, 11};
  req.set(http::field::host, url.authority());
  req.set(http::field::user_agent, opt.user_agent);
  req.set(http::field::accept, kAccept);
  req.set(http::field::connection, "close");
  for (const auto& h : extra) req.set(h.name, h.value);

  try {
    auto executor = co_await asio::this_coro::executor;
    HttpResponse response;
    StepResult step;
    if (url.https) {
      ssl::context ctx = permissive_context();
      ssl::stream<tcp::socket> stream(executor, ctx);
      step = co_await connect(stream.next_layer(), ep, opt.timeouts.connect);
      if (step.status == NetStatus::ok) step = co_await handshake(stream, url.host, opt.timeouts.handshake);
      if (step.status == NetStatus::ok) step = co_await request(stream, req, opt, response);
    } else {
      tcp::socket socket(executor);
      step = co_await connect(socket, ep, opt.timeouts.connect);
      if (step.status == NetStatus::ok) step = co_await request(socket, req, opt, response);
    }
    if (step.status != NetStatus::ok) co_return fail(std::move(step));
    ex.error = std::move(step.error);  // a note, such as a body cut short
    ex.response = std::move(response);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    // Whatever the peer did, it must end as a status; this is the last line of that promise.
    co_return fail({NetStatus::protocol_error, std::string("unexpected failure: ") + e.what()});
  }
  co_return ex;
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

net::awaitable<HttpExchange> fetch_with_slot(net::Limiter& slots, tcp::endpoint ep, Url url, const HttpOptions& opt,
                                             std::vector<HttpHeader> extra) {
  auto slot = co_await slots.acquire();
  co_return co_await fetch_url(ep, url, opt, extra);
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

net::awaitable<std::vector<HttpExchange>> follow_redirects(net::tcp::endpoint address, Url current,
                                                           const HttpOptions& opt, net::Limiter& slots,
                                                           const RedirectResolver& resolve) {
  const std::string first_host = current.host;
  tcp::endpoint ep(address.address(), current.port);
  std::vector<HttpExchange> chain;
  while (true) {
    // The Origin goes along so that CORS can be judged on a site that has no HTTPS.
    chain.push_back(co_await fetch_with_slot(slots, ep, current, opt, origin_header(opt)));
    HttpExchange& hop = chain.back();
    if (hop.status != NetStatus::ok || !is_redirect(hop.response->status)) break;
    const std::string* location = hop.response->header("location");
    if (location == nullptr) break;
    auto next = resolve_reference(current, *location);
    if (!next) {
      hop.error = "redirect to a location that is not an http(s) URL";
      break;
    }
    if (chain.size() >= max_redirect_hops) {
      hop.error = "redirect limit of " + std::to_string(max_redirect_hops) + " reached";
      break;
    }
    std::optional<tcp::endpoint> next_ep;
    if (same_host(next->host, first_host)) {
      next_ep = tcp::endpoint(address.address(), next->port);
    } else {
      next_ep = co_await resolve_safely(resolve, next->host, next->port);
    }
    if (!next_ep) {
      HttpExchange not_contacted;
      not_contacted.url = next->str();
      not_contacted.status = NetStatus::unreachable;
      not_contacted.error =
          "redirect target not contacted: " + next->host + " cannot be resolved or may not be scanned";
      chain.push_back(std::move(not_contacted));
      break;
    }
    current = std::move(*next);
    ep = *next_ep;
  }
  co_return chain;
}

}  // namespace

net::awaitable<HttpExchange> fetch(net::tcp::endpoint ep, std::string host, bool https, std::string target,
                                   const HttpOptions& opt, std::vector<HttpHeader> extra) {
  Url url;
  url.https = https;
  url.host = text::to_lower(host);
  url.port = ep.port();
  url.target = std::move(target);
  co_return co_await fetch_url(ep, url, opt, extra);
}

net::awaitable<WebFacts> probe_web(net::tcp::endpoint address, std::string host, const HttpOptions& opt,
                                   net::Limiter& host_slots, RedirectResolver resolve) {
  using namespace asio::experimental::awaitable_operators;
  Url http_root{.https = false, .host = text::to_lower(host), .port = opt.http_port, .target = "/"};
  Url https_root{.https = true, .host = http_root.host, .port = opt.https_port, .target = "/"};
  Url security_txt = https_root;
  security_txt.target = "/.well-known/security.txt";
  tcp::endpoint https_ep(address.address(), opt.https_port);

  auto results = co_await (follow_redirects(address, http_root, opt, host_slots, resolve) &&
                           fetch_with_slot(host_slots, https_ep, https_root, opt, origin_header(opt)) &&
                           fetch_with_slot(host_slots, https_ep, security_txt, opt, std::vector<HttpHeader>{}));
  WebFacts facts;
  facts.http_chain = std::move(std::get<0>(results));
  facts.https_root = std::move(std::get<1>(results));
  facts.security_txt = std::move(std::get<2>(results));
  co_return facts;
}

}  // namespace weerbaar::scan::web
