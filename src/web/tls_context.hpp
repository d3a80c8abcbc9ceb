#pragma once
// The TLS configuration of `weerbaar serve --tls-cert/--tls-key`: what NCSC-NL rates good, so
// that the platform passes Weerbaar's own TLS checks. TLS 1.2 and 1.3 only, ECDHE with AEAD
// suites in the server's order, no compression, no renegotiation, no 0-RTT, and an OCSP
// response stapled when one is given.
#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <stdexcept>
#include <string>

namespace weerbaar::web {

struct TlsFiles {
  std::string cert;  // PEM: the certificate, then the intermediates
  std::string key;   // PEM private key
  std::string ocsp;  // optional: a DER OCSP response to staple (refreshed by an outside job)
};

class TlsConfigError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

class OcspStaple;

// The context and what it refers to; keep both alive while the server runs.
struct ServerTls {
  std::shared_ptr<boost::asio::ssl::context> context;
  std::shared_ptr<OcspStaple> staple;
};

// Throws TlsConfigError with a one-line reason when a file cannot be used.
ServerTls make_server_tls(const TlsFiles& files);

}  // namespace weerbaar::web
