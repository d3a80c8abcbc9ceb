#include "web/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace weerbaar::web {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.starts_with('/')) path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  auto want = segments(pattern);
  auto have = segments(path);
  if (want.size() != have.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      auto value = url_decode(have[i], false);
      if (!value || value->empty() || value->find('/') != std::string::npos) return false;
      found.emplace(std::string(want[i].substr(1, want[i].size() - 2)), std::move(*value));
    } else if (want[i] != have[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

bool Access::allows(Role r) const {
  return anyone || std::find(roles.begin(), roles.end(), r) != roles.end();
}

std::string Access::describe() const {
  if (anyone) return "public";
  if (api_key) return "api_key";
  if (roles.size() == 4) return "signed_in";
  std::string out;
  for (Role r : roles) out += (out.empty() ? "" : ",") + std::string(to_string(r));
  return out;
}

void Router::add(http::verb method, std::string pattern, Access access, Handler handler) {
  for (const auto& r : routes_) {
    if (r.method == method && r.pattern == pattern) throw std::logic_error("route defined twice: " + pattern);
  }
  routes_.push_back({method, std::move(pattern), std::move(access), std::move(handler)});
}

Router::Match Router::match(http::verb method, std::string_view path) const {
  if (method == http::verb::head) method = http::verb::get;
  Match m;
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!match_pattern(r.pattern, path, params)) continue;
    m.path_known = true;
    if (r.method != method) continue;
    m.route = &r;
    m.params = std::move(params);
    return m;
  }
  return m;
}

}  // namespace weerbaar::web
