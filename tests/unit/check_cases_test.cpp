// Check tests as data: each tests/data/checks/<family>/<case>.json gives facts and the results
// the checks must reach on them (docs/json.md, "Check cases"). One runner for all of them: the
// checks judge the facts as a scan would (scan::judge), without the network.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "scan/facts_json.hpp"
#include "scan/judge.hpp"
#include "support/test_data.hpp"

namespace weerbaar::scan {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

fs::path cases_dir() {
  return fs::path(test_support::test_data_dir()) / "checks";
}

std::vector<std::string> case_files() {
  std::vector<std::string> out;
  if (!fs::is_directory(cases_dir())) return out;
  for (const auto& e : fs::recursive_directory_iterator(cases_dir())) {
    const auto rel = fs::relative(e.path(), cases_dir()).generic_string();
    // Files under a folder that starts with "_" are facts that cases build on, not cases.
    if (e.is_regular_file() && e.path().extension() == ".json" && !rel.starts_with("_")) out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

json read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot read");
  std::stringstream s;
  s << in.rdbuf();
  return json::parse(s.str());
}

// The case's facts: "base" (facts of a file under tests/data/checks/) with "facts" merged over
// it as an RFC 7386 merge patch (null removes a field: it takes its default).
HostFacts facts_of(const json& c) {
  json facts = json::object();
  if (c.contains("base")) {
    facts = read_json(cases_dir() / c.at("base").get<std::string>());
    facts.erase("schema");
    facts.erase("tool");
  }
  if (c.contains("facts")) facts.merge_patch(c.at("facts"));
  return facts_from_json(facts);
}

// "ID" or {"id": "ID", "params": {...}}: the params given must be among the finding's.
struct ExpectedFinding {
  std::string id;
  std::map<std::string, std::string> params;
};

ExpectedFinding expected_finding(const json& j) {
  if (j.is_string()) return {j.get<std::string>(), {}};
  return {j.at("id").get<std::string>(), j.value("params", std::map<std::string, std::string>{})};
}

std::string label(const CheckResult& r) {
  return r.subject.empty() ? r.check : r.check + " on " + r.subject;
}

void expect_result(const std::vector<CheckResult>& results, const json& e) {
  const std::string check = e.at("check").get<std::string>();
  const std::string subject = e.value("subject", std::string{});
  auto it = std::find_if(results.begin(), results.end(),
                         [&](const CheckResult& r) { return r.check == check && r.subject == subject; });
  ASSERT_NE(it, results.end()) << check << (subject.empty() ? "" : " on " + subject) << ": no such result";
  const CheckResult& r = *it;
  EXPECT_EQ(to_string(r.outcome), e.at("outcome").get<std::string>()) << label(r) << ": " << r.reason;
  std::vector<ExpectedFinding> want;
  for (const auto& f : e.value("findings", json::array())) want.push_back(expected_finding(f));
  std::multiset<std::string> got_ids;
  std::multiset<std::string> want_ids;
  for (const auto& f : r.findings) got_ids.insert(f.id);
  for (const auto& f : want) want_ids.insert(f.id);
  EXPECT_EQ(got_ids, want_ids) << label(r);
  for (const auto& w : want) {
    auto f = std::find_if(r.findings.begin(), r.findings.end(), [&](const Finding& x) { return x.id == w.id; });
    if (f == r.findings.end()) continue;
    for (const auto& [k, v] : w.params) {
      auto p = f->params.find(k);
      EXPECT_TRUE(p != f->params.end() && p->second == v)
          << label(r) << " " << w.id << ": param " << k << " should be '" << v << "', is '"
          << (p == f->params.end() ? std::string("(absent)") : p->second) << "'";
    }
  }
  if (e.value("has_reason", false)) {
    EXPECT_FALSE(r.reason.empty()) << label(r) << ": no reason given";
  }
  if (e.contains("reason_contains")) {
    EXPECT_NE(r.reason.find(e.at("reason_contains").get<std::string>()), std::string::npos)
        << label(r) << ": reason is '" << r.reason << "'";
  }
}

// The ground truth of a lab business today (lab/lab.json and lab/cases/*.json).
std::optional<std::set<std::string>> lab_expect(const std::string& domain) {
  const fs::path lab = fs::path(test_support::source_dir()) / "lab";
  std::vector<fs::path> files{lab / "lab.json"};
  if (fs::is_directory(lab / "cases")) {
    for (const auto& e : fs::directory_iterator(lab / "cases")) {
      if (e.path().extension() == ".json") files.push_back(e.path());
    }
  }
  for (const auto& f : files) {
    const json j = read_json(f);
    for (const auto& b : j.at("businesses")) {
      if (b.at("domain") == domain) return b.at("expect").get<std::set<std::string>>();
    }
  }
  return std::nullopt;
}

class CheckCase : public ::testing::TestWithParam<std::string> {};

TEST_P(CheckCase, ChecksReachTheExpectedResults) {
  const json c = read_json(cases_dir() / GetParam());
  ASSERT_TRUE(c.contains("about")) << "say what the case is about";
  HostFacts facts;
  try {
    facts = facts_of(c);
  } catch (const FactsError& e) {
    FAIL() << GetParam() << ": facts: " << e.what();
  }
  const auto results = judge(facts);
  for (const auto& e : c.value("expect", json::array())) expect_result(results, e);
  // The lab's way to say it: every finding of every check, "MX:" before a mail server's.
  if (c.contains("expect_findings")) {
    std::set<std::string> found;
    for (const auto& r : results) {
      for (const auto& f : r.findings) found.insert((r.subject.empty() ? "" : "MX:") + f.id);
    }
    EXPECT_EQ(found, c.at("expect_findings").get<std::set<std::string>>());
  }
  // A recorded lab case must still say what the lab says: re-record it when lab.json changed.
  if (c.contains("lab_domain")) {
    const auto truth = lab_expect(c.at("lab_domain").get<std::string>());
    ASSERT_TRUE(truth.has_value()) << c.at("lab_domain") << " is not in the lab any more";
    EXPECT_EQ(c.at("expect_findings").get<std::set<std::string>>(), *truth)
        << "lab.json changed: rewrite with WEERBAAR_UPDATE_GOLDEN=1 on the lab test";
  }
  // Nothing may be undecided but what the case names ("MX:" before a mail server's check).
  if (c.contains("inconclusive_only")) {
    const auto allowed = c.at("inconclusive_only").get<std::set<std::string>>();
    for (const auto& r : results) {
      const std::string name = (r.subject.empty() ? "" : "MX:") + r.check;
      if (r.outcome == Outcome::inconclusive && allowed.count(name) == 0) {
        ADD_FAILURE() << name << " is inconclusive: " << r.reason;
      }
    }
  }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string out;
  for (char ch : info.param.substr(0, info.param.size() - std::string(".json").size())) {
    out += std::isalnum(static_cast<unsigned char>(ch)) != 0 ? ch : '_';
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Data, CheckCase, ::testing::ValuesIn(case_files()), test_name);

TEST(CheckCases, ThereAreCases) {
  EXPECT_GE(case_files().size(), 10U) << "tests/data/checks/ holds the check cases";
}

}  // namespace
}  // namespace weerbaar::scan
