#include "web/security_headers.hpp"

namespace weerbaar::web {

void add_security_headers(Response& res, bool https) {
  res.set("Content-Security-Policy", kContentSecurityPolicy);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "strict-origin-when-cross-origin");
  res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set("Cross-Origin-Resource-Policy", "same-origin");
  if (https) res.set("Strict-Transport-Security", kHsts);
  if (res.find(http::field::cache_control) == res.end()) res.set(http::field::cache_control, "no-store");
  res.erase(http::field::server);
}

}  // namespace weerbaar::web
