#include "scan/web/server_version.hpp"

#include <gtest/gtest.h>

namespace weerbaar::scan::web {
namespace {

TEST(CarriesVersion, Versions) {
  for (const char* v : {"nginx/1.22.1", "Apache/2.4.57 (Debian)", "PHP/7.4.3", "Microsoft-IIS/10.0", "Apache/2",
                        "Apache/2.4.6 (CentOS) OpenSSL/1.0.2k-fips", "openresty/1.21.4.1", "nginx 1.18.0",
                        "gunicorn/20.1.0", "Microsoft-HTTPAPI/2.0"}) {
    EXPECT_TRUE(carries_version(v)) << v;
  }
}

TEST(CarriesVersion, NamesOnly) {
  for (const char* v : {"nginx", "cloudflare", "Apache", "AmazonS3", "ASP.NET", "LiteSpeed", "Microsoft-IIS",
                        "Apache (Debian)", "(2.4.1)", "", "   ", "/", "x/", "Plesk/", "mw1234.eqiad.wmnet", "1"}) {
    EXPECT_FALSE(carries_version(v)) << v;
  }
}

TEST(CarriesVersion, HostileInput) {
  EXPECT_FALSE(carries_version(std::string(100000, '/')));
  EXPECT_TRUE(carries_version(std::string(100000, ' ') + "x/1"));
}

}  // namespace
}  // namespace weerbaar::scan::web
