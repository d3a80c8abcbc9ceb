#include "core/target.hpp"

#include "core/operator_input.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <stdexcept>

namespace weerbaar {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool valid_label(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool valid_tld(std::string_view tld) {
  if (tld.starts_with("xn--")) return tld.size() > 4;
  return tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The host part of something that looks like a URL, to suggest what to type instead.
std::string host_of_url(std::string_view s) {
  auto scheme = s.find("://");
  if (scheme != std::string_view::npos) s.remove_prefix(scheme + 3);
  auto end = s.find_first_of("/:?#");
  if (end != std::string_view::npos) s = s.substr(0, end);
  auto at = s.rfind('@');
  if (at != std::string_view::npos) s.remove_prefix(at + 1);
  return lower(s);
}

bool is_ip_literal(std::string_view s) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(s), ec);
  (void)a;
  return !ec;
}

// A CIDR prefix length: decimal digits only and at most max. std::stoul would take "24abc" as 24,
// "-1" and "4294967320" as numbers that wrap to something else, and " 24" too: an opt-out list
// that silently means another network is worse than one that is refused.
std::optional<unsigned> parse_prefix_length(std::string_view s, unsigned max) {
  if (s.empty() || s.size() > 3) return std::nullopt;
  unsigned value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

}  // namespace

DomainInput parse_domain(std::string_view raw) {
  auto fail = [](std::string msg) { return DomainInput{"", std::move(msg)}; };
  std::string_view s = trim(raw);
  const std::string shown(s.substr(0, 80));
  if (s.empty()) return fail("empty domain name");
  if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    return fail(
        "'" + shown +
        "' contains non-ASCII characters; give an internationalised domain in its xn-- form (for example with: idn2 " +
        shown + ")");
  }
  if (s.find("://") != std::string_view::npos || s.find('/') != std::string_view::npos) {
    return fail("'" + shown + "' is a URL; give only the domain name, for example: " + host_of_url(s));
  }
  if (is_ip_literal(s) || (s.front() == '[' && s.back() == ']')) {
    return fail("'" + shown + "' is an IP address; Weerbaar scans domain names");
  }
  if (s.find(':') != std::string_view::npos || s.find('@') != std::string_view::npos) {
    return fail("'" + shown + "' is not a domain name; give only the name, for example: " + host_of_url(s));
  }
  if (s.back() == '.') {
    return fail("'" + shown + "' ends with a dot; write it without: " + lower(s.substr(0, s.size() - 1)));
  }
  if (std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; })) {
    return fail("'" + shown + "' contains a space; give one domain name per argument or line");
  }
  std::string domain = lower(s);
  if (domain.size() > 253) return fail("'" + shown + "...' is longer than a domain name can be (253)");
  std::vector<std::string_view> labels;
  std::string_view rest = domain;
  while (true) {
    auto dot = rest.find('.');
    labels.push_back(rest.substr(0, dot));
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  if (labels.size() < 2) return fail("'" + shown + "' is not a domain name (expected something like example.nl)");
  for (auto label : labels) {
    if (!valid_label(label)) {
      return fail("'" + shown + "' is not a valid domain name: the part '" + std::string(label) +
                  "' may only hold letters, digits and inner hyphens (1 to 63 characters)");
    }
  }
  if (!valid_tld(labels.back())) return fail("'" + shown + "' does not end in a valid top-level domain");
  return DomainInput{std::move(domain), ""};
}

AddressClass classify(const boost::asio::ip::address& a) {
  if (a.is_v4()) {
    auto b = a.to_v4().to_bytes();
    auto in = [&](std::array<unsigned char, 4> net, unsigned bits) {
      std::uint32_t x = (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
      std::uint32_t n =
          (std::uint32_t{net[0]} << 24) | (std::uint32_t{net[1]} << 16) | (std::uint32_t{net[2]} << 8) | net[3];
      std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
      return (x & mask) == (n & mask);
    };
    if (in({127, 0, 0, 0}, 8)) return AddressClass::loopback;
    if (in({10, 0, 0, 0}, 8) || in({172, 16, 0, 0}, 12) || in({192, 168, 0, 0}, 16)) return AddressClass::private_use;
    if (in({169, 254, 0, 0}, 16)) return AddressClass::link_local;
    if (in({100, 64, 0, 0}, 10)) return AddressClass::shared;
    if (in({192, 0, 2, 0}, 24) || in({198, 51, 100, 0}, 24) || in({203, 0, 113, 0}, 24))
      return AddressClass::documentation;
    if (in({224, 0, 0, 0}, 4)) return AddressClass::multicast;
    if (in({0, 0, 0, 0}, 8) || in({240, 0, 0, 0}, 4) || in({192, 0, 0, 0}, 24) || in({198, 18, 0, 0}, 15)) {
      return AddressClass::reserved;
    }
    return AddressClass::global;
  }
  auto v6 = a.to_v6();
  if (v6.is_v4_mapped()) return classify(boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6));
  if (v6.is_loopback()) return AddressClass::loopback;
  if (v6.is_unspecified()) return AddressClass::reserved;
  if (v6.is_link_local()) return AddressClass::link_local;
  if (v6.is_multicast()) return AddressClass::multicast;
  auto b = v6.to_bytes();
  if ((b[0] & 0xfe) == 0xfc) return AddressClass::private_use;  // fc00::/7
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return AddressClass::documentation;
  if ((b[0] & 0xe0) != 0x20) return AddressClass::reserved;  // only 2000::/3 is global unicast
  return AddressClass::global;
}

std::string_view to_string(AddressClass c) {
  switch (c) {
    case AddressClass::global: return "public";
    case AddressClass::loopback: return "loopback";
    case AddressClass::private_use: return "private";
    case AddressClass::link_local: return "link-local";
    case AddressClass::shared: return "carrier-grade NAT";
    case AddressClass::documentation: return "documentation";
    case AddressClass::multicast: return "multicast";
    case AddressClass::reserved: return "reserved";
  }
  return "unknown";
}

DomainListLine parse_domain_list_line(std::string_view line) {
  if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
  line = trim(line);
  if (line.empty()) return {};
  auto d = parse_domain(line);
  if (!d.ok()) return {std::nullopt, d.error};
  return {std::move(d.domain), ""};
}

std::vector<std::string> parse_domain_list(std::string_view text, std::string_view source_name) {
  std::vector<std::string> out;
  std::size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    auto nl = text.find('\n');
    auto parsed = parse_domain_list_line(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (!parsed.error.empty()) {
      throw std::runtime_error(std::string(source_name) + ":" + std::to_string(line_no) + ": " + parsed.error);
    }
    if (parsed.domain) out.push_back(std::move(*parsed.domain));
  }
  return out;
}

std::string ehlo_name_error(std::string_view name) {
  // Not echoed: a line break in it would split the one-line error.
  if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return "--ehlo-name contains a line break or another control character; give a host name such as scan.example.nl";
  }
  auto d = parse_domain(name);
  if (d.ok() && d.domain.size() == name.size()) return "";
  return "--ehlo-name: " + (d.ok() ? "'" + std::string(name.substr(0, 80)) + "' has spaces around it" : d.error);
}

OptOutList OptOutList::parse(std::string_view text, std::string_view source_name) {
  OptOutList list;
  int line_no = 0;
  while (!text.empty()) {
    ++line_no;
    auto nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = trim(line.substr(0, hash));
    if (line.empty()) continue;
    auto where = std::string(source_name) + ":" + std::to_string(line_no) + ": ";
    auto slash = line.find('/');
    boost::system::error_code ec;
    auto addr = boost::asio::ip::make_address(std::string(line.substr(0, slash)), ec);
    if (!ec) {
      unsigned max = addr.is_v4() ? 32 : 128;
      unsigned prefix = max;
      if (slash != std::string_view::npos) {
        auto length = parse_prefix_length(line.substr(slash + 1), max);
        if (!length) {
          throw std::runtime_error(where + "the prefix length in '" + std::string(line) +
                                   "' must be a number from 0 to " + std::to_string(max));
        }
        prefix = *length;
      }
      list.networks_.push_back({addr, prefix});
      continue;
    }
    auto d = parse_domain(line);
    if (!d.ok()) throw std::runtime_error(where + d.error);
    list.domains_.push_back(d.domain);
  }
  return list;
}

void OptOutList::add_domain(std::string domain) {
  domains_.push_back(std::move(domain));
}

bool OptOutList::covers_domain(std::string_view domain) const {
  return std::any_of(domains_.begin(), domains_.end(), [&](const std::string& d) {
    return domain == d ||
           (domain.size() > d.size() && domain.ends_with(d) && domain[domain.size() - d.size() - 1] == '.');
  });
}

bool OptOutList::covers_address(const boost::asio::ip::address& a) const {
  auto bytes_of = [](const boost::asio::ip::address& x) {
    std::vector<unsigned char> v;
    if (x.is_v4()) {
      auto b = x.to_v4().to_bytes();
      v.assign(b.begin(), b.end());
    } else {
      auto b = x.to_v6().to_bytes();
      v.assign(b.begin(), b.end());
    }
    return v;
  };
  auto ab = bytes_of(a);
  return std::any_of(networks_.begin(), networks_.end(), [&](const Network& n) {
    if (n.base.is_v4() != a.is_v4()) return false;
    auto nb = bytes_of(n.base);
    unsigned bits = n.prefix;
    for (std::size_t i = 0; i < nb.size() && bits > 0; ++i) {
      unsigned take = bits >= 8 ? 8 : bits;
      auto mask = static_cast<unsigned char>(0xff << (8 - take));
      if ((ab[i] & mask) != (nb[i] & mask)) return false;
      bits -= take;
    }
    return true;
  });
}

}  // namespace weerbaar
