// The questionnaire model on a small in-memory questionnaire (tests/data/assess/mini/):
// adaptive flow, don't-know handling, saved state, scoring and ranking by the priority model.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "assess/assess_content.hpp"
#include "assess/flow.hpp"
#include "assess/plan.hpp"
#include "core/content.hpp"
#include "report/report_data.hpp"
#include "support/test_data.hpp"

namespace weerbaar::assess {
namespace {

std::string read(const std::string& name) {
  return test_support::read_test_data("assess/mini/" + name);
}

// do_backup 5*2*(6-5) = 10; update_site 3*3*(6-2) = 36; turn_on_mfa 5*5*(6-1) = 125.
const AssessContent& mini() {
  static const AssessContent c = AssessContent::from_files({{"assess/questions.json", read("questions.json")},
                                                            {"assess/actions.json", read("actions.json")},
                                                            {"assess/howto.json", read("howto.json")}});
  return c;
}

std::vector<std::string> ids(const Plan& p) {
  std::vector<std::string> out;
  for (const auto& a : p.actions) out.push_back(a.action->id);
  return out;
}

TEST(AssessFlow, AsksInOrderAndSkipsWebsiteQuestionsWithoutWebsite) {
  const auto& c = mini();
  Answers a;
  ASSERT_NE(next_question(c, a), nullptr);
  EXPECT_EQ(next_question(c, a)->id, "has_site");
  a["has_site"] = "no";
  EXPECT_EQ(next_question(c, a)->id, "backup");
  a["backup"] = "yes";
  EXPECT_EQ(next_question(c, a)->id, "mfa");  // site_updates is skipped
  a["mfa"] = "yes";
  EXPECT_EQ(next_question(c, a), nullptr);
  EXPECT_EQ(progress(c, a).total, 3);
}

TEST(AssessFlow, AsksWebsiteQuestionsWithWebsiteOrWhenUnsure) {
  const auto& c = mini();
  for (const char* answer : {"yes", "unknown"}) {
    Answers a{{"has_site", answer}, {"backup", "yes"}};
    ASSERT_NE(next_question(c, a), nullptr) << answer;
    EXPECT_EQ(next_question(c, a)->id, "site_updates") << answer;
    EXPECT_EQ(progress(c, a).total, 4);
  }
}

TEST(AssessFlow, AnswersToQuestionsNoLongerAskedDoNotCount) {
  const auto& c = mini();
  Answers a{{"has_site", "yes"}, {"backup", "yes"}, {"site_updates", "no"}, {"mfa", "yes"}};
  EXPECT_EQ(ids(plan(c, a, std::nullopt)), std::vector<std::string>{"update_site"});
  a["has_site"] = "no";  // changed their mind: no website after all
  EXPECT_FALSE(effective_answers(c, a).contains("site_updates"));
  EXPECT_TRUE(plan(c, a, std::nullopt).actions.empty());
}

TEST(AssessFlow, ChecksAnswers) {
  const auto& c = mini();
  EXPECT_EQ(check_answer(c, {}, "backup", "half"), std::nullopt);
  EXPECT_NE(check_answer(c, {}, "backup", "maybe"), std::nullopt);
  EXPECT_NE(check_answer(c, {}, "nope", "yes"), std::nullopt);
  auto why = check_answer(c, {{"has_site", "no"}}, "site_updates", "yes");
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("not asked"), std::string::npos);
}

TEST(AssessState, SavesAndResumes) {
  const auto& c = mini();
  State s{Lang::en, {{"has_site", "yes"}, {"backup", "half"}}};
  const std::string saved = save_state(s);
  const State back = load_state(c, saved);
  EXPECT_EQ(back.lang, Lang::en);
  EXPECT_EQ(back.answers, s.answers);
  EXPECT_EQ(next_question(c, back.answers)->id, "site_updates");
  EXPECT_TRUE(back.business.empty());
  EXPECT_EQ(saved.find("business"), std::string::npos) << "not written when not given";

  State named = s;
  named.business = "Bakkerij Jansen";
  named.domain = "bakkerij-jansen.nl";
  const State again = load_state(c, save_state(named));
  EXPECT_EQ(again.business, "Bakkerij Jansen");
  EXPECT_EQ(again.domain, "bakkerij-jansen.nl");
  EXPECT_THROW(load_state(c, R"({"schema": "weerbaar.assess-state/1", "lang": "nl", "business": 3, "answers": {}})"),
               AnswerError);
}

TEST(AssessState, RejectsBadState) {
  const auto& c = mini();
  EXPECT_THROW(load_state(c, "not json"), AnswerError);
  EXPECT_THROW(load_state(c, R"({"lang": "nl", "answers": {}})"), AnswerError);  // no schema
  EXPECT_THROW(load_state(c, R"({"schema": "weerbaar.assess-state/1", "lang": "de", "answers": {}})"), AnswerError);
  EXPECT_THROW(load_state(c, R"({"schema": "weerbaar.assess-state/1", "lang": "nl", "answers": {"x": "yes"}})"),
               AnswerError);
  EXPECT_THROW(load_state(c, R"({"schema": "weerbaar.assess-state/1", "lang": "nl", "answers": {"backup": "maybe"}})"),
               AnswerError);
}

TEST(AssessScore, DontKnowCountsAsZeroAndIsCounted) {
  const auto& c = mini();
  auto scores = score_topics(c, {{"has_site", "no"}, {"backup", "unknown"}, {"mfa", "yes"}});
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_EQ(scores[0].topic, "backups");
  EXPECT_EQ(scores[0].score, 0);
  EXPECT_EQ(scores[0].unknown, 1);
  EXPECT_EQ(scores[1].topic, "accounts");
  EXPECT_EQ(scores[1].score, 100);
}

TEST(AssessPlan, DontKnowTriggersTheActionMarkedUnsure) {
  const auto& c = mini();
  auto p = plan(c, {{"has_site", "no"}, {"backup", "unknown"}, {"mfa", "yes"}}, std::nullopt);
  ASSERT_EQ(p.actions.size(), 1u);
  EXPECT_EQ(p.actions[0].action->id, "do_backup");
  EXPECT_EQ(p.actions[0].need, kUnknownNeed);
  EXPECT_TRUE(p.actions[0].unsure);
  EXPECT_EQ(p.actions[0].priority, (10 * kUnknownNeed + 50) / 100);
}

TEST(AssessPlan, GoodAnswersTriggerNothingAndHalfAnswersHalfTheNeed) {
  const auto& c = mini();
  EXPECT_TRUE(plan(c, {{"has_site", "no"}, {"backup", "yes"}, {"mfa", "yes"}}, std::nullopt).actions.empty());
  auto p = plan(c, {{"has_site", "no"}, {"backup", "half"}, {"mfa", "yes"}}, std::nullopt);
  ASSERT_EQ(p.actions.size(), 1u);
  EXPECT_EQ(p.actions[0].need, 50);
  EXPECT_EQ(p.actions[0].priority, 5);
  EXPECT_FALSE(p.actions[0].unsure);
}

TEST(AssessPlan, RanksByTheModelNotByQuestionOrder) {
  const auto& c = mini();
  // backup is asked before mfa, but turning on MFA scores 125 against 10.
  auto p = plan(c, {{"has_site", "yes"}, {"backup", "no"}, {"site_updates", "no"}, {"mfa", "no"}}, std::nullopt);
  EXPECT_EQ(ids(p), (std::vector<std::string>{"turn_on_mfa", "update_site", "do_backup"}));
  EXPECT_EQ(p.actions[0].priority, 125);
  EXPECT_EQ(p.actions[1].priority, 36);
  EXPECT_EQ(p.actions[2].priority, 10);
}

TEST(AssessPlan, ScanFindingAndAnswerPointingToOneActionGiveOneAction) {
  const auto& c = mini();
  const Answers a{{"has_site", "yes"}, {"backup", "yes"}, {"site_updates", "unknown"}, {"mfa", "yes"}};
  std::vector<ScanFinding> scan{{"WEB_SERVER_VERSION_DISCLOSED", Severity::low},
                                {"TLS_UNMAPPED_FINDING", Severity::high}};
  auto p = plan(c, a, scan);
  ASSERT_EQ(p.actions.size(), 1u);
  const auto& x = p.actions[0];
  EXPECT_EQ(x.action->id, "update_site");
  EXPECT_EQ(x.questions, std::vector<std::string>{"site_updates"});
  EXPECT_EQ(x.findings, std::vector<std::string>{"WEB_SERVER_VERSION_DISCLOSED"});
  EXPECT_EQ(x.need, kUnknownNeed);  // the larger of don't-know (75) and a low finding (50)
  EXPECT_FALSE(x.unsure);           // the scan confirms it
}

TEST(AssessPlan, ScanAloneTriggersItsActionsEvenWithoutAnswers) {
  const auto& c = mini();
  auto p = plan(c, {}, std::vector<ScanFinding>{{"WEB_SERVER_VERSION_DISCLOSED", Severity::high}});
  ASSERT_EQ(p.actions.size(), 1u);
  EXPECT_EQ(p.actions[0].need, 100);
  EXPECT_EQ(p.actions[0].priority, 36);
  EXPECT_TRUE(p.topics.empty());
}

TEST(AssessPlan, AMailServersCertificateIsNotTheWebsites) {
  // The same finding on the website and on a mail server (subject set) leads to two actions.
  const auto& lib = content::Library::embedded();
  CheckResult web = Verdict("tls.certificate").fail("TLS_CERT_EXPIRED").done();
  CheckResult mx = Verdict("tls.certificate").fail("TLS_CERT_EXPIRED").done();
  mx.subject = "mx.bakkerij-jansen.nl";
  const auto both = scan_findings({web, mx}, lib);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].id, "MX:TLS_CERT_EXPIRED");
  EXPECT_EQ(both[0].severity, both[1].severity);
  const auto& c = AssessContent::embedded();
  ASSERT_NE(c.action_for_finding("TLS_CERT_EXPIRED"), nullptr);
  ASSERT_NE(c.action_for_finding("MX:TLS_CERT_EXPIRED"), nullptr);
  EXPECT_EQ(c.action_for_finding("TLS_CERT_EXPIRED")->id, "renew_certificate");
  EXPECT_EQ(c.action_for_finding("MX:TLS_CERT_EXPIRED")->id, "mail_encryption");
  auto only_mx = plan(c, {}, scan_findings({mx}, lib));
  ASSERT_EQ(only_mx.actions.size(), 1u);
  EXPECT_EQ(only_mx.actions[0].action->id, "mail_encryption");
  EXPECT_EQ(only_mx.actions[0].findings, std::vector<std::string>{"MX:TLS_CERT_EXPIRED"});
}

TEST(AssessPlan, TopFiveFirstInJson) {
  const auto& c = AssessContent::embedded();
  Answers a;
  // Answer everything with its weakest answer: many actions, only five on top.
  while (const auto* q = next_question(c, a)) {
    const Answer* weakest = &q->answers.front();
    for (const auto& ans : q->answers) {
      if (ans.score && (!weakest->score || *ans.score < *weakest->score)) weakest = &ans;
    }
    a[q->id] = weakest->id;
  }
  auto p = plan(c, a, std::nullopt);
  ASSERT_GT(p.actions.size(), Plan::top_count);
  const auto json = plan_to_json(p, c);
  EXPECT_NE(json.find("\"later\""), std::string::npos);
  EXPECT_NE(json.find("\"cost\""), std::string::npos) << "actions that cost money say so in the plan's JSON";
  for (std::size_t i = 1; i < p.actions.size(); ++i) EXPECT_GE(p.actions[i - 1].priority, p.actions[i].priority);
}

// Issue 10, part 4: costs are named where there are any, in both languages, and the line under
// an action (terminal, web page, HTML, PDF) carries them.
TEST(AssessPlan, ActionsThatCostMoneyNameTheirCost) {
  const auto& c = AssessContent::embedded();
  const auto& lib = content::Library::embedded();
  const Action* manager = nullptr;
  int with_cost = 0;
  for (const auto& [id, a] : c.actions) {
    if (a.cost.nl.empty() != a.cost.en.empty()) ADD_FAILURE() << id << ": cost in one language only";
    if (!a.cost.nl.empty()) ++with_cost;
    if (id == "password_manager") manager = &a;
  }
  EXPECT_GE(with_cost, 20);
  ASSERT_NE(manager, nullptr);
  const std::string meta = report::action_meta(*manager, lib, content::Lang::nl);
  EXPECT_NE(meta.find("Kosten: "), std::string::npos) << meta;
  EXPECT_NE(meta.find("per gebruiker per maand"), std::string::npos) << meta;
  EXPECT_NE(report::action_meta(*manager, lib, content::Lang::en).find("Cost: "), std::string::npos);
  // An action that takes only time says nothing about money.
  const auto inventory = c.actions.find("data_inventory");
  ASSERT_NE(inventory, c.actions.end());
  EXPECT_EQ(report::action_meta(inventory->second, lib, content::Lang::nl).find("Kosten"), std::string::npos);
}

}  // namespace
}  // namespace weerbaar::assess
