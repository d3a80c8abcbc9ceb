#pragma once
// Content-Security-Policy (CSP Level 3, section 2.2): a header value holds one or more policies
// separated by ','; a policy holds directives separated by ';'; a directive is a name
// (case-insensitive) and a list of source expressions. In a policy the first directive of a name
// wins and later ones are ignored, as browsers do.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weerbaar::scan::web {

struct CspDirective {
  std::string name;                  // lower case
  std::vector<std::string> sources;  // as written; keywords keep their quotes: 'self'
};

struct CspPolicy {
  std::vector<CspDirective> directives;
  bool from_meta = false;  // a <meta> policy: frame-ancestors, report-uri and sandbox do not work there

  [[nodiscard]] const CspDirective* find(std::string_view name) const;
};

// Every policy in one header value (empty policies are dropped).
std::vector<CspPolicy> parse_csp(std::string_view header_value);

// The content of each <meta http-equiv="Content-Security-Policy" content="..."> in a page.
std::vector<std::string> meta_csp_values(std::string_view html);

// The directive that governs name in policy after CSP3's fallback list (script-src-elem and
// script-src-attr fall back to script-src, then default-src; other fetch directives to
// default-src). nullptr: the policy does not restrict it at all.
const CspDirective* effective_directive(const CspPolicy& policy, std::string_view name);

// Whether a source list lets inline script run: 'unsafe-inline' counts only when no nonce, hash
// or 'strict-dynamic' is present, because browsers then ignore it (CSP3 section 6.7.3.3).
bool allows_unsafe_inline(const std::vector<std::string>& sources);
bool allows_unsafe_eval(const std::vector<std::string>& sources);
// Source expressions that allow (nearly) any origin: '*', a bare scheme such as 'https:' or
// 'data:', or a host of '*' with a scheme ('https://*'). With 'strict-dynamic' these are ignored
// by browsers, so then none are returned.
std::vector<std::string> broad_sources(const std::vector<std::string>& sources);

}  // namespace weerbaar::scan::web
