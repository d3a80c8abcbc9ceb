#pragma once
// Does an answer hold a file that should never be public? Judged on what the body says, never on
// the status alone (sites that answer 200 with their home page for every path are common).
#include <optional>
#include <string_view>

#include "scan/facts.hpp"

namespace weerbaar::scan::web {

enum class Exposure {
  version_control,    // .git: the site's source and history, often with passwords
  environment,        // .env: passwords and keys of the application
  config_backup,      // a copy of a configuration file that is served as text
  backup_archive,     // a zip or SQL dump of the site or its database
  server_status,      // Apache server-status or nginx stub_status
  directory_listing,  // an automatic index of a folder
  phpinfo,            // phpinfo(): versions, paths and settings of the server
};
std::string_view finding_id(Exposure e);

// What the answer to GET path shows; nullopt when it is not one of the exposures (a 404, the
// home page, an error page, a login page...).
std::optional<Exposure> exposed_file(std::string_view path, const HttpResponse& r);

}  // namespace weerbaar::scan::web
