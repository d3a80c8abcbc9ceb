#include "scan/net/tls_contexts.hpp"

#include <openssl/ssl.h>

#include <map>
#include <mutex>

namespace weerbaar::scan::net {
namespace {

namespace ssl = boost::asio::ssl;
using Clock = std::chrono::steady_clock;

ssl::context build_permissive(int max_version) {
  ssl::context ctx(ssl::context::tls_client);
  SSL_CTX* native = ctx.native_handle();
  SSL_CTX_set_security_level(native, 0);
  SSL_CTX_set_cipher_list(native, "ALL:COMPLEMENTOFALL:@SECLEVEL=0");
  SSL_CTX_set_min_proto_version(native, TLS1_VERSION);
  if (max_version != 0) SSL_CTX_set_max_proto_version(native, max_version);
  SSL_CTX_set_options(native, SSL_OP_LEGACY_SERVER_CONNECT);
  SSL_CTX_set_verify(native, SSL_VERIFY_NONE, nullptr);
  return ctx;
}

SharedSslContext build_verifying(const std::string& ca_file) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
  boost::system::error_code no_system_store;  // then only ca_file is trusted, if any
  ctx->set_default_verify_paths(no_system_store);
  if (!ca_file.empty()) {
    boost::system::error_code ec;
    ctx->load_verify_file(ca_file, ec);
    if (ec) return nullptr;
  }
  ctx->set_verify_mode(ssl::verify_peer);
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
  return ctx;
}

std::shared_ptr<X509_STORE> build_roots(const std::string& ca_file) {
  std::shared_ptr<X509_STORE> store(X509_STORE_new(), X509_STORE_free);
  if (!store) return nullptr;
  const int loaded =
      ca_file.empty() ? X509_STORE_set_default_paths(store.get()) : X509_STORE_load_file(store.get(), ca_file.c_str());
  return loaded == 1 ? store : nullptr;
}

// One object per key, built on first use and again when older than kTrustLifetime. A failure
// is not kept: the next caller tries again (and gets the same answer for a missing file).
template <typename Key, typename T>
class Cache {
 public:
  template <typename Build>
  std::shared_ptr<T> get(const Key& key, Build build) {
    std::lock_guard lock(mutex_);
    auto now = Clock::now();
    auto it = entries_.find(key);
    if (it != entries_.end() && now - it->second.built < kTrustLifetime) return it->second.value;
    auto value = build();
    if (value) entries_[key] = {value, now};
    return value;
  }

 private:
  struct Entry {
    std::shared_ptr<T> value;
    Clock::time_point built;
  };
  std::mutex mutex_;
  std::map<Key, Entry> entries_;
};

}  // namespace

// The caches live until the process ends and are never destroyed: a destructor run at exit
// could free an SSL_CTX after OpenSSL's own clean-up at exit.

SharedSslContext permissive_client_context(int max_version) {
  static auto* cache = new Cache<int, ssl::context>;  // never destroyed: see above
  return cache->get(max_version, [&] { return std::make_shared<ssl::context>(build_permissive(max_version)); });
}

SharedSslContext verifying_client_context(const std::string& ca_file) {
  static auto* cache = new Cache<std::string, ssl::context>;  // never destroyed: see above
  return cache->get(ca_file, [&] { return build_verifying(ca_file); });
}

std::shared_ptr<X509_STORE> trusted_roots(const std::string& ca_file) {
  static auto* cache = new Cache<std::string, X509_STORE>;  // never destroyed: see above
  return cache->get(ca_file, [&] { return build_roots(ca_file); });
}

}  // namespace weerbaar::scan::net
