#include "scan/software/software.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/content_files.hpp"
#include "scan/web/text.hpp"

namespace weerbaar::scan::software {
namespace {

namespace text = web::text;

struct Cycle {
  Version prefix;
  std::string name;
  std::optional<std::chrono::sys_days> eol;  // nullopt: supported
  std::string eol_text;
};

struct Exploited {
  std::string cve;
  Version introduced;
  Version fixed;
};

// A version a long-term distribution ships and patches without changing the number.
struct DistributionVersion {
  Version version;
  std::chrono::sys_days until;  // the last day of the distribution's security support
};

struct Product {
  std::string label;
  std::string who;
  std::vector<Cycle> cycles;
  std::vector<DistributionVersion> distribution_versions;
  bool older_eol = false;
  std::vector<Exploited> exploited;
  // Critical remote holes with a public advisory that KEV does not list (same shape).
  std::vector<Exploited> vulnerable;
};

struct Dataset {
  DatasetInfo info;
  std::map<std::string, Product, std::less<>> products;
};

std::optional<std::chrono::sys_days> parse_day(std::string_view s) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
    if (!text::is_digit(s[i])) return std::nullopt;
  }
  y = std::stoi(std::string(s.substr(0, 4)));
  m = static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))));
  d = static_cast<unsigned>(std::stoi(std::string(s.substr(8, 2))));
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

Version need_version(const nlohmann::json& j, const std::string& where) {
  auto v = parse_version(j.get<std::string>());
  if (!v) throw std::runtime_error("content/software.json: " + where + " is not a version");
  return *v;
}

// The dataset is content, compiled in; a malformed file is a build error (content check).
Dataset load() {
  for (const auto& f : content::detail::embedded_files()) {
    if (f.path != "software.json") continue;
    auto j = nlohmann::json::parse(f.text);
    Dataset ds;
    ds.info.as_of = j.at("as_of").get<std::string>();
    for (const auto& s : j.at("sources")) ds.info.sources.push_back(s.get<std::string>());
    for (const auto& [id, p] : j.at("products").items()) {
      Product prod;
      prod.label = p.at("label").get<std::string>();
      prod.who = p.at("who").get<std::string>();
      prod.older_eol = p.at("older_eol").get<bool>();
      for (const auto& c : p.at("cycles")) {
        Cycle cy;
        cy.name = c.at("cycle").get<std::string>();
        cy.prefix = need_version(c.at("cycle"), id + " cycle");
        if (c.at("eol").is_string()) {
          cy.eol_text = c.at("eol").get<std::string>();
          cy.eol = parse_day(cy.eol_text);
          if (!cy.eol) throw std::runtime_error("content/software.json: " + id + " " + cy.name + ": eol is not a date");
        } else if (c.at("eol").get<bool>()) {
          throw std::runtime_error("content/software.json: " + id + " " + cy.name + ": eol must be false or a date");
        }
        prod.cycles.push_back(std::move(cy));
      }
      for (const auto& dv : p.value("distribution_versions", nlohmann::json::array())) {
        auto until = parse_day(dv.at("until").get<std::string>());
        if (!until)
          throw std::runtime_error("content/software.json: " + id + " distribution_versions: until is not a date");
        prod.distribution_versions.push_back({need_version(dv.at("version"), id + " distribution version"), *until});
      }
      for (const auto& e : p.at("exploited")) {
        prod.exploited.push_back({e.at("cve").get<std::string>(), need_version(e.at("introduced"), id + " introduced"),
                                  need_version(e.at("fixed"), id + " fixed")});
      }
      for (const auto& e : p.value("vulnerable", nlohmann::json::array())) {
        prod.vulnerable.push_back({e.at("cve").get<std::string>(), need_version(e.at("introduced"), id + " introduced"),
                                   need_version(e.at("fixed"), id + " fixed")});
      }
      ds.products.emplace(id, std::move(prod));
    }
    return ds;
  }
  throw std::runtime_error("content/software.json is missing");
}

const Dataset& dataset() {
  static const Dataset ds = load();
  return ds;
}

// A cycle "1.22" matches 1.22.x; "7" matches 7.x. The longest match wins.
bool in_cycle(const Version& v, const Version& cycle) {
  if (v.parts.size() < cycle.parts.size()) return false;
  return std::equal(cycle.parts.begin(), cycle.parts.end(), v.parts.begin());
}

bool has_distribution_marker(std::string_view s) {
  for (std::string_view marker : {"debian", "ubuntu", "deb", "centos", "red hat", "redhat", "rhel", ".el", "fedora",
                                  "suse", "raspbian", "alpine", "amzn", "freebsd"}) {
    if (text::ifind(s, marker) != std::string_view::npos) return true;
  }
  return false;
}

// Server-header product tokens and the dataset ids they stand for.
std::optional<std::string> product_of_token(std::string_view name) {
  if (text::iequals(name, "nginx")) return "nginx";
  if (text::iequals(name, "apache")) return "apache";
  if (text::iequals(name, "php")) return "php";
  if (text::iequals(name, "microsoft-iis")) return "iis";
  return std::nullopt;
}

}  // namespace

std::string Version::str() const {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '.';
    out += std::to_string(parts[i]);
  }
  return out;
}

int Version::compare(const Version& o) const {
  const std::size_t n = std::max(parts.size(), o.parts.size());
  for (std::size_t i = 0; i < n; ++i) {
    const int a = i < parts.size() ? parts[i] : 0;
    const int b = i < o.parts.size() ? o.parts[i] : 0;
    if (a != b) return a < b ? -1 : 1;
  }
  return 0;
}

std::optional<Version> parse_version(std::string_view s) {
  Version v;
  std::size_t i = 0;
  while (i < s.size() && v.parts.size() < 8) {
    if (!text::is_digit(s[i])) break;
    long n = 0;
    while (i < s.size() && text::is_digit(s[i])) {
      n = n * 10 + (s[i] - '0');
      if (n > 999999) return std::nullopt;  // not a version people write
      ++i;
    }
    v.parts.push_back(static_cast<int>(n));
    if (i + 1 < s.size() && s[i] == '.' && text::is_digit(s[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  if (v.parts.empty()) return std::nullopt;
  return v;
}

std::vector<Detected> from_http_header(std::string_view header_name, std::string_view value) {
  std::vector<Detected> out;
  const bool distro = has_distribution_marker(value);
  // Product tokens: "name/version", separated by spaces; comments in parentheses are skipped.
  for (auto token : text::split_ws(value)) {
    auto slash = token.find('/');
    if (slash == std::string_view::npos || slash == 0) continue;
    auto product = product_of_token(token.substr(0, slash));
    if (!product) continue;
    auto version = token.substr(slash + 1);
    if (!parse_version(version)) continue;
    Detected d;
    d.product = *product;
    d.version = std::string(version);
    d.evidence = std::string(header_name) + ": " + std::string(value.substr(0, 120));
    d.distribution_build = distro || has_distribution_marker(version);
    out.push_back(std::move(d));
    if (out.size() >= 4) break;
  }
  return out;
}

std::optional<Detected> from_smtp_banner(std::string_view banner) {
  auto words = text::split_ws(banner);
  for (std::size_t i = 0; i + 1 < words.size() && i < 32; ++i) {
    if (!text::iequals(words[i], "exim")) continue;
    if (!parse_version(words[i + 1])) return std::nullopt;
    Detected d;
    d.product = "exim";
    d.version = std::string(words[i + 1]);
    d.evidence = std::string(banner.substr(0, 160));
    d.distribution_build = has_distribution_marker(banner);
    return d;
  }
  return std::nullopt;
}

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return text::is_digit(c); });
}

// "9.6" or "1.3.5": numbers separated by single dots, nothing else.
bool dotted_number(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  bool dot = false;
  for (char c : s) {
    if (c == '.') {
      if (dot) return false;
      dot = true;
    } else if (text::is_digit(c)) {
      dot = false;
    } else {
      return false;
    }
  }
  return parse_version(s).has_value();
}

std::string_view strip_brackets(std::string_view w) {
  while (!w.empty() && (w.front() == '(' || w.front() == '[')) w.remove_prefix(1);
  while (!w.empty() && (w.back() == ')' || w.back() == ']' || w.back() == ',')) w.remove_suffix(1);
  return w;
}

}  // namespace

std::optional<Detected> from_ssh_banner(std::string_view banner) {
  // SSH-protoversion-softwareversion SP comments
  if (banner.size() > 255 || banner.substr(0, 4) != "SSH-") return std::nullopt;
  const auto dash = banner.find('-', 4);
  if (dash == std::string_view::npos) return std::nullopt;
  auto software = banner.substr(dash + 1);
  software = software.substr(0, software.find(' '));
  constexpr std::string_view kPrefix = "OpenSSH_";
  if (software.size() <= kPrefix.size() || !text::iequals(software.substr(0, kPrefix.size()), kPrefix))
    return std::nullopt;
  const auto version = software.substr(kPrefix.size());
  // The portable release: "9.6p1". Without it (OpenBSD's "9.6", Red Hat's "8.7") or with anything
  // else after it ("for_Windows_9.5", "9.6p1-hpn") it is not a build this dataset describes.
  const auto p = version.find('p');
  if (p == std::string_view::npos || !dotted_number(version.substr(0, p)) || !all_digits(version.substr(p + 1)) ||
      version.size() - p > 4)
    return std::nullopt;
  Detected d;
  d.product = "openssh";
  d.version = std::string(version);
  d.evidence = std::string(banner.substr(0, 160));
  d.distribution_build = has_distribution_marker(banner.substr(dash + 1));
  return d;
}

std::optional<Detected> from_ftp_greeting(std::string_view greeting) {
  auto words = text::split_ws(greeting.substr(0, 255));
  for (std::size_t i = 0; i + 1 < words.size() && i < 32; ++i) {
    const auto name = strip_brackets(words[i]);
    const auto version = strip_brackets(words[i + 1]);
    Detected d;
    d.evidence = std::string(greeting.substr(0, 160));
    d.distribution_build = has_distribution_marker(greeting);
    if (text::iequals(name, "vsftpd")) {
      if (!dotted_number(version)) return std::nullopt;
      d.product = "vsftpd";
      d.version = std::string(version);
      return d;
    }
    if (text::iequals(name, "proftpd")) {
      // "1.3.5" is the release, "1.3.5a".."1.3.5e" its maintenance releases after it; "1.3.6rc1"
      // comes before 1.3.6 and cannot be placed with numbers: not judged.
      std::string_view number = version;
      int letter = 0;
      if (!number.empty() && number.back() >= 'a' && number.back() <= 'z') {
        letter = number.back() - 'a' + 1;
        number.remove_suffix(1);
      }
      if (!dotted_number(number)) return std::nullopt;
      d.product = "proftpd";
      d.version = std::string(number) + "." + std::to_string(letter);
      d.announced = std::string(version);
      return d;
    }
  }
  return std::nullopt;
}

Verdict judge(const Detected& d, std::chrono::sys_days today) {
  Verdict out;
  const auto& ds = dataset();
  auto it = ds.products.find(d.product);
  auto v = parse_version(d.version);
  if (it == ds.products.end() || !v) return out;
  const Product& p = it->second;
  out.label = p.label;
  out.who = p.who;
  // Exactly what a supported distribution ships: its fixes are backported under the same number,
  // so neither end of life nor a known hole can be read from it.
  for (const auto& dv : p.distribution_versions) {
    if (v->parts == dv.version.parts && today <= dv.until) return out;
  }
  // Ranges need the full version: "7" from a generator tag says nothing about 7.57 vs 7.58.
  auto in_ranges = [&](const std::vector<Exploited>& ranges) {
    std::vector<std::string> cves;
    for (const auto& e : ranges) {
      if (v->parts.size() < e.fixed.parts.size()) continue;
      if (v->compare(e.introduced) >= 0 && v->compare(e.fixed) < 0 &&
          std::find(cves.begin(), cves.end(), e.cve) == cves.end()) {
        cves.push_back(e.cve);
      }
    }
    return cves;
  };
  out.cves = in_ranges(p.exploited);
  const bool exploited = !out.cves.empty();
  if (!exploited) out.cves = in_ranges(p.vulnerable);
  const Cycle* match = nullptr;
  for (const auto& c : p.cycles) {
    if (in_cycle(*v, c.prefix) && (match == nullptr || c.prefix.parts.size() > match->prefix.parts.size())) match = &c;
  }
  if (match != nullptr) {
    out.cycle = match->name;
    if (match->eol && *match->eol <= today) {
      out.status = Status::end_of_life;
      out.eol = match->eol_text;
    } else {
      out.status = Status::supported;
    }
  } else if (p.older_eol && !p.cycles.empty()) {
    // Older than every cycle listed (cycles are newest first, so the last is the oldest).
    const auto& oldest = p.cycles.back();
    if (v->compare(oldest.prefix) < 0) {
      out.status = Status::end_of_life;
      out.cycle = v->str();
      out.eol = oldest.eol_text;
    }
  }
  if (exploited) {
    out.status = Status::exploited;
  } else if (!out.cves.empty()) {
    out.status = Status::vulnerable;
  }
  return out;
}

const DatasetInfo& dataset_info() {
  return dataset().info;
}

}  // namespace weerbaar::scan::software
