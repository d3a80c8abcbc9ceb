// The TLS client contexts and trusted roots are built once per kind and shared
// (scan/net/tls_contexts.hpp), and sharing them never lets one probe resume another's session.
#include "scan/net/tls_contexts.hpp"

#include <gtest/gtest.h>
#include <openssl/ssl.h>

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

}  // namespace
}  // namespace weerbaar::scan::net
