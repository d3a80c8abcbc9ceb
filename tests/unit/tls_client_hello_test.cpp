// ClientHello bytes are checked with a small independent parser written here; server flights
// are hand-built byte vectors, including truncated and malformed ones.
#include "scan/tls/client_hello.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "scan/tls/cipher_suites.hpp"
#include "scan/tls/groups.hpp"

namespace weerbaar::scan::tls {
namespace {

using Bytes = std::vector<std::uint8_t>;

// ------------------------------------------------------------------ test-side encoding helpers
void put16(Bytes& b, std::uint16_t v) {
  b.push_back(static_cast<std::uint8_t>(v >> 8));
  b.push_back(static_cast<std::uint8_t>(v));
}
void put24(Bytes& b, std::size_t v) {
  b.push_back(static_cast<std::uint8_t>(v >> 16));
  b.push_back(static_cast<std::uint8_t>(v >> 8));
  b.push_back(static_cast<std::uint8_t>(v));
}
Bytes vec16(const Bytes& body) {
  Bytes b;
  put16(b, static_cast<std::uint16_t>(body.size()));
  b.insert(b.end(), body.begin(), body.end());
  return b;
}
Bytes handshake(std::uint8_t type, const Bytes& body) {
  Bytes b{type};
  put24(b, body.size());
  b.insert(b.end(), body.begin(), body.end());
  return b;
}
Bytes record(std::uint8_t type, const Bytes& fragment, std::uint16_t version = 0x0303) {
  Bytes b{type};
  put16(b, version);
  put16(b, static_cast<std::uint16_t>(fragment.size()));
  b.insert(b.end(), fragment.begin(), fragment.end());
  return b;
}
Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
Bytes extension(std::uint16_t type, const Bytes& data) {
  Bytes b;
  put16(b, type);
  auto v = vec16(data);
  b.insert(b.end(), v.begin(), v.end());
  return b;
}

const std::array<std::uint8_t, 32> kHrrRandom{0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C,
                                              0x02, 0x1E, 0x65, 0xB8, 0x91, 0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB,
                                              0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

struct ShSpec {
  std::uint16_t version = 0x0303;
  std::uint16_t suite = 0xC02F;
  std::uint8_t compression = 0;
  bool hrr = false;
  std::optional<Bytes> extensions = Bytes{};  // nullopt: no extensions block at all
  std::size_t session_id_len = 32;
};
Bytes server_hello_body(const ShSpec& s) {
  Bytes b;
  put16(b, s.version);
  if (s.hrr) {
    b.insert(b.end(), kHrrRandom.begin(), kHrrRandom.end());
  } else {
    for (int i = 0; i < 32; ++i) b.push_back(static_cast<std::uint8_t>(i));
  }
  b.push_back(static_cast<std::uint8_t>(s.session_id_len));
  b.insert(b.end(), s.session_id_len, 0xAA);
  put16(b, s.suite);
  b.push_back(s.compression);
  if (s.extensions) {
    auto v = vec16(*s.extensions);
    b.insert(b.end(), v.begin(), v.end());
  }
  return b;
}

Bytes ecdhe_ske(std::uint16_t curve) {
  Bytes b{3};
  put16(b, curve);
  b.push_back(65);
  b.insert(b.end(), 65, 0x04);
  put16(b, 0x0401);
  auto sig = vec16(Bytes(256, 0x55));
  b.insert(b.end(), sig.begin(), sig.end());
  return b;
}
Bytes dhe_ske(const Bytes& p) {
  Bytes b = vec16(p);
  auto g = vec16({2});
  auto ys = vec16(Bytes(p.size(), 0x33));
  b.insert(b.end(), g.begin(), g.end());
  b.insert(b.end(), ys.begin(), ys.end());
  put16(b, 0x0401);
  auto sig = vec16(Bytes(256, 0x55));
  b.insert(b.end(), sig.begin(), sig.end());
  return b;
}
Bytes certificate_msg(const std::vector<Bytes>& ders) {
  Bytes list;
  for (const auto& d : ders) {
    put24(list, d.size());
    list.insert(list.end(), d.begin(), d.end());
  }
  Bytes b;
  put24(b, list.size());
  b.insert(b.end(), list.begin(), list.end());
  return b;
}

// A full TLS 1.2 ECDHE flight: ServerHello (reneg + EMS), Certificate, ServerKeyExchange, Done.
Bytes tls12_flight() {
  Bytes exts = concat({extension(ext::renegotiation_info, {0}), extension(ext::extended_master_secret, {}),
                       extension(ext::ec_point_formats, {1, 0})});
  Bytes hs = concat({handshake(2, server_hello_body({.extensions = exts})),
                     handshake(11, certificate_msg({Bytes(700, 0x30), Bytes(600, 0x31)})),
                     handshake(12, ecdhe_ske(group::x25519)), handshake(14, {})});
  // Split the handshake stream over records at an awkward place (inside a message header).
  const std::size_t cut = 90;
  return concat({record(22, Bytes(hs.begin(), hs.begin() + cut)), record(22, Bytes(hs.begin() + cut, hs.end()))});
}

// ------------------------------------------------------------------ test-side ClientHello parser
struct ParsedHello {
  std::uint8_t record_type = 0;
  std::uint16_t record_version = 0;
  std::size_t message_length = 0;  // handshake message with its 4-byte header
  std::uint16_t version = 0;
  std::size_t session_id_length = 0;
  std::vector<std::uint16_t> suites;
  Bytes compression;
  bool has_extensions = false;
  std::map<std::uint16_t, Bytes> extensions;
  std::vector<std::uint16_t> extension_order;
};

std::uint16_t rd16(const Bytes& b, std::size_t at) {
  return static_cast<std::uint16_t>((b.at(at) << 8) | b.at(at + 1));
}

ParsedHello parse_hello(const Bytes& b) {
  ParsedHello h;
  h.record_type = b.at(0);
  h.record_version = rd16(b, 1);
  EXPECT_EQ(rd16(b, 3), b.size() - 5) << "record length";
  EXPECT_EQ(b.at(5), 1) << "handshake type client_hello";
  const std::size_t body_len = (static_cast<std::size_t>(b.at(6)) << 16) | (b.at(7) << 8) | b.at(8);
  EXPECT_EQ(body_len, b.size() - 9) << "handshake length";
  h.message_length = body_len + 4;
  std::size_t p = 9;
  h.version = rd16(b, p);
  p += 2 + 32;
  h.session_id_length = b.at(p);
  p += 1 + h.session_id_length;
  const std::size_t suites_len = rd16(b, p);
  EXPECT_EQ(suites_len % 2, 0U);
  p += 2;
  for (std::size_t i = 0; i < suites_len; i += 2) h.suites.push_back(rd16(b, p + i));
  p += suites_len;
  const std::size_t comp_len = b.at(p++);
  h.compression.assign(b.begin() + static_cast<std::ptrdiff_t>(p),
                       b.begin() + static_cast<std::ptrdiff_t>(p + comp_len));
  p += comp_len;
  if (p == b.size()) return h;
  h.has_extensions = true;
  const std::size_t ext_len = rd16(b, p);
  p += 2;
  EXPECT_EQ(p + ext_len, b.size()) << "extensions fill the rest";
  const std::size_t end = p + ext_len;
  while (p < end) {
    const std::uint16_t type = rd16(b, p);
    const std::size_t len = rd16(b, p + 2);
    p += 4;
    EXPECT_LE(p + len, end);
    EXPECT_EQ(h.extensions.count(type), 0U) << "duplicate extension " << type;
    h.extensions[type] =
        Bytes(b.begin() + static_cast<std::ptrdiff_t>(p), b.begin() + static_cast<std::ptrdiff_t>(p + len));
    h.extension_order.push_back(type);
    p += len;
  }
  return h;
}

std::vector<std::uint16_t> list16(const Bytes& data, std::size_t prefix) {
  std::vector<std::uint16_t> out;
  for (std::size_t i = prefix; i + 1 < data.size(); i += 2) out.push_back(rd16(data, i));
  return out;
}

// ------------------------------------------------------------------ ClientHello
TEST(TlsClientHello, Tls12HelloParsesBackWithEveryExtension) {
  ClientHelloOptions o;
  o.legacy_version = 0x0303;
  o.suites = suites_for_version(TlsVersion::tls1_2);
  o.sni = "bakkerij-jansen.nl";
  o.supported_groups = {group::x25519, group::secp256r1};
  o.random.fill(0x42);
  const Bytes b = build_client_hello(o);
  const ParsedHello h = parse_hello(b);
  EXPECT_EQ(h.record_type, 22);
  EXPECT_EQ(h.record_version, 0x0301);
  EXPECT_EQ(h.version, 0x0303);
  EXPECT_EQ(h.session_id_length, 0U);
  EXPECT_EQ(h.suites, o.suites);
  EXPECT_EQ(h.compression, Bytes{0});
  ASSERT_TRUE(h.has_extensions);
  const Bytes& sni = h.extensions.at(ext::server_name);
  EXPECT_EQ(std::string(sni.begin() + 5, sni.end()), "bakkerij-jansen.nl");
  EXPECT_EQ(rd16(sni, 0), sni.size() - 2);
  EXPECT_EQ(list16(h.extensions.at(ext::supported_groups), 2), o.supported_groups);
  EXPECT_EQ(h.extensions.at(ext::renegotiation_info), Bytes{0});
  EXPECT_TRUE(h.extensions.at(ext::extended_master_secret).empty());
  EXPECT_EQ(h.extensions.at(ext::ec_point_formats).at(0), 3);
  const auto sigalgs = list16(h.extensions.at(ext::signature_algorithms), 2);
  EXPECT_NE(std::find(sigalgs.begin(), sigalgs.end(), 0x0201), sigalgs.end()) << "rsa_pkcs1_sha1 for old servers";
  EXPECT_EQ(sigalgs.size(), offered_signature_algorithms().size());
  EXPECT_EQ(h.extensions.count(ext::status_request), 1U);
  EXPECT_EQ(h.extensions.count(ext::supported_versions), 0U);
  EXPECT_EQ(h.extensions.count(ext::key_share), 0U);
  EXPECT_FALSE(h.message_length > 0xFF && h.message_length < 0x200) << "F5 window avoided";
}

TEST(TlsClientHello, Tls13HelloCarriesVersionsAndKeyShare) {
  ClientHelloOptions o;
  o.suites = suites_for_version(TlsVersion::tls1_3);
  o.supported_versions = {0x0304};
  o.supported_groups = groups_for_version(TlsVersion::tls1_3);
  o.key_share = KeyShareOffer::x25519;
  o.x25519_public.fill(0x09);
  o.session_id.assign(32, 0x11);
  const ParsedHello h = parse_hello(build_client_hello(o));
  EXPECT_EQ(h.version, 0x0303);
  EXPECT_EQ(h.session_id_length, 32U);
  EXPECT_EQ(h.suites, (std::vector<std::uint16_t>{0x1301, 0x1302, 0x1303, 0x1304, 0x1305}));
  EXPECT_EQ(h.extensions.at(ext::supported_versions), (Bytes{2, 0x03, 0x04}));
  const Bytes& ks = h.extensions.at(ext::key_share);
  ASSERT_EQ(ks.size(), 2U + 2 + 2 + 32);
  EXPECT_EQ(rd16(ks, 0), 36);
  EXPECT_EQ(rd16(ks, 2), group::x25519);
  EXPECT_EQ(rd16(ks, 4), 32);
  EXPECT_EQ(ks.back(), 0x09);
  EXPECT_EQ(h.extensions.count(ext::server_name), 0U) << "no SNI asked for";
}

TEST(TlsClientHello, EmptyKeyShareProvokesHelloRetry) {
  ClientHelloOptions o;
  o.suites = {0x1301};
  o.supported_versions = {0x0304};
  o.key_share = KeyShareOffer::empty;
  const ParsedHello h = parse_hello(build_client_hello(o));
  EXPECT_EQ(h.extensions.at(ext::key_share), (Bytes{0, 0}));
}

TEST(TlsClientHello, Ssl3HasNoExtensionsAndSignalsRenegotiationWithScsv) {
  ClientHelloOptions o;
  o.record_version = 0x0300;
  o.legacy_version = 0x0300;
  o.suites = {0x000A, 0x0005};
  o.extensions = false;
  o.offer_deflate = true;
  o.sni = "example.nl";
  const ParsedHello h = parse_hello(build_client_hello(o));
  EXPECT_EQ(h.record_version, 0x0300);
  EXPECT_EQ(h.version, 0x0300);
  EXPECT_FALSE(h.has_extensions);
  EXPECT_EQ(h.suites, (std::vector<std::uint16_t>{0x000A, 0x0005, kEmptyRenegotiationInfoScsv}));
  EXPECT_EQ(h.compression, (Bytes{1, 0})) << "deflate, then null";
}

TEST(TlsClientHello, NoSniForIpLiterals) {
  ClientHelloOptions o;
  o.suites = {0xC02F};
  for (const char* ip : {"192.0.2.7", "2001:db8::1"}) {
    o.sni = ip;
    EXPECT_EQ(parse_hello(build_client_hello(o)).extensions.count(ext::server_name), 0U) << ip;
  }
}

TEST(TlsClientHello, PaddingKeepsEverySizeOutOfTheF5Window) {
  // Grow the hello one suite at a time through the 256..511 byte window.
  ClientHelloOptions o;
  o.sni = "a.nl";
  for (std::uint16_t n = 1; n < 200; ++n) {
    o.suites.push_back(static_cast<std::uint16_t>(0x0100 + n));
    const ParsedHello h = parse_hello(build_client_hello(o));
    EXPECT_FALSE(h.message_length > 0xFF && h.message_length < 0x200) << n << " suites: " << h.message_length;
  }
}

// ------------------------------------------------------------------ server flights
TEST(TlsServerFlight, Tls12FlightAcrossRecords) {
  const Bytes flight = tls12_flight();
  const ServerFlight f = parse_server_flight(flight);
  ASSERT_EQ(f.status, ParseStatus::complete) << f.error;
  ASSERT_TRUE(f.hello);
  EXPECT_EQ(f.hello->version, 0x0303);
  EXPECT_EQ(f.hello->cipher_suite, 0xC02F);
  EXPECT_EQ(f.hello->compression, 0);
  EXPECT_FALSE(f.hello->hello_retry_request);
  EXPECT_TRUE(f.hello->secure_renegotiation);
  EXPECT_TRUE(f.hello->extended_master_secret);
  ASSERT_EQ(f.certificates.size(), 2U);
  EXPECT_EQ(f.certificates[0].size(), 700U);
  ASSERT_TRUE(f.key_exchange);
  EXPECT_EQ(f.key_exchange->named_curve, group::x25519);
  EXPECT_TRUE(f.hello_done);
}

TEST(TlsServerFlight, EveryTruncationNeedsMoreAndNeverFails) {
  const Bytes flight = tls12_flight();
  for (std::size_t n = 0; n < flight.size(); ++n) {
    const ServerFlight f = parse_server_flight(std::span(flight.data(), n));
    ASSERT_EQ(f.status, ParseStatus::need_more) << "prefix of " << n << " bytes: " << f.error;
  }
}

TEST(TlsServerFlight, ServerHelloWithoutExtensions) {
  const Bytes flight = record(
      22, handshake(2, server_hello_body({.version = 0x0300, .suite = 0x000A, .extensions = std::nullopt})), 0x0300);
  const ServerFlight f = parse_server_flight(flight);
  EXPECT_EQ(f.status, ParseStatus::need_more);
  ASSERT_TRUE(f.hello);
  EXPECT_EQ(f.hello->version, 0x0300);
  EXPECT_FALSE(f.hello->has_extensions);
  EXPECT_FALSE(f.hello->secure_renegotiation);
}

TEST(TlsServerFlight, DeflateChosen) {
  const ServerFlight f = parse_server_flight(record(22, handshake(2, server_hello_body({.compression = 1}))));
  ASSERT_TRUE(f.hello);
  EXPECT_EQ(f.hello->compression, 1);
}

TEST(TlsServerFlight, HelloRetryRequestNamesGroup) {
  Bytes exts = concat({extension(ext::supported_versions, {0x03, 0x04}), extension(ext::key_share, {0x00, 0x17})});
  const Bytes flight = record(22, handshake(2, server_hello_body({.suite = 0x1302, .hrr = true, .extensions = exts})));
  const ServerFlight f = parse_server_flight(flight);
  ASSERT_EQ(f.status, ParseStatus::complete) << f.error;
  EXPECT_TRUE(f.hello->hello_retry_request);
  EXPECT_EQ(f.hello->version, 0x0304);
  EXPECT_EQ(f.hello->legacy_version, 0x0303);
  EXPECT_EQ(f.hello->cipher_suite, 0x1302);
  EXPECT_EQ(f.hello->key_share_group, group::secp256r1);
}

TEST(TlsServerFlight, Tls13ServerHelloCompletesAtOnce) {
  Bytes share{0x00, 0x1D, 0x00, 0x20};
  share.insert(share.end(), 32, 0x77);
  Bytes exts = concat({extension(ext::supported_versions, {0x03, 0x04}), extension(ext::key_share, share)});
  // What follows (ChangeCipherSpec, encrypted records) is never needed.
  const Bytes flight = concat({record(22, handshake(2, server_hello_body({.suite = 0x1301, .extensions = exts}))),
                               record(20, {1}), record(23, Bytes(40, 0xEE))});
  const ServerFlight f = parse_server_flight(flight);
  ASSERT_EQ(f.status, ParseStatus::complete) << f.error;
  EXPECT_FALSE(f.hello->hello_retry_request);
  EXPECT_EQ(f.hello->version, 0x0304);
  EXPECT_EQ(f.hello->key_share_group, group::x25519);
}

TEST(TlsServerFlight, DheParametersGiveThePrimeLength) {
  Bytes p(256, 0xFF);  // 2048 bits
  Bytes padded = p;
  padded.insert(padded.begin(), 0x00);  // a leading zero byte does not count
  for (const Bytes& prime : {p, padded}) {
    const Bytes hs =
        concat({handshake(2, server_hello_body({.suite = 0x009E})), handshake(12, dhe_ske(prime)), handshake(14, {})});
    const ServerFlight f = parse_server_flight(record(22, hs));
    ASSERT_EQ(f.status, ParseStatus::complete) << f.error;
    ASSERT_TRUE(f.key_exchange);
    EXPECT_EQ(f.key_exchange->dh_prime_bits, 2048);
    EXPECT_EQ(f.key_exchange->dh_prime, prime);
    EXPECT_FALSE(f.key_exchange->named_curve);
  }
  Bytes small(128, 0x00);
  small[0] = 0x7F;  // 1023 bits
  const Bytes hs =
      concat({handshake(2, server_hello_body({.suite = 0x0033})), handshake(12, dhe_ske(small)), handshake(14, {})});
  EXPECT_EQ(parse_server_flight(record(22, hs)).key_exchange->dh_prime_bits, 1023);
}

TEST(TlsServerFlight, PskVariantsSkipTheIdentityHint) {
  Bytes ske = vec16({'h', 'i', 'n', 't'});
  Bytes curve = ecdhe_ske(group::secp384r1);
  ske.insert(ske.end(), curve.begin(), curve.end());
  const Bytes hs = concat({handshake(2, server_hello_body({.suite = 0xC035})), handshake(12, ske), handshake(14, {})});
  const ServerFlight f = parse_server_flight(record(22, hs));
  ASSERT_EQ(f.status, ParseStatus::complete) << f.error;
  EXPECT_EQ(f.key_exchange->named_curve, group::secp384r1);
}

TEST(TlsServerFlight, FatalAlertIsARefusal) {
  const ServerFlight f = parse_server_flight(record(21, {2, 40}));
  EXPECT_EQ(f.status, ParseStatus::alert);
  ASSERT_TRUE(f.alert);
  EXPECT_EQ(f.alert->description, 40);
  EXPECT_EQ(f.error, "handshake_failure");
  EXPECT_FALSE(f.hello);
}

TEST(TlsServerFlight, WarningBeforeServerHelloIsSkipped) {
  const Bytes flight = concat({record(21, {1, 112}), tls12_flight()});
  const ServerFlight f = parse_server_flight(flight);
  EXPECT_EQ(f.status, ParseStatus::complete) << f.error;
  EXPECT_FALSE(f.alert);
}

TEST(TlsServerFlight, AlertAfterServerHelloKeepsTheHello) {
  const Bytes flight = concat({record(22, handshake(2, server_hello_body({}))), record(21, {2, 80})});
  const ServerFlight f = parse_server_flight(flight);
  EXPECT_EQ(f.status, ParseStatus::alert);
  ASSERT_TRUE(f.hello);
  EXPECT_EQ(f.hello->cipher_suite, 0xC02F);
}

struct MalformedCase {
  const char* name;
  Bytes bytes;
};

TEST(TlsServerFlight, MalformedInputIsReportedNotTrusted) {
  const Bytes ok_sh = server_hello_body({});
  Bytes bad_session = server_hello_body({.session_id_len = 33});
  Bytes dup_ext = server_hello_body(
      {.extensions = concat({extension(ext::extended_master_secret, {}), extension(ext::extended_master_secret, {})})});
  Bytes bad_sv = server_hello_body({.extensions = extension(ext::supported_versions, {0x03})});
  Bytes short_ext_block = ok_sh;
  short_ext_block.pop_back();
  short_ext_block.pop_back();
  short_ext_block.push_back(0x00);                                                       // a 1-byte extensions length
  Bytes ext_overrun = server_hello_body({.extensions = Bytes{0x00, 0x17, 0x00, 0x09}});  // claims 9 bytes, has 0
  Bytes bad_cert = certificate_msg({Bytes(10, 1)});
  bad_cert[2] = static_cast<std::uint8_t>(bad_cert[2] + 5);  // list longer than the message
  Bytes bad_ske = ecdhe_ske(group::x25519);
  bad_ske.resize(2);  // curve id cut short

  const std::vector<MalformedCase> cases = {
      {"HTTP instead of TLS", Bytes{'H', 'T', 'T', 'P', '/', '1', '.', '1', ' ', '4', '0', '0'}},
      {"SSLv2-style header", Bytes{0x80, 0x2E, 0x04, 0x00, 0x01, 0x00, 0x02}},
      {"record too long", Bytes{22, 3, 3, 0xFF, 0xFF}},
      {"empty handshake record", record(22, {})},
      {"short alert", record(21, {2})},
      {"application data first", record(23, {1, 2, 3})},
      {"unknown record type", record(99, {1})},
      {"certificate before hello", record(22, handshake(11, certificate_msg({Bytes(5, 1)})))},
      {"session id of 33 bytes", record(22, handshake(2, bad_session))},
      {"duplicate extension", record(22, handshake(2, dup_ext))},
      {"supported_versions of one byte", record(22, handshake(2, bad_sv))},
      {"extensions length cut", record(22, handshake(2, short_ext_block))},
      {"extension overruns block", record(22, handshake(2, ext_overrun))},
      {"hello body too short", record(22, handshake(2, Bytes(10, 3)))},
      {"huge handshake message", record(22, Bytes{2, 0xFF, 0xFF, 0xFF})},
      {"two server hellos", record(22, concat({handshake(2, ok_sh), handshake(2, ok_sh)}))},
      {"bad certificate list", record(22, concat({handshake(2, ok_sh), handshake(11, bad_cert)}))},
      {"bad key exchange", record(22, concat({handshake(2, ok_sh), handshake(12, bad_ske)}))},
      {"hello done with a body", record(22, concat({handshake(2, ok_sh), handshake(14, {0})}))},
  };
  for (const auto& c : cases) {
    const ServerFlight f = parse_server_flight(c.bytes);
    EXPECT_EQ(f.status, ParseStatus::malformed) << c.name;
    EXPECT_FALSE(f.error.empty()) << c.name;
  }
}

TEST(TlsServerFlight, RandomMutationsNeverEscapeTheApi) {
  // A poor man's fuzzer: flip, cut and splice bytes of a valid flight. The parser must
  // answer every time (under ASan/UBSan it also must not read out of bounds).
  const Bytes base = tls12_flight();
  std::mt19937 rng(7919);
  for (int i = 0; i < 20000; ++i) {
    Bytes b = base;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % b.size();
      switch (rng() % 3) {
        case 0: b[at] = static_cast<std::uint8_t>(rng()); break;
        case 1: b.resize(at + 1); break;
        default: b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), static_cast<std::uint8_t>(rng())); break;
      }
    }
    const ServerFlight f = parse_server_flight(b);
    if (f.status == ParseStatus::complete) {
      EXPECT_TRUE(f.hello.has_value());
    }
    if (f.status == ParseStatus::malformed) {
      EXPECT_FALSE(f.error.empty());
    }
  }
}

}  // namespace
}  // namespace weerbaar::scan::tls
