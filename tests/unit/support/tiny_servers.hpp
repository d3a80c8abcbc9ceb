#pragma once
// Small real servers on a loopback address for engine tests, in a thread of their own: HTTPS
// (a self-signed certificate made at start, a tiny page), SMTP (greeting and EHLO, no
// STARTTLS) and plain listeners that accept and close. Enough for a whole scan to run through
// every probe quickly, so that tests can cancel it anywhere.
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <atomic>
#include <boost/asio/ssl/context.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace weerbaar::testing {

// A fresh P-256 key and a self-signed certificate for it (CN common_name, valid from an hour ago
// for a day).
struct SelfSigned {
  std::shared_ptr<EVP_PKEY> key;
  std::shared_ptr<X509> cert;
};
SelfSigned make_self_signed(const std::string& common_name);

// make_self_signed(common_name), installed in ctx.
void use_self_signed_certificate(boost::asio::ssl::context& ctx, const std::string& common_name);

class TinyServers {
 public:
  // https: port 443 (and 80 redirecting to it); smtp: port 25; extra: ports that accept and close.
  explicit TinyServers(const std::string& address, bool https = true, bool smtp = true,
                       std::vector<std::uint16_t> extra = {});
  ~TinyServers();
  TinyServers(const TinyServers&) = delete;
  TinyServers& operator=(const TinyServers&) = delete;

  // Connections accepted on a port so far.
  [[nodiscard]] int accepted(std::uint16_t port) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace weerbaar::testing
