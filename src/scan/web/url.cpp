#include "scan/web/url.hpp"

#include <charconv>

#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

std::string normal_host(std::string_view h) {
  std::string out = text::to_lower(h);
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

bool has_control_chars(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

bool valid_host_char(char c) {
  return text::is_alpha(c) || text::is_digit(c) || c == '-' || c == '.' || c == '_';
}

// Parses "host[:port]" (userinfo already removed) into url.
bool parse_authority(std::string_view auth, Url& url) {
  std::string_view host;
  std::string_view port;
  if (!auth.empty() && auth.front() == '[') {
    auto close = auth.find(']');
    if (close == std::string_view::npos) return false;
    host = auth.substr(1, close - 1);
    auto rest = auth.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return false;
      port = rest.substr(1);
    }
    for (char c : host) {
      if (!(text::is_digit(c) || (text::lower(c) >= 'a' && text::lower(c) <= 'f') || c == ':' || c == '.'))
        return false;
    }
  } else {
    auto colon = auth.rfind(':');
    host = auth.substr(0, colon);
    if (colon != std::string_view::npos) port = auth.substr(colon + 1);
    for (char c : host) {
      if (!valid_host_char(c)) return false;
    }
  }
  if (host.empty() || host.size() > 253) return false;
  // Empty labels ("a..b", ".a", "a..") are no host name; "a.." once passed here and printed as
  // "a.", which read back as another host (found by tests/fuzz/url_fuzz).
  if (host.front() == '.' || host.find("..") != std::string_view::npos) return false;
  url.host = normal_host(host);
  url.port = url.https ? 443 : 80;
  if (!port.empty()) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) return false;
    url.port = static_cast<std::uint16_t>(value);
  }
  return true;
}

std::string_view strip_fragment(std::string_view s) {
  return s.substr(0, s.find('#'));
}

// Everything after "scheme:" in an absolute URL or after nothing in "//host/path".
std::optional<Url> parse_after_scheme(bool https, std::string_view rest) {
  if (rest.substr(0, 2) != "//") return std::nullopt;
  rest.remove_prefix(2);
  auto path_start = rest.find_first_of("/?");
  std::string_view auth = rest.substr(0, path_start);
  if (auto at = auth.rfind('@'); at != std::string_view::npos) auth.remove_prefix(at + 1);
  Url url;
  url.https = https;
  if (!parse_authority(auth, url)) return std::nullopt;
  std::string_view target = path_start == std::string_view::npos ? std::string_view{} : rest.substr(path_start);
  url.target = target.empty() || target.front() != '/' ? "/" + std::string(target) : std::string(target);
  return url;
}

}  // namespace

std::string Url::authority() const {
  std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (!default_port()) h += ":" + std::to_string(port);
  return h;
}

std::string Url::str() const {
  return scheme() + "://" + authority() + target;
}

std::optional<Url> parse_url(std::string_view s) {
  s = strip_fragment(text::trim(s));
  if (has_control_chars(s) || s.find(' ') != std::string_view::npos) return std::nullopt;
  if (text::istarts_with(s, "https:")) return parse_after_scheme(true, s.substr(6));
  if (text::istarts_with(s, "http:")) return parse_after_scheme(false, s.substr(5));
  return std::nullopt;
}

std::optional<Url> resolve_reference(const Url& base, std::string_view ref) {
  ref = strip_fragment(text::trim(ref));
  if (has_control_chars(ref)) return std::nullopt;
  if (ref.substr(0, 2) == "//") return parse_after_scheme(base.https, ref);
  // A scheme is letters, digits, + - . before the first ':' that precedes any '/', '?'.
  auto colon = ref.find(':');
  auto slash = ref.find_first_of("/?");
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash) && colon > 0 &&
      text::is_alpha(ref.front())) {
    return parse_url(ref);
  }
  Url out = base;
  if (ref.empty()) return out;
  if (ref.front() == '/') {
    out.target = std::string(ref);
  } else if (ref.front() == '?') {
    out.target = base.target.substr(0, base.target.find('?')) + std::string(ref);
  } else {
    std::string_view base_path = std::string_view(base.target).substr(0, base.target.find('?'));
    out.target = std::string(base_path.substr(0, base_path.rfind('/') + 1)) + std::string(ref);
  }
  return out;
}

bool same_host(std::string_view a, std::string_view b) {
  return normal_host(a) == normal_host(b);
}

}  // namespace weerbaar::scan::web
