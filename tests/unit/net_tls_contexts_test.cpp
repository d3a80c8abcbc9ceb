// The TLS client contexts and trusted roots are built once per kind and shared
// (scan/net/tls_contexts.hpp), and sharing them never lets one probe resume another's session.
#include "scan/net/tls_contexts.hpp"

#include "support/tiny_servers.hpp"

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

namespace weerbaar::scan::net {
namespace {

TEST(TlsContexts, OneContextPerKindSharedByEveryCaller) {
  auto any = permissive_client_context();
  ASSERT_NE(any, nullptr);
  EXPECT_EQ(permissive_client_context(), any);
  auto up_to_12 = permissive_client_context(TLS1_2_VERSION);
  ASSERT_NE(up_to_12, nullptr);
  EXPECT_NE(up_to_12, any);
  EXPECT_EQ(SSL_CTX_get_max_proto_version(up_to_12->native_handle()), TLS1_2_VERSION);
  EXPECT_EQ(permissive_client_context(TLS1_2_VERSION), up_to_12);
  auto verifying = verifying_client_context("");
  ASSERT_NE(verifying, nullptr);
  EXPECT_EQ(verifying_client_context(""), verifying);
  EXPECT_EQ(SSL_CTX_get_verify_mode(verifying->native_handle()), SSL_VERIFY_PEER);
  EXPECT_EQ(SSL_CTX_get_verify_mode(any->native_handle()), SSL_VERIFY_NONE);
}

TEST(TlsContexts, SharedContextsKeepNoClientSessions) {
  // A shared client context with a session cache would let the second probe of a host resume
  // the first one's session and see no full handshake (no certificate, no key exchange).
  for (const auto& ctx :
       {permissive_client_context(), permissive_client_context(TLS1_2_VERSION), verifying_client_context("")}) {
    EXPECT_EQ(SSL_CTX_get_session_cache_mode(ctx->native_handle()) & SSL_SESS_CACHE_CLIENT, 0);
  }
}

TEST(TlsContexts, TrustedRootsLoadedOnce) {
  auto system = trusted_roots("");
  ASSERT_NE(system, nullptr);
  EXPECT_EQ(trusted_roots(""), system);
}

TEST(TlsContexts, UnreadableCaFileIsNoContextAndNotRemembered) {
  EXPECT_EQ(verifying_client_context("/nonexistent/weerbaar-ca.pem"), nullptr);
  EXPECT_EQ(trusted_roots("/nonexistent/weerbaar-ca.pem"), nullptr);
  EXPECT_EQ(verifying_client_context("/nonexistent/weerbaar-ca.pem"), nullptr);
}

using StorePtr = std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)>;

std::shared_ptr<X509> self_signed(const std::string& common_name) {
  return testing::make_self_signed(common_name).cert;
}

void write_pem(const std::filesystem::path& path, X509* cert) {
  std::unique_ptr<FILE, decltype(&std::fclose)> f(std::fopen(path.c_str(), "w"), std::fclose);
  ASSERT_NE(f, nullptr) << path;
  ASSERT_EQ(PEM_write_X509(f.get(), cert), 1);
}

bool trusted(X509_STORE* store, X509* cert) {
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(), X509_STORE_CTX_free);
  X509_STORE_CTX_init(ctx.get(), store, cert, nullptr);
  return X509_verify_cert(ctx.get()) == 1;
}

// The environment variable's value before a test, put back after it.
class SavedEnv {
 public:
  explicit SavedEnv(const char* name) : name_(name) {
    if (const char* v = std::getenv(name)) value_ = v;  // NOLINT(concurrency-mt-unsafe): tests are single-threaded here
  }
  SavedEnv(const SavedEnv&) = delete;
  SavedEnv& operator=(const SavedEnv&) = delete;
  ~SavedEnv() {
    if (value_) {
      ::setenv(name_, value_->c_str(), 1);  // NOLINT(concurrency-mt-unsafe)
    } else {
      ::unsetenv(name_);  // NOLINT(concurrency-mt-unsafe)
    }
  }

 private:
  const char* name_;
  std::optional<std::string> value_;
};

// A bundle file with one root, and a hashed directory with another root that the file lacks.
class SystemRoots : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("weerbaar-roots-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "certs");
    write_pem(dir_ / "bundle.pem", in_bundle_.get());
    write_pem(dir_ / "lab-ca.pem", lab_ca_.get());
    std::ostringstream hashed;  // the name OpenSSL's hashed lookup stats: <subject hash>.0
    hashed << std::hex << std::setw(8) << std::setfill('0')
           << X509_NAME_hash_ex(X509_get_subject_name(only_in_directory_.get()), nullptr, nullptr, nullptr) << ".0";
    write_pem(dir_ / "certs" / hashed.str(), only_in_directory_.get());
    ::setenv("SSL_CERT_FILE", (dir_ / "bundle.pem").c_str(), 1);  // NOLINT(concurrency-mt-unsafe)
    ::setenv("SSL_CERT_DIR", (dir_ / "certs").c_str(), 1);        // NOLINT(concurrency-mt-unsafe)
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  SavedEnv cert_file_{"SSL_CERT_FILE"};
  SavedEnv cert_dir_{"SSL_CERT_DIR"};
  std::filesystem::path dir_;
  std::shared_ptr<X509> in_bundle_ = self_signed("root in the bundle");
  std::shared_ptr<X509> only_in_directory_ = self_signed("root only in the directory");
  std::shared_ptr<X509> lab_ca_ = self_signed("a lab's own CA");
  std::shared_ptr<X509> stranger_ = self_signed("nobody's root");
};

TEST_F(SystemRoots, TrustWhatOpenSslsDefaultPathsTrust) {
  StorePtr ours(X509_STORE_new(), X509_STORE_free);
  ASSERT_TRUE(load_system_roots(ours.get()));
  StorePtr defaults(X509_STORE_new(), X509_STORE_free);
  ASSERT_EQ(X509_STORE_set_default_paths(defaults.get()), 1);
  for (X509* cert : {in_bundle_.get(), only_in_directory_.get(), stranger_.get()}) {
    EXPECT_EQ(trusted(ours.get(), cert), trusted(defaults.get(), cert));
  }
  EXPECT_TRUE(trusted(ours.get(), in_bundle_.get()));
  EXPECT_TRUE(trusted(ours.get(), only_in_directory_.get()));
  EXPECT_FALSE(trusted(ours.get(), stranger_.get()));
  EXPECT_EQ(ERR_peek_error(), 0UL);
}

TEST_F(SystemRoots, ACheckNeverListsTheCertificateDirectory) {
  StorePtr store(X509_STORE_new(), X509_STORE_free);
  ASSERT_TRUE(load_system_roots(store.get()));
  const int watch = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  ASSERT_GE(watch, 0);
  ASSERT_GE(::inotify_add_watch(watch, (dir_ / "certs").c_str(), IN_OPEN), 0);
  // A certificate whose issuer is not in memory: OpenSSL 3's default paths list the directory
  // here (their OSSL_STORE lookup opens it); the hashed lookup only stats a file name.
  EXPECT_FALSE(trusted(store.get(), stranger_.get()));
  alignas(inotify_event) std::array<char, 4096> events{};
  const ssize_t n = ::read(watch, events.data(), events.size());
  ::close(watch);
  for (ssize_t at = 0; at < n;) {
    const auto* e = reinterpret_cast<const inotify_event*>(events.data() + at);
    EXPECT_FALSE((e->mask & IN_ISDIR) != 0 && e->len == 0) << "the certificate directory itself was opened";
    at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
  }
}

TEST_F(SystemRoots, WithoutABundleFileTheHashedDirectoryStillCounts) {
  ::setenv("SSL_CERT_FILE", (dir_ / "missing.pem").c_str(), 1);  // NOLINT(concurrency-mt-unsafe)
  StorePtr store(X509_STORE_new(), X509_STORE_free);
  ASSERT_TRUE(load_system_roots(store.get()));
  EXPECT_EQ(ERR_peek_error(), 0UL) << "the missing file left an error for the next TLS call on this thread";
  EXPECT_TRUE(trusted(store.get(), only_in_directory_.get()));
  EXPECT_FALSE(trusted(store.get(), in_bundle_.get()));
}

TEST_F(SystemRoots, TheVerifyingClientTrustsTheSystemRootsAndTheCaFile) {
  // A path of its own: contexts are cached per CA file for the life of the process.
  auto ctx = verifying_client_context((dir_ / "lab-ca.pem").string());
  ASSERT_NE(ctx, nullptr);
  X509_STORE* store = SSL_CTX_get_cert_store(ctx->native_handle());
  EXPECT_TRUE(trusted(store, lab_ca_.get()));
  EXPECT_TRUE(trusted(store, in_bundle_.get()));
  EXPECT_TRUE(trusted(store, only_in_directory_.get()));
  EXPECT_FALSE(trusted(store, stranger_.get()));
}

}  // namespace
}  // namespace weerbaar::scan::net
