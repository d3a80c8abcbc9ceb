// Input the operator gives is untrusted too (opt-out lists, domain lists, answers files, the
// resolver, the EHLO name), and what a server sends must never cost more than linear time.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "assess/flow.hpp"
#include "core/operator_input.hpp"
#include "core/target.hpp"
#include "scan/dns/forwarder.hpp"
#include "scan/mail/policy_records.hpp"
#include "scan/tls/flight_reader.hpp"
#include "scan/web/html_scan.hpp"
#include "support/test_data.hpp"

namespace weerbaar {
namespace {

std::string error_of(std::string_view opt_out_text) {
  try {
    (void)OptOutList::parse(opt_out_text, "opt-out.txt");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(StrictOptOut, MalformedPrefixLengthsAreRefusedWithFileAndLine) {
  // Each of these was accepted and silently meant another network: stoul read "24abc" as 24,
  // and "4294967320" wrapped to 24.
  for (const char* bad :
       {"198.51.100.0/24abc", "198.51.100.0/4294967320", "198.51.100.0/-1", "198.51.100.0/+8", "198.51.100.0/ 24",
        "198.51.100.0/", "198.51.100.0/33", "2001:db8::/129", "2001:db8::/0x40", "198.51.100.0/24/8"}) {
    auto e = error_of(std::string("ok.nl\n") + bad + "\n");
    EXPECT_NE(e.find("opt-out.txt:2: "), std::string::npos) << bad << ": " << e;
    EXPECT_NE(e.find("prefix length"), std::string::npos) << bad << ": " << e;
    EXPECT_EQ(e.find('\n'), std::string::npos) << "one line: " << e;
  }
}

TEST(StrictOptOut, GoodPrefixesStillMeanWhatTheySay) {
  auto list = OptOutList::parse("198.51.100.0/24\n2001:db8::/32\n203.0.113.7\n10.0.0.0/0\n", "opt-out.txt");
  auto ip = [](const char* s) { return boost::asio::ip::make_address(s); };
  EXPECT_TRUE(list.covers_address(ip("198.51.100.200")));
  EXPECT_TRUE(list.covers_address(ip("2001:db8:1::1")));
  EXPECT_TRUE(list.covers_address(ip("203.0.113.7")));
  EXPECT_TRUE(list.covers_address(ip("8.8.8.8")));  // /0: every IPv4 address, as written
  EXPECT_FALSE(list.covers_address(ip("2001:db9::1")));
}

TEST(StrictDomainList, EveryLineIsOneDomainOrAnError) {
  auto domains = parse_domain_list("# businesses\nBakker.NL\n\n  slager.nl  # comment\r\n", "domains.txt");
  EXPECT_EQ(domains, (std::vector<std::string>{"bakker.nl", "slager.nl"}));
  for (const char* bad : {"https://bakker.nl/", "bakker.nl slager.nl", "192.0.2.1", "bakker", "bak ker.nl"}) {
    try {
      (void)parse_domain_list(std::string("ok.nl\n") + bad + "\n", "domains.txt");
      ADD_FAILURE() << bad << " accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_TRUE(std::string(e.what()).starts_with("domains.txt:2: ")) << e.what();
    }
  }
  EXPECT_FALSE(parse_domain_list_line("  # only a comment").domain);
  EXPECT_TRUE(parse_domain_list_line("  # only a comment").error.empty());
}

TEST(StrictEhloName, OnlyAHostName) {
  EXPECT_EQ(ehlo_name_error("scanner.weerbaar.nl"), "");
  EXPECT_NE(ehlo_name_error("scanner.weerbaar.nl\r\nMAIL FROM:<x@y.nl>"), "");
  EXPECT_NE(ehlo_name_error("scanner weerbaar.nl"), "");
  EXPECT_NE(ehlo_name_error(""), "");
  EXPECT_NE(ehlo_name_error(" scanner.weerbaar.nl"), "");
}

TEST(StrictResolver, AddressAndPortOrAClearError) {
  EXPECT_EQ(scan::dns::parse_forwarder("127.53.0.2"), "127.53.0.2");
  EXPECT_EQ(scan::dns::parse_forwarder("127.53.0.2:5353"), "127.53.0.2@5353");
  EXPECT_EQ(scan::dns::parse_forwarder("[::1]:53"), "::1@53");
  EXPECT_EQ(scan::dns::parse_forwarder("::1"), "::1");
  for (const char* bad : {"127.53.0.2:", "[::1]:", "127.53.0.2:0", "127.53.0.2:65536", "127.53.0.2:53x",
                          "[127.0.0.1]:53", "resolver.example", "127.53.0.2 ", "[::1", "[::1]53", "127.53.0.2:-53"}) {
    EXPECT_THROW((void)scan::dns::parse_forwarder(bad), scan::dns::ResolverError) << bad;
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const assess::AssessContent& assess_content() {
  return assess::AssessContent::embedded();
}

std::string answers_error(const std::string& json) {
  try {
    (void)assess::load_state(assess_content(), json);
  } catch (const assess::AnswerError& e) {
    return e.what();
  }
  return "";
}

TEST(StrictAnswersFile, ErrorsNameTheLine) {
  auto e = answers_error(
      "{\n \"schema\": \"weerbaar.assess-state/1\",\n \"lang\": \"nl\",\n \"answers\": {\n  \"no_such\": \"yes\"\n "
      "}\n}\n");
  EXPECT_NE(e.find("line 5: no question \"no_such\""), std::string::npos) << e;
  e = answers_error(
      "{\n \"schema\": \"weerbaar.assess-state/1\",\n \"lang\": \"nl\",\n \"answers\": {\n  \"x\": \n}\n");
  EXPECT_NE(e.find("not JSON: line 6"), std::string::npos) << e;
  // A wrong type is an answer error, never an exception of the JSON library escaping.
  e = answers_error(R"({"schema": 1, "lang": "nl", "answers": {}})");
  EXPECT_NE(e.find("schema"), std::string::npos) << e;
  e = answers_error(R"({"schema": "weerbaar.assess-state/1", "lang": ["nl"], "answers": {}})");
  EXPECT_NE(e.find("\"lang\" must be"), std::string::npos) << e;
}

TEST(StrictAnswersFile, AQuestionAnsweredTwiceIsAnError) {
  const auto& q = assess_content().questions.front();
  const std::string a = q.answers.front().id;
  auto e = answers_error("{\"schema\": \"weerbaar.assess-state/1\", \"lang\": \"nl\", \"answers\": {\"" + q.id +
                         "\": \"" + a + "\", \"" + q.id + "\": \"" + a + "\"}}");
  EXPECT_NE(e.find("appears twice"), std::string::npos) << e;
}

// ---- linear on what a server sends (the fuzz harnesses' -timeout catches regressions too)

TEST(LinearParsers, EntityDecodingOfHalfAMegabyteOfAmpersands) {
  // Searched for ';' from every '&' to the end before: over a second for this body.
  const std::string body(512 * 1024, '&');
  EXPECT_EQ(scan::web::decode_entities(body), body);
  std::string mixed;
  for (int i = 0; i < 50000; ++i) mixed += "&amp&#x41;";
  auto decoded = scan::web::decode_entities(mixed);
  EXPECT_EQ(decoded.substr(0, 9), "&ampA&amp");
}

TEST(LinearParsers, TagListWithManyDistinctTags) {
  std::string record = "v=DMARC1; p=reject";
  for (int i = 0; i < 20000; ++i) record += "; t" + std::to_string(i) + "=x";
  std::string error;
  auto tags = scan::mail::parse_tag_list(record, error);
  ASSERT_TRUE(tags) << error;
  EXPECT_EQ(tags->size(), 20002U);
  EXPECT_FALSE(scan::mail::parse_tag_list("a=1; b=2; a=3", error));
  EXPECT_NE(error.find("twice"), std::string::npos);
}

std::vector<std::uint8_t> seed(const std::string& name) {
  auto text = read_file(test_support::source_dir() + "/tests/fuzz/corpus/tls_server_flight/" + name);
  return {text.begin(), text.end()};
}

TEST(LinearParsers, FlightReaderTrickledEqualsAllAtOnce) {
  for (const char* name : {"tls12_ecdsa_flight", "tls12_rsa_flight", "tls13_server_hello", "alert_protocol_version",
                           "hello_retry_request"}) {
    auto bytes = seed(name);
    ASSERT_FALSE(bytes.empty()) << name;
    auto whole = scan::tls::parse_server_flight(bytes);
    scan::tls::FlightReader reader;
    const scan::tls::ServerFlight* got = nullptr;
    for (std::size_t n = 1; n <= bytes.size(); ++n) {
      got = &reader.feed(std::span(bytes).first(n));
      if (got->status != scan::tls::ParseStatus::need_more) break;
    }
    EXPECT_EQ(got->status, whole.status) << name;
    EXPECT_EQ(got->hello.has_value(), whole.hello.has_value()) << name;
    EXPECT_EQ(got->certificates.size(), whole.certificates.size()) << name;
  }
}

TEST(LinearParsers, FlightReaderStopsAtTooManyRecords) {
  // Empty-bodied alert warnings (level 1, description 90) that never end the flight.
  std::vector<std::uint8_t> bytes;
  for (std::size_t i = 0; i < scan::tls::kMaxFlightRecords + 2; ++i) {
    bytes.insert(bytes.end(), {0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x5a});
  }
  scan::tls::FlightReader reader;
  const auto& f = reader.feed(bytes);
  EXPECT_EQ(f.status, scan::tls::ParseStatus::malformed);
  EXPECT_NE(f.error.find("records"), std::string::npos);
  // Garbage is malformed as soon as a record header can be read, not after a timeout.
  scan::tls::FlightReader garbage;
  const std::string http = "HTTP/1.1 400 Bad Request\r\n";
  EXPECT_EQ(garbage.feed({reinterpret_cast<const std::uint8_t*>(http.data()), 5}).status,
            scan::tls::ParseStatus::malformed);
}

}  // namespace
}  // namespace weerbaar
