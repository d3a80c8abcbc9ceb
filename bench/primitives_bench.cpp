// The CPU cost of the network primitives a scan is made of, each done as the scanner does it,
// against a lab that is already up: a refused and an accepted TCP connection, one ClientHello
// exchange of the hello prober, one TLS handshake as the web client and the OpenSSL probe make
// it, one UDP DNS exchange, and one ECDSA P-256 verification as libunbound does it. Multiplied
// by their counts per domain they give a floor under the CPU of a scan that no change to our
// own code can go below without asking less (docs/benchmarks.md, issue 8).
//
// Every benchmark counts the CPU of the whole process (user and system) and reports wall time
// beside it. On loopback the kernel runs the receiving side of what we send (the server's TCP
// receive path) in our softirq, so that is charged to us, as it is in a scan; the server's own
// work in its process is not.
//
// Run from the root of the checkout whose lab is up (docs/benchmarks.md says more):
//   build/bench/primitives_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
// WEERBAAR_BENCH_LAB (default build/bench-lab) is the lab's state directory; the target is
// bakkerij-jansen.test at 127.60.0.10 unless WEERBAAR_BENCH_HOST and WEERBAAR_BENCH_ADDRESS say
// otherwise; WEERBAAR_BENCH_REFUSED_PORT (default 3389) is a port nothing listens on there.
// Only loopback addresses are accepted. Every benchmark has a fixed number of iterations, so a
// run is bounded in what it sends and stops by itself.
#include <benchmark/benchmark.h>
#include <gmp.h>
#include <nettle/bignum.h>
#include <nettle/ecc-curve.h>
#include <nettle/ecc.h>
#include <nettle/ecdsa.h>
#include <nettle/knuth-lfib.h>
#include <nettle/sha2.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scan/net/async.hpp"
#include "scan/net/connection.hpp"
#include "scan/net/tls_contexts.hpp"
#include "scan/tls/cipher_suites.hpp"
#include "scan/tls/client_hello.hpp"
#include "scan/tls/groups.hpp"

// GCC 12 reports a false -Wmismatched-new-delete for client_hello_once: it pairs Asio's
// recycling frame allocator with the frame's own operator delete, which is the matching one
// (as in src/scan/mail/spf/evaluator.cpp). Silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace {

namespace asio = weerbaar::scan::net::asio;
namespace net = weerbaar::scan::net;
namespace tls = weerbaar::scan::tls;
using weerbaar::scan::NetStatus;
using weerbaar::scan::TlsVersion;
using udp = asio::ip::udp;

// The scan's own limits (net::Timeouts); on loopback none is ever reached.
const net::Timeouts kTimeouts{};

struct Target {
  std::string host;
  asio::ip::address address;
  std::uint16_t open_port = 443;
  std::uint16_t refused_port = 3389;
  asio::ip::address resolver;
  std::string ca_file;
};

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read once, before any thread
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

// Traffic may go to loopback only: anything else is refused before a packet is sent.
bool loopback(const asio::ip::address& a) {
  return a.is_v4() && (a.to_v4().to_uint() >> 24U) == 127U;
}

Target read_target() {
  const std::string lab = env_or("WEERBAAR_BENCH_LAB", "build/bench-lab");
  Target t;
  t.host = env_or("WEERBAAR_BENCH_HOST", "bakkerij-jansen.test");
  t.address = asio::ip::make_address(env_or("WEERBAAR_BENCH_ADDRESS", "127.60.0.10"));
  t.refused_port = static_cast<std::uint16_t>(std::stoi(env_or("WEERBAAR_BENCH_REFUSED_PORT", "3389")));
  // The lab's resolver (Unbound), as the scan's --lab runs use it.
  t.resolver = asio::ip::make_address(env_or("WEERBAAR_BENCH_RESOLVER", "127.53.0.2"));
  t.ca_file = lab + "/ca/ca.pem";
  return t;
}

const Target& target() {
  static const Target t = read_target();
  return t;
}

std::string describe(const net::Outcome& o) {
  return std::string(weerbaar::scan::to_string(o.status)) + (o.error.empty() ? "" : ": " + o.error);
}

// One operation; its result is empty when it went as a scan of the lab expects, else why not.
using Operation = std::function<net::awaitable<std::string>(asio::any_io_executor)>;

// Runs the benchmark's loop inside one coroutine on a one-thread io_context, as a scan's event
// loop runs its probes: each iteration is one operation, start to close.
void run_operations(benchmark::State& state, const Operation& op) {
  asio::io_context io(1);
  std::string failure;
  asio::co_spawn(
      io,
      [&]() -> net::awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        for (auto _ : state) {
          failure = co_await op(ex);
          if (!failure.empty()) {
            state.SkipWithError(failure.c_str());
            break;
          }
        }
      },
      [&](const std::exception_ptr& thrown) {
        if (!thrown) return;
        try {
          std::rethrow_exception(thrown);
        } catch (const std::exception& e) {
          state.SkipWithError(e.what());
        }
      });
  io.run();
}

// ------------------------------------------------------------------ TCP
net::awaitable<std::string> connect_once(asio::any_io_executor ex, std::uint16_t port, NetStatus expected) {
  net::tcp::socket socket(ex);
  const net::Outcome o = co_await net::connect(socket, {target().address, port}, kTimeouts.connect);
  net::close(socket);
  co_return o.status == expected ? "" : "connect to port " + std::to_string(port) + ": " + describe(o);
}

// The exposure probe's knock on a closed service port: SYN, RST.
void BM_TcpConnectRefused(benchmark::State& state) {
  run_operations(state, [](asio::any_io_executor ex) {
    return connect_once(std::move(ex), target().refused_port, NetStatus::refused);
  });
}

// A connection to nginx on 443, closed at once without data.
void BM_TcpConnectOpen(benchmark::State& state) {
  run_operations(
      state, [](asio::any_io_executor ex) { return connect_once(std::move(ex), target().open_port, NetStatus::ok); });
}

// ------------------------------------------------------------------ ClientHello exchange
constexpr std::size_t kMaxFlight = std::size_t{64} * 1024;  // the prober's bound on an answer

// The hello the prober's version probe sends for TLS 1.2: every TLS 1.2 suite, its groups with
// the ffdhe ones after them, fresh random bytes.
tls::ClientHelloOptions tls12_hello() {
  tls::ClientHelloOptions h;
  h.sni = target().host;
  h.legacy_version = static_cast<std::uint16_t>(TlsVersion::tls1_2);
  h.suites = tls::suites_for_version(TlsVersion::tls1_2);
  h.supported_groups = tls::groups_for_version(TlsVersion::tls1_2);
  h.supported_groups.insert(h.supported_groups.end(),
                            {tls::group::ffdhe2048, tls::group::ffdhe3072, tls::group::ffdhe4096, tls::group::ffdhe6144,
                             tls::group::ffdhe8192});
  return h;
}

// Connect, send the hello, read until the ServerHello is parsed, close without reading the rest
// of the flight: what the prober's exchange_once does for a suite or version probe.
net::awaitable<std::string> client_hello_once(asio::any_io_executor ex) {
  tls::ClientHelloOptions hello = tls12_hello();
  if (RAND_bytes(hello.random.data(), static_cast<int>(hello.random.size())) != 1) co_return "no randomness";
  const std::vector<std::uint8_t> bytes = tls::build_client_hello(hello);

  net::tcp::socket socket(ex);
  net::Outcome o = co_await net::connect(socket, {target().address, target().open_port}, kTimeouts.connect);
  tls::ServerFlight flight;
  if (o.ok()) o = co_await net::send(socket, asio::buffer(bytes), kTimeouts.handshake);
  if (o.ok()) {
    std::string buf;
    o = co_await net::receive(
        socket, buf, kMaxFlight,
        [&](std::string_view received) {
          flight = tls::parse_server_flight({reinterpret_cast<const std::uint8_t*>(received.data()), received.size()});
          return flight.status != tls::ParseStatus::need_more || flight.hello.has_value();
        },
        kTimeouts.handshake);
  }
  net::close(socket);
  if (!o.ok()) co_return "ClientHello exchange: " + describe(o);
  if (!flight.hello || flight.hello->version != static_cast<std::uint16_t>(TlsVersion::tls1_2)) {
    co_return "no TLS 1.2 ServerHello: " + flight.error;
  }
  co_return "";
}

void BM_ClientHelloExchange(benchmark::State& state) {
  run_operations(state, client_hello_once);
}

// ------------------------------------------------------------------ TLS handshakes
// Connect and a full handshake from a context shared by every connection (as the scan's are),
// then close. verify: as the web client does it (the host's name checked, the chain against
// the system store plus the lab CA); else as the OpenSSL probe does it (the permissive context,
// an OCSP status asked for; its own trust judgement afterwards is not included).
net::awaitable<std::string> handshake_once(asio::any_io_executor ex, const net::SharedSslContext& ctx, bool verify) {
  asio::ssl::stream<net::tcp::socket> stream(ex, *ctx);
  if (verify) {
    SSL_set1_host(stream.native_handle(), target().host.c_str());
  } else {
    SSL_set_tlsext_status_type(stream.native_handle(), TLSEXT_STATUSTYPE_ocsp);
  }
  net::Outcome o =
      co_await net::connect(stream.next_layer(), {target().address, target().open_port}, kTimeouts.connect);
  if (o.ok()) o = co_await net::tls_handshake(stream, target().host, kTimeouts.handshake);
  const long verified = SSL_get_verify_result(stream.native_handle());
  net::close(stream.next_layer());
  if (!o.ok()) co_return "TLS handshake: " + describe(o);
  if (verify && verified != X509_V_OK) co_return std::string("certificate: ") + X509_verify_cert_error_string(verified);
  co_return "";
}

void BM_TlsHandshakeVerified(benchmark::State& state) {
  // Built (the system store read) before the loop, as a scan builds it once per process.
  const net::SharedSslContext ctx = net::verifying_client_context(target().ca_file);
  if (!ctx) {
    state.SkipWithError(("cannot read the lab CA " + target().ca_file).c_str());
    return;
  }
  run_operations(state, [&](asio::any_io_executor ex) { return handshake_once(std::move(ex), ctx, true); });
}

void BM_TlsHandshakePermissive(benchmark::State& state) {
  const net::SharedSslContext ctx = net::permissive_client_context(0);
  run_operations(state, [&](asio::any_io_executor ex) { return handshake_once(std::move(ex), ctx, false); });
}

// ------------------------------------------------------------------ UDP DNS
// A query for the host's A record with recursion desired and no EDNS (so no DO bit): the
// resolver answers from its cache, and nothing is validated on our side.
std::vector<std::uint8_t> a_query(std::uint16_t id, const std::string& name) {
  std::vector<std::uint8_t> q = {static_cast<std::uint8_t>(id >> 8U),
                                 static_cast<std::uint8_t>(id & 0xffU),
                                 0x01,
                                 0x00,  // RD
                                 0x00,
                                 0x01,
                                 0x00,
                                 0x00,
                                 0x00,
                                 0x00,
                                 0x00,
                                 0x00};
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    q.push_back(static_cast<std::uint8_t>(dot - start));
    q.insert(q.end(), name.begin() + static_cast<std::ptrdiff_t>(start),
             name.begin() + static_cast<std::ptrdiff_t>(dot));
    start = dot + 1;
  }
  q.insert(q.end(), {0x00, 0x00, 0x01, 0x00, 0x01});  // root, type A, class IN
  return q;
}

// A socket of its own per query (libunbound takes a fresh port for each), send, one answer, close.
net::awaitable<std::string> dns_once(asio::any_io_executor ex) {
  std::array<std::uint8_t, 2> id{};
  if (RAND_bytes(id.data(), static_cast<int>(id.size())) != 1) co_return "no randomness";
  const std::vector<std::uint8_t> query = a_query(static_cast<std::uint16_t>(id[0] << 8U | id[1]), target().host);
  udp::socket socket(ex, udp::v4());
  const udp::endpoint resolver(target().resolver, 53);
  std::array<std::uint8_t, 512> answer{};
  auto got = co_await net::with_deadline(
      [&]() -> net::awaitable<std::size_t> {
        boost::system::error_code ec;
        co_await socket.async_send_to(asio::buffer(query), resolver, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return 0;
        udp::endpoint from;
        const std::size_t n = co_await socket.async_receive_from(asio::buffer(answer), from,
                                                                 asio::redirect_error(asio::use_awaitable, ec));
        co_return ec ? 0 : n;
      }(),
      kTimeouts.dns);
  socket.close();
  if (!got || *got < 12) co_return "no DNS answer";
  const bool same_id = answer[0] == id[0] && answer[1] == id[1];
  const int rcode = answer[3] & 0x0f;
  const int answers = answer[6] << 8 | answer[7];
  if (!same_id || rcode != 0 || answers == 0) co_return "unexpected DNS answer (rcode " + std::to_string(rcode) + ")";
  co_return "";
}

void BM_UdpDnsQuery(benchmark::State& state) {
  run_operations(state, dns_once);
}

// ------------------------------------------------------------------ ECDSA P-256
// What a DNSSEC validator verifies for one answer: an RRSIG (algorithm 13) over the canonical
// RRset and the RRSIG's own fields, about a hundred bytes for an A record.
constexpr std::size_t kSignedBytes = 100;
constexpr std::size_t kCoordinate = 32;  // P-256: each of x, y, r, s

// The benchmark's throw-away key comes from nettle's lagged Fibonacci generator: reproducible,
// and no secret is at stake.
void lfib_random(void* ctx, std::size_t n, std::uint8_t* dst) {
  knuth_lfib_random(static_cast<knuth_lfib_ctx*>(ctx), n, dst);
}

// A key and a signature in the form a DNSKEY and an RRSIG carry them (RFC 6605): x||y, r||s.
struct SignedAnswer {
  std::array<std::uint8_t, kSignedBytes> data{};
  std::array<std::uint8_t, 2 * kCoordinate> key{};
  std::array<std::uint8_t, 2 * kCoordinate> signature{};
};

SignedAnswer sign_with_nettle() {
  SignedAnswer s;
  for (std::size_t i = 0; i < s.data.size(); ++i) s.data[i] = static_cast<std::uint8_t>(i * 7 + 3);
  knuth_lfib_ctx rng{};
  knuth_lfib_init(&rng, 2026);
  ecc_point pub{};
  ecc_scalar priv{};
  ecc_point_init(&pub, nettle_get_secp_256r1());
  ecc_scalar_init(&priv, nettle_get_secp_256r1());
  ecdsa_generate_keypair(&pub, &priv, &rng, lfib_random);
  std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
  sha256_ctx sha{};
  sha256_init(&sha);
  sha256_update(&sha, s.data.size(), s.data.data());
  sha256_digest(&sha, digest.size(), digest.data());
  dsa_signature sig{};
  dsa_signature_init(&sig);
  ecdsa_sign(&priv, &rng, lfib_random, digest.size(), digest.data(), &sig);
  mpz_t x;
  mpz_t y;
  mpz_init(x);
  mpz_init(y);
  ecc_point_get(&pub, x, y);
  nettle_mpz_get_str_256(kCoordinate, s.key.data(), x);
  nettle_mpz_get_str_256(kCoordinate, s.key.data() + kCoordinate, y);
  nettle_mpz_get_str_256(kCoordinate, s.signature.data(), sig.r);
  nettle_mpz_get_str_256(kCoordinate, s.signature.data() + kCoordinate, sig.s);
  mpz_clear(x);
  mpz_clear(y);
  dsa_signature_clear(&sig);
  ecc_scalar_clear(&priv);
  ecc_point_clear(&pub);
  return s;
}

// One verification the way Debian's libunbound (built with nettle) makes it: the key and the
// signature read from their wire bytes into numbers, the point checked to be on the curve, the
// data hashed, the signature verified.
bool verify_with_nettle(const SignedAnswer& s) {
  mpz_t x;
  mpz_t y;
  nettle_mpz_init_set_str_256_u(x, kCoordinate, s.key.data());
  nettle_mpz_init_set_str_256_u(y, kCoordinate, s.key.data() + kCoordinate);
  dsa_signature sig{};
  dsa_signature_init(&sig);
  nettle_mpz_set_str_256_u(sig.r, kCoordinate, s.signature.data());
  nettle_mpz_set_str_256_u(sig.s, kCoordinate, s.signature.data() + kCoordinate);
  ecc_point pub{};
  ecc_point_init(&pub, nettle_get_secp_256r1());
  bool ok = ecc_point_set(&pub, x, y) == 1;
  if (ok) {
    std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
    sha256_ctx sha{};
    sha256_init(&sha);
    sha256_update(&sha, s.data.size(), s.data.data());
    sha256_digest(&sha, digest.size(), digest.data());
    ok = ecdsa_verify(&pub, digest.size(), digest.data(), &sig) == 1;
  }
  ecc_point_clear(&pub);
  dsa_signature_clear(&sig);
  mpz_clear(x);
  mpz_clear(y);
  return ok;
}

void BM_EcdsaP256VerifyNettle(benchmark::State& state) {
  const SignedAnswer s = sign_with_nettle();
  for (auto _ : state) {
    if (!verify_with_nettle(s)) {
      state.SkipWithError("nettle: the signature did not verify");
      break;
    }
  }
}

// The same verification with OpenSSL 3 (EVP_DigestVerify, SHA-256), for comparison. The key is
// made once as an EVP_PKEY; a validator built with OpenSSL would also decode it from the DNSKEY
// each time, which is not counted here.
void BM_EcdsaP256VerifyOpenSsl(benchmark::State& state) {
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::array<std::uint8_t, kSignedBytes> data{};
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 7 + 3);
  std::array<std::uint8_t, 80> der{};  // an ECDSA P-256 signature in DER: at most 72 bytes
  std::size_t der_len = der.size();
  {
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!key || !md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(md.get(), der.data(), &der_len, data.data(), data.size()) != 1) {
      state.SkipWithError("OpenSSL: cannot make a P-256 signature");
      return;
    }
  }
  for (auto _ : state) {
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!md || EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestVerify(md.get(), der.data(), der_len, data.data(), data.size()) != 1) {
      state.SkipWithError("OpenSSL: the signature did not verify");
      break;
    }
  }
}

// Fixed iteration counts: each repetition sends a bounded number of packets to the shared lab
// (a fraction of a second of work each on this machine).
struct Entry {
  const char* name;
  void (*run)(benchmark::State&);
  benchmark::IterationCount iterations;
};
constexpr std::array kBenchmarks{
    Entry{"BM_TcpConnectRefused", BM_TcpConnectRefused, 4000},
    Entry{"BM_TcpConnectOpen", BM_TcpConnectOpen, 3000},
    Entry{"BM_ClientHelloExchange", BM_ClientHelloExchange, 2000},
    Entry{"BM_TlsHandshakeVerified", BM_TlsHandshakeVerified, 300},
    Entry{"BM_TlsHandshakePermissive", BM_TlsHandshakePermissive, 300},
    Entry{"BM_UdpDnsQuery", BM_UdpDnsQuery, 3000},
    Entry{"BM_EcdsaP256VerifyNettle", BM_EcdsaP256VerifyNettle, 3000},
    Entry{"BM_EcdsaP256VerifyOpenSsl", BM_EcdsaP256VerifyOpenSsl, 3000},
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  try {
    const Target& t = target();
    if (!loopback(t.address) || !loopback(t.resolver)) {
      std::cerr << "primitives_bench: only loopback addresses (127.0.0.0/8) may be targets\n";
      return 2;
    }
  } catch (const std::exception& e) {
    std::cerr << "primitives_bench: bad WEERBAAR_BENCH_* setting: " << e.what() << "\n";
    return 2;
  }
  for (const Entry& e : kBenchmarks) {
    benchmark::RegisterBenchmark(e.name, e.run)
        ->MeasureProcessCPUTime()
        ->UseRealTime()
        ->Unit(benchmark::kMicrosecond)
        ->Iterations(e.iterations);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
