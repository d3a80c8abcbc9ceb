#include "scan/web/exposed_files.hpp"

#include <algorithm>

#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

bool looks_like_html(std::string_view body) {
  auto head = text::trim(body.substr(0, 512));
  return text::istarts_with(head, "<!doctype") || text::istarts_with(head, "<html") ||
         text::ifind(head, "<head") != std::string_view::npos || text::ifind(head, "<body") != std::string_view::npos;
}

bool is_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return text::is_digit(c) || (c >= 'a' && c <= 'f'); });
}

// .git/HEAD holds "ref: refs/heads/<branch>" or, detached, a 40-hex commit id.
bool git_head(std::string_view body) {
  auto t = text::trim(body);
  if (t.starts_with("ref: refs/")) return t.find('\n') == std::string_view::npos && t.size() < 256;
  return (t.size() == 40 || t.size() == 64) && is_hex(t);
}

// .env: lines NAME=value, NAME in upper case; at least two, and no HTML.
bool env_file(std::string_view body) {
  if (looks_like_html(body)) return false;
  int assignments = 0;
  for (auto line : text::split(body.substr(0, 16384), '\n')) {
    line = text::trim(line);
    if (line.empty() || line.front() == '#') continue;
    if (line.starts_with("export ")) line.remove_prefix(7);
    auto eq = line.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    auto name = line.substr(0, eq);
    bool upper = std::all_of(name.begin(), name.end(),
                             [](char c) { return (c >= 'A' && c <= 'Z') || text::is_digit(c) || c == '_'; });
    if (upper && !text::is_digit(name.front())) ++assignments;
  }
  return assignments >= 2;
}

// PHP source of a configuration file, served as text because of its extension.
bool php_config_source(std::string_view body) {
  return body.find("<?php") != std::string_view::npos &&
         (body.find("DB_PASSWORD") != std::string_view::npos || body.find("$db_password") != std::string_view::npos ||
          body.find("'password'") != std::string_view::npos);
}

bool archive(std::string_view body) {
  if (body.starts_with(std::string_view("PK\x03\x04", 4))) return true;  // zip
  if (body.starts_with("\x1f\x8b")) return true;                         // gzip, tar.gz
  if (looks_like_html(body)) return false;
  auto head = body.substr(0, 4096);
  return head.starts_with("-- MySQL dump") || head.starts_with("-- MariaDB dump") ||
         head.find("-- PostgreSQL database dump") != std::string_view::npos ||
         (text::ifind(head, "CREATE TABLE") != std::string_view::npos &&
          text::ifind(body, "INSERT INTO") != std::string_view::npos);
}

bool server_status(std::string_view body) {
  if (body.find("Apache Server Status for") != std::string_view::npos) return true;
  // nginx stub_status: "Active connections: 1 \nserver accepts handled requests\n ..."
  return body.starts_with("Active connections:") &&
         body.find("server accepts handled requests") != std::string_view::npos;
}

bool directory_listing(std::string_view body) {
  // Apache and nginx autoindex: <title>Index of /path</title>; IIS: "[To Parent Directory]".
  return text::ifind(body, "<title>Index of /") != std::string_view::npos ||
         body.find("[To Parent Directory]") != std::string_view::npos;
}

bool phpinfo(std::string_view body) {
  return body.find("phpinfo()") != std::string_view::npos && body.find("PHP Version") != std::string_view::npos;
}

}  // namespace

std::string_view finding_id(Exposure e) {
  switch (e) {
    case Exposure::version_control: return "WEB_EXPOSED_VERSION_CONTROL";
    case Exposure::environment: return "WEB_EXPOSED_ENV_FILE";
    case Exposure::config_backup: return "WEB_EXPOSED_CONFIG_BACKUP";
    case Exposure::backup_archive: return "WEB_EXPOSED_BACKUP";
    case Exposure::server_status: return "WEB_EXPOSED_SERVER_STATUS";
    case Exposure::directory_listing: return "WEB_DIRECTORY_LISTING";
    case Exposure::phpinfo: return "WEB_EXPOSED_PHPINFO";
  }
  return "";
}

std::optional<Exposure> exposed_file(std::string_view path, const HttpResponse& r) {
  if (r.status != 200 && r.status != 206) return std::nullopt;
  const std::string_view body = r.body;
  if (path == "/.git/HEAD") return git_head(body) ? std::optional(Exposure::version_control) : std::nullopt;
  if (path == "/.env") return env_file(body) ? std::optional(Exposure::environment) : std::nullopt;
  if (path == "/wp-config.php.bak")
    return php_config_source(body) ? std::optional(Exposure::config_backup) : std::nullopt;
  if (path == "/backup.zip" || path == "/backup.sql") {
    return archive(body) ? std::optional(Exposure::backup_archive) : std::nullopt;
  }
  if (path == "/server-status") return server_status(body) ? std::optional(Exposure::server_status) : std::nullopt;
  if (path == "/phpinfo.php" || path == "/info.php")
    return phpinfo(body) ? std::optional(Exposure::phpinfo) : std::nullopt;
  // Any folder may be listed: the ones asked for, and the site's root itself.
  if (path.ends_with('/') && directory_listing(body)) return Exposure::directory_listing;
  return std::nullopt;
}

}  // namespace weerbaar::scan::web
