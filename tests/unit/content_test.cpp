#include "core/content.hpp"

#include <gtest/gtest.h>

#include "scan/check.hpp"
#include "scan/content_validation.hpp"

namespace weerbaar::content {
namespace {

const char* kGood = R"({"check": "web.demo", "family": "web",
  "title": {"nl": "Demo", "en": "Demo"}, "pass": {"nl": "Goed.", "en": "Good."},
  "findings": {"WEB_DEMO": {"severity": "medium", "title": {"nl": "Fout {x}", "en": "Wrong {x}"},
    "impact": {"nl": "i", "en": "i"}, "fix": {"nl": "f", "en": "f"}}}})";

TEST(Content, ParsesBothLanguages) {
  auto lib = Library::from_files({{"checks/web.demo.json", kGood}});
  const auto* f = lib.finding("WEB_DEMO");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::medium);
  EXPECT_EQ(render(f->title.in(Lang::en), {{"x", "42"}}), "Wrong 42");
  EXPECT_EQ(render("{unknown} stays", {}), "{unknown} stays");
}

TEST(Content, RejectsMissingLanguage) {
  std::string bad = kGood;
  bad.replace(bad.find(R"("en": "Good.")"), 13, R"("de": "Gut.")");
  EXPECT_THROW(Library::from_files({{"checks/web.demo.json", bad}}), ContentError);
}

TEST(Content, RejectsFileNamedAfterAnotherCheck) {
  EXPECT_THROW(Library::from_files({{"checks/web.other.json", kGood}}), ContentError);
}

TEST(Content, RejectsUnknownSeverity) {
  std::string bad = kGood;
  bad.replace(bad.find("medium"), 6, "severe");
  EXPECT_THROW(Library::from_files({{"checks/web.demo.json", bad}}), ContentError);
}

// The compiled-in content must describe every check in the catalogue, and every finding id
// a check may report, in both languages; and nothing that no check reports.
TEST(Content, EmbeddedContentMatchesCatalogue) {
  auto problems = scan::validate_content(Library::embedded(), scan::Catalogue::instance());
  for (const auto& p : problems) ADD_FAILURE() << p;
}

TEST(Content, ValidationSeesMissingAndExtraFindings) {
  auto lib = Library::from_files({{"checks/web.demo.json", kGood}});
  scan::Catalogue cat;
  cat.add({.id = "web.demo", .family = Family::web, .findings = {"WEB_OTHER"}, .run = {}});
  cat.add({.id = "web.bare", .family = Family::web, .findings = {}, .run = {}});
  auto problems = scan::validate_content(lib, cat);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_NE(problems[0].find("web.bare: no content"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("may report WEB_OTHER"), std::string::npos) << problems[1];
  EXPECT_NE(problems[2].find("describes WEB_DEMO"), std::string::npos) << problems[2];
}

}  // namespace
}  // namespace weerbaar::content
