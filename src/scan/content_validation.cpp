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
    }
  }
  for (const auto& [id, unused] : lib.checks()) {
    if (catalogue.find(id) == nullptr) problems.push_back(id + ": content for a check that does not exist");
  }
  return problems;
}

}  // namespace weerbaar::scan
