// validate_assess_content() catches each kind of broken questionnaire content, and the
// compiled-in content/assess/ passes it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "assess/assess_content.hpp"
#include "assess/assess_validation.hpp"
#include "scan/check.hpp"
#include "support/test_data.hpp"

namespace weerbaar::assess {
namespace {

std::string read(const std::string& name) {
  return test_support::read_test_data("assess/mini/" + name);
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  auto pos = s.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos == std::string::npos) return s;
  return s.replace(pos, from.size(), to);
}

struct Files {
  std::string questions = read("questions.json");
  std::string actions = read("actions.json");
  std::string howto = read("howto.json");
};

std::vector<std::string> problems(const Files& f) {
  auto c = AssessContent::from_files(
      {{"assess/questions.json", f.questions}, {"assess/actions.json", f.actions}, {"assess/howto.json", f.howto}});
  return validate_assess_content(c, scan::Catalogue::instance());
}

// True when exactly one problem is reported and it contains want.
::testing::AssertionResult one_problem(const Files& f, const std::string& want) {
  auto p = problems(f);
  std::string all;
  for (const auto& x : p) all += "\n  " + x;
  if (p.size() == 1 && p[0].find(want) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "wanted one problem with \"" << want << "\", got:" << all;
}

TEST(AssessValidation, MiniContentIsValid) {
  EXPECT_TRUE(problems(Files{}).empty());
}

TEST(AssessValidation, EmbeddedContentIsValid) {
  auto p = validate_assess_content(AssessContent::embedded(), scan::Catalogue::instance());
  for (const auto& x : p) ADD_FAILURE() << x;
}

TEST(AssessValidation, QuestionWithoutEnglish) {
  Files f;
  f.questions = replaced(f.questions, R"("en": "Backup?")", R"("de": "Backup?")");
  EXPECT_TRUE(one_problem(f, "question backup text: no English"));
}

TEST(AssessValidation, WhyWithoutDutch) {
  Files f;
  f.questions = replaced(f.questions, R"("nl": "Waarom.")", R"("nl": "")");
  EXPECT_TRUE(one_problem(f, "why: no Dutch"));
}

TEST(AssessValidation, AnswerWithoutScore) {
  Files f;
  f.questions = replaced(f.questions, R"("score": 0.5)", R"("score": null)");
  EXPECT_TRUE(one_problem(f, "answer half: no score"));
}

TEST(AssessValidation, ScoreOutOfRange) {
  Files f;
  f.questions = replaced(f.questions, R"("score": 0.5)", R"("score": 2)");
  EXPECT_TRUE(one_problem(f, "score must be between 0 and 1"));
}

TEST(AssessValidation, QuestionWithoutDontKnow) {
  Files f;
  f.questions = replaced(f.questions, R"("score": null,
          "dont_know": true)",
                         R"("score": 0)");
  EXPECT_TRUE(one_problem(f, "exactly one \"I don't know\""));
}

TEST(AssessValidation, TriggeredActionMissing) {
  Files f;
  f.questions = replaced(f.questions, R"("turn_on_mfa")", R"("turn_on_fma")");
  auto p = problems(f);
  ASSERT_EQ(p.size(), 2u);  // the trigger, and the action nothing leads to any more
  EXPECT_NE(p[0].find("triggers action turn_on_fma, which does not exist"), std::string::npos) << p[0];
  EXPECT_NE(p[1].find("action turn_on_mfa: no question or scan finding leads to it"), std::string::npos) << p[1];
}

TEST(AssessValidation, AskIfOnUnknownAnswer) {
  Files f;
  f.questions = replaced(f.questions, R"("any_of": [
            "yes",)",
                         R"("any_of": [
            "yess",)");
  EXPECT_TRUE(one_problem(f, "ask_if refers to answer has_site=yess"));
}

TEST(AssessValidation, HowToPageMissing) {
  Files f;
  f.actions = replaced(f.actions, R"("howto": "mfa")", R"("howto": "mfa2")");
  EXPECT_TRUE(one_problem(f, "action turn_on_mfa: how-to page \"mfa2\" does not exist"));
}

TEST(AssessValidation, HowToStepWithoutEnglish) {
  Files f;
  f.howto = replaced(f.howto, R"("en": "Do it.")", R"("en": "")");
  EXPECT_TRUE(one_problem(f, "how-to backup step 1: no English"));
}

TEST(AssessValidation, UnknownWhoAndNumbersOutOfRange) {
  Files f;
  f.actions = replaced(f.actions, R"("who": "website_host")", R"("who": "nephew")");
  EXPECT_TRUE(one_problem(f, "who must be entrepreneur, it_supplier or website_host"));
  Files g;
  g.actions = replaced(g.actions, R"("impact": 3)", R"("impact": 9)");
  EXPECT_TRUE(one_problem(g, "impact must be 1..5"));
}

TEST(AssessValidation, ScanFindingNotInCatalogue) {
  Files f;
  f.actions = replaced(f.actions, "WEB_SERVER_VERSION_DISCLOSED", "WEB_NO_SUCH_FINDING");
  EXPECT_TRUE(one_problem(f, "scan finding WEB_NO_SUCH_FINDING: no check in the catalogue reports it"));
}

TEST(AssessValidation, BrokenJsonThrows) {
  Files f;
  f.actions = "{";
  EXPECT_THROW(problems(f), content::ContentError);
}

}  // namespace
}  // namespace weerbaar::assess
