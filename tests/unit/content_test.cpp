#include "core/content.hpp"

#include <gtest/gtest.h>

#include "scan/check.hpp"
#include "scan/content_validation.hpp"

namespace weerbaar::content {
namespace {

const char* kGood = R"({"check": "web.demo", "family": "web",
  "title": {"nl": "Demo", "en": "Demo"}, "pass": {"nl": "Goed.", "en": "Good."},
  "findings": {"WEB_DEMO": {"severity": "medium", "title": {"nl": "Fout", "en": "Wrong"},
    "impact": {"nl": "i {x}", "en": "Impact {x}"}, "fix": {"nl": "f", "en": "f"}}}})";

TEST(Content, ParsesBothLanguages) {
  auto lib = Library::from_files({{"checks/web.demo.json", kGood}});
  const auto* f = lib.finding("WEB_DEMO");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::medium);
  EXPECT_EQ(f->title.in(Lang::nl), "Fout");
  EXPECT_EQ(render(f->impact.in(Lang::en), {{"x", "42"}}), "Impact 42");
  EXPECT_TRUE(f->details.nl.empty());
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

// A finding with a {placeholder} in its title and an owner's fix with a record in it: both are
// problems, and the same texts with the parameter in the impact and the record in details are not.
TEST(Content, ValidationRejectsPlaceholderTitleAndConfigInFix) {
  const std::string bad = R"({"check": "web.demo", "family": "web",
    "title": {"nl": "Demo", "en": "Demo"}, "pass": {"nl": "Goed.", "en": "Good."},
    "findings": {"WEB_DEMO": {"severity": "medium", "title": {"nl": "Server {mx} is fout", "en": "Server is wrong"},
      "impact": {"nl": "i", "en": "i"},
      "fix": {"nl": "Zet 'v=spf1 -all' in de DNS.", "en": "Add 'add_header X-Frame-Options \"DENY\"'."}}}})";
  scan::Catalogue cat;
  cat.add({.id = "web.demo", .family = Family::web, .findings = {"WEB_DEMO"}, .run = {}});
  auto problems = scan::validate_content(Library::from_files({{"checks/web.demo.json", bad}}), cat);
  ASSERT_EQ(problems.size(), 3U);
  EXPECT_NE(problems[0].find("placeholder"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("v=s"), std::string::npos) << problems[1];
  EXPECT_NE(problems[2].find("add_header"), std::string::npos) << problems[2];

  const std::string good = R"({"check": "web.demo", "family": "web",
    "title": {"nl": "Demo", "en": "Demo"}, "pass": {"nl": "Goed.", "en": "Good."},
    "findings": {"WEB_DEMO": {"severity": "medium", "title": {"nl": "Server is fout", "en": "Server is wrong"},
      "impact": {"nl": "Server {mx}.", "en": "Server {mx}."},
      "fix": {"nl": "Vraag uw provider https://uwdomein.nl/.well-known/security.txt te maken.", "en": "Ask your provider."},
      "details": {"nl": "Zet 'v=spf1 -all' in de DNS.", "en": "add_header X-Frame-Options \"DENY\";"}}}})";
  auto lib = Library::from_files({{"checks/web.demo.json", good}});
  EXPECT_TRUE(scan::validate_content(lib, cat).empty());
  EXPECT_EQ(lib.finding("WEB_DEMO")->details.en, "add_header X-Frame-Options \"DENY\";");
}

TEST(Content, ConfigSyntaxHeuristic) {
  EXPECT_EQ(scan::config_syntax_in("Zet het beleid op 'p=reject'."), "'p=r");
  EXPECT_EQ(scan::config_syntax_in("Nginx: 'ssl_protocols TLSv1.2;'"), "ssl_");
  EXPECT_EQ(scan::config_syntax_in("Vervang '+all' door iets strengers."), "'+all'");
  EXPECT_EQ(scan::config_syntax_in("Vraag uw webhoster HSTS aan te zetten."), "");
  EXPECT_EQ(scan::config_syntax_in("Zet 1 + 1 = 2 niet in een record."), "");
}

}  // namespace
}  // namespace weerbaar::content
