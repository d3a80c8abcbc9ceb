#include "web/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <vector>

namespace weerbaar::web {
namespace {

// NCSC-NL "good": ECDHE with AES-GCM or ChaCha20-Poly1305, for ECDSA and RSA certificates.
constexpr const char* kCiphers =
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256";
constexpr const char* kGroups = "X25519:P-256:P-384";

std::string openssl_error() {
  unsigned long e = ERR_get_error();
  if (e == 0) return "unknown error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return buf;
}

}  // namespace

// The stapled response, read again when the file changes, so a renewal job can replace it
// without a restart.
class OcspStaple {
 public:
  explicit OcspStaple(std::string path) : path_(std::move(path)) { reload(); }
  std::vector<unsigned char> current() {
    std::lock_guard lock(mu_);
    std::error_code ec;
    auto mtime = std::filesystem::last_write_time(path_, ec);
    if (!ec && mtime != mtime_) load(mtime);
    return der_;
  }

 private:
  void reload() {
    std::error_code ec;
    auto mtime = std::filesystem::last_write_time(path_, ec);
    if (ec) throw TlsConfigError("cannot read OCSP response '" + path_ + "'");
    load(mtime);
    if (der_.empty()) throw TlsConfigError("OCSP response '" + path_ + "' is empty");
  }
  void load(std::filesystem::file_time_type mtime) {
    std::ifstream in(path_, std::ios::binary);
    if (!in) return;
    der_.assign(std::istreambuf_iterator<char>(in), {});
    mtime_ = mtime;
  }
  std::string path_;
  std::mutex mu_;
  std::filesystem::file_time_type mtime_{};
  std::vector<unsigned char> der_;
};

namespace {

int staple(SSL* ssl, void* arg) {
  auto der = static_cast<OcspStaple*>(arg)->current();
  if (der.empty()) return SSL_TLSEXT_ERR_NOACK;
  auto* copy = static_cast<unsigned char*>(OPENSSL_malloc(der.size()));
  if (copy == nullptr) return SSL_TLSEXT_ERR_NOACK;
  std::copy(der.begin(), der.end(), copy);
  // OpenSSL takes ownership of copy.
  SSL_set_tlsext_status_ocsp_resp(ssl, copy, static_cast<long>(der.size()));
  return SSL_TLSEXT_ERR_OK;
}

}  // namespace

ServerTls make_server_tls(const TlsFiles& files) {
  namespace ssl = boost::asio::ssl;
  ServerTls out;
  out.context = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* c = out.context->native_handle();
  SSL_CTX_set_min_proto_version(c, TLS1_2_VERSION);
  SSL_CTX_set_options(c, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_max_early_data(c, 0);
  if (SSL_CTX_set_cipher_list(c, kCiphers) != 1) throw TlsConfigError("cipher list refused: " + openssl_error());
  if (SSL_CTX_set1_groups_list(c, kGroups) != 1) throw TlsConfigError("groups refused: " + openssl_error());
  if (SSL_CTX_use_certificate_chain_file(c, files.cert.c_str()) != 1)
    throw TlsConfigError("cannot use certificate '" + files.cert + "': " + openssl_error());
  if (SSL_CTX_use_PrivateKey_file(c, files.key.c_str(), SSL_FILETYPE_PEM) != 1)
    throw TlsConfigError("cannot use key '" + files.key + "': " + openssl_error());
  if (SSL_CTX_check_private_key(c) != 1)
    throw TlsConfigError("key '" + files.key + "' does not belong to certificate '" + files.cert + "'");
  if (!files.ocsp.empty()) {
    out.staple = std::make_shared<OcspStaple>(files.ocsp);
    SSL_CTX_set_tlsext_status_cb(c, staple);
    SSL_CTX_set_tlsext_status_arg(c, out.staple.get());
  }
  return out;
}

}  // namespace weerbaar::web
