#pragma once
// A check is one file that registers itself here: its id, its family, the finding ids it
// may report and a pure function over the facts. Its texts live in content/checks/<id>.json.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "scan/facts.hpp"

namespace weerbaar::scan {

struct CheckSpec {
  std::string id;  // "web.hsts": family, a dot, a short name
  Family family = Family::web;
  std::vector<std::string> findings;  // every finding id run() may report
  std::function<CheckResult(const HostFacts&)> run;
  // TLS checks: also judge each mail server's STARTTLS (run over a HostFacts whose tls are the
  // mail server's, the result's subject set to its name). Off for what SMTP does not use.
  bool on_mail_servers = false;
};

class Catalogue {
 public:
  static Catalogue& instance();
  void add(CheckSpec spec);  // throws std::logic_error on a duplicate id
  [[nodiscard]] const std::vector<CheckSpec>& checks() const { return checks_; }
  [[nodiscard]] const CheckSpec* find(std::string_view id) const;

 private:
  std::vector<CheckSpec> checks_;
};

// Put one of these at namespace scope in the check's file:
//   const CheckRegistration reg{{.id = "web.hsts", .family = Family::web, ...}};
struct CheckRegistration {
  explicit CheckRegistration(CheckSpec spec) { Catalogue::instance().add(std::move(spec)); }
};

}  // namespace weerbaar::scan
