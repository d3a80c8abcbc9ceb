#pragma once
// The scan's one HTTP/1.1 client, over plain TCP or TLS (through the connection layer in
// scan/net). By default it looks at a website the way a browser first meets it, with the
// certificate deliberately not verified: the TLS checks judge it, and a site with a bad
// certificate still has headers worth reading. With verify_certificate it fetches what RFC 8461
// demands of an MTA-STS policy (trusted roots, a name match, TLS 1.2 or later). Every step has a
// deadline and every size a cap, so a hostile server ends as a NetStatus, never as a hang.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scan/facts.hpp"
#include "scan/net/async.hpp"

namespace weerbaar::scan::web {

struct HttpOptions {
  std::string user_agent;
  net::Timeouts timeouts;
  std::size_t max_body = 512 * 1024;
  std::string cors_probe_origin = "https://weerbaar-cors-probe.invalid";
  std::size_t max_header_bytes = 64 * 1024;  // status line and all headers together
  // Where probe_web finds the site; other than 80/443 only in the lab and in tests.
  std::uint16_t http_port = 80;
  std::uint16_t https_port = 443;
  std::string accept = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.8";
  // Verify the certificate against the trusted roots (the system store plus ca_file) and the
  // host name, and refuse anything below TLS 1.2. Off: read any server, however old or broken.
  bool verify_certificate = false;
  std::string ca_file{};
  // The host's connection limit (--host-connections), which the slots given to probe_web
  // enforce: with 1, the pool keeps one connection per origin rather than two.
  int host_connections = 6;
};

// The most exchanges in WebFacts::http_chain: the first request and the redirects it led to.
inline constexpr std::size_t max_redirect_hops = 10;

// Resolves a host name met in a redirect to an endpoint the scanner may contact (the engine
// applies its safety rules); nullopt = may not / cannot.
using RedirectResolver =
    std::function<net::awaitable<std::optional<net::tcp::endpoint>>(std::string host, std::uint16_t port)>;

// One GET of target on ep, with host as Host header and (for https) SNI. Never throws for
// anything the network or the server does. With verify_certificate, a certificate that is not
// accepted ends as tls_failed and, when certificate_error is given, its reason lands there.
net::awaitable<HttpExchange> fetch(net::tcp::endpoint ep, std::string host, bool https, std::string target,
                                   const HttpOptions& opt, std::vector<HttpHeader> extra = {},
                                   std::string* certificate_error = nullptr);

// Asks one origin for one target after another over a connection kept open between them
// (RFC 9112 section 9.3): one connection and one TLS handshake for many small requests, which
// costs the scanner less CPU and the business's server fewer connections. A new connection is
// opened only when the server closes one or an answer is cut short (a capped body, a
// deadline); a request that got no answer on a connection the server had just closed is asked
// again on a new one. Each answer is what fetch() gives for the same target.
class KeptConnection {
 public:
  KeptConnection(const net::tcp::endpoint& ep, const std::string& host, bool https, const HttpOptions& opt);
  ~KeptConnection();
  KeptConnection(const KeptConnection&) = delete;
  KeptConnection& operator=(const KeptConnection&) = delete;

  // One at a time: the next get() after the previous one returned. extra: headers for this
  // request only; max_body: this answer's cap, when not the options' own.
  net::awaitable<HttpExchange> get(std::string target, std::vector<HttpHeader> extra = {},
                                   std::optional<std::size_t> max_body = std::nullopt);
  // Whether the next get() can use the connection as it is.
  [[nodiscard]] bool is_open() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Url;

// The connections of one site's probe: at most two kept open per origin (scheme, host and
// address), shared by every request to it, so that a site costs two TLS handshakes rather than
// one per request. Every kept connection holds one of the host's slots, idle or not, so the
// host's connection limit counts it; a request that needs a new connection first closes the
// pool's idle ones to other origins, and a connection is not kept while a request of the pool
// waits for a slot, so the pool never waits on itself. For use from one strand (a domain's
// executor); lives as long as the probe that made it.
class OriginPool {
 public:
  OriginPool(net::asio::any_io_executor ex, const HttpOptions& opt, net::Limiter& host_slots);
  ~OriginPool();
  OriginPool(const OriginPool&) = delete;
  OriginPool& operator=(const OriginPool&) = delete;

  // What fetch() gives for url at ep, over one of the origin's connections.
  net::awaitable<HttpExchange> get(net::tcp::endpoint ep, Url url, std::vector<HttpHeader> extra = {},
                                   std::optional<std::size_t> max_body = std::nullopt);

 private:
  struct Origin;
  net::asio::any_io_executor ex_;
  const HttpOptions& opt_;
  net::Limiter& host_slots_;
  std::vector<std::unique_ptr<Origin>> origins_;
  int waiting_for_slot_ = 0;  // requests of this pool waiting for a host slot
};

// Fills WebFacts: the http:// redirect chain, the https:// root (with a foreign Origin, to see
// CORS) and /.well-known/security.txt, concurrently; then the page the root leads to within the
// site and the extra paths; every request over one OriginPool.
net::awaitable<WebFacts> probe_web(net::tcp::endpoint address, std::string host, const HttpOptions& opt,
                                   net::Limiter& host_slots, RedirectResolver resolve);

}  // namespace weerbaar::scan::web
