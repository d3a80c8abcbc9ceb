// Whole results for typical businesses: answers (and scan findings) in, the full ranked plan out,
// compared exactly with tests/data/assess/<case>.plan.json. WEERBAAR_UPDATE_GOLDEN=1 rewrites them.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "assess/assess_content.hpp"
#include "assess/flow.hpp"
#include "assess/plan.hpp"
#include "support/test_data.hpp"

namespace weerbaar::assess {
namespace {

std::string path_of(const std::string& name) {
  return weerbaar::test_support::test_data_dir() + "/assess/" + name;
}

std::string read(const std::string& name) {
  std::ifstream in(path_of(name));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class AssessGolden : public ::testing::TestWithParam<const char*> {};

TEST_P(AssessGolden, PlanMatches) {
  const std::string name = GetParam();
  const auto& c = AssessContent::embedded();
  const std::string input = read(name + ".answers.json");
  ASSERT_FALSE(input.empty()) << "missing " << path_of(name + ".answers.json");
  const State state = load_state(c, input);
  EXPECT_EQ(next_question(c, state.answers), nullptr) << "the case does not answer every question it is asked";

  std::optional<std::vector<ScanFinding>> scan;
  const auto j = nlohmann::json::parse(input);
  if (j.contains("scan_findings")) {
    scan.emplace();
    for (const auto& f : j["scan_findings"]) {
      auto sev = severity_from_string(f.at("severity").get<std::string>());
      ASSERT_TRUE(sev.has_value());
      scan->push_back({f.at("id").get<std::string>(), *sev});
    }
  }
  const std::string got = plan_to_json(plan(c, state.answers, scan), c);
  const char* update = std::getenv("WEERBAAR_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path_of(name + ".plan.json")) << got;
    GTEST_SKIP() << "rewrote " << name << ".plan.json";
  }
  EXPECT_EQ(got, read(name + ".plan.json")) << "run with WEERBAAR_UPDATE_GOLDEN=1 to rewrite, then review the diff";
}

INSTANTIATE_TEST_SUITE_P(Businesses, AssessGolden, ::testing::Values("bakery", "accountancy", "garage"));

}  // namespace
}  // namespace weerbaar::assess
