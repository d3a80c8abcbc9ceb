#pragma once
// The headers every response of the platform carries, in one place, so that no page can forget
// them. They are what Weerbaar's own web checks ask of a business's website.
#include <string_view>

#include "web/http.hpp"

namespace weerbaar::web {

// No 'unsafe-inline' anywhere: every script and style is a file under /assets/.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

inline constexpr std::string_view kHsts = "max-age=31536000; includeSubDomains";

// Adds the security headers; HSTS only when the visitor came over HTTPS (directly or through a
// trusted proxy), as browsers ignore it over plain HTTP and a proxy setup may still be tested.
// Pages (not assets) must not be stored by shared caches: they may hold personal data.
void add_security_headers(Response& res, bool https);

}  // namespace weerbaar::web
