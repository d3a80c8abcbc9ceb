#pragma once
// Scoring per topic and the action plan: pure functions of content, answers and (optionally)
// the findings of the external scan. The priority model is documented in docs/assess-model.md.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "assess/assess_content.hpp"
#include "assess/flow.hpp"
#include "core/finding.hpp"

namespace weerbaar::assess {

// One finding of the external scan, with the severity its content gives it.
struct ScanFinding {
  std::string id;  // "MX:TLS_CERT_EXPIRED" for a finding on a mail server (as lab.json writes it)
  Severity severity = Severity::low;
};
// The findings of scan results, de-duplicated, severities taken from the check texts.
std::vector<ScanFinding> scan_findings(const std::vector<CheckResult>& results, const content::Library& lib);

struct TopicScore {
  std::string topic;
  int score = 0;     // 0..100; "I don't know" counts as 0
  int answered = 0;  // scored questions answered (don't-know included)
  int unknown = 0;   // of which "I don't know"
};
// Topics in content order; a topic without an answered, scored question is left out.
std::vector<TopicScore> score_topics(const AssessContent& c, const Answers& answers);

struct PlannedAction {
  const Action* action = nullptr;
  int need = 0;                        // 1..100: how weak the answers or how severe the findings behind it
  int priority = 0;                    // impact x likelihood x (6 - effort) x need / 100, rounded
  bool unsure = false;                 // only "I don't know" answers point here: find out first
  bool urgent = false;                 // an urgent scan finding points here: ranks before everything else
  std::vector<std::string> questions;  // question ids that triggered it, in question order
  std::vector<std::string> findings;   // scan finding ids that triggered it, sorted
};

struct Plan {
  static constexpr std::size_t top_count = 5;
  std::vector<TopicScore> topics;
  std::vector<PlannedAction> actions;  // ranked: the first top_count are "do this first"
};

// Need of an answer: 100 x (1 - score), rounded; "I don't know" is kUnknownNeed.
inline constexpr int kUnknownNeed = 75;
int need_of(const Answer& a);
int need_of(Severity s);
int base_priority(const Action& a);  // impact x likelihood x (6 - effort), 1..125

Plan plan(const AssessContent& c, const Answers& answers, const std::optional<std::vector<ScanFinding>>& scan);

// {"schema": "weerbaar.assess-plan/1", "topics": [...], "top": [...], "later": [...]}, texts in
// both languages; stable, for golden files and a web page.
std::string plan_to_json(const Plan& p, const AssessContent& c);

}  // namespace weerbaar::assess
