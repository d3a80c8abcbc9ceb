#include "scan/web/url.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <charconv>

#include "scan/dns/wire.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {
namespace urls = boost::urls;

bool has_control_chars(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

std::string_view strip_fragment(std::string_view s) {
  return s.substr(0, s.find('#'));
}

// RFC 3986 section 5.2.4 on a path. Boost.URL 1.81 merges and removes most dot segments, but
// keeps ".." that would climb above the root ("/../g"), where the RFC (and every browser)
// stays at the root.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./")) {
      in.remove_prefix(2);
    } else if (in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../") || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      const auto last = out.rfind('/');
      out.erase(last == std::string::npos ? 0 : last);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      const auto next = in.find('/', 1);
      out.append(in.substr(0, next));
      in = next == std::string_view::npos ? std::string_view{} : in.substr(next);
    }
  }
  return out;
}

// An absolute http(s) URL as Boost.URL parsed it (RFC 3986), to our Url; nullopt for another
// scheme, no host, or a port out of range.
std::optional<Url> from_parsed(urls::url_view u) {
  Url url;
  const std::string scheme = text::to_lower(std::string_view(u.scheme()));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  url.https = scheme == "https";
  if (!u.has_authority()) return std::nullopt;
  switch (u.host_type()) {
    case urls::host_type::name: {
      // Empty labels ("a..b", ".a", "a..") are no host name; "a.." once printed as "a.", which
      // read back as another host (found by tests/fuzz/url_fuzz).
      const std::string_view raw(u.encoded_host());
      if (raw.empty() || raw.front() == '.' || raw.find("..") != std::string_view::npos) return std::nullopt;
      url.host = dns::comparable_name(raw);
      break;
    }
    case urls::host_type::ipv4: url.host = dns::comparable_name(std::string_view(u.encoded_host())); break;
    case urls::host_type::ipv6: url.host = text::to_lower(std::string_view(u.host_address())); break;
    default: return std::nullopt;  // IPvFuture, or none
  }
  // Percent-escapes in a host name are legal URL syntax but no DNS name: refused, as before.
  if (url.host.empty() || url.host.size() > 253 || url.host.find('%') != std::string::npos) return std::nullopt;
  url.port = url.https ? 443 : 80;
  if (u.has_port()) {
    const std::string_view port = u.port();
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
      return std::nullopt;
    }
    url.port = static_cast<std::uint16_t>(value);
  }
  // After an authority the path is empty or starts with '/' (RFC 3986 path-abempty). Boost.URL
  // 1.81 reads "https://a@b@c" as host "b" and path "@c", which we would print as
  // "https://b@c", a URL of host "c": a redirect judged for one host and followed to another
  // (found by tests/fuzz/url_fuzz).
  const std::string_view path(u.encoded_path());
  if (!path.empty() && path.front() != '/') return std::nullopt;
  std::string target = remove_dot_segments(path);
  if (target.empty()) target = "/";
  if (u.has_query()) target += "?" + std::string(std::string_view(u.encoded_query()));
  url.target = std::move(target);
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
  if (has_control_chars(s)) return std::nullopt;
  auto parsed = urls::parse_absolute_uri(s);
  if (!parsed) return std::nullopt;
  return from_parsed(*parsed);
}

std::optional<Url> resolve_reference(const Url& base, std::string_view ref) {
  ref = strip_fragment(text::trim(ref));
  if (has_control_chars(ref)) return std::nullopt;
  auto reference = urls::parse_uri_reference(ref);
  if (!reference) return std::nullopt;
  // As in from_parsed: "//a@b@c/" would resolve to host "b" and path "/@c/" (resolution adds
  // the slash), where a browser goes to "c".
  if (reference->has_authority() && !reference->encoded_path().empty() && reference->encoded_path().front() != '/') {
    return std::nullopt;
  }
  const std::string base_text = base.str();
  auto base_url = urls::parse_absolute_uri(base_text);
  if (!base_url) return std::nullopt;
  // RFC 3986 section 5.2: relative paths merged with the base's, dot segments removed.
  urls::url resolved;
  if (!urls::resolve(*base_url, *reference, resolved)) return std::nullopt;
  return from_parsed(resolved);
}

bool same_host(std::string_view a, std::string_view b) {
  return dns::comparable_name(a) == dns::comparable_name(b);
}

bool belongs_to_site(std::string_view host, std::string_view site) {
  auto without_www = [](std::string_view n) {
    std::string out = dns::comparable_name(n);
    if (out.rfind("www.", 0) == 0) out.erase(0, 4);
    return out;
  };
  std::string h = without_www(host);
  std::string s = without_www(site);
  if (h == s) return true;
  return h.size() > s.size() + 1 && h.compare(h.size() - s.size(), s.size(), s) == 0 &&
         h[h.size() - s.size() - 1] == '.';
}

}  // namespace weerbaar::scan::web
