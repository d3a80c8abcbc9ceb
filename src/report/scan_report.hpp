#pragma once
// Renders scan results for people (text, in nl or en) and for programs (JSON, schema in
// docs/scan-result.schema.json).
#include <chrono>
#include <string>
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

// The JSON document, stable and versioned ("schema": "weerbaar.scan/1").
std::string render_json(const std::vector<scan::DomainReport>& reports, const content::Library& lib, content::Lang lang,
                        std::chrono::system_clock::time_point started);

}  // namespace weerbaar::report
