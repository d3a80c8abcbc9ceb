#include "core/content.hpp"

#include <nlohmann/json.hpp>

#include "core/content_files.hpp"

namespace weerbaar::content {
namespace {
using nlohmann::json;

Text read_text(const json& j, const std::string& where) {
  if (!j.is_object() || !j.contains("nl") || !j.contains("en") || !j["nl"].is_string() || !j["en"].is_string()) {
    throw ContentError(where + ": needs a text in both \"nl\" and \"en\"");
  }
  Text t{j["nl"].get<std::string>(), j["en"].get<std::string>()};
  if (t.nl.empty() || t.en.empty()) throw ContentError(where + ": a text is empty");
  return t;
}

void read_phrases(const json& j, const std::string& where, FindingText& ft) {
  if (!j.is_object()) throw ContentError(where + ": expected an object of placeholders");
  for (const auto& [placeholder, keys] : j.items()) {
    std::string at = where;
    at.append(" ").append(placeholder);
    if (!keys.is_object() || keys.empty()) throw ContentError(at + ": expected texts by key");
    for (const auto& [key, text] : keys.items()) {
      std::string phrase_at = at;
      phrase_at.append(" ").append(key);
      Text t = read_text(text, phrase_at);
      // A phrase goes in as a parameter's value, and render() does not look inside those.
      if (t.nl.find('{') != std::string::npos || t.en.find('{') != std::string::npos) {
        throw ContentError(phrase_at + ": a phrase has no {placeholder}");
      }
      ft.phrases[placeholder].emplace(key, std::move(t));
    }
  }
}

CheckText read_check(const std::string& path, const json& j) {
  CheckText c;
  c.id = j.at("check").get<std::string>();
  auto family = family_from_string(j.at("family").get<std::string>());
  if (!family) throw ContentError(path + ": unknown family");
  c.family = *family;
  c.title = read_text(j.at("title"), path + " title");
  c.pass = read_text(j.at("pass"), path + " pass");
  for (const auto& [id, f] : j.at("findings").items()) {
    FindingText ft;
    ft.id = id;
    auto sev = severity_from_string(f.at("severity").get<std::string>());
    if (!sev) throw ContentError(path + " " + id + ": unknown severity");
    ft.severity = *sev;
    // Every text of the finding is named in an error as "<file> <id> <field>".
    std::string where = path;
    where.append(" ").append(id).append(" ");
    const auto& texts = f;  // a structured binding cannot be captured (clang 14)
    auto text = [&](const char* key) { return read_text(texts.at(key), where + key); };
    ft.title = text("title");
    ft.impact = text("impact");
    ft.fix = text("fix");
    if (f.contains("request")) ft.request = text("request");
    if (f.contains("details")) ft.details = text("details");
    if (f.contains("details_mail")) ft.details_mail = text("details_mail");
    if (f.contains("priority")) {
      if (!f["priority"].is_number_integer()) throw ContentError(path + " " + id + ": priority must be a whole number");
      ft.priority = f["priority"].get<int>();
    }
    if (f.contains("phrases")) read_phrases(f["phrases"], where + "phrases", ft);
    c.findings.emplace(id, std::move(ft));
  }
  if (j.contains("references")) c.references = j["references"].get<std::vector<std::string>>();
  const std::string expected = "checks/" + c.id + ".json";
  if (path != expected) throw ContentError(path + ": check \"" + c.id + "\" belongs in " + expected);
  return c;
}
}  // namespace

std::optional<Lang> lang_from_string(std::string_view s) {
  if (s == "nl") return Lang::nl;
  if (s == "en") return Lang::en;
  return std::nullopt;
}

Library Library::from_files(const std::vector<std::pair<std::string, std::string>>& files) {
  Library lib;
  for (const auto& [path, text] : files) {
    // ui.json: the command line and reports; web.json: the pages of `weerbaar serve`.
    // platform/messages.json: the texts of the platform services' message keys.
    if (path == "ui.json" || path == "web.json" || path == "platform/messages.json") {
      try {
        const json ui = json::parse(text);
        for (const auto& [key, value] : ui.items()) {
          if (key.starts_with("_")) continue;  // "_comment": a note for translators
          if (!lib.ui_.emplace(key, read_text(value, path + " " + key)).second)
            throw ContentError(path + ": text \"" + key + "\" is defined twice");
        }
      } catch (const json::exception& e) {
        throw ContentError(path + ": " + e.what());
      }
      continue;
    }
    if (!path.starts_with("checks/")) continue;
    json j;
    try {
      j = json::parse(text);
    } catch (const json::exception& e) {
      throw ContentError(path + ": " + e.what());
    }
    try {
      CheckText c = read_check(path, j);
      std::string id = c.id;
      if (!lib.checks_.emplace(id, std::move(c)).second) {
        throw ContentError(path + ": check defined twice");
      }
    } catch (const json::exception& e) {
      throw ContentError(path + ": " + e.what());
    }
  }
  for (const auto& [cid, c] : lib.checks_) {
    for (const auto& [fid, f] : c.findings) {
      if (!lib.findings_.emplace(fid, &f).second) {
        throw ContentError("finding " + fid + " is defined by two checks");
      }
    }
  }
  return lib;
}

const Library& Library::embedded() {
  static const Library lib = [] {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& f : detail::embedded_files()) files.emplace_back(f.path, f.text);
    return from_files(files);
  }();
  return lib;
}

const CheckText* Library::check(std::string_view id) const {
  auto it = checks_.find(id);
  return it == checks_.end() ? nullptr : &it->second;
}

const FindingText* Library::finding(std::string_view id) const {
  auto it = findings_.find(id);
  return it == findings_.end() ? nullptr : it->second;
}

const std::string& Library::ui(std::string_view key, Lang lang) const {
  auto it = ui_.find(key);
  if (it == ui_.end()) throw ContentError("content/ui.json or web.json has no text \"" + std::string(key) + "\"");
  return it->second.in(lang);
}

Severity severity_of(const Finding& f, const Library& lib) {
  if (f.severity) return *f.severity;
  const auto* text = lib.finding(f.id);
  return text != nullptr ? text->severity : Severity::high;
}

std::string render(std::string_view text, const Params& params) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      auto close = text.find('}', i);
      if (close != std::string_view::npos) {
        auto it = params.find(std::string(text.substr(i + 1, close - i - 1)));
        if (it != params.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

Params phrased(const FindingText& text, Params params, Lang lang) {
  for (const auto& [placeholder, by_key] : text.phrases) {
    auto value = params.find(placeholder);
    if (value == params.end()) continue;
    auto phrase = by_key.find(value->second);
    if (phrase != by_key.end()) value->second = phrase->second.in(lang);
  }
  return params;
}

}  // namespace weerbaar::content
