#pragma once
// URL handling to follow redirects and to tell whether a script comes from another origin, on
// Boost.URL (RFC 3986 parsing and reference resolution, with dot segments): http and https
// only, everything else is "not a URL we follow".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace weerbaar::scan::web {

struct Url {
  bool https = false;
  std::string host;  // lower case, no trailing dot; IPv6 without brackets
  std::uint16_t port = 80;
  std::string target = "/";  // path and query, never empty, no fragment

  [[nodiscard]] std::string scheme() const { return https ? "https" : "http"; }
  [[nodiscard]] bool default_port() const { return port == (https ? 443 : 80); }
  // "host" or "host:8080" or "[::1]:8080", as a Host header carries it.
  [[nodiscard]] std::string authority() const;
  [[nodiscard]] std::string str() const;
  [[nodiscard]] bool same_origin(const Url& o) const { return https == o.https && host == o.host && port == o.port; }
};

// An absolute http(s) URL, or nullopt.
std::optional<Url> parse_url(std::string_view s);
// A reference (as in Location or <script src>) resolved against base: absolute, scheme-relative
// ("//cdn.example/x.js"), absolute-path or relative. nullopt for other schemes (data:, javascript:)
// and for anything malformed.
std::optional<Url> resolve_reference(const Url& base, std::string_view ref);
// Host names compared the way DNS does: ignoring case and a trailing dot.
bool same_host(std::string_view a, std::string_view b);
// For "is this the same party?" questions: true when host is site or a subdomain of it ("cdn.bakker.nl" belongs to
// "bakker.nl"), or when both are the same name with and without "www.".
bool belongs_to_site(std::string_view host, std::string_view site);

}  // namespace weerbaar::scan::web
