#pragma once
// The adaptive flow of the questionnaire: which question comes next, which answers count,
// and saving/resuming a half-finished questionnaire as JSON. Pure functions of content and
// answers, so a terminal or a web page can drive them alike.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "assess/assess_content.hpp"

namespace weerbaar::assess {

// Question id -> answer id.
using Answers = std::map<std::string, std::string, std::less<>>;

// Bad answers or a bad saved state; the message names the question.
class AnswerError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The questions asked for these answers, in order: those whose ask_if holds. A condition on a
// question that was not asked, or not answered yet, does not hold.
std::vector<const Question*> asked_questions(const AssessContent& c, const Answers& answers);

// The first asked question without an answer; nullptr when the questionnaire is complete.
const Question* next_question(const AssessContent& c, const Answers& answers);

// Only the answers to questions that are asked (an answer about the website stays out once
// the business says it has no website).
Answers effective_answers(const AssessContent& c, const Answers& answers);

// Why this answer cannot be given, or nullopt when it can: the question must exist, be asked
// given the other answers, and the answer must be one of its answers.
std::optional<std::string> check_answer(const AssessContent& c, const Answers& answers, std::string_view question,
                                        std::string_view answer);

struct Progress {
  int answered = 0;
  int total = 0;  // questions asked so far; grows or shrinks as answers steer the flow
};
Progress progress(const AssessContent& c, const Answers& answers);

// A questionnaire in progress: the language chosen and the answers given.
struct State {
  Lang lang = Lang::nl;
  Answers answers;
  // What the owner typed at the start (both optional): the name for the report, the domain to
  // offer a scan of.
  std::string business{};
  std::string domain{};
};
// {"schema": "weerbaar.assess-state/1", "lang": "nl", "business": "...", "domain": "...",
//  "answers": {"question": "answer", ...}} (business and domain only when given)
std::string save_state(const State& s);
// Throws AnswerError when the JSON is not a state, or names a question or answer content
// does not have. Answers to questions no longer asked are kept (they may count again later).
State load_state(const AssessContent& c, std::string_view json_text);

}  // namespace weerbaar::assess
