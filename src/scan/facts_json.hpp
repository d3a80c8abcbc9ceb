#pragma once
// What a probe saw, as JSON and back (schema weerbaar.facts/1, documented in docs/json.md): so
// that facts can be saved with a scan and judged again by the checks without a network, when
// the rules change or in a test whose facts are a data file (tests/data/checks/).
//
// Every field of HostFacts and of everything under it travels; a field added to a facts struct
// and not to facts_json.cpp fails the unit tests (facts_json_unknown_fields).
#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scan/facts.hpp"

namespace weerbaar::scan {

inline constexpr std::string_view kFactsSchema = "weerbaar.facts/1";

// Malformed facts: the message names the place, e.g. "tls.versions.TLS 1.9: unknown version".
class FactsError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The facts as one JSON object, without the schema (to embed in another document).
nlohmann::ordered_json facts_to_json(const HostFacts& facts);
// Reads what facts_to_json wrote; a field left out keeps its default. Throws FactsError on an
// unknown field, a value of the wrong type or an unknown name of an enumeration.
HostFacts facts_from_json(const nlohmann::json& j);

// A document of its own: {"schema": "weerbaar.facts/1", ...the facts...}.
std::string write_facts_document(const HostFacts& facts);
// Throws FactsError when the text is not JSON, has another schema, or is not facts.
HostFacts read_facts_document(std::string_view text);

// For the unit tests: each facts struct whose fields facts_json.cpp does not all name.
std::vector<std::string> facts_json_unknown_fields();

}  // namespace weerbaar::scan
