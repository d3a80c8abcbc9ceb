#include "scan/tls/openssl_probe.hpp"

#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <ctime>
#include <memory>

#include "scan/net/connection.hpp"

namespace weerbaar::scan::tls {
namespace {
namespace ssl = net::asio::ssl;
using Stream = ssl::stream<net::tcp::socket>;

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX, X509_STORE_CTX_free>>;

std::string name_line(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::chrono::system_clock::time_point to_time_point(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return {};
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

// Connects, runs what comes before TLS (STARTTLS), and shakes hands, through the connection layer.
net::awaitable<net::Outcome> connect_and_handshake(Stream& stream, net::tcp::endpoint ep, const std::string& sni,
                                                   const net::Timeouts& t, const BeforeTls& before_tls) {
  net::Outcome connected = co_await net::connect(stream.next_layer(), ep, t.connect);
  if (!connected.ok()) co_return connected;
  if (before_tls) {
    // The dialogue has a deadline per step of its own (see hello_prober.cpp): this bound only
    // keeps a bug in it from holding the connection.
    auto talk = co_await net::with_deadline(before_tls(stream.next_layer()), 4 * t.handshake);
    if (!talk) co_return net::timed_out(net::Step::receive, 4 * t.handshake);
    if (*talk) co_return net::Outcome{NetStatus::protocol_error, **talk};
  }
  co_return co_await net::tls_handshake(stream, sni, t.handshake);
}

void judge_trust(SSL* ssl, const OpenSslProbeOptions& opt, CertificateFacts& out) {
  STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl);
  X509* leaf = SSL_get0_peer_certificate(ssl);
  if (leaf == nullptr) {
    out.verify_error = "the server sent no certificate";
    return;
  }
  // Loaded once per process and shared (scan/net/tls_contexts.hpp): reading the system bundle
  // for every certificate cost more CPU than the handshake that brought the certificate.
  const auto store = net::trusted_roots(opt.ca_file);
  if (!store) {
    out.verify_error =
        "could not load trusted roots from " + (opt.ca_file.empty() ? std::string("the system store") : opt.ca_file);
    return;
  }
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), leaf, chain);
  // Time is judged on its own (expired is a different finding from untrusted), and so are
  // weak keys and signatures: trust here means only "chains to a trusted root".
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_NO_CHECK_TIME);
  X509_VERIFY_PARAM_set_auth_level(param, 0);
  out.trusted = X509_verify_cert(ctx.get()) == 1;
  if (!out.trusted) out.verify_error = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
  out.name_matches = X509_check_host(leaf, opt.sni.data(), opt.sni.size(), 0, nullptr) == 1;
}

// Reads what the server sends after the handshake (TLS 1.3 tickets arrive then), briefly.
// request: what to send to make the server talk (and then close).
net::awaitable<void> drain(Stream& stream, const std::string& request, net::Duration limit) {
  co_await net::with_deadline(
      [&]() -> net::awaitable<void> {
        boost::system::error_code ec;
        co_await net::asio::async_write(stream, net::asio::buffer(request),
                                        net::asio::redirect_error(net::asio::use_awaitable, ec));
        std::array<char, 4096> buf{};
        std::size_t total = 0;
        while (!ec && total < 64 * 1024) {
          total += co_await stream.async_read_some(net::asio::buffer(buf),
                                                   net::asio::redirect_error(net::asio::use_awaitable, ec));
        }
      }(),
      limit);
}

net::awaitable<void> probe_certificate(net::tcp::endpoint ep, const OpenSslProbeOptions& opt, TlsFacts& out) {
  auto ctx = net::permissive_client_context(0);
  Stream stream(co_await net::asio::this_coro::executor, *ctx);
  SSL_set_tlsext_status_type(stream.native_handle(), TLSEXT_STATUSTYPE_ocsp);
  auto c = co_await connect_and_handshake(stream, ep, opt.sni, opt.timeouts, opt.before_tls);
  CertificateFacts& cert = out.certificate;
  cert.status = c.status;
  cert.error = c.error;
  if (c.status != NetStatus::ok) co_return;
  SSL* ssl = stream.native_handle();
  if (STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl); chain != nullptr) {
    for (int i = 0; i < sk_X509_num(chain); ++i) cert.chain.push_back(describe_certificate(sk_X509_value(chain, i)));
  }
  judge_trust(ssl, opt, cert);
  const unsigned char* ocsp = nullptr;
  cert.ocsp_stapled = SSL_get_tlsext_status_ocsp_resp(ssl, &ocsp) > 0 && ocsp != nullptr;

  if (SSL_version(ssl) == TLS1_3_VERSION) {
    // Over STARTTLS the protocol inside is not HTTP: a QUIT ends the SMTP session politely.
    const std::string request = opt.before_tls
                                    ? std::string("QUIT\r\n")
                                    : "HEAD / HTTP/1.1\r\nHost: " + opt.sni + "\r\nConnection: close\r\n\r\n";
    co_await drain(stream, request, opt.timeouts.handshake);
    SSL_SESSION* session = SSL_get1_session(ssl);
    out.early_data = session != nullptr && SSL_SESSION_get_max_early_data(session) > 0;
    if (session != nullptr) SSL_SESSION_free(session);
  } else {
    out.early_data = false;  // 0-RTT exists only in TLS 1.3
  }
  boost::system::error_code ec;
  stream.next_layer().close(ec);
}

net::awaitable<void> probe_renegotiation(net::tcp::endpoint ep, const OpenSslProbeOptions& opt, TlsFacts& out) {
  auto ctx = net::permissive_client_context(TLS1_2_VERSION);
  Stream stream(co_await net::asio::this_coro::executor, *ctx);
  auto c = co_await connect_and_handshake(stream, ep, opt.sni, opt.timeouts, opt.before_tls);
  if (c.status == NetStatus::tls_failed || c.status == NetStatus::closed) {
    // Refused or hung up on a TLS 1.2 hello, as servers do: nothing up to TLS 1.2 to renegotiate.
    out.client_renegotiation = false;
    co_return;
  }
  if (c.status != NetStatus::ok) co_return;  // unknown
  SSL* ssl = stream.native_handle();
  if (SSL_renegotiate(ssl) != 1) {
    out.client_renegotiation = false;
    co_return;
  }
  // The renegotiation handshake runs when we next do I/O; a server that refuses it answers
  // with a no_renegotiation alert or closes the connection.
  auto result = co_await net::with_deadline(
      [&]() -> net::awaitable<boost::system::error_code> {
        boost::system::error_code e;
        co_await stream.async_handshake(ssl::stream_base::client,
                                        net::asio::redirect_error(net::asio::use_awaitable, e));
        co_return e;
      }(),
      opt.timeouts.handshake);
  if (result) out.client_renegotiation = !*result && SSL_renegotiate_pending(ssl) == 0;
  boost::system::error_code ec;
  stream.next_layer().close(ec);
}

}  // namespace

CertificateInfo describe_certificate(const void* opaque) {
  const auto* x = static_cast<const X509*>(opaque);
  CertificateInfo info;
  info.subject = name_line(X509_get_subject_name(x));
  info.issuer = name_line(X509_get_issuer_name(x));
  info.not_before = to_time_point(X509_get0_notBefore(x));
  info.not_after = to_time_point(X509_get0_notAfter(x));
  auto* sans = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr));
  if (sans != nullptr) {
    for (int i = 0; i < sk_GENERAL_NAME_num(sans); ++i) {
      const GENERAL_NAME* gn = sk_GENERAL_NAME_value(sans, i);
      if (gn->type == GEN_DNS) {
        const ASN1_STRING* s = gn->d.dNSName;
        info.names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                static_cast<std::size_t>(ASN1_STRING_length(s)));
      }
    }
    GENERAL_NAMES_free(sans);
  }
  if (info.names.empty()) {
    char cn[256] = {};
    if (X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName, cn, sizeof cn) > 0)
      info.names.emplace_back(cn);
  }
  if (EVP_PKEY* key = X509_get0_pubkey(x); key != nullptr) {
    info.key_bits = EVP_PKEY_get_bits(key);
    switch (EVP_PKEY_get_base_id(key)) {
      case EVP_PKEY_RSA: info.key_type = "RSA"; break;
      case EVP_PKEY_EC: {
        info.key_type = "EC";
        char group[80] = {};
        std::size_t len = 0;
        if (EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &len) == 1) info.curve = group;
        break;
      }
      case EVP_PKEY_ED25519: info.key_type = "ED25519"; break;
      case EVP_PKEY_ED448: info.key_type = "ED448"; break;
      case EVP_PKEY_DSA: info.key_type = "DSA"; break;
      default: info.key_type = "other"; break;
    }
  }
  info.signature_algorithm = OBJ_nid2ln(X509_get_signature_nid(x));
  if (int len = i2d_X509(x, nullptr); len > 0) {
    info.der.resize(static_cast<std::size_t>(len));
    unsigned char* p = info.der.data();
    i2d_X509(x, &p);
  }
  if (const X509_PUBKEY* spki = X509_get_X509_PUBKEY(x); spki != nullptr) {
    if (int len = i2d_X509_PUBKEY(spki, nullptr); len > 0) {
      info.spki_der.resize(static_cast<std::size_t>(len));
      unsigned char* p = info.spki_der.data();
      i2d_X509_PUBKEY(spki, &p);
    }
  }
  info.self_signed = X509_check_issued(const_cast<X509*>(x), const_cast<X509*>(x)) == X509_V_OK;
  if (STACK_OF(OPENSSL_STRING)* ocsp = X509_get1_ocsp(const_cast<X509*>(x)); ocsp != nullptr) {
    for (int i = 0; i < sk_OPENSSL_STRING_num(ocsp); ++i) info.ocsp_urls.emplace_back(sk_OPENSSL_STRING_value(ocsp, i));
    X509_email_free(ocsp);  // frees a stack of strings, whatever they hold
  }
  return info;
}

net::awaitable<void> probe_openssl(net::tcp::endpoint ep, const OpenSslProbeOptions& opt, net::Limiter& host_slots,
                                   TlsFacts& out) {
  using namespace net::asio::experimental::awaitable_operators;
  auto first = [&]() -> net::awaitable<void> {
    auto slot = co_await host_slots.acquire();
    co_await probe_certificate(ep, opt, out);
  };
  auto second = [&]() -> net::awaitable<void> {
    auto slot = co_await host_slots.acquire();
    co_await probe_renegotiation(ep, opt, out);
  };
  co_await (first() && second());
}

}  // namespace weerbaar::scan::tls
