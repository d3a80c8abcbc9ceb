#include "scan/net/tls_contexts.hpp"

#include <openssl/err.h>
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
  X509_STORE* store = SSL_CTX_get_cert_store(ctx->native_handle());
  // Without the system's roots only ca_file is trusted, if any (as OpenSSL's default paths did).
  load_system_roots(store);
  if (!ca_file.empty() && X509_STORE_load_file(store, ca_file.c_str()) != 1) {
    ERR_clear_error();
    return nullptr;
  }
  ctx->set_verify_mode(ssl::verify_peer);
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
  return ctx;
}

std::shared_ptr<X509_STORE> build_roots(const std::string& ca_file) {
  std::shared_ptr<X509_STORE> store(X509_STORE_new(), X509_STORE_free);
  if (!store) return nullptr;
  const bool loaded =
      ca_file.empty() ? load_system_roots(store.get()) : X509_STORE_load_file(store.get(), ca_file.c_str()) == 1;
  if (!loaded) ERR_clear_error();
  return loaded ? store : nullptr;
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

bool load_system_roots(X509_STORE* store) {
  // OpenSSL's X509_STORE_set_default_paths less its third lookup, the OSSL_STORE one.
  X509_LOOKUP* file = X509_STORE_add_lookup(store, X509_LOOKUP_file());
  if (file != nullptr) X509_LOOKUP_load_file(file, nullptr, X509_FILETYPE_DEFAULT);
  X509_LOOKUP* dir = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir());
  if (dir != nullptr) X509_LOOKUP_add_dir(dir, nullptr, X509_FILETYPE_DEFAULT);
  // A missing bundle or directory is no error of the next TLS call on this thread.
  ERR_clear_error();
  return file != nullptr && dir != nullptr;
}

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
