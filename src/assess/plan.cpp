#include "assess/plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

namespace weerbaar::assess {
namespace {
using nlohmann::ordered_json;

ordered_json text_json(const Text& t) {
  return ordered_json{{"nl", t.nl}, {"en", t.en}};
}

// Earlier in the plan: higher priority; then higher need, higher impact, less effort; then id,
// so the order never depends on the order of the questions.
bool ranks_before(const PlannedAction& a, const PlannedAction& b) {
  // A "today" action (expired certificate, broken DNSSEC, open remote desktop or database) comes
  // first whatever the answers weigh: there are at most five such actions, so they all make the top.
  if (a.urgent != b.urgent) return a.urgent;
  if (a.priority != b.priority) return a.priority > b.priority;
  if (a.need != b.need) return a.need > b.need;
  if (a.action->impact != b.action->impact) return a.action->impact > b.action->impact;
  if (a.action->effort != b.action->effort) return a.action->effort < b.action->effort;
  return a.action->id < b.action->id;
}

ordered_json action_json(const PlannedAction& p, std::size_t rank, const AssessContent& c) {
  const Action& a = *p.action;
  ordered_json j;
  j["rank"] = rank;
  j["id"] = a.id;
  j["title"] = text_json(a.title);
  j["who"] = std::string(a.who ? to_string(*a.who) : a.who_name);
  j["minutes"] = a.minutes;
  if (!a.cost.nl.empty()) j["cost"] = text_json(a.cost);
  j["impact"] = a.impact;
  j["likelihood"] = a.likelihood;
  j["effort"] = a.effort;
  j["need"] = p.need;
  j["priority"] = p.priority;
  j["unsure"] = p.unsure;
  j["urgent"] = p.urgent;
  j["howto"] = a.howto;
  if (const auto* h = c.howto(a.howto)) j["howto_title"] = text_json(h->title);
  j["because"] = {{"questions", p.questions}, {"findings", p.findings}};
  return j;
}
}  // namespace

std::vector<ScanFinding> scan_findings(const std::vector<CheckResult>& results, const content::Library& lib) {
  // The same id found twice (on two mail servers, or lowered on one) counts with its worst severity.
  std::map<std::string, Severity> seen;
  for (const auto& r : results) {
    for (const auto& f : r.findings) {
      // A mail server's certificate is not the website's: the plan must send it elsewhere.
      const Severity s = content::severity_of(f, lib);
      auto [it, inserted] = seen.emplace((r.subject.empty() ? "" : "MX:") + f.id, s);
      if (!inserted && s > it->second) it->second = s;
    }
  }
  std::vector<ScanFinding> out;
  for (const auto& [id, sev] : seen) out.push_back({id, sev});
  return out;
}

int need_of(const Answer& a) {
  if (a.dont_know || !a.score) return kUnknownNeed;
  const double s = std::clamp(*a.score, 0.0, 1.0);
  return static_cast<int>(std::lround((1.0 - s) * 100.0));
}

int need_of(Severity s) {
  switch (s) {
    case Severity::high: return 100;
    case Severity::medium: return 75;
    case Severity::low: return 50;
    case Severity::notice: return 25;
  }
  return 100;
}

namespace {
// Calls fn(question, answer) for every scored (non-profile) question that counts: asked, given
// the other answers, and answered. Scores and the plan must see exactly the same answers.
template <typename Fn>
void for_each_scored_answer(const AssessContent& c, const Answers& answers, Fn fn) {
  const Answers given = effective_answers(c, answers);
  for (const auto& q : c.questions) {
    if (q.profile) continue;
    auto it = given.find(q.id);
    if (it == given.end()) continue;
    if (const auto* a = q.answer(it->second); a != nullptr) fn(q, a);
  }
}
}  // namespace

int base_priority(const Action& a) {
  return a.impact * a.likelihood * (6 - a.effort);
}

std::vector<TopicScore> score_topics(const AssessContent& c, const Answers& answers) {
  struct Sum {
    double points = 0;
    int answered = 0;
    int unknown = 0;
  };
  std::map<std::string, Sum, std::less<>> sums;
  for_each_scored_answer(c, answers, [&](const Question& q, const Answer* a) {
    auto& s = sums[q.topic];
    ++s.answered;
    if (a->dont_know || !a->score) {
      ++s.unknown;
    } else {
      s.points += std::clamp(*a->score, 0.0, 1.0);
    }
  });
  std::vector<TopicScore> out;
  for (const auto& topic : c.topic_order) {
    auto it = sums.find(topic);
    if (it == sums.end() || it->second.answered == 0) continue;
    const auto& s = it->second;
    out.push_back({topic, static_cast<int>(std::lround(100.0 * s.points / s.answered)), s.answered, s.unknown});
  }
  return out;
}

Plan plan(const AssessContent& c, const Answers& answers, const std::optional<std::vector<ScanFinding>>& scan) {
  struct Acc {
    int need = 0;
    bool known_weakness = false;  // a real weak answer or a finding, not only "I don't know"
    std::vector<std::string> questions;
    std::set<std::string> findings;
    bool urgent = false;
  };
  std::map<std::string, Acc, std::less<>> acc;
  for_each_scored_answer(c, answers, [&](const Question& q, const Answer* a) {
    const int need = need_of(*a);
    if (need <= 0) return;
    for (const auto& aid : q.actions) {
      if (c.action(aid) == nullptr) continue;
      auto& x = acc[aid];
      x.need = std::max(x.need, need);
      x.known_weakness = x.known_weakness || !a->dont_know;
      if (std::find(x.questions.begin(), x.questions.end(), q.id) == x.questions.end()) x.questions.push_back(q.id);
    }
  });
  if (scan) {
    for (const auto& f : *scan) {
      const auto* action = c.action_for_finding(f.id);
      if (action == nullptr) continue;
      auto& x = acc[action->id];
      x.need = std::max(x.need, need_of(f.severity));
      x.known_weakness = true;
      x.findings.insert(f.id);
      // A notice (a mail server certificate no sender checks) is never urgent.
      if (f.severity >= Severity::medium && c.urgent_findings.count(f.id) != 0) x.urgent = true;
    }
  }
  Plan p;
  p.topics = score_topics(c, answers);
  for (auto& [id, x] : acc) {
    PlannedAction pa;
    pa.action = c.action(id);
    pa.need = x.need;
    pa.priority = static_cast<int>((static_cast<long>(base_priority(*pa.action)) * x.need + 50) / 100);
    pa.unsure = !x.known_weakness;
    pa.urgent = x.urgent;
    pa.questions = std::move(x.questions);
    pa.findings.assign(x.findings.begin(), x.findings.end());
    p.actions.push_back(std::move(pa));
  }
  std::sort(p.actions.begin(), p.actions.end(), ranks_before);
  return p;
}

std::string plan_to_json(const Plan& p, const AssessContent& c) {
  ordered_json doc;
  doc["schema"] = "weerbaar.assess-plan/1";
  ordered_json topics = ordered_json::array();
  for (const auto& t : p.topics) {
    ordered_json tj;
    tj["topic"] = t.topic;
    if (auto it = c.topics.find(t.topic); it != c.topics.end()) tj["title"] = text_json(it->second);
    tj["score"] = t.score;
    tj["answered"] = t.answered;
    tj["unknown"] = t.unknown;
    topics.push_back(std::move(tj));
  }
  doc["topics"] = std::move(topics);
  doc["top"] = ordered_json::array();
  doc["later"] = ordered_json::array();
  for (std::size_t i = 0; i < p.actions.size(); ++i) {
    doc[i < Plan::top_count ? "top" : "later"].push_back(action_json(p.actions[i], i + 1, c));
  }
  return doc.dump(2) + "\n";
}

}  // namespace weerbaar::assess
