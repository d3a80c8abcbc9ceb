#include "scan/web/cms.hpp"

#include "scan/web/html_scan.hpp"
#include "scan/web/site_paths.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

software::Detected detected(std::string product, std::string_view version, std::string evidence) {
  software::Detected d;
  d.product = std::move(product);
  // Only the version's own characters: a generator value may go on ("Drupal 10 (https://...)").
  std::size_t n = 0;
  while (n < version.size() && n < 32 && (text::is_digit(version[n]) || version[n] == '.')) ++n;
  while (n > 0 && version[n - 1] == '.') --n;
  d.version = std::string(version.substr(0, n));
  d.evidence = std::move(evidence);
  return d;
}

// The text right after `marker` in body, or npos.
std::size_t after(std::string_view body, std::string_view marker) {
  auto at = body.find(marker);
  return at == std::string_view::npos ? at : at + marker.size();
}

const HttpResponse* home_page(const WebFacts& web) {
  if (web.https_root.status == NetStatus::ok && web.https_root.response) return &*web.landing().response;
  if (!web.http_chain.empty() && web.http_chain.back().status == NetStatus::ok && web.http_chain.back().response) {
    return &*web.http_chain.back().response;
  }
  return nullptr;
}

}  // namespace

std::optional<software::Detected> cms_from_generator(std::string_view g) {
  g = text::trim(g);
  auto evidence = "generator: " + std::string(g.substr(0, 100));
  if (text::istarts_with(g, "WordPress")) return detected("wordpress", text::trim(g.substr(9)), evidence);
  if (text::istarts_with(g, "Drupal")) return detected("drupal", text::trim(g.substr(6)), evidence);
  // Joomla 1.6 and later say only "Joomla! - Open Source Content Management".
  if (text::istarts_with(g, "Joomla!")) {
    auto rest = text::trim(g.substr(7));
    return detected("joomla", rest, evidence);
  }
  return std::nullopt;
}

std::optional<software::Detected> cms_from_path(std::string_view path, const HttpResponse& r) {
  if (r.status != 200) return std::nullopt;
  std::string_view body = r.body;
  if (path == "/feed/") {
    // <generator>https://wordpress.org/?v=6.4.2</generator>
    auto v = after(body, "<generator>https://wordpress.org/?v=");
    if (v == std::string_view::npos) return std::nullopt;
    return detected("wordpress", body.substr(v), "/feed/");
  }
  if (path == "/administrator/manifests/files/joomla.xml") {
    if (body.find("<name>files_joomla</name>") == std::string_view::npos) return std::nullopt;
    auto v = after(body, "<version>");
    if (v == std::string_view::npos) return std::nullopt;
    return detected("joomla", body.substr(v), std::string(path));
  }
  if (path == "/CHANGELOG.txt") {
    // Drupal 7: the first line is "Drupal 7.98, 2023-06-07".
    auto first = text::trim(body.substr(0, 200));
    if (!first.starts_with("Drupal ") || first.size() < 8 || !text::is_digit(first[7])) return std::nullopt;
    return detected("drupal", first.substr(7), std::string(path));
  }
  if (path == "/magento_version") {
    // "Magento/2.4 (Community)"
    if (!body.starts_with("Magento/")) return std::nullopt;
    return detected("magento", body.substr(8), std::string(path));
  }
  return std::nullopt;
}

std::optional<software::Detected> detect_cms(const WebFacts& web) {
  std::vector<software::Detected> found;
  if (const auto* home = home_page(web)) {
    for (const auto& tag : find_tags(home->body, {"meta"}, 200)) {
      const auto* name = tag.attribute("name");
      const auto* content = tag.attribute("content");
      if (name == nullptr || content == nullptr || !text::iequals(*name, "generator")) continue;
      if (auto d = cms_from_generator(*content)) found.push_back(std::move(*d));
    }
    if (const auto* g = home->header("x-generator")) {
      if (auto d = cms_from_generator(*g)) found.push_back(std::move(*d));
    }
  }
  for (const auto& p : web.paths) {
    if (p.exchange.status != NetStatus::ok || !p.exchange.response) continue;
    if (auto d = cms_from_path(p.path, *p.exchange.response)) found.push_back(std::move(*d));
  }
  if (found.empty()) return std::nullopt;
  // One CMS per site: the first product seen, with its most precise version.
  const std::string product = found.front().product;
  std::optional<software::Detected> best;
  for (auto& d : found) {
    if (d.product != product) continue;
    auto parts = software::parse_version(d.version);
    auto best_parts = best ? software::parse_version(best->version) : std::nullopt;
    std::size_t n = parts ? parts->parts.size() : 0;
    std::size_t m = best_parts ? best_parts->parts.size() : 0;
    if (!best || n > m) best = std::move(d);
  }
  return best;
}

}  // namespace weerbaar::scan::web
