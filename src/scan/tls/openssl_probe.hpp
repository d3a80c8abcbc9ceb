#pragma once
// The parts of a TLS check that need a complete handshake, done with OpenSSL: the certificate
// chain and its trust, OCSP stapling, TLS 1.3 0-RTT, and client-initiated renegotiation.
// (Versions, suites and groups come from hand-built ClientHellos in hello_prober.)
#include <string>

#include "scan/facts.hpp"
#include "scan/net/async.hpp"
#include "scan/tls/before_tls.hpp"

namespace weerbaar::scan::tls {

struct OpenSslProbeOptions {
  std::string sni;
  std::string ca_file;  // PEM bundle of trusted roots; empty: the system store
  net::Timeouts timeouts;
  BeforeTls before_tls{};  // empty on port 443; STARTTLS for a mail server
};

// Fills out.certificate, out.client_renegotiation and out.early_data.
net::awaitable<void> probe_openssl(net::tcp::endpoint ep, const OpenSslProbeOptions& opt, net::Limiter& host_slots,
                                   TlsFacts& out);

// Reads what the facts need from one certificate (exposed for tests).
CertificateInfo describe_certificate(const void* x509);

}  // namespace weerbaar::scan::tls
