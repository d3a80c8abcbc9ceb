#pragma once
// Which CMS runs a website, and which version, from what it shows anyone: the generator tag of
// its home page (and Drupal's X-Generator header), WordPress's feed, Joomla's manifest, Drupal
// 7's CHANGELOG.txt and Magento's /magento_version.
#include <optional>
#include <string_view>

#include "scan/facts.hpp"
#include "scan/software/software.hpp"

namespace weerbaar::scan::web {

// The CMS with the most precise version found across the evidence; nullopt when none shows.
std::optional<software::Detected> detect_cms(const WebFacts& web);

// Single pieces of evidence, exposed for tests.
std::optional<software::Detected> cms_from_generator(std::string_view generator);
std::optional<software::Detected> cms_from_path(std::string_view path, const HttpResponse& r);

}  // namespace weerbaar::scan::web
