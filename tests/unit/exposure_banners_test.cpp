// The exposure services' banner parsers, through the registry: good, malformed, truncated and
// garbage input. Every parser must stay within the bytes it got and never throw.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <stdexcept>

#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

Banner parse(std::string_view service, std::string_view raw) {
  const auto* spec = Services::instance().find(service);
  EXPECT_NE(spec, nullptr) << service;
  if (spec == nullptr || !spec->parse) return {};
  return spec->parse(raw);
}

std::string bin(std::initializer_list<int> bytes) {
  std::string s;
  for (int b : bytes) s += static_cast<char>(b);
  return s;
}

TEST(ExposureBanner, PrintableLine) {
  EXPECT_EQ(printable_line("220 ready\r\nmore"), "220 ready");
  EXPECT_EQ(printable_line("\r\n\r\n  hello \x01\xff there  \n"), "hello .. there");
  EXPECT_EQ(printable_line(std::string(500, 'a'), 10), "aaaaaaaaaa");
  EXPECT_EQ(printable_line(""), "");
  EXPECT_EQ(printable_line("\r\n"), "");
}

TEST(ExposureBanner, Helpers) {
  std::uint32_t v = 0;
  EXPECT_TRUE(read_le(bin({0x34, 0x12}), 0, 2, v));
  EXPECT_EQ(v, 0x1234U);
  EXPECT_FALSE(read_le(bin({0x34}), 0, 2, v));
  EXPECT_FALSE(read_le("abcd", 5, 1, v));
  EXPECT_FALSE(read_le("abcdef", 0, 5, v));
  EXPECT_EQ(http_status("HTTP/1.1 401 Unauthorized\r\n"), 401);
  EXPECT_EQ(http_status("HTTP/1.1 4x1 Unauthorized"), 0);
  EXPECT_EQ(http_status("HTTP/1.1"), 0);
  EXPECT_EQ(http_status("SSH-2.0-OpenSSH_9.2\r\n"), 0);
  EXPECT_EQ(json_string_field(R"({"version" : {"number" : "8.11.1"}})", "number"), "8.11.1");
  EXPECT_EQ(json_string_field(R"({"number": 7})", "number"), "");
  EXPECT_EQ(json_string_field(R"({"number": "8.1)", "number"), "8.1");  // cut short
  EXPECT_EQ(json_string_field(R"({"x":"a\u0001b"})", "x"), "au0001b");
}

TEST(ExposureBanner, Ftp) {
  auto b = parse("ftp", "220 (vsFTPd 3.0.3)\r\n");
  EXPECT_TRUE(b.recognised);
  EXPECT_TRUE(b.complete);
  EXPECT_EQ(b.text, "220 (vsFTPd 3.0.3)");
  b = parse("ftp", "220 (vsFTPd");
  EXPECT_FALSE(b.complete);
  EXPECT_TRUE(b.recognised);
  b = parse("ftp", "SSH-2.0-OpenSSH\r\n");
  EXPECT_FALSE(b.recognised);
  EXPECT_EQ(b.text, "SSH-2.0-OpenSSH");
}

// RFC 4253 4.2: the identification line, read up to its end or 255 bytes.
TEST(ExposureBanner, Ssh) {
  auto b = parse("ssh", "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
  EXPECT_TRUE(b.recognised);
  EXPECT_TRUE(b.complete);
  EXPECT_EQ(b.text, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3");
  EXPECT_TRUE(parse("ssh", "SSH-1.99-Cisco-1.25\r\n").recognised);
  EXPECT_FALSE(parse("ssh", "SSH-2.0-OpenSSH_9").complete) << "a line cut short: read on";
  EXPECT_TRUE(parse("ssh", std::string(255, 'x')).complete) << "no more than one line of 255 bytes";
  // A line before the identification (allowed, rare; endlessh sends them forever): not read on.
  auto pre = parse("ssh", "Welcome\r\nSSH-2.0-OpenSSH_9.8p1\r\n");
  EXPECT_FALSE(pre.recognised);
  EXPECT_TRUE(pre.complete);
  EXPECT_FALSE(parse("ssh", "220 (vsFTPd 3.0.3)\r\n").recognised);
  EXPECT_FALSE(parse("ssh", "SSH-3.0-x\r\n").recognised);
  const auto* spec = Services::instance().find("ssh");
  ASSERT_NE(spec, nullptr);
  EXPECT_TRUE(spec->request.starts_with("SSH-2.0-") && spec->request.ends_with("\r\n"));
  EXPECT_FALSE(parse("ssh", spec->request).recognised) << "an echo of our identification is not an answer";
  EXPECT_FALSE(parse("ssh", "").recognised);
}

TEST(ExposureBanner, Telnet) {
  auto b = parse("telnet", bin({255, 253, 24, 255, 251, 1}) + "\r\nrouter login: ");
  EXPECT_TRUE(b.recognised);
  EXPECT_TRUE(b.complete);
  EXPECT_EQ(b.text, "router login:");
  b = parse("telnet", bin({255, 253, 24}));
  EXPECT_TRUE(b.recognised);
  EXPECT_EQ(b.text, "(Telnet option negotiation)");
  b = parse("telnet", bin({255, 253}));  // cut inside a sequence
  EXPECT_FALSE(b.complete);
  b = parse("telnet", bin({255, 250, 24, 1}));  // subnegotiation without its end
  EXPECT_FALSE(b.complete);
  b = parse("telnet", bin({255, 250, 24, 1, 255, 240}) + "login:");
  EXPECT_TRUE(b.complete);
  EXPECT_EQ(b.text, "login:");
  b = parse("telnet", "Welcome\r\n");
  EXPECT_FALSE(b.recognised);
  EXPECT_TRUE(b.complete);
}

TEST(ExposureBanner, Vnc) {
  auto b = parse("vnc", "RFB 003.008\n");
  EXPECT_TRUE(b.recognised);
  EXPECT_TRUE(b.complete);
  EXPECT_EQ(b.text, "RFB 003.008");
  EXPECT_FALSE(parse("vnc", "RFB 003.0").complete);
  EXPECT_FALSE(parse("vnc", "RFB 0x3.008\n").recognised);
  EXPECT_FALSE(parse("vnc", "HTTP/1.1 200 OK\r\n").recognised);
}

std::string mysql_packet(const std::string& payload) {
  const auto n = payload.size();
  return bin({static_cast<int>(n & 0xff), static_cast<int>((n >> 8) & 0xff), static_cast<int>((n >> 16) & 0xff), 0}) +
         payload;
}

TEST(ExposureBanner, Mysql) {
  const std::string hello = mysql_packet(std::string("\x0a"
                                                     "8.0.36-0ubuntu0.22.04.1\0",
                                                     25) +
                                         std::string(30, 'x'));
  auto b = parse("mysql", hello);
  EXPECT_TRUE(b.recognised);
  EXPECT_TRUE(b.complete);
  EXPECT_EQ(b.text, "MySQL 8.0.36-0ubuntu0.22.04.1");
  b = parse("mysql", mysql_packet(std::string("\x0a"
                                              "5.5.5-10.11.6-MariaDB\0",
                                              23)));
  EXPECT_EQ(b.text, "MariaDB 5.5.5-10.11.6-MariaDB");
  b = parse("mysql", hello.substr(0, 10));  // version cut short
  EXPECT_FALSE(b.complete);
  EXPECT_FALSE(b.recognised);
  b = parse("mysql", mysql_packet("\xff\x6a\x04Host '203.0.113.9' is not allowed to connect"));
  EXPECT_TRUE(b.recognised);
  EXPECT_EQ(b.text, "MySQL error 1130: Host '203.0.113.9' is not allowed to connect");
  b = parse("mysql", bin({0xff, 0xff, 0xff, 0x00, 0x0a}));  // claims 16 MB, sends one byte
  EXPECT_FALSE(b.complete);
  EXPECT_FALSE(parse("mysql", "").recognised);
  EXPECT_FALSE(parse("mysql", bin({1, 0, 0, 0, 0x42})).recognised);
}

TEST(ExposureBanner, Postgresql) {
  EXPECT_EQ(parse("postgresql", "N").text, "PostgreSQL (no TLS)");
  EXPECT_TRUE(parse("postgresql", "S").recognised);
  EXPECT_FALSE(parse("postgresql", "").complete);
  auto b = parse("postgresql", "HTTP/1.0 400 Bad Request\r\n");
  EXPECT_FALSE(b.recognised);
  EXPECT_TRUE(b.complete);
  EXPECT_FALSE(parse("postgresql", "NS").recognised);
}

std::string le32(std::uint32_t v) {
  return bin({static_cast<int>(v & 0xff), static_cast<int>((v >> 8) & 0xff), static_cast<int>((v >> 16) & 0xff),
              static_cast<int>((v >> 24) & 0xff)});
}

TEST(ExposureBanner, Mongodb) {
  const auto* spec = Services::instance().find("mongodb");
  ASSERT_NE(spec, nullptr);
  // The request is a well-formed OP_QUERY: its length field is its length.
  std::uint32_t len = 0, id = 0, op = 0;
  ASSERT_TRUE(read_le(spec->request, 0, 4, len));
  EXPECT_EQ(len, spec->request.size());
  ASSERT_TRUE(read_le(spec->request, 4, 4, id));
  ASSERT_TRUE(read_le(spec->request, 12, 4, op));
  EXPECT_EQ(op, 2004U);

  const std::string doc_body = std::string("\x10maxWireVersion\0", 16) + le32(17) + std::string(1, '\0');
  const std::string doc = le32(static_cast<std::uint32_t>(4 + doc_body.size())) + doc_body;
  const std::string body = le32(8) + std::string(8, '\0') + le32(0) + le32(1) + doc;
  const std::string reply = le32(static_cast<std::uint32_t>(16 + body.size())) + le32(7) + le32(id) + le32(1) + body;
  auto b = parse("mongodb", reply);
  EXPECT_TRUE(b.recognised);
  EXPECT_TRUE(b.complete);
  EXPECT_EQ(b.text, "MongoDB (wire version 17)");
  b = parse("mongodb", reply.substr(0, 20));
  EXPECT_TRUE(b.recognised);
  EXPECT_FALSE(b.complete);
  // A reply to someone else's request, or an absurd length: not MongoDB, stop reading.
  b = parse("mongodb", le32(60) + le32(7) + le32(id + 1) + le32(1));
  EXPECT_FALSE(b.recognised);
  EXPECT_TRUE(b.complete);
  b = parse("mongodb", le32(0xffffffffU) + le32(7) + le32(id) + le32(1));
  EXPECT_FALSE(b.recognised);
  EXPECT_FALSE(parse("mongodb", "abc").recognised);
}

TEST(ExposureBanner, Redis) {
  auto b = parse("redis", "+PONG\r\n");
  EXPECT_EQ(b.auth, ServiceAuth::none);
  EXPECT_TRUE(b.recognised);
  EXPECT_TRUE(b.complete);
  b = parse("redis", "-NOAUTH Authentication required.\r\n");
  EXPECT_EQ(b.auth, ServiceAuth::required);
  EXPECT_EQ(b.text, "-NOAUTH Authentication required.");
  EXPECT_EQ(parse("redis", "-DENIED Redis is running in protected mode\r\n").auth, ServiceAuth::required);
  EXPECT_EQ(parse("redis", "+PON").auth, ServiceAuth::unknown);  // cut short
  EXPECT_EQ(parse("redis", "+PONGO\r\n").auth, ServiceAuth::unknown);
  EXPECT_EQ(parse("redis", "HTTP/1.1 400\r\n").auth, ServiceAuth::unknown);
  EXPECT_FALSE(parse("redis", "").recognised);
}

TEST(ExposureBanner, Memcached) {
  auto b = parse("memcached", "VERSION 1.6.21\r\n");
  EXPECT_TRUE(b.recognised);
  EXPECT_EQ(b.text, "Memcached 1.6.21");
  EXPECT_EQ(b.auth, ServiceAuth::none);
  EXPECT_FALSE(parse("memcached", "VERSION 1.6").recognised);
  EXPECT_FALSE(parse("memcached", "ERROR\r\n").recognised);
}

TEST(ExposureBanner, Elasticsearch) {
  auto b =
      parse("elasticsearch",
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{\n  \"name\" : \"es01\",\n  \"cluster_name\" : "
            "\"shop\",\n  \"version\" : {\n    \"number\" : \"7.17.15\"");
  EXPECT_TRUE(b.recognised);
  EXPECT_EQ(b.auth, ServiceAuth::none);
  EXPECT_EQ(b.text, "Elasticsearch 7.17.15");
  b = parse("elasticsearch",
            "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic "
            "realm=\"security\"\r\n\r\n{\"error\":{\"type\":\"security_exception\"}}");
  EXPECT_TRUE(b.recognised);
  EXPECT_EQ(b.auth, ServiceAuth::required);
  b = parse("elasticsearch", "HTTP/1.1 200 OK\r\n\r\n<html>hello</html>");  // some other web server
  EXPECT_FALSE(b.recognised);
  EXPECT_EQ(b.auth, ServiceAuth::unknown);
  EXPECT_TRUE(parse("elasticsearch", std::string(20, '\x01')).complete);
}

TEST(ExposureBanner, Docker) {
  auto b = parse("docker", "HTTP/1.1 200 OK\r\n\r\n{\"Version\":\"24.0.7\",\"ApiVersion\":\"1.43\"}");
  EXPECT_TRUE(b.recognised);
  EXPECT_EQ(b.text, "Docker 24.0.7 (API 1.43)");
  b = parse("docker", "HTTP/1.1 404 Not Found\r\n\r\n");
  EXPECT_FALSE(b.recognised);
  EXPECT_EQ(b.text, "HTTP/1.1 404 Not Found");
}

TEST(ExposureBanner, Rdp) {
  auto b = parse("rdp", bin({3, 0, 0, 0x13, 0x0e, 0xd0, 0, 0, 0x12, 0x34, 0, 2, 0x1f, 8, 0, 2, 0, 0, 0}));
  EXPECT_TRUE(b.recognised);
  EXPECT_TRUE(b.complete);
  EXPECT_EQ(b.text, "RDP (NLA/CredSSP)");
  b = parse("rdp", bin({3, 0, 0, 0x0b, 0x06, 0xd0, 0, 0, 0x12, 0x34, 0}));  // old server: no negotiation
  EXPECT_EQ(b.text, "RDP");
  b = parse("rdp", bin({3, 0, 0, 0x13, 0x0e}));
  EXPECT_FALSE(b.complete);
  EXPECT_FALSE(b.recognised);
  b = parse("rdp", bin({3, 0, 0, 2}));  // length below the header
  EXPECT_TRUE(b.complete);
  EXPECT_FALSE(b.recognised);
  EXPECT_FALSE(parse("rdp", "HTTP/1.1 400 Bad Request\r\n").recognised);
}

TEST(ExposureBanner, SmbNegotiateResponse) {
  const auto* spec = Services::instance().find("smb");
  ASSERT_NE(spec, nullptr);
  ASSERT_TRUE(spec->parse);
  // The request is a NetBIOS-framed SMB2 NEGOTIATE.
  ASSERT_GE(spec->request.size(), 8U);
  EXPECT_EQ(spec->request.substr(4, 4), std::string("\xfeSMB", 4));
  std::string answer = bin({0, 0, 0, 0x41}) + "\xfeSMB" + std::string(60, '\0') + bin({65, 0, 1, 0, 2, 3});
  answer[4 + 16] = 1;  // server to client
  auto b = parse("smb", answer);
  EXPECT_TRUE(b.recognised);
  EXPECT_TRUE(b.complete);
  EXPECT_EQ(b.text, "SMB2 (dialect 3.0.2)");
  EXPECT_TRUE(parse("smb", bin({0, 0, 0, 0x20}) + "\xffSMB" + bin({0x72, 0, 0, 0, 0, 0x80})).recognised);
  EXPECT_FALSE(parse("smb", spec->request).recognised) << "an echo of the request is not an answer";
  // A tarpit's echo of the request, an HTTP answer, noise: not SMB.
  EXPECT_FALSE(parse("smb", "HTTP/1.1 400 Bad Request\r\n").recognised);
  EXPECT_TRUE(parse("smb", "HTTP/1.1 400 Bad Request\r\n").complete);
  EXPECT_FALSE(parse("smb", bin({0, 0, 0})).complete);
}

// Every parser, on random bytes of every length up to its limit and on every prefix of a
// good answer: no throw, and a banner that is one printable line.
TEST(ExposureBanner, GarbageNeverHurts) {
  std::mt19937 rng(20240601);
  for (const auto& spec : Services::instance().all()) {
    if (!spec.parse) continue;
    for (int round = 0; round < 300; ++round) {
      std::string raw(rng() % (spec.max_bytes + 1), '\0');
      for (auto& c : raw) c = static_cast<char>(rng() & 0xff);
      Banner b;
      ASSERT_NO_THROW(b = spec.parse(raw)) << spec.name;
      for (char c : b.text) {
        ASSERT_TRUE(c >= 0x20 && c < 0x7f) << spec.name << ": unprintable banner byte";
      }
      ASSERT_LE(b.text.size(), 200U) << spec.name;
    }
  }
}

TEST(ExposureRegistry, EveryServiceHasPortsFindingsAndACheck) {
  std::set<std::uint16_t> ports;
  for (const auto& spec : Services::instance().all()) {
    EXPECT_FALSE(spec.ports.empty()) << spec.name;
    for (auto p : spec.ports) EXPECT_TRUE(ports.insert(p).second) << "port " << p << " twice";
    for (auto p : {80, 443, 25}) EXPECT_EQ(std::count(spec.ports.begin(), spec.ports.end(), p), 0) << spec.name;
    for (const auto& id : spec.findings) EXPECT_TRUE(id.starts_with("EXPOSURE_")) << id;
    EXPECT_LE(spec.max_bytes, 4096U) << spec.name;
  }
  for (const char* name : {"rdp", "smb", "telnet", "ftp", "vnc", "mysql", "postgresql", "mongodb", "redis", "memcached",
                           "elasticsearch", "docker"}) {
    EXPECT_NE(Services::instance().find(name), nullptr) << name;
  }
  EXPECT_EQ(Services::instance().by_port(6379)->name, "redis");
  EXPECT_EQ(Services::instance().by_port(1), nullptr);
  EXPECT_THROW(Services::instance().add(ServiceSpec{.name = "redis", .findings = {"EXPOSURE_X"}}), std::logic_error);
  EXPECT_THROW(Services::instance().add(ServiceSpec{.name = "other", .ports = {3389}, .findings = {"EXPOSURE_X"}}),
               std::logic_error);
  EXPECT_THROW(Services::instance().add(ServiceSpec{.name = "nofinding"}), std::logic_error);
  // SSH is probed for its banner only: no check of its own, no finding for the open port.
  ASSERT_NE(Services::instance().find("ssh"), nullptr);
  EXPECT_FALSE(Services::instance().find("ssh")->own_check);
  EXPECT_EQ(Services::instance().by_port(22)->name, "ssh");
  EXPECT_THROW(Services::instance().add(
                   ServiceSpec{.name = "quiet", .ports = {2}, .findings = {"EXPOSURE_X"}, .own_check = false}),
               std::logic_error);
}

}  // namespace
}  // namespace weerbaar::scan::exposure
