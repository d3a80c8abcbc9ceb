#pragma once
// The front-end files under /assets/: NL Design System CSS and tokens, htmx, chart.js (copied
// from web/node_modules by the build) and our own CSS and scripts (web/assets/). All are read
// into memory at start, served with a strong ETag and a cache lifetime; nothing comes from a CDN.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "web/http.hpp"

namespace weerbaar::web {

struct Asset {
  std::string body;
  std::string content_type;
  std::string etag;  // quoted, from a hash of the body
};

class AssetError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Assets {
 public:
  // Reads every file under dir; throws AssetError when dir is missing or lacks a required file.
  static Assets load(const std::string& dir);
  // Where the build put them: $WEERBAAR_ASSETS, else web-assets beside the executable.
  static std::string default_dir();
  void add(std::string path, std::string body);  // for tests

  [[nodiscard]] const Asset* find(std::string_view path) const;
  // GET /assets/<path>: 200, 304 (If-None-Match) or 404.
  [[nodiscard]] Response serve(const Request& req, std::string_view path) const;
  [[nodiscard]] std::size_t size() const { return files_.size(); }

 private:
  std::map<std::string, Asset, std::less<>> files_;
};

// The files the pages link to; Assets::load insists on them.
inline constexpr std::string_view kRequiredAssets[] = {"nlds/design-tokens.css",
                                                       "nlds/component-library.css",
                                                       "htmx.min.js",
                                                       "chart.umd.min.js",
                                                       "weerbaar.css",
                                                       "weerbaar.js"};

}  // namespace weerbaar::web
