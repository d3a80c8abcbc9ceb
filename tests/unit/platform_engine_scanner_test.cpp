// The platform's scanner runs the engine as a library and keeps the CLI's JSON document.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "platform/engine_scanner.hpp"

namespace weerbaar::platform {
namespace {

TEST(PlatformEngineScanner, RejectedInputGivesTheCliDocument) {
  scan::ScanOptions opt;
  opt.resolver.forwarder = "127.62.5.9:53";  // never asked: the input is refused first
  EngineScanner scanner(opt);
  auto out = scanner.scan("https://bakkerij.test/", "en");
  EXPECT_EQ(out.status, "rejected");
  EXPECT_TRUE(out.findings.empty());
  auto doc = nlohmann::json::parse(out.report_json);
  EXPECT_EQ(doc.at("schema"), "weerbaar.scan/1");
  EXPECT_EQ(doc.at("lang"), "en");
  EXPECT_EQ(doc.at("domains").at(0).at("status"), "rejected");
}

// The worker's threads share one engine (one context: resolver, politeness, caches); each
// gets its own report back, and the engine stops cleanly when released.
TEST(PlatformEngineScanner, ThreadsShareOneEngine) {
  scan::ScanOptions opt;
  opt.resolver.forwarder = "127.62.5.9:53";  // never asked: every input is refused first
  auto scanner = std::make_unique<EngineScanner>(opt, 2);
  std::vector<std::string> inputs{"https://een.test/", "twee test", "drie..test", "-vier.test"};
  std::vector<ScanOutput> outs(inputs.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    threads.emplace_back([&, i] { outs[i] = scanner->scan(inputs[i], "nl"); });
  }
  for (auto& t : threads) t.join();
  scanner.reset();
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    EXPECT_EQ(outs[i].status, "rejected") << inputs[i];
    auto doc = nlohmann::json::parse(outs[i].report_json);
    EXPECT_EQ(doc.at("domains").at(0).at("input"), inputs[i]);
  }
}

TEST(PlatformEngineScanner, FindingRowsCarrySubjectAndSeverity) {
  scan::DomainReport r;
  CheckResult pass{"web.hsts", Outcome::pass, {}, "", ""};
  CheckResult fail{"tls.protocols", Outcome::fail, {{"TLS_1_0_OFFERED", {}, std::nullopt}}, "", "mx.bakkerij.test"};
  r.results = {pass, fail};
  auto rows = finding_rows(r);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].id, "TLS_1_0_OFFERED");
  EXPECT_EQ(rows[0].subject, "mx.bakkerij.test");
  EXPECT_EQ(rows[0].severity, "medium");  // content/checks/tls.protocols.json (issue 10 calibration)
}

}  // namespace
}  // namespace weerbaar::platform
