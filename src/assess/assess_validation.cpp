#include "assess/assess_validation.hpp"

#include <algorithm>
#include <set>

namespace weerbaar::assess {
namespace {

void need_text(std::vector<std::string>& problems, const Text& t, const std::string& where) {
  if (t.nl.empty()) problems.push_back(where + ": no Dutch (nl) text");
  if (t.en.empty()) problems.push_back(where + ": no English (en) text");
}

void need_range(std::vector<std::string>& problems, int v, const std::string& where, const char* what) {
  if (v < 1 || v > 5) problems.push_back(where + ": " + what + " must be 1..5, is " + std::to_string(v));
}

void check_question(const AssessContent& c, const Question& q, const std::set<std::string>& earlier,
                    std::vector<std::string>& problems) {
  const std::string where = "question " + q.id;
  if (!c.topics.contains(q.topic)) problems.push_back(where + ": unknown topic \"" + q.topic + "\"");
  need_text(problems, q.text, where + " text");
  need_text(problems, q.why, where + " why");
  if (q.answers.size() < 2) problems.push_back(where + ": needs at least two answers");
  std::set<std::string> ids;
  int dont_know = 0;
  bool weak = false;
  for (const auto& a : q.answers) {
    const std::string aw = where + " answer " + a.id;
    if (!ids.insert(a.id).second) problems.push_back(aw + ": defined twice");
    need_text(problems, a.text, aw);
    if (a.dont_know) {
      ++dont_know;
      if (a.score) problems.push_back(aw + ": the don't-know answer must have score null");
    } else if (!q.profile && !a.score) {
      problems.push_back(aw + ": no score (0..1), and not marked as the don't-know answer");
    } else if (a.score && (*a.score < 0.0 || *a.score > 1.0)) {
      problems.push_back(aw + ": score must be between 0 and 1");
    }
    if (!q.profile && (a.dont_know || (a.score && *a.score < 1.0))) weak = true;
  }
  if (dont_know != 1) problems.push_back(where + ": needs exactly one \"I don't know\" answer (dont_know: true)");
  if (!q.profile && weak && q.actions.empty()) problems.push_back(where + ": a weak answer triggers no action");
  for (const auto& aid : q.actions) {
    if (c.action(aid) == nullptr) problems.push_back(where + ": triggers action " + aid + ", which does not exist");
  }
  for (const auto& cond : q.ask_if) {
    const auto* dep = c.question(cond.question);
    if (dep == nullptr || !earlier.contains(cond.question)) {
      problems.push_back(where + ": ask_if refers to " + cond.question + ", which is not an earlier question");
      continue;
    }
    for (const auto& aid : cond.any_of) {
      if (dep->answer(aid) == nullptr)
        problems.push_back(where + ": ask_if refers to answer " + cond.question + "=" + aid + ", which does not exist");
    }
  }
}

}  // namespace

std::vector<std::string> validate_assess_content(const AssessContent& c, const scan::Catalogue& catalogue) {
  std::vector<std::string> problems;
  if (c.questions.empty()) problems.push_back("assess/questions.json: no questions");
  for (const auto& [id, t] : c.topics) need_text(problems, t, "topic " + id);

  std::set<std::string> earlier;
  std::set<std::string> triggered;
  for (const auto& q : c.questions) {
    if (earlier.contains(q.id)) problems.push_back("question " + q.id + ": defined twice");
    check_question(c, q, earlier, problems);
    earlier.insert(q.id);
    triggered.insert(q.actions.begin(), q.actions.end());
  }

  std::set<std::string> reported;
  for (const auto& spec : catalogue.checks()) {
    reported.insert(spec.findings.begin(), spec.findings.end());
    // A finding on a mail server is "MX:<id>"; "MX:*" maps all of them at once.
    if (spec.on_mail_servers) {
      for (const auto& f : spec.findings) reported.insert("MX:" + f);
      reported.insert("MX:*");
    }
  }
  std::set<std::string> mapped;
  for (const auto& [fid, aid] : c.finding_actions) {
    if (!mapped.insert(fid).second) problems.push_back("scan finding " + fid + ": mapped twice");
    if (!reported.contains(fid)) problems.push_back("scan finding " + fid + ": no check in the catalogue reports it");
    if (c.action(aid) == nullptr)
      problems.push_back("scan finding " + fid + ": leads to action " + aid + ", which does not exist");
    triggered.insert(aid);
  }
  std::set<std::string> urgent_actions;
  for (const auto& fid : c.urgent_findings) {
    if (!mapped.contains(fid)) problems.push_back("urgent finding " + fid + ": leads to no action");
    if (const auto* a = c.action_for_finding(fid)) urgent_actions.insert(a->id);
  }
  // More than five urgent actions could push one out of the top five.
  if (urgent_actions.size() > 5) problems.push_back("urgent findings lead to more than five actions");

  for (const auto& [id, a] : c.actions) {
    const std::string where = "action " + id;
    need_text(problems, a.title, where + " title");
    if (!a.who)
      problems.push_back(where + ": who must be entrepreneur, it_supplier or website_host, is \"" + a.who_name + "\"");
    if (a.minutes <= 0) problems.push_back(where + ": minutes must be more than 0");
    if (!a.cost.nl.empty() || !a.cost.en.empty()) need_text(problems, a.cost, where + " cost");
    need_range(problems, a.impact, where, "impact");
    need_range(problems, a.likelihood, where, "likelihood");
    need_range(problems, a.effort, where, "effort");
    if (a.howto.empty() || c.howto(a.howto) == nullptr)
      problems.push_back(where + ": how-to page \"" + a.howto + "\" does not exist");
    if (!triggered.contains(id)) problems.push_back(where + ": no question or scan finding leads to it");
  }

  for (const auto& [id, h] : c.howtos) {
    need_text(problems, h.title, "how-to " + id + " title");
    if (h.steps.empty()) problems.push_back("how-to " + id + ": has no steps");
    for (std::size_t i = 0; i < h.steps.size(); ++i)
      need_text(problems, h.steps[i], "how-to " + id + " step " + std::to_string(i + 1));
  }
  return problems;
}

}  // namespace weerbaar::assess
