#include "core/content.hpp"

#include <gtest/gtest.h>

#include "scan/check.hpp"
#include "scan/content_validation.hpp"

namespace weerbaar::content {
namespace {

const char* kGood = R"({"check": "web.demo", "family": "web",
  "title": {"nl": "Demo", "en": "Demo"}, "pass": {"nl": "Goed.", "en": "Good."},
  "findings": {"WEB_DEMO": {"severity": "medium", "title": {"nl": "Fout", "en": "Wrong"},
    "impact": {"nl": "i {x}", "en": "Impact {x}"}, "fix": {"nl": "f", "en": "f"},
    "request": {"nl": "Wilt u {x} doen?", "en": "Could you do {x}?"}}}})";

TEST(Content, ParsesBothLanguages) {
  auto lib = Library::from_files({{"checks/web.demo.json", kGood}});
  const auto* f = lib.finding("WEB_DEMO");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::medium);
  EXPECT_EQ(f->title.in(Lang::nl), "Fout");
  EXPECT_EQ(render(f->impact.in(Lang::en), {{"x", "42"}}), "Impact 42");
  EXPECT_TRUE(f->details.nl.empty());
  EXPECT_EQ(f->request.in(Lang::nl), "Wilt u {x} doen?");
  EXPECT_EQ(f->priority, 0);
  EXPECT_EQ(render("{unknown} stays", {}), "{unknown} stays");
}

// A parameter that holds a key gets the finding's sentence for it, in the language asked for;
// a key without a sentence and the other parameters stay as they are.
TEST(Content, PhrasesFillAPlaceholderByKey) {
  scan::Catalogue cat;
  cat.add({.id = "web.demo", .family = Family::web, .findings = {"WEB_DEMO"}, .run = {}});
  std::string with = kGood;
  with.insert(with.rfind("}}}"), R"(, "phrases": {"x": {"old": {"nl": "Oud.", "en": "Old."}}})");
  auto lib = Library::from_files({{"checks/web.demo.json", with}});
  const auto* f = lib.finding("WEB_DEMO");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(render(f->impact.nl, phrased(*f, {{"x", "old"}}, Lang::nl)), "i Oud.");
  EXPECT_EQ(render(f->impact.en, phrased(*f, {{"x", "old"}}, Lang::en)), "Impact Old.");
  EXPECT_EQ(phrased(*f, {{"x", "new"}, {"y", "old"}}, Lang::nl), (Params{{"x", "new"}, {"y", "old"}}));
  EXPECT_TRUE(scan::validate_content(lib, cat).empty());

  // A phrase with a placeholder of its own, or one missing a language: refused when loading.
  std::string nested = kGood;
  nested.insert(nested.rfind("}}}"), R"(, "phrases": {"x": {"old": {"nl": "Oud {y}.", "en": "Old."}}})");
  EXPECT_THROW(Library::from_files({{"checks/web.demo.json", nested}}), ContentError);
  std::string one_language = kGood;
  one_language.insert(one_language.rfind("}}}"), R"(, "phrases": {"x": {"old": {"nl": "Oud."}}})");
  EXPECT_THROW(Library::from_files({{"checks/web.demo.json", one_language}}), ContentError);
  // Phrases for a placeholder no text uses are never shown: a problem for `content check`.
  std::string unused = kGood;
  unused.insert(unused.rfind("}}}"), R"(, "phrases": {"z": {"old": {"nl": "Oud.", "en": "Old."}}})");
  const auto problems = scan::validate_content(Library::from_files({{"checks/web.demo.json", unused}}), cat);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].find("phrases for {z}"), std::string::npos) << problems[0];
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
      "fix": {"nl": "Zet 'v=spf1 -all' in de DNS.", "en": "Add 'add_header X-Frame-Options \"DENY\"'."},
      "request": {"nl": "Wilt u dit doen?", "en": "Could you do this?"}}}})";
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
      "request": {"nl": "Wilt u https://{domain}/.well-known/security.txt maken voor {mx}?", "en": "Could you make it?"},
      "details": {"nl": "Zet 'v=spf1 -all' in de DNS.", "en": "add_header X-Frame-Options \"DENY\";"}}}})";
  auto lib = Library::from_files({{"checks/web.demo.json", good}});
  EXPECT_TRUE(scan::validate_content(lib, cat).empty());
  EXPECT_EQ(lib.finding("WEB_DEMO")->details.en, "add_header X-Frame-Options \"DENY\";");
}

// Every finding's request: present in both languages, written to the supplier (not "Vraag uw
// webhoster ..."), without configuration lines, with only parameters the finding has.
TEST(Content, ValidationRequiresARequestToTheSupplier) {
  scan::Catalogue cat;
  cat.add({.id = "web.demo", .family = Family::web, .findings = {"WEB_DEMO"}, .run = {}});
  auto problems_with = [&](const std::string& request) {
    std::string text = kGood;
    const std::string from = R"("request": {"nl": "Wilt u {x} doen?", "en": "Could you do {x}?"})";
    text.replace(text.find(from), from.size(), request);
    return scan::validate_content(Library::from_files({{"checks/web.demo.json", text}}), cat);
  };
  EXPECT_TRUE(problems_with(R"("request": {"nl": "Wilt u {x} doen op {domain}?", "en": "Could you do {x}?"})").empty());

  auto missing = problems_with(R"("details": {"nl": "d", "en": "d"})");
  ASSERT_EQ(missing.size(), 1U);
  EXPECT_NE(missing[0].find("has no 'request'"), std::string::npos) << missing[0];

  auto owner = problems_with(R"("request": {"nl": "Vraag uw webhoster {x} te doen.", "en": "Ask your web host."})");
  ASSERT_EQ(owner.size(), 2U);
  EXPECT_NE(owner[0].find("opens with 'Vraag uw'"), std::string::npos) << owner[0];
  EXPECT_NE(owner[1].find("opens with 'Ask your'"), std::string::npos) << owner[1];
  EXPECT_EQ(
      problems_with(R"("request": {"nl": "Laat uw DNS-beheerder dit doen.", "en": "Have the DNS fixed."})").size(), 2U);

  auto config =
      problems_with(R"("request": {"nl": "Wilt u 'p=reject' zetten?", "en": "Could you add 'ssl_protocols'?"})");
  ASSERT_EQ(config.size(), 2U);
  EXPECT_NE(config[0].find("configuration syntax (''p=r')"), std::string::npos) << config[0];
  EXPECT_NE(config[1].find("configuration syntax ('ssl_')"), std::string::npos) << config[1];

  auto unknown = problems_with(R"("request": {"nl": "Wilt u {y} doen?", "en": "Could you do {x}?"})");
  ASSERT_EQ(unknown.size(), 1U);
  EXPECT_NE(unknown[0].find("{y}"), std::string::npos) << unknown[0];
}

TEST(Content, PriorityIsAWholeNumber) {
  std::string text = kGood;
  text.replace(text.find(R"("severity": "medium")"), 20, R"("severity": "medium", "priority": 10)");
  EXPECT_EQ(Library::from_files({{"checks/web.demo.json", text}}).finding("WEB_DEMO")->priority, 10);
  text.replace(text.find("10"), 2, "\"high\"");
  EXPECT_THROW(Library::from_files({{"checks/web.demo.json", text}}), ContentError);
}

TEST(Content, OwnerDirectedOpening) {
  EXPECT_EQ(scan::owner_directed_opening("Vraag uw webhoster HSTS aan te zetten."), "Vraag uw");
  EXPECT_EQ(scan::owner_directed_opening("Have your DNS manager add it."), "Have your");
  EXPECT_EQ(scan::owner_directed_opening("Wilt u HSTS aanzetten op mijn website?"), "");
  EXPECT_EQ(scan::owner_directed_opening("Could you ask your colleague?"), "");
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
