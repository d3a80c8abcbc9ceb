#pragma once
// TLS client contexts and trusted roots, built once and shared by every connection of the
// process. Building an SSL_CTX and reading the system's certificate bundle each cost more CPU
// than a handshake, and a scan makes dozens of connections (docs/benchmarks.md).
//
// What is shared is read-only once built: OpenSSL lets many threads make connections from one
// SSL_CTX and verify against one X509_STORE. The client session cache stays off (OpenSSL's
// default for clients), so no connection resumes another's session: every probe sees a full
// handshake. Each object is built again when it is older than kTrustLifetime, so that a server
// running for months sees changes to the system store; a connection holds its context (and the
// SSL_CTX holds its store) while it runs.
#include <openssl/x509.h>

#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <memory>
#include <string>

namespace weerbaar::scan::net {

inline constexpr std::chrono::minutes kTrustLifetime{60};

using SharedSslContext = std::shared_ptr<boost::asio::ssl::context>;

// A TLS client that can talk to anything, old or broken, so that the scan can look at it: the
// scanner judges weaknesses, it must not refuse to see them. max_version 0: no upper bound.
SharedSslContext permissive_client_context(int max_version = 0);

// A TLS client that verifies: the system store plus ca_file (when not empty), TLS 1.2 or later,
// peer verification on (the caller names the host with SSL_set1_host). nullptr when ca_file
// cannot be read.
SharedSslContext verifying_client_context(const std::string& ca_file);

// Adds the system's roots to store, all read into memory from the bundle file (SSL_CERT_FILE,
// else OpenSSL's default; Debian's ca-certificates.crt holds every root of /etc/ssl/certs).
// OpenSSL's default paths add two lookups on disk besides the file, and they run for every
// certificate whose issuer is not in memory: a stat per hash, and a listing of the whole
// certificate directory for the OSSL_STORE lookup. For a self-signed or privately issued
// certificate that is every check, at more CPU than the check itself (docs/benchmarks.md). The
// hashed directory (SSL_CERT_DIR, else the default) is used only when there is no bundle file,
// as on systems that ship only the directory. false: neither could be read.
bool load_system_roots(X509_STORE* store);

// The roots a certificate chain is judged against: the system store, or only ca_file when it
// is given (the lab's CA). nullptr when they cannot be loaded.
std::shared_ptr<X509_STORE> trusted_roots(const std::string& ca_file);

}  // namespace weerbaar::scan::net
