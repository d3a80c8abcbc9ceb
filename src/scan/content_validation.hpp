#pragma once
#include <string>
#include <vector>

#include "core/content.hpp"
#include "scan/check.hpp"

namespace weerbaar::scan {

// Every problem between the check catalogue and its texts, one line each: a check without
// content, a finding a check may report that content does not describe, content for a check
// or finding that does not exist, a finding title with a {placeholder} (dashboards show titles
// without the finding's parameters), an owner's `fix` text with configuration syntax in it
// (that belongs in `details`), a finding without a `request` in both languages, or one with
// configuration syntax, an owner-directed opening or an unknown {placeholder}, or phrases for a
// placeholder no text of the finding uses. Empty when all is well.
std::vector<std::string> validate_content(const content::Library& lib, const Catalogue& catalogue);

// The first piece of configuration syntax in an owner's text ("v=spf1", "add_header",
// "ssl_protocols", "'-all'"...), or empty. A heuristic: record tags (a word, '=' and a value
// without a space), server directives and record lines by name. URLs and .well-known paths are
// allowed: an owner can open them, and they are said in plain words around them.
std::string config_syntax_in(std::string_view text);

// The opening of a text that speaks to the owner about a supplier ("Vraag uw", "Laat de",
// "Ask your", "Have the"...), or empty. A `request` is sent to that supplier and must ask them.
std::string owner_directed_opening(std::string_view text);

}  // namespace weerbaar::scan
