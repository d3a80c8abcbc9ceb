#include "web/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include "web/security_headers.hpp"

namespace weerbaar::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// A Host header we are willing to put into a redirect: a name or address, maybe a port.
std::optional<std::string> host_without_port(std::string_view host) {
  if (host.empty() || host.size() > 255) return std::nullopt;
  std::string_view name = host;
  if (host.front() == '[') {
    auto close = host.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    name = host.substr(0, close + 1);
  } else if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
    name = host.substr(0, colon);
  }
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == ':' || c == '[' || c == ']';
    if (!ok) return std::nullopt;
  }
  return name.empty() ? std::nullopt : std::optional<std::string>(name);
}

Response error_response(http::status status) {
  Response res{status, 11};
  res.set(http::field::content_type, "text/plain; charset=utf-8");
  res.body() = std::to_string(static_cast<int>(status)) + " " + std::string(http::obsolete_reason(status)) + "\n";
  return res;
}

// Beast reports an oversized request through these; the answer says which limit was hit.
std::optional<http::status> status_for_read_error(const boost::system::error_code& ec) {
  if (ec == http::error::body_limit) return http::status::payload_too_large;
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow)
    return http::status::request_header_fields_too_large;
  if (ec.category() == boost::system::error_code(http::error::bad_target).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message && ec != http::error::need_more) {
    return http::status::bad_request;
  }
  return std::nullopt;
}

}  // namespace

std::pair<std::string, std::uint16_t> parse_listen(const std::string& s) {
  auto colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == s.size())
    throw ServerError("'" + s + "' is not ADDR:PORT (e.g. 127.0.0.1:8080)");
  std::string host = s.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  if (ec) throw ServerError("'" + host + "' is not an IP address (listen on an address, not a name)");
  unsigned long port = 0;
  try {
    std::size_t used = 0;
    port = std::stoul(s.substr(colon + 1), &used);
    if (used != s.size() - colon - 1) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    throw ServerError("'" + s.substr(colon + 1) + "' is not a port number");
  }
  if (port > 65535) throw ServerError("port " + std::to_string(port) + " is above 65535");
  return {host, static_cast<std::uint16_t>(port)};
}

// A connection the stop can reach: idle keep-alive connections are closed at once, busy ones
// finish their response first. Touched only on the connection's strand.
struct Conn {
  asio::any_io_executor executor;
  std::function<void()> cancel;
  bool busy = false;
};

struct Server::Impl {
  Impl(ServerOptions o, Dispatch d) : opt(std::move(o)), dispatch(std::move(d)), signals(ioc) {}

  ServerOptions opt;
  Dispatch dispatch;
  asio::io_context ioc;
  ServerTls tls;
  std::optional<tcp::acceptor> main_acceptor;
  std::optional<tcp::acceptor> redirect_acceptor;
  std::uint16_t main_port = 0;
  std::uint16_t https_port = 0;
  std::uint16_t redirect_port = 0;
  std::vector<asio::ip::address> trusted;
  std::vector<std::thread> threads;
  asio::signal_set signals;
  std::atomic<bool> stopping{false};
  std::mutex conns_mu;
  std::set<std::shared_ptr<Conn>> conns;

  tcp::acceptor bind(const std::string& listen) {
    auto [host, port] = parse_listen(listen);
    tcp::endpoint ep(asio::ip::make_address(host), port);
    tcp::acceptor acc(ioc);
    boost::system::error_code ec;
    acc.open(ep.protocol(), ec);
    if (!ec) acc.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acc.bind(ep, ec);
    if (!ec) acc.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw ServerError("cannot listen on " + listen + ": " + ec.message());
    return acc;
  }

  Origin origin_of(const Request& req, const std::string& peer, bool tls_here) const {
    Origin o{tls_here, peer};
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(peer, ec);
    if (ec || std::find(trusted.begin(), trusted.end(), addr) == trusted.end()) return o;
    // The proxy appends the address it saw last: the rightmost entry is the one it vouches for.
    if (auto it = req.find("X-Forwarded-For"); it != req.end()) {
      std::string_view v(it->value().data(), it->value().size());
      auto comma = v.rfind(',');
      std::string client = trim(comma == std::string_view::npos ? v : v.substr(comma + 1));
      if (!client.empty()) o.client_address = client;
    }
    if (auto it = req.find("X-Forwarded-Proto"); it != req.end()) {
      std::string proto = trim(std::string_view(it->value().data(), it->value().size()));
      o.https = tls_here || proto == "https";
    }
    return o;
  }

  Response redirect_to_https(const Request& req) const {
    auto host = host_without_port(std::string_view(req[http::field::host].data(), req[http::field::host].size()));
    if (!host) return error_response(http::status::bad_request);
    std::string location = "https://" + *host;
    if (https_port != 443) location += ":" + std::to_string(https_port);
    std::string_view target(req.target().data(), req.target().size());
    location += target.starts_with('/') ? std::string(target) : "/";
    Response res{http::status::moved_permanently, 11};
    res.set(http::field::location, location);
    return res;
  }

  Response handle(const Request& req, const Origin& origin, bool redirect_only) const {
    if (redirect_only) return redirect_to_https(req);
    try {
      return dispatch(req, origin);
    } catch (const std::exception& e) {
      // No request data in the log: it may hold personal data.
      std::cerr << "weerbaar serve: internal error: " << e.what() << "\n";
      return error_response(http::status::internal_server_error);
    }
  }

  void finish(Response& res, const Request* req, bool https) const {
    add_security_headers(res, https);
    bool head = req != nullptr && req->method() == http::verb::head;
    res.keep_alive(req != nullptr && req->keep_alive() && !stopping);
    res.prepare_payload();
    if (head) {
      auto length = res.body().size();
      res.body().clear();
      res.content_length(length);
    }
  }

  template <typename Stream>
  asio::awaitable<void> serve(Stream& stream, Conn& conn, const std::string& peer, bool tls_here, bool redirect_only) {
    beast::flat_buffer buffer;
    while (!stopping) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(opt.header_limit));
      parser.body_limit(opt.body_limit);
      beast::get_lowest_layer(stream).expires_after(opt.request_timeout);
      conn.busy = false;
      auto [ec, n] = co_await http::async_read(stream, buffer, parser, tuple_awaitable);
      conn.busy = true;
      if (ec) {
        auto status = status_for_read_error(ec);
        if (!status) co_return;  // closed, timed out or cancelled: nobody to answer
        Response res = error_response(*status);
        finish(res, nullptr, tls_here);
        beast::get_lowest_layer(stream).expires_after(opt.write_timeout);
        co_await http::async_write(stream, res, tuple_awaitable);
        co_return;
      }
      Request req = parser.release();
      Origin origin = origin_of(req, peer, tls_here);
      Response res = handle(req, origin, redirect_only);
      finish(res, &req, origin.https);
      beast::get_lowest_layer(stream).expires_after(opt.write_timeout);
      auto [wec, wn] = co_await http::async_write(stream, res, tuple_awaitable);
      if (wec || !res.keep_alive()) co_return;
    }
  }

  std::shared_ptr<Conn> enter(asio::any_io_executor ex) {
    auto conn = std::make_shared<Conn>();
    conn->executor = std::move(ex);
    std::lock_guard lock(conns_mu);
    conns.insert(conn);
    return conn;
  }

  void leave(const std::shared_ptr<Conn>& conn) {
    conn->cancel = nullptr;
    std::lock_guard lock(conns_mu);
    conns.erase(conn);
  }

  asio::awaitable<void> session(tcp::socket socket, bool redirect_only) {
    boost::system::error_code ec;
    auto remote = socket.remote_endpoint(ec);
    std::string peer = ec ? std::string() : remote.address().to_string();
    socket.set_option(tcp::no_delay(true), ec);
    auto conn = enter(socket.get_executor());
    beast::tcp_stream plain(std::move(socket));
    if (tls.context && !redirect_only) {
      beast::ssl_stream<beast::tcp_stream> stream(std::move(plain), *tls.context);
      conn->cancel = [&stream] { beast::get_lowest_layer(stream).cancel(); };
      beast::get_lowest_layer(stream).expires_after(opt.request_timeout);
      auto [hec] = co_await stream.async_handshake(ssl::stream_base::server, tuple_awaitable);
      if (!hec) {
        co_await serve(stream, *conn, peer, true, false);
        beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
        co_await stream.async_shutdown(tuple_awaitable);
      }
    } else {
      conn->cancel = [&plain] { plain.cancel(); };
      co_await serve(plain, *conn, peer, false, redirect_only);
      plain.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
    leave(conn);
  }

  asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, bool redirect_only) {
    while (!stopping) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), tuple_awaitable);
      if (ec == asio::error::operation_aborted || stopping) co_return;
      if (ec) {
        // Out of file descriptors and the like: wait a moment rather than spin.
        asio::steady_timer pause(ioc, std::chrono::milliseconds(100));
        co_await pause.async_wait(tuple_awaitable);
        continue;
      }
      auto ex = socket.get_executor();
      asio::co_spawn(ex, session(std::move(socket), redirect_only), asio::detached);
    }
  }

  asio::awaitable<void> drain() {
    auto deadline = std::chrono::steady_clock::now() + opt.shutdown_grace;
    asio::steady_timer timer(ioc);
    for (;;) {
      {
        std::lock_guard lock(conns_mu);
        if (conns.empty() || std::chrono::steady_clock::now() >= deadline) break;
      }
      timer.expires_after(std::chrono::milliseconds(50));
      co_await timer.async_wait(tuple_awaitable);
    }
    ioc.stop();
  }

  void begin_shutdown() {
    boost::system::error_code ec;
    if (main_acceptor) main_acceptor->close(ec);
    if (redirect_acceptor) redirect_acceptor->close(ec);
    signals.cancel(ec);
    {
      std::lock_guard lock(conns_mu);
      for (const auto& conn : conns) {
        asio::post(conn->executor, [conn] {
          if (!conn->busy && conn->cancel) conn->cancel();
        });
      }
    }
    // Outside the lock: co_spawn may start drain() on this thread at once.
    asio::co_spawn(ioc, drain(), asio::detached);
  }
};

Server::Server(ServerOptions opt, Dispatch dispatch)
    : impl_(std::make_unique<Impl>(std::move(opt), std::move(dispatch))) {}

Server::~Server() {
  stop();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
}

void Server::start() {
  Impl& m = *impl_;
  for (const auto& p : m.opt.trusted_proxies) {
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(p, ec);
    if (ec) throw ServerError("trusted proxy '" + p + "' is not an IP address");
    m.trusted.push_back(addr);
  }
  if (m.opt.tls) {
    try {
      m.tls = make_server_tls(*m.opt.tls);
    } catch (const TlsConfigError& e) {
      throw ServerError(e.what());
    }
  }
  if (!m.opt.redirect_listen.empty() && !m.opt.tls)
    throw ServerError("a redirect to HTTPS needs --tls-cert and --tls-key");
  m.main_acceptor.emplace(m.bind(m.opt.listen));
  m.main_port = m.main_acceptor->local_endpoint().port();
  m.https_port = m.main_port;
  if (!m.opt.redirect_listen.empty()) {
    m.redirect_acceptor.emplace(m.bind(m.opt.redirect_listen));
    m.redirect_port = m.redirect_acceptor->local_endpoint().port();
  }
  asio::co_spawn(m.ioc, m.accept_loop(*m.main_acceptor, false), asio::detached);
  if (m.redirect_acceptor) asio::co_spawn(m.ioc, m.accept_loop(*m.redirect_acceptor, true), asio::detached);
  for (int i = 0; i < std::max(1, m.opt.threads); ++i) m.threads.emplace_back([&m] { m.ioc.run(); });
}

std::uint16_t Server::port() const {
  return impl_->main_port;
}

std::uint16_t Server::redirect_port() const {
  return impl_->redirect_port;
}

void Server::wait(bool handle_signals) {
  Impl& m = *impl_;
  if (handle_signals) {
    m.signals.add(SIGINT);
    m.signals.add(SIGTERM);
    m.signals.async_wait([this](const boost::system::error_code& ec, int) {
      if (!ec) stop();
    });
  }
  for (auto& t : m.threads) {
    if (t.joinable()) t.join();
  }
}

void Server::stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->ioc, [m = impl_.get()] { m->begin_shutdown(); });
}

}  // namespace weerbaar::web
