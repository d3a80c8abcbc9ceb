// Golden reports: the facts of a few lab domains, recorded once (tests/data/golden/*.facts.json),
// judged and rendered as `weerbaar judge` does (text nl, text en, JSON), and compared byte for
// byte with the reviewed reports beside them. Everything time-dependent comes from the facts
// (scanned_at drives certificate days and software end of life; the JSON's started_at is set to
// it here), so the goldens only change when checks, texts or the report layout change.
//
// A change to them is a change an owner reads: scripts/update_goldens.sh rewrites them, then
// review `git diff tests/data/golden/` as the owner would before committing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "report/scan_report.hpp"
#include "scan/facts_json.hpp"
#include "scan/judge.hpp"
#include "support/test_data.hpp"

namespace weerbaar {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The first line where two texts differ, for a failure message that points at it.
std::string first_difference(const std::string& want, const std::string& got) {
  std::istringstream a(want);
  std::istringstream b(got);
  std::string la;
  std::string lb;
  for (int n = 1;; ++n) {
    const bool ha = static_cast<bool>(std::getline(a, la));
    const bool hb = static_cast<bool>(std::getline(b, lb));
    if (!ha && !hb) return "(same lines; differs in the final newline)";
    if (ha != hb || la != lb) {
      return "line " + std::to_string(n) + ":\n  golden: " + (ha ? la : "(end)") + "\n  now:    " + (hb ? lb : "(end)");
    }
  }
}

TEST(GoldenReports, MatchTheReviewedReports) {
  const fs::path dir = fs::path(test_support::test_data_dir()) / "golden";
  // Read once, before anything else runs in this test.
  const bool update = std::getenv("WEERBAAR_UPDATE_GOLDENS") != nullptr;  // NOLINT(concurrency-mt-unsafe)
  std::vector<fs::path> facts;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 11 && name.ends_with(".facts.json")) facts.push_back(e.path());
  }
  std::sort(facts.begin(), facts.end());
  // A clean control, a weak site, a mail-only domain, open services, a mail server finding.
  ASSERT_GE(facts.size(), 4U) << "the golden facts are missing from " << dir;
  const auto& lib = content::Library::embedded();
  for (const auto& path : facts) {
    scan::DomainReport r;
    r.facts = scan::read_facts_document(slurp(path));
    r.input = r.domain = r.facts.host;
    r.addresses = {r.facts.address};
    r.status = scan::DomainStatus::scanned;
    r.results = scan::judge(r.facts, scan::kAllFamilies);
    const std::vector<scan::DomainReport> reports{r};
    std::string json = report::render_json(reports, lib, content::Lang::nl, r.facts.scanned_at, false);
    json = std::regex_replace(json, std::regex(R"re("version": "[^"]*")re"), R"re("version": "(any)")re",
                              std::regex_constants::format_first_only);
    const std::vector<std::pair<std::string, std::string>> outputs{
        {".nl.txt",
         report::render_text(reports, lib, {.lang = content::Lang::nl, .color = false, .show_passed = true})},
        {".en.txt",
         report::render_text(reports, lib, {.lang = content::Lang::en, .color = false, .show_passed = true})},
        {".nl.json", json},
    };
    for (const auto& [suffix, now] : outputs) {
      const fs::path golden = dir / (r.facts.host + suffix);
      if (update) {
        std::ofstream(golden, std::ios::binary) << now;
        continue;
      }
      ASSERT_TRUE(fs::exists(golden)) << golden << " is missing: run scripts/update_goldens.sh";
      const std::string want = slurp(golden);
      // Not EXPECT_EQ: both whole reports would bury the line that changed.
      if (want != now)
        ADD_FAILURE() << golden.filename().string() << " differs at " << first_difference(want, now)
                      << "\nIf the change is meant: run scripts/update_goldens.sh, read `git diff "
                         "tests/data/golden/` as an owner would, and commit the reviewed reports.";
    }
  }
}

}  // namespace
}  // namespace weerbaar
