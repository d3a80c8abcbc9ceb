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

// Adds the system's roots to store as OpenSSL's default verify paths do, less their OSSL_STORE
// lookup: the bundle file (SSL_CERT_FILE, else OpenSSL's default), read into memory, and the
// hashed directory (SSL_CERT_DIR, else the default), where a root not in the bundle is found by
// a stat of its hash. OpenSSL 3's default paths also add an OSSL_STORE lookup of the same
// directory, which lists the whole directory at every check of a certificate whose issuer is not
// in memory: every self-signed or privately issued certificate, and all of the lab's. That
// listing cost more CPU than the check (docs/benchmarks.md), and finds nothing the hashed
// lookup does not. A missing file or directory is not an error (as with OpenSSL's defaults: the
// store is then empty and nothing is trusted); false only when OpenSSL could not add a lookup.
bool load_system_roots(X509_STORE* store);

// The roots a certificate chain is judged against: the system store, or only ca_file when it
// is given (the lab's CA). nullptr when they cannot be loaded.
std::shared_ptr<X509_STORE> trusted_roots(const std::string& ca_file);

}  // namespace weerbaar::scan::net
