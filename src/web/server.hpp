#pragma once
// The platform's HTTP/1.1 server: Boost.Beast on Asio coroutines, plain or TLS, a cap on the
// size of every request and a deadline on every step, and a graceful stop on SIGTERM/SIGINT
// (no new connections, requests in flight finish, then the process ends).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "web/http.hpp"
#include "web/tls_context.hpp"

namespace weerbaar::web {

// What the server knows about where a request came from.
struct Origin {
  bool https = false;          // over TLS, here or at a trusted proxy
  std::string client_address;  // the visitor's address (through a trusted proxy: its X-Forwarded-For)
};

using Dispatch = std::function<Response(const Request&, const Origin&)>;

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // ADDR:PORT; port 0 picks a free one (tests)
  std::optional<TlsFiles> tls;
  // Plain HTTP that only redirects to the HTTPS address (e.g. port 80 beside 443).
  std::string redirect_listen;
  // Reverse proxies whose X-Forwarded-Proto and X-Forwarded-For are believed.
  std::vector<std::string> trusted_proxies;
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 1024 * 1024;
  std::chrono::seconds request_timeout{20};  // from the first byte to the whole request
  std::chrono::seconds idle_timeout{30};     // keep-alive between requests
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds shutdown_grace{10};
  int threads = 4;
};

class ServerError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses ADDR:PORT or [V6]:PORT; throws ServerError with a one-line reason.
std::pair<std::string, std::uint16_t> parse_listen(const std::string& s);

class Server {
 public:
  Server(ServerOptions opt, Dispatch dispatch);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listeners and starts the threads; throws ServerError (address in use, bad TLS
  // files) before anything is served.
  void start();
  [[nodiscard]] std::uint16_t port() const;
  [[nodiscard]] std::uint16_t redirect_port() const;
  // Blocks until stop() or, when handle_signals, SIGTERM/SIGINT; then stops gracefully.
  void wait(bool handle_signals);
  // Graceful stop; safe from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace weerbaar::web
