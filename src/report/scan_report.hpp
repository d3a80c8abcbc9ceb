#pragma once
// Renders scan results for people (text, in nl or en) and for programs (JSON, schema in
// docs/scan-result.schema.json).
#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/content.hpp"
#include "scan/engine.hpp"

namespace weerbaar::report {

struct RenderOptions {
  content::Lang lang = content::Lang::nl;
  bool color = false;       // ANSI colours for a terminal
  bool show_passed = true;  // list passed checks with one line each
};

std::string render_text(const std::vector<scan::DomainReport>& reports, const content::Library& lib,
                        const RenderOptions& opt);

// The JSON document, stable and versioned ("schema": "weerbaar.scan/1"; docs/json.md). With
// with_facts, each scanned domain carries its facts (weerbaar.facts/1 without the schema), so
// that the document can be judged again later without the network.
std::string render_json(const std::vector<scan::DomainReport>& reports, const content::Library& lib, content::Lang lang,
                        std::chrono::system_clock::time_point started, bool with_facts = false);

// What render_json wrote, read back: every field of each DomainReport that the document holds
// (its facts only when written with_facts; otherwise the address and time scanned). Titles,
// advice, lights and scores are not read: they follow from the ids and the content.
struct ScanDocument {
  std::chrono::system_clock::time_point started;
  content::Lang lang = content::Lang::nl;
  std::vector<scan::DomainReport> reports;
};

class ScanJsonError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws ScanJsonError naming the place (e.g. "domains[0].checks[3].outcome: ...") when the
// text is not a weerbaar.scan/1 document.
ScanDocument read_json(std::string_view text);

// The same document written piece by piece while a long list is scanned: the head, each
// domain (joined by json_domain_separator), the tail. render_json is made of these.
std::string render_json_head(content::Lang lang, std::chrono::system_clock::time_point started);
std::string render_json_domain(const scan::DomainReport& r, const content::Library& lib, content::Lang lang,
                               bool with_facts = false);
std::string json_domain_separator(std::size_t index);  // before the index-th domain
std::string render_json_tail();

// One domain as one line of JSON Lines (`weerbaar scan --format jsonl`): the object of the
// document's "domains", on one line, without the line break.
std::string render_json_line(const scan::DomainReport& r, const content::Library& lib, content::Lang lang,
                             bool with_facts = false);

}  // namespace weerbaar::report
