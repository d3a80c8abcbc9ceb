// probe_hello against real servers on 127.0.0.1: `openssl s_server` with known settings, a
// closed port, and hostile listeners that never answer or answer nonsense.
#include "scan/tls/hello_prober.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <thread>

#include <openssl/ssl.h>
#include <array>
#include <boost/asio/write.hpp>

#include "scan/tls/flight_reader.hpp"
#include "scan/tls/groups.hpp"

extern char** environ;

namespace weerbaar::scan::tls {
namespace {
namespace asio = net::asio;
using namespace std::chrono_literals;

bool have_openssl() {
  return std::system("command -v openssl >/dev/null 2>&1") == 0;
}

std::uint16_t free_port() {
  asio::io_context io;
  net::tcp::acceptor a(io, net::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();
}

bool port_open(std::uint16_t port) {
  asio::io_context io;
  net::tcp::socket s(io);
  boost::system::error_code ec;
  s.connect(net::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  return !ec;
}

// One `openssl s_server -www` with the given options; killed (by its pid) when destroyed.
class SServer {
 public:
  SServer(const std::filesystem::path& dir, std::vector<std::string> options) : port_(free_port()) {
    std::vector<std::string> args{"openssl", "s_server",
                                  "-quiet",  "-www",
                                  "-accept", "127.0.0.1:" + std::to_string(port_),
                                  "-cert",   (dir / "cert.pem").string(),
                                  "-key",    (dir / "key.pem").string()};
    args.insert(args.end(), options.begin(), options.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    if (posix_spawnp(&pid_, "openssl", &fa, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&fa);
    for (int i = 0; i < 200 && pid_ > 0 && !port_open(port_); ++i) std::this_thread::sleep_for(25ms);
  }
  ~SServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  SServer(const SServer&) = delete;
  SServer& operator=(const SServer&) = delete;
  [[nodiscard]] bool ready() const { return pid_ > 0 && port_open(port_); }
  [[nodiscard]] std::uint16_t port() const { return port_; }

 private:
  std::uint16_t port_;
  pid_t pid_ = -1;
};

class HelloProberTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!have_openssl()) return;
    dir_ = std::filesystem::temp_directory_path() / ("weerbaar-tls-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout '" +
                            (dir_ / "key.pem").string() + "' -out '" + (dir_ / "cert.pem").string() +
                            "' >/dev/null 2>&1";
    const std::string dh = "openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out '" +
                           (dir_ / "ffdhe2048.pem").string() + "' >/dev/null 2>&1";
    cert_ok_ = std::system(cmd.c_str()) == 0 && std::system(dh.c_str()) == 0;
  }
  static void TearDownTestSuite() {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  void SetUp() override {
    if (!have_openssl()) GTEST_SKIP() << "openssl command not found; install openssl to run the live prober tests";
    if (!cert_ok_) GTEST_SKIP() << "could not make a test certificate with openssl req";
  }

  static TlsFacts probe(std::uint16_t port, net::Timeouts timeouts = {}, std::chrono::milliseconds* took = nullptr) {
    asio::io_context io;
    net::Limiter slots(io.get_executor(), 6);
    TlsFacts facts;
    HelloProbeOptions opt{.sni = "localhost", .timeouts = timeouts};
    const auto start = std::chrono::steady_clock::now();
    asio::co_spawn(io, probe_hello(net::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), opt, slots, facts),
                   [](std::exception_ptr e) {
                     if (e) std::rethrow_exception(e);
                   });
    io.run();
    if (took != nullptr)
      *took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    return facts;
  }

  static inline std::filesystem::path dir_;
  static inline bool cert_ok_ = false;
};

std::set<std::uint16_t> groups_of(const TlsFacts& f, TlsVersion v) {
  std::set<std::uint16_t> out;
  for (const auto& g : f.groups) {
    if (g.version == v) out.insert(g.id);
  }
  return out;
}

TEST_F(HelloProberTest, ModernServerWithItsOwnOrder) {
  SServer server(dir_, {"-serverpref", "-cipher",
                        "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES128-GCM-SHA256:AES128-SHA",
                        "-ciphersuites", "TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256", "-groups",
                        "X25519:P-256", "-dhparam", (dir_ / "ffdhe2048.pem").string()});
  ASSERT_TRUE(server.ready()) << "s_server did not start";
  std::chrono::milliseconds took{};
  const TlsFacts f = probe(server.port(), {}, &took);
  std::cout << "[ timing ] probe_hello on a local openssl s_server took " << took.count() << " ms\n";

  EXPECT_EQ(f.status, NetStatus::ok) << f.error;
  EXPECT_EQ(f.versions, (std::map<TlsVersion, bool>{{TlsVersion::ssl3, false},
                                                    {TlsVersion::tls1_0, false},
                                                    {TlsVersion::tls1_1, false},
                                                    {TlsVersion::tls1_2, true},
                                                    {TlsVersion::tls1_3, true}}))
      << f.error;
  ASSERT_EQ(f.suites.count(TlsVersion::tls1_2), 1U) << f.error;
  EXPECT_EQ(f.suites.at(TlsVersion::tls1_2), (std::vector<std::uint16_t>{0xC02F, 0xC028, 0x009E, 0x002F}))
      << "the server's own order";
  ASSERT_EQ(f.suites.count(TlsVersion::tls1_3), 1U);
  EXPECT_EQ(f.suites.at(TlsVersion::tls1_3), (std::vector<std::uint16_t>{0x1301, 0x1303}));
  EXPECT_EQ(f.server_order, true);
  EXPECT_EQ(groups_of(f, TlsVersion::tls1_2), (std::set<std::uint16_t>{group::x25519, group::secp256r1}));
  EXPECT_EQ(groups_of(f, TlsVersion::tls1_3), (std::set<std::uint16_t>{group::x25519, group::secp256r1}));
  EXPECT_EQ(f.dhe_bits, 2048);
  EXPECT_EQ(f.dhe_is_rfc7919, true) << "ffdhe2048 given with -dhparam";
  EXPECT_EQ(f.compression, false);
  EXPECT_EQ(f.secure_renegotiation, true);
  EXPECT_EQ(f.extended_master_secret, true);
  EXPECT_EQ(f.error, "") << "everything was determined";
  EXPECT_LT(took, 5000ms);
}

TEST_F(HelloProberTest, OldVersionsAndClientOrder) {
  SServer server(dir_,
                 {"-cipher", "ECDHE-RSA-AES128-SHA:AES256-SHA:@SECLEVEL=0", "-min_protocol", "TLSv1", "-no_tls1_3"});
  ASSERT_TRUE(server.ready()) << "s_server did not start";
  const TlsFacts f = probe(server.port());
  EXPECT_EQ(f.status, NetStatus::ok) << f.error;
  EXPECT_EQ(f.versions.at(TlsVersion::tls1_0), true) << f.error;
  EXPECT_EQ(f.versions.at(TlsVersion::tls1_1), true);
  EXPECT_EQ(f.versions.at(TlsVersion::tls1_2), true);
  EXPECT_EQ(f.versions.at(TlsVersion::tls1_3), false);
  EXPECT_EQ(f.versions.at(TlsVersion::ssl3), false);
  for (auto v : {TlsVersion::tls1_0, TlsVersion::tls1_1, TlsVersion::tls1_2}) {
    ASSERT_EQ(f.suites.count(v), 1U) << to_string(v);
    // Client order: the picks follow our offer, in which ECDHE comes before static RSA.
    EXPECT_EQ(f.suites.at(v), (std::vector<std::uint16_t>{0xC013, 0x0035})) << to_string(v);
  }
  EXPECT_EQ(f.server_order, false);
  EXPECT_FALSE(f.dhe_bits) << "no DHE suites";
  EXPECT_TRUE(groups_of(f, TlsVersion::tls1_3).empty());
  EXPECT_FALSE(groups_of(f, TlsVersion::tls1_2).empty());
}

// A server that takes everything its OpenSSL has: the enumeration must find every suite
// OpenSSL itself says an RSA-certificate server can negotiate in TLS 1.2, and nothing else.
TEST_F(HelloProberTest, WideServerEveryRsaSuiteFound) {
  const char* cipher_list = "ALL:COMPLEMENTOFALL:@SECLEVEL=0";
  SServer server(dir_, {"-cipher", cipher_list, "-no_tls1_3", "-dhparam", (dir_ / "ffdhe2048.pem").string()});
  ASSERT_TRUE(server.ready()) << "s_server did not start";
  std::chrono::milliseconds took{};
  const TlsFacts f = probe(server.port(), {}, &took);
  std::cout << "[ timing ] wide server ("
            << (f.suites.count(TlsVersion::tls1_2) ? f.suites.at(TlsVersion::tls1_2).size() : 0)
            << " TLS 1.2 suites) took " << took.count() << " ms\n";
  ASSERT_EQ(f.suites.count(TlsVersion::tls1_2), 1U) << f.error;

  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_method()), SSL_CTX_free);
  SSL_CTX_set_security_level(ctx.get(), 0);
  ASSERT_EQ(SSL_CTX_set_cipher_list(ctx.get(), cipher_list), 1);
  std::set<std::uint16_t> expected;
  STACK_OF(SSL_CIPHER)* list = SSL_CTX_get_ciphers(ctx.get());
  for (int i = 0; i < sk_SSL_CIPHER_num(list); ++i) {
    const SSL_CIPHER* c = sk_SSL_CIPHER_value(list, i);
    const int kx = SSL_CIPHER_get_kx_nid(c);
    const int auth = SSL_CIPHER_get_auth_nid(c);
    const bool usable =
        (kx == NID_kx_rsa || kx == NID_kx_dhe || kx == NID_kx_ecdhe) && (auth == NID_auth_rsa || auth == NID_auth_null);
    if (usable) {  // TLS 1.3 suites have kx "any" and drop out here
      expected.insert(static_cast<std::uint16_t>(SSL_CIPHER_get_protocol_id(c)));
    }
  }
  const auto& found = f.suites.at(TlsVersion::tls1_2);
  EXPECT_EQ(std::set<std::uint16_t>(found.begin(), found.end()), expected);
  EXPECT_EQ(found.size(), expected.size()) << "no suite twice";
  EXPECT_LT(took, 5000ms);
}

// OpenSSL's automatic DH parameters are the RFC 3526 MODP primes: well known, but not the
// RFC 7919 groups NCSC-NL lists, so they count as custom.
TEST_F(HelloProberTest, AutomaticDhIsNotAnRfc7919Group) {
  SServer server(dir_, {"-cipher", "DHE-RSA-AES128-GCM-SHA256", "-no_tls1_3"});
  ASSERT_TRUE(server.ready()) << "s_server did not start";
  const TlsFacts f = probe(server.port());
  EXPECT_EQ(f.suites.at(TlsVersion::tls1_2), (std::vector<std::uint16_t>{0x009E})) << f.error;
  EXPECT_EQ(f.dhe_bits, 2048);
  EXPECT_EQ(f.dhe_is_rfc7919, false);
  EXPECT_FALSE(f.server_order) << "one suite: nothing to order";
}

TEST_F(HelloProberTest, ClosedPortIsRefused) {
  const std::uint16_t port = free_port();  // nothing listens there any more
  std::chrono::milliseconds took{};
  const TlsFacts f = probe(port, {}, &took);
  EXPECT_EQ(f.status, NetStatus::refused);
  EXPECT_TRUE(f.versions.empty());
  EXPECT_FALSE(f.error.empty());
  EXPECT_LT(took, 1000ms);
}

// A listener that accepts and then either says nothing or sends `reply` and keeps the
// connection open; it must cost the prober its deadlines, nothing more.
// How the listener ends each connection after its reply: holds it, hangs up, or resets it.
enum class Then { hold, close, reset };

void hostile_listener_case(const std::string& reply, const char* expect_in_error, Then then = Then::hold) {
  asio::io_context io;
  net::tcp::acceptor acceptor(io, net::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const auto port = acceptor.local_endpoint().port();
  std::vector<std::shared_ptr<net::tcp::socket>> held;
  std::function<void()> accept_next = [&] {
    auto s = std::make_shared<net::tcp::socket>(io);
    acceptor.async_accept(*s, [&, s](boost::system::error_code ec) {
      if (ec) return;
      held.push_back(s);
      if (then == Then::reset) {
        // Read the ClientHello first, then break the connection off.
        auto buf = std::make_shared<std::array<char, 4096>>();
        s->async_read_some(asio::buffer(*buf), [s, buf](boost::system::error_code, std::size_t) {
          s->set_option(asio::socket_base::linger(true, 0));
          boost::system::error_code ignored;
          s->close(ignored);
        });
      } else if (!reply.empty()) {
        asio::async_write(*s, asio::buffer(reply), [s, then](boost::system::error_code, std::size_t) {
          boost::system::error_code ignored;
          if (then == Then::close) s->shutdown(net::tcp::socket::shutdown_send, ignored);
        });
      }
      accept_next();
    });
  };
  accept_next();

  net::Limiter slots(io.get_executor(), 6);
  TlsFacts f;
  HelloProbeOptions opt{.sni = "localhost", .timeouts = {.connect = 500ms, .handshake = 300ms}};
  bool done = false;
  const auto start = std::chrono::steady_clock::now();
  asio::co_spawn(io, probe_hello(net::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), opt, slots, f),
                 [&](std::exception_ptr e) {
                   done = true;
                   acceptor.close();
                   for (auto& s : held) s->close();
                   if (e) std::rethrow_exception(e);
                 });
  io.run_for(10s);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(done) << "probe_hello did not end";
  EXPECT_EQ(f.status, NetStatus::ok) << "the port took connections";
  EXPECT_TRUE(f.versions.empty()) << "nothing could be determined";
  EXPECT_NE(f.error.find(expect_in_error), std::string::npos) << f.error;
  EXPECT_LT(took, 2s);
}

TEST(HelloProberHostile, SilentServerEndsInTimeouts) {
  hostile_listener_case("", "no answer to the ClientHello");
}

TEST(HelloProberHostile, NonTlsServerIsNotTrusted) {
  hostile_listener_case("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", "not valid TLS");
}

TEST(HelloProberHostile, HangUpHalfwayThroughARecordIsNoRefusal) {
  // The start of a ServerHello record, then the end of the connection: not "version refused".
  hostile_listener_case(std::string("\x16\x03\x03\x00\x40\x02\x00\x00", 8), "halfway through a TLS record",
                        Then::close);
}

TEST(HelloProberHostile, AFlightOfTooManyRecordsIsNotTls) {
  // The start of a ServerHello cut into one-byte records, more of them than any real server
  // needs: the prober reads it with a FlightReader (linear in what arrives) and gives up at
  // its record limit, instead of parsing the growing buffer again after every read.
  std::string reply;
  const std::string start("\x02\x00\xff\xff", 4);  // a ServerHello of 64 KiB, never finished
  for (std::size_t i = 0; i <= kMaxFlightRecords; ++i) {
    reply += std::string("\x16\x03\x03\x00\x01", 5);
    reply += i < start.size() ? start[i] : '\0';
  }
  hostile_listener_case(reply, "more than 512 records");
}

TEST(HelloProberHostile, ResetIsRetriedAndNeverARefusal) {
  // Every connection reset after the ClientHello: asked again, then left unknown, never
  // "TLS 1.2 not offered".
  hostile_listener_case("", "reset", Then::reset);
}

}  // namespace
}  // namespace weerbaar::scan::tls
