#include "scan/exposure/service.hpp"

#include <algorithm>
#include <stdexcept>

#include "scan/check.hpp"

namespace weerbaar::scan {

std::string_view to_string(ServiceAuth a) {
  switch (a) {
    case ServiceAuth::unknown: return "unknown";
    case ServiceAuth::none: return "none";
    case ServiceAuth::required: return "required";
  }
  return "unknown";
}

}  // namespace weerbaar::scan

namespace weerbaar::scan::exposure {

Services& Services::instance() {
  static Services services;
  return services;
}

void Services::add(ServiceSpec spec) {
  if (spec.own_check == spec.findings.empty())
    throw std::logic_error("exposure service " + spec.name + ": findings go with a check of its own, and only then");
  if (find(spec.name) != nullptr) throw std::logic_error("exposure service registered twice: " + spec.name);
  for (auto port : spec.ports) {
    if (const auto* other = by_port(port); other != nullptr) {
      throw std::logic_error("port " + std::to_string(port) + " registered by " + other->name + " and " + spec.name);
    }
  }
  services_.push_back(std::move(spec));
}

const ServiceSpec* Services::find(std::string_view name) const {
  for (const auto& s : services_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const ServiceSpec* Services::by_port(std::uint16_t port) const {
  for (const auto& s : services_) {
    for (auto p : s.ports) {
      if (p == port) return &s;
    }
  }
  return nullptr;
}

ServiceRegistration::ServiceRegistration(ServiceSpec spec) {
  if (!spec.own_check) {
    Services::instance().add(std::move(spec));
    return;
  }
  CheckSpec check{.id = "exposure." + spec.name,
                  .family = Family::exposure,
                  .findings = spec.findings,
                  .run = [spec](const HostFacts& facts) { return judge_service(spec, facts); }};
  Services::instance().add(std::move(spec));
  Catalogue::instance().add(std::move(check));
}

namespace {

std::string where(const ServiceProbe& p) {
  const bool v6 = p.address.find(':') != std::string::npos;
  return (v6 ? "[" + p.address + "]" : p.address) + ":" + std::to_string(p.port);
}

}  // namespace

CheckResult judge_service(const ServiceSpec& spec, const HostFacts& facts) {
  Verdict v("exposure." + spec.name);
  if (!facts.exposure) return std::move(v).inconclusive("exposed services were not probed").done();
  const ExposureFacts& e = *facts.exposure;
  // A domain without an address and without mail servers of its own has nothing to expose.
  if (e.addresses.empty()) return std::move(v).not_applicable("the domain has no address to probe").done();

  struct Open {
    std::string id;
    std::vector<std::string> where;
    std::string banner;
  };
  std::vector<Open> open;  // in the order of spec.findings
  for (const auto& id : spec.findings) open.push_back(Open{id, {}, {}});
  std::vector<std::string> undecided;
  for (const auto& address : e.addresses) {
    bool probed = false;
    bool found = false;
    std::string trouble;
    for (const auto& p : e.probes) {
      if (p.address != address || p.service != spec.name) continue;
      probed = true;
      if (p.status == NetStatus::ok && !p.recognised && spec.parse) {
        // A port that takes the connection but does not speak the protocol is not the service:
        // tarpits and honeypots accept every port, and a confident "open without a password"
        // would be wrong. It is not closed either: undecided, with what it did say.
        if (trouble.empty()) {
          trouble = where(p) + ": accepts connections but does not answer as " + spec.label;
          if (!p.banner.empty()) {
            trouble += " (it said \"" + p.banner + "\")";
          } else if (!p.error.empty()) {
            trouble += " (" + p.error + ")";
          }
        }
      } else if (p.status == NetStatus::ok) {
        found = true;
        std::string id = spec.finding ? spec.finding(p) : spec.findings.front();
        auto it = std::find_if(open.begin(), open.end(), [&](const Open& o) { return o.id == id; });
        if (it == open.end()) throw std::logic_error("exposure." + spec.name + " gave an undeclared finding " + id);
        it->where.push_back(where(p));
        if (it->banner.empty()) it->banner = p.banner;
      } else if (p.status != NetStatus::refused && p.status != NetStatus::timeout && trouble.empty()) {
        // Refused: closed. Timeout: filtered, which on the internet is what a firewall does.
        trouble = where(p) + ": " + (p.error.empty() ? std::string(to_string(p.status)) : p.error);
      }
    }
    if (found) continue;
    if (!probed) {
      undecided.push_back(address + ": not probed");
    } else if (!e.answered(address)) {
      undecided.push_back(address + ": nothing answered on any port (the host is down, or drops everything)");
    } else if (!trouble.empty()) {
      undecided.push_back(trouble);
    }
  }
  for (auto& o : open) {
    if (o.where.empty()) continue;
    std::string list;
    for (const auto& w : o.where) list += (list.empty() ? "" : ", ") + w;
    Params params{{"service", spec.label}, {"where", list}};
    if (!o.banner.empty()) params["banner"] = o.banner;
    v.fail(o.id, std::move(params));
  }
  if (!undecided.empty()) {
    std::string reason = spec.label + ": ";
    for (std::size_t i = 0; i < undecided.size(); ++i) reason += (i == 0 ? "" : "; ") + undecided[i];
    v.inconclusive(std::move(reason));
  }
  return std::move(v).done();
}

std::string printable_line(std::string_view raw, std::size_t max) {
  std::string out;
  for (char c : raw) {
    if (c == '\r' || c == '\n') {
      if (out.find_first_not_of(' ') != std::string::npos) break;
      continue;  // skip leading empty lines
    }
    if (out.size() >= max) break;
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f) ? c : '.';
  }
  const auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  const auto last = out.find_last_not_of(' ');
  return out.substr(first, last - first + 1);
}

bool read_le(std::string_view raw, std::size_t offset, std::size_t n, std::uint32_t& out) {
  if (n == 0 || n > 4 || offset > raw.size() || raw.size() - offset < n) return false;
  out = 0;
  for (std::size_t i = 0; i < n; ++i)
    out |= static_cast<std::uint32_t>(static_cast<unsigned char>(raw[offset + i])) << (8 * i);
  return true;
}

int http_status(std::string_view raw) {
  // "HTTP/1.1 200 OK"
  if (raw.size() < 12 || raw.substr(0, 7) != "HTTP/1." || raw[8] != ' ') return 0;
  int code = 0;
  for (std::size_t i = 9; i < 12; ++i) {
    if (raw[i] < '0' || raw[i] > '9') return 0;
    code = code * 10 + (raw[i] - '0');
  }
  return code >= 100 ? code : 0;
}

std::string_view http_body(std::string_view raw) {
  const auto at = raw.find("\r\n\r\n");
  return at == std::string_view::npos ? std::string_view{} : raw.substr(at + 4);
}

Banner not_http_banner(std::string_view raw) {
  Banner b;
  b.text = printable_line(raw);
  b.complete = raw.size() >= 16;
  return b;
}

std::string json_string_field(std::string_view text, std::string_view key) {
  const std::string quoted = "\"" + std::string(key) + "\"";
  for (auto pos = text.find(quoted); pos != std::string_view::npos; pos = text.find(quoted, pos + 1)) {
    auto i = pos + quoted.size();
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
    if (i >= text.size() || text[i] != ':') continue;
    ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
    if (i >= text.size() || text[i] != '"') continue;
    ++i;
    std::string value;
    for (; i < text.size() && text[i] != '"' && value.size() < 80; ++i) {
      const auto u = static_cast<unsigned char>(text[i]);
      if (u >= 0x20 && u < 0x7f && text[i] != '\\') value += text[i];
    }
    return value;
  }
  return {};
}

}  // namespace weerbaar::scan::exposure
