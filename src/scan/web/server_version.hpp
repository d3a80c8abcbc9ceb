#pragma once
// Does a Server or X-Powered-By value give away a software version?
#include <string_view>

namespace weerbaar::scan::web {

// True for product tokens with a version ("nginx/1.22.1", "Apache/2.4.57 (Debian)", "PHP/7.4.3",
// "Microsoft-IIS/10.0", "Apache/2") and for a bare dotted version after a name ("nginx 1.18.0");
// false for names alone ("nginx", "cloudflare", "Apache", "AmazonS3", "ASP.NET").
bool carries_version(std::string_view value);

}  // namespace weerbaar::scan::web
