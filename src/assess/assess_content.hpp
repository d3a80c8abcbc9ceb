#pragma once
// The questionnaire of the basic scan as data: questions, answers, actions and how-to pages,
// loaded from content/assess/ (compiled in). The model is documented in docs/assess-model.md.
//
// Loading is lenient about what validate_assess_content() reports (a missing language, a
// missing score, an unknown "who", a number out of range), so that one run lists every problem.
// It throws content::ContentError only when a file is not JSON or has the wrong shape.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/content.hpp"

namespace weerbaar::assess {

using content::Lang;
using content::Text;

// Who carries out an action.
enum class Who { entrepreneur, it_supplier, website_host };
std::string_view to_string(Who w);
std::optional<Who> who_from_string(std::string_view s);

struct Answer {
  std::string id;
  Text text;
  std::optional<double> score;  // 0 (weak) .. 1 (good); absent for "I don't know" and profile answers
  bool dont_know = false;       // the explicit "I don't know" answer
};

// Holds when the earlier question was asked and answered with one of any_of.
struct Condition {
  std::string question;
  std::vector<std::string> any_of;
};

struct Question {
  std::string id;
  std::string topic;
  bool profile = false;  // describes the business (sector, website...); steers the flow, not scored
  Text text;
  Text why;  // one line: why this matters
  std::vector<Answer> answers;
  std::vector<Condition> ask_if;     // all must hold for the question to be asked
  std::vector<std::string> actions;  // triggered by an answer with a score below 1, or don't-know

  [[nodiscard]] const Answer* answer(std::string_view id) const;
};

struct Action {
  std::string id;
  Text title;
  std::optional<Who> who;  // absent when content names an unknown party (see who_name)
  std::string who_name;
  int minutes = 0;     // how long it takes, roughly
  int impact = 0;      // 1..5: how bad the damage is when this goes wrong
  int likelihood = 0;  // 1..5: how likely it goes wrong for a small business
  int effort = 0;      // 1..5: how much work (1 = minutes, 5 = a project)
  std::string howto;   // id of a how-to page
  // What it costs besides time, roughly ("ongeveer € 3 tot € 8 per gebruiker per maand"), or
  // that it usually costs nothing where an owner would expect a bill; empty: only time.
  Text cost;
};

struct HowTo {
  std::string id;
  Text title;
  std::vector<Text> steps;
};

struct AssessContent {
  std::vector<std::string> topic_order;
  std::map<std::string, Text, std::less<>> topics;
  std::vector<Question> questions;  // in the order they are asked
  std::map<std::string, Action, std::less<>> actions;
  std::vector<std::pair<std::string, std::string>> finding_actions;  // scan finding id -> action id
  // Scan findings that make their action a "today" action: it always ranks in the top five,
  // whatever the answers say (an expired certificate, broken DNSSEC, open remote desktop...).
  std::set<std::string, std::less<>> urgent_findings;
  std::map<std::string, HowTo, std::less<>> howtos;

  // The compiled-in content/assess/. Throws content::ContentError if it does not parse.
  static const AssessContent& embedded();
  // Parses files given as (path relative to content/, JSON text); other paths are ignored.
  static AssessContent from_files(const std::vector<std::pair<std::string, std::string>>& files);

  [[nodiscard]] const Question* question(std::string_view id) const;
  [[nodiscard]] const Action* action(std::string_view id) const;
  [[nodiscard]] const HowTo* howto(std::string_view id) const;
  // The action a scan finding leads to, if content maps it.
  [[nodiscard]] const Action* action_for_finding(std::string_view finding_id) const;
};

}  // namespace weerbaar::assess
