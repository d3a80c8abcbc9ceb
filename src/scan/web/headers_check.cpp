// web.headers: the small security headers every page should carry.
#include <algorithm>
#include <array>

#include "scan/check.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/csp.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

// Every value token of a header that may be repeated or comma-joined.
std::vector<std::string> tokens(const HttpResponse& r, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& value : r.all(name)) {
    for (auto t : text::split(value, ',')) {
      t = text::trim(t);
      if (!t.empty()) out.push_back(text::to_lower(t));
    }
  }
  return out;
}

void judge_nosniff(const HttpResponse& r, Verdict& v) {
  const std::string* xcto = r.header("x-content-type-options");
  if (xcto == nullptr) {
    v.fail("WEB_XCTO_MISSING");
  } else if (!text::iequals(text::trim(*xcto), "nosniff")) {
    v.fail("WEB_XCTO_MISSING", {{"header", *xcto}});
  }
}

void judge_framing(const HttpResponse& r, Verdict& v) {
  // Repeated identical values ("DENY, DENY") are honoured by browsers; conflicting ones are not.
  auto xfo = tokens(r, "x-frame-options");
  bool xfo_ok = !xfo.empty() && (xfo.front() == "deny" || xfo.front() == "sameorigin") &&
                std::all_of(xfo.begin(), xfo.end(), [&](const std::string& t) { return t == xfo.front(); });
  bool frame_ancestors = false;
  for (const auto& value : r.all("content-security-policy")) {
    for (const auto& p : parse_csp(value)) frame_ancestors = frame_ancestors || p.find("frame-ancestors") != nullptr;
  }
  if (xfo_ok || frame_ancestors) return;
  Params params;
  if (const std::string* raw = r.header("x-frame-options")) params["x_frame_options"] = *raw;
  v.fail("WEB_FRAME_OPTIONS_MISSING", std::move(params));
}

void judge_referrer(const HttpResponse& r, Verdict& v) {
  static constexpr std::array<std::string_view, 8> known{"no-referrer",
                                                         "no-referrer-when-downgrade",
                                                         "same-origin",
                                                         "origin",
                                                         "strict-origin",
                                                         "origin-when-cross-origin",
                                                         "strict-origin-when-cross-origin",
                                                         "unsafe-url"};
  static constexpr std::array<std::string_view, 4> weak{"unsafe-url", "no-referrer-when-downgrade", "origin",
                                                        "origin-when-cross-origin"};
  // The Referrer Policy spec: the last value the browser knows wins, unknown ones are skipped.
  std::string effective;
  for (const auto& t : tokens(r, "referrer-policy")) {
    if (std::find(known.begin(), known.end(), t) != known.end()) effective = t;
  }
  if (effective.empty()) {
    v.fail("WEB_REFERRER_POLICY_WEAK", {{"policy", "(none)"}});
  } else if (std::find(weak.begin(), weak.end(), effective) != weak.end()) {
    v.fail("WEB_REFERRER_POLICY_WEAK", {{"policy", effective}});
  }
}

CheckResult run(const HostFacts& facts) {
  Verdict v("web.headers");
  const HttpResponse* response = page_response(facts, v);
  if (response == nullptr) return std::move(v).done();
  judge_nosniff(*response, v);
  judge_framing(*response, v);
  judge_referrer(*response, v);
  return std::move(v).done();
}

const CheckRegistration reg{{.id = "web.headers",
                             .family = Family::web,
                             .findings = {"WEB_XCTO_MISSING", "WEB_FRAME_OPTIONS_MISSING", "WEB_REFERRER_POLICY_WEAK"},
                             .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
