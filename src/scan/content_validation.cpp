#include "scan/content_validation.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace weerbaar::scan {

std::string config_syntax_in(std::string_view text) {
  // Names of server directives, record syntax and commands that only a technician types.
  static constexpr std::array<std::string_view, 33> kTokens = {"add_header",
                                                               "ssl_",
                                                               "Header set",
                                                               "Header always set",
                                                               "SSLProtocol",
                                                               "SSLCipherSuite",
                                                               "SSLHonorCipherOrder",
                                                               "SSLCompression",
                                                               "server_tokens",
                                                               "ServerTokens",
                                                               "autoindex",
                                                               "Options -Indexes",
                                                               "return 301",
                                                               "requirepass",
                                                               "xpack.",
                                                               "session.cookie",
                                                               "expose_php",
                                                               "include:",
                                                               "ip4:",
                                                               "ip6:",
                                                               "mode: ",
                                                               "max_age:",
                                                               "_tcp.",
                                                               "<script",
                                                               "<meta",
                                                               " MX 0",
                                                               " MX 10",
                                                               " CAA 0",
                                                               "certbot ",
                                                               "'+all'",
                                                               "'-all'",
                                                               "'~all'",
                                                               "'?all'"};
  for (auto token : kTokens) {
    if (text.find(token) != std::string_view::npos) return std::string(token);
  }
  // A record tag or header value: "v=spf1", "p=reject", "max-age=31536000", "SameSite=Lax".
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    const auto before = static_cast<unsigned char>(text[i - 1]);
    const auto after = static_cast<unsigned char>(text[i + 1]);
    if (text[i] == '=' && (std::isalnum(before) != 0 || before == '_') && std::isspace(after) == 0) {
      const std::size_t from = text.rfind(' ', i);
      const std::size_t start = from == std::string_view::npos ? 0 : from + 1;
      return std::string(text.substr(start, i + 2 - start));
    }
  }
  return {};
}

std::string owner_directed_opening(std::string_view text) {
  // How the owner's `fix` opens: words to the owner about the supplier. A `request` is read by the
  // supplier, so "Vraag uw webhoster ..." there would reach the web host itself.
  static constexpr std::array<std::string_view, 17> kOpenings = {
      "Vraag uw",  "Vraag de", "Vraag het",    "Vraag een",    "Laat uw",    "Laat de",
      "Laat het",  "Laat een", "Neem contact", "Ask your",     "Ask the",    "Ask whoever",
      "Have your", "Have the", "Have a",       "Contact your", "Contact the"};
  for (auto opening : kOpenings) {
    if (text.starts_with(opening)) return std::string(opening);
  }
  return {};
}

namespace {

// The {names} in a text, in order.
std::vector<std::string> placeholders_in(std::string_view text) {
  std::vector<std::string> names;
  for (auto open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    const auto close = text.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace_back(text.substr(open + 1, close - open - 1));
  }
  return names;
}

// What is wrong with a finding's `request` (nl and en), one line each.
void check_request(const std::string& check, const std::string& fid, const content::FindingText& ft,
                   std::vector<std::string>& problems) {
  const std::string where = check + ": " + fid;
  if (ft.request.nl.empty() || ft.request.en.empty()) {
    problems.push_back(where +
                       " has no 'request' in nl and en (what the owner asks of whoever fixes it; the "
                       "ready-made message carries it)");
    return;
  }
  // Parameters the finding has: those its other texts use, and the scanned domain.
  std::string known = ft.impact.nl + ft.impact.en + ft.fix.nl + ft.fix.en + ft.details.nl + ft.details.en;
  for (const auto* lang : {&ft.request.nl, &ft.request.en}) {
    if (auto found = config_syntax_in(*lang); !found.empty()) {
      problems.push_back(where + " request has configuration syntax ('" + found +
                         "'); the lines for the technician go in 'details'");
    }
    if (auto opening = owner_directed_opening(*lang); !opening.empty()) {
      problems.push_back(where + " request opens with '" + opening +
                         "': it is read by whoever fixes it, so ask them (\"Wilt u ...?\")");
    }
    for (const auto& name : placeholders_in(*lang)) {
      if (name != "domain" && known.find("{" + name + "}") == std::string::npos) {
        problems.push_back(where + " request has {" + name + "}, a parameter its other texts do not use");
      }
    }
  }
}

// A phrase must be for a placeholder the finding's texts use: otherwise it is never shown.
void check_phrases(const std::string& check, const std::string& fid, const content::FindingText& ft,
                   std::vector<std::string>& problems) {
  std::string used;
  for (const auto* t : {&ft.impact, &ft.fix, &ft.request, &ft.details, &ft.details_mail}) {
    used.append(t->nl).append(t->en);
  }
  for (const auto& [placeholder, unused] : ft.phrases) {
    std::string braced = "{";
    braced.append(placeholder).append("}");
    if (used.find(braced) == std::string::npos) {
      std::string problem = check;
      problem.append(": ")
          .append(fid)
          .append(" has phrases for ")
          .append(braced)
          .append(", which none of its texts use");
      problems.push_back(std::move(problem));
    }
  }
}

}  // namespace

std::vector<std::string> validate_content(const content::Library& lib, const Catalogue& catalogue) {
  std::vector<std::string> problems;
  for (const auto& spec : catalogue.checks()) {
    const auto* text = lib.check(spec.id);
    if (text == nullptr) {
      problems.push_back(spec.id + ": no content/checks/" + spec.id + ".json");
      continue;
    }
    if (text->family != spec.family) problems.push_back(spec.id + ": family in content differs from the code");
    for (const auto& fid : spec.findings) {
      if (text->findings.count(fid) == 0)
        problems.push_back(spec.id + ": may report " + fid + ", which content does not describe");
    }
    for (const auto& [fid, ft] : text->findings) {
      if (std::find(spec.findings.begin(), spec.findings.end(), fid) == spec.findings.end()) {
        problems.push_back(spec.id + ": content describes " + fid + ", which the check never reports");
      }
      for (const auto* lang : {&ft.title.nl, &ft.title.en}) {
        if (lang->find('{') != std::string::npos) {
          problems.push_back(std::string(spec.id)
                                 .append(": ")
                                 .append(fid)
                                 .append(" has a {placeholder} in its title ('")
                                 .append(*lang)
                                 .append("'); dashboards show titles without parameters, so name them in impact"));
        }
      }
      for (const auto* lang : {&ft.fix.nl, &ft.fix.en}) {
        if (auto found = config_syntax_in(*lang); !found.empty()) {
          problems.push_back(std::string(spec.id)
                                 .append(": ")
                                 .append(fid)
                                 .append(" fix has configuration syntax ('")
                                 .append(found)
                                 .append("'); the owner's text says what to do, the lines go in 'details'"));
        }
      }
      check_request(spec.id, fid, ft, problems);
      check_phrases(spec.id, fid, ft, problems);
      // A mail server's report must not hand its technician nginx lines: a finding with lines for
      // the website has lines for mail software too.
      const bool has_details = !ft.details.nl.empty() || !ft.details.en.empty();
      if (spec.on_mail_servers && has_details && (ft.details_mail.nl.empty() || ft.details_mail.en.empty())) {
        problems.push_back(spec.id + ": " + fid +
                           " has 'details' for the website but no 'details_mail' in nl and en (the lines for a "
                           "mail server, e.g. Postfix, which the TLS checks also judge)");
      }
    }
  }
  for (const auto& [id, unused] : lib.checks()) {
    if (catalogue.find(id) == nullptr) problems.push_back(id + ": content for a check that does not exist");
  }
  return problems;
}

}  // namespace weerbaar::scan
