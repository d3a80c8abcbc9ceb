#include "assess/assess_content.hpp"

#include <nlohmann/json.hpp>

#include "core/content_files.hpp"

namespace weerbaar::assess {
namespace {
using json = nlohmann::ordered_json;
using content::ContentError;

constexpr std::string_view kQuestions = "assess/questions.json";
constexpr std::string_view kActions = "assess/actions.json";
constexpr std::string_view kHowto = "assess/howto.json";

// Lenient: a missing or non-string language becomes empty; validation reports it.
Text read_text(const json& j) {
  Text t;
  if (!j.is_object()) return t;
  if (auto it = j.find("nl"); it != j.end() && it->is_string()) t.nl = it->get<std::string>();
  if (auto it = j.find("en"); it != j.end() && it->is_string()) t.en = it->get<std::string>();
  return t;
}

Text text_at(const json& j, const char* key) {
  return j.contains(key) ? read_text(j[key]) : Text{};
}

Question read_question(const json& j) {
  Question q;
  q.id = j.at("id").get<std::string>();
  q.topic = j.at("topic").get<std::string>();
  q.profile = j.value("profile", false);
  q.text = text_at(j, "text");
  q.why = text_at(j, "why");
  for (const auto& a : j.at("answers")) {
    Answer ans;
    ans.id = a.at("id").get<std::string>();
    ans.text = text_at(a, "text");
    ans.dont_know = a.value("dont_know", false);
    if (auto it = a.find("score"); it != a.end() && it->is_number()) ans.score = it->get<double>();
    q.answers.push_back(std::move(ans));
  }
  if (j.contains("ask_if")) {
    for (const auto& c : j["ask_if"]) {
      q.ask_if.push_back({c.at("question").get<std::string>(), c.at("any_of").get<std::vector<std::string>>()});
    }
  }
  if (j.contains("actions")) q.actions = j["actions"].get<std::vector<std::string>>();
  return q;
}

Action read_action(const json& j) {
  Action a;
  a.id = j.at("id").get<std::string>();
  a.title = text_at(j, "title");
  a.who_name = j.at("who").get<std::string>();
  a.who = who_from_string(a.who_name);
  a.minutes = j.value("minutes", 0);
  a.impact = j.value("impact", 0);
  a.likelihood = j.value("likelihood", 0);
  a.effort = j.value("effort", 0);
  a.howto = j.value("howto", std::string{});
  if (j.contains("cost")) a.cost = read_text(j.at("cost"));
  return a;
}

void read_questions(AssessContent& c, const json& j) {
  for (const auto& [id, t] : j.at("topics").items()) {
    c.topic_order.push_back(id);
    c.topics.emplace(id, read_text(t));
  }
  for (const auto& q : j.at("questions")) c.questions.push_back(read_question(q));
}

void read_actions(AssessContent& c, const json& j) {
  for (const auto& a : j.at("actions")) {
    Action action = read_action(a);
    std::string id = action.id;
    if (!c.actions.emplace(id, std::move(action)).second)
      throw ContentError(std::string(kActions) + ": action " + id + " defined twice");
  }
  for (const auto& m : j.at("scan_findings")) {
    const auto action = m.at("action").get<std::string>();
    for (const auto& f : m.at("findings")) c.finding_actions.emplace_back(f.get<std::string>(), action);
  }
  for (const auto& f : j.value("urgent_findings", json::array())) c.urgent_findings.insert(f.get<std::string>());
}

void read_howtos(AssessContent& c, const json& j) {
  for (const auto& [id, p] : j.at("pages").items()) {
    HowTo h;
    h.id = id;
    h.title = text_at(p, "title");
    for (const auto& s : p.at("steps")) h.steps.push_back(read_text(s));
    c.howtos.emplace(id, std::move(h));
  }
}
}  // namespace

std::string_view to_string(Who w) {
  switch (w) {
    case Who::entrepreneur: return "entrepreneur";
    case Who::it_supplier: return "it_supplier";
    case Who::website_host: return "website_host";
  }
  return "entrepreneur";
}

std::optional<Who> who_from_string(std::string_view s) {
  if (s == "entrepreneur") return Who::entrepreneur;
  if (s == "it_supplier") return Who::it_supplier;
  if (s == "website_host") return Who::website_host;
  return std::nullopt;
}

const Answer* Question::answer(std::string_view answer_id) const {
  for (const auto& a : answers) {
    if (a.id == answer_id) return &a;
  }
  return nullptr;
}

AssessContent AssessContent::from_files(const std::vector<std::pair<std::string, std::string>>& files) {
  AssessContent c;
  for (const auto& [path, text] : files) {
    const bool known = path == kQuestions || path == kActions || path == kHowto;
    if (!known) continue;
    try {
      const json j = json::parse(text);
      if (path == kQuestions) read_questions(c, j);
      if (path == kActions) read_actions(c, j);
      if (path == kHowto) read_howtos(c, j);
    } catch (const json::exception& e) {
      throw ContentError(path + ": " + e.what());
    }
  }
  return c;
}

const AssessContent& AssessContent::embedded() {
  static const AssessContent c = [] {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& f : content::detail::embedded_files()) files.emplace_back(f.path, f.text);
    return from_files(files);
  }();
  return c;
}

const Question* AssessContent::question(std::string_view id) const {
  for (const auto& q : questions) {
    if (q.id == id) return &q;
  }
  return nullptr;
}

const Action* AssessContent::action(std::string_view id) const {
  auto it = actions.find(id);
  return it == actions.end() ? nullptr : &it->second;
}

const HowTo* AssessContent::howto(std::string_view id) const {
  auto it = howtos.find(id);
  return it == howtos.end() ? nullptr : &it->second;
}

const Action* AssessContent::action_for_finding(std::string_view finding_id) const {
  for (const auto& [fid, aid] : finding_actions) {
    if (fid == finding_id) return action(aid);
  }
  // "MX:*" stands for every finding on a mail server that has no mapping of its own.
  if (finding_id.starts_with("MX:") && finding_id != "MX:*") return action_for_finding("MX:*");
  return nullptr;
}

}  // namespace weerbaar::assess
