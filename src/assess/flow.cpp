#include "assess/flow.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

namespace weerbaar::assess {
namespace {
constexpr std::string_view kStateSchema = "weerbaar.assess-state/1";

bool holds(const Condition& cond, const Answers& answers, const std::set<std::string_view>& asked) {
  if (!asked.contains(cond.question)) return false;
  auto it = answers.find(cond.question);
  if (it == answers.end()) return false;
  return std::find(cond.any_of.begin(), cond.any_of.end(), it->second) != cond.any_of.end();
}
}  // namespace

std::vector<const Question*> asked_questions(const AssessContent& c, const Answers& answers) {
  std::vector<const Question*> out;
  std::set<std::string_view> asked;
  for (const auto& q : c.questions) {
    const bool ask = std::all_of(q.ask_if.begin(), q.ask_if.end(),
                                 [&](const Condition& cond) { return holds(cond, answers, asked); });
    if (!ask) continue;
    out.push_back(&q);
    asked.insert(q.id);
  }
  return out;
}

const Question* next_question(const AssessContent& c, const Answers& answers) {
  for (const auto* q : asked_questions(c, answers)) {
    if (!answers.contains(q->id)) return q;
  }
  return nullptr;
}

Answers effective_answers(const AssessContent& c, const Answers& answers) {
  Answers out;
  for (const auto* q : asked_questions(c, answers)) {
    auto it = answers.find(q->id);
    if (it != answers.end() && q->answer(it->second) != nullptr) out.emplace(it->first, it->second);
  }
  return out;
}

std::optional<std::string> check_answer(const AssessContent& c, const Answers& answers, std::string_view question,
                                        std::string_view answer) {
  const auto* q = c.question(question);
  if (q == nullptr) return "no question \"" + std::string(question) + "\"";
  if (q->answer(answer) == nullptr) {
    return "question " + q->id + " has no answer \"" + std::string(answer) + "\"";
  }
  const auto asked = asked_questions(c, answers);
  if (std::find(asked.begin(), asked.end(), q) == asked.end()) {
    return "question " + q->id + " is not asked for the answers given so far";
  }
  return std::nullopt;
}

Progress progress(const AssessContent& c, const Answers& answers) {
  Progress p;
  for (const auto* q : asked_questions(c, answers)) {
    ++p.total;
    if (answers.contains(q->id)) ++p.answered;
  }
  return p;
}

std::string save_state(const State& s) {
  nlohmann::ordered_json j;
  j["schema"] = kStateSchema;
  j["lang"] = s.lang == Lang::nl ? "nl" : "en";
  if (!s.business.empty()) j["business"] = s.business;
  if (!s.domain.empty()) j["domain"] = s.domain;
  j["answers"] = nlohmann::ordered_json::object();
  for (const auto& [q, a] : s.answers) j["answers"][q] = a;
  return j.dump(2) + "\n";
}

namespace {

// The line (from 1) where needle first occurs in text, for errors that point at a line of a
// file the operator wrote; 0 when it does not occur.
std::size_t line_of(std::string_view text, std::string_view needle) {
  auto at = text.find(needle);
  if (at == std::string_view::npos) return 0;
  return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
}

std::string at_line(std::string_view text, std::string_view needle) {
  auto n = line_of(text, needle);
  return n == 0 ? std::string() : "line " + std::to_string(n) + ": ";
}

std::string string_field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

State load_state(const AssessContent& c, std::string_view json_text) {
  nlohmann::json j;
  // A question answered twice in one file is a mistake to report, not one to resolve silently
  // by keeping the last (what a JSON library does).
  std::vector<std::set<std::string>> keys;
  auto no_duplicates = [&](int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    if (event == E::object_start) keys.emplace_back();
    if (event == E::object_end && !keys.empty()) keys.pop_back();
    if (event == E::key && !keys.empty() && !keys.back().insert(parsed.get<std::string>()).second) {
      const auto key = parsed.get<std::string>();
      throw AnswerError("saved answers: \"" + key + "\" appears twice");
    }
    return true;
  };
  try {
    j = nlohmann::json::parse(json_text, no_duplicates);
  } catch (const nlohmann::json::exception& e) {
    std::string msg = e.what();
    // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." -> "line 3, column 5: ..."
    if (auto at = msg.find(" at line "); at != std::string::npos) msg = msg.substr(at + 4);
    throw AnswerError("saved answers are not JSON: " + msg);
  }
  if (!j.is_object() || string_field(j, "schema") != kStateSchema) {
    throw AnswerError("saved answers lack \"schema\": \"" + std::string(kStateSchema) + "\"");
  }
  State s;
  auto lang = content::lang_from_string(string_field(j, "lang"));
  if (!lang)
    throw AnswerError("saved answers: " + at_line(json_text, "\"lang\"") + "\"lang\" must be \"nl\" or \"en\"");
  s.lang = *lang;
  for (auto [key, field] : {std::pair{"business", &s.business}, std::pair{"domain", &s.domain}}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_string()) throw AnswerError(std::string("saved answers: \"") + key + "\" is not a string");
    *field = j[key].get<std::string>();
  }
  if (!j.contains("answers") || !j["answers"].is_object()) throw AnswerError("saved answers: no \"answers\" object");
  for (const auto& [qid, aval] : j["answers"].items()) {
    const std::string where = at_line(json_text, "\"" + qid + "\"");
    if (!aval.is_string()) throw AnswerError("saved answers: " + where + qid + " is not a string");
    const auto aid = aval.get<std::string>();
    const auto* q = c.question(qid);
    if (q == nullptr) throw AnswerError("saved answers: " + where + "no question \"" + qid + "\"");
    if (q->answer(aid) == nullptr)
      throw AnswerError("saved answers: " + where + "question " + qid + " has no answer \"" + aid + "\"");
    s.answers.emplace(qid, aid);
  }
  return s;
}

}  // namespace weerbaar::assess
