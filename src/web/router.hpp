#pragma once
// Routes: a method, a path pattern with {named} segments, who may use it, and its handler.
// Who may use a route is declared with the route, so the route x role matrix is data that a
// test can walk (weerbaar serve --list-routes prints it).
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "web/http.hpp"
#include "web/sessions.hpp"

namespace weerbaar::web {

struct Context;
using Handler = std::function<Response(Context&)>;

// Who may use a route: anyone (also not signed in), signed-in users with one of the roles, or
// programs with an organisation's API key (the JSON API checks the key itself; no session and
// no CSRF token are involved, as no browser cookie authenticates such a request).
struct Access {
  bool anyone = false;
  std::vector<Role> roles;
  bool api_key = false;
  static Access public_() { return {true, {}, false}; }
  static Access signed_in() {
    return {false, {Role::administrator, Role::coordinator, Role::helper, Role::entrepreneur}, false};
  }
  static Access only(std::vector<Role> r) { return {false, std::move(r), false}; }
  static Access api() { return {false, {}, true}; }
  [[nodiscard]] bool allows(Role r) const;
  // "public", "signed_in", "api_key" or the roles joined by commas.
  [[nodiscard]] std::string describe() const;
};

struct Route {
  http::verb method = http::verb::get;
  std::string pattern;  // "/campaigns/{id}/edit"
  Access access;
  Handler handler;
  // The path has an {id} segment: it names one business or campaign.
  [[nodiscard]] bool names_object() const { return pattern.find("/{id}") != std::string::npos; }
};

class Router {
 public:
  void add(http::verb method, std::string pattern, Access access, Handler handler);

  struct Match {
    const Route* route = nullptr;               // nullptr: no route for this method and path
    bool path_known = false;                    // some method has this path (so 405, not 404)
    std::map<std::string, std::string> params;  // the {named} segments, decoded
  };
  // HEAD is answered by the GET route.
  [[nodiscard]] Match match(http::verb method, std::string_view path) const;
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace weerbaar::web
