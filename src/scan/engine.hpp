#pragma once
// Scans domains: checks the input, resolves, applies the safety rules, probes the host once
// and runs every check of the chosen families over what the probes saw.
#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/target.hpp"
#include "scan/dns/resolver.hpp"
#include "scan/exposure/exposure_probe.hpp"
#include "scan/facts.hpp"
#include "scan/mail/server_probe.hpp"
#include "scan/net/async.hpp"

namespace weerbaar::scan {

struct ScanOptions {
  // Lab mode lets the scanner touch loopback and other non-public addresses. Off by default:
  // a scanner pointed at an internal address by a hostile DNS answer must refuse.
  bool lab_mode = false;
  dns::ResolverOptions resolver;
  std::string ca_file;  // extra trusted roots for the certificate check (the lab's CA)
  std::set<Family> families{Family::web, Family::tls, Family::dns, Family::mail, Family::exposure};
  net::Timeouts timeouts;
  int parallel_domains = 8;      // domains scanned at once
  int connections_per_host = 6;  // politeness: at most this many connections to one host at once
  OptOutList opt_out;
  std::string user_agent;
  // The name the scanner gives in SMTP's EHLO, so that a mail server's log says who knocked.
  std::string ehlo_name;
  exposure::ExposureOptions exposure;
};

enum class DomainStatus {
  scanned,     // probed; the checks ran (some may be inconclusive)
  rejected,    // the input is not a domain name we can scan
  refused,     // not allowed: opt-out, or a non-public address outside lab mode
  unresolved,  // the name does not exist or has no address
  failed,      // an internal error; a bug to report
};
std::string_view to_string(DomainStatus s);

struct DomainReport {
  std::string input;
  std::string domain;
  DomainStatus status = DomainStatus::scanned;
  std::string message;  // one line, for every status but scanned
  std::vector<std::string> addresses;
  HostFacts facts;
  std::vector<CheckResult> results;
  std::chrono::milliseconds duration{0};
};

// The user agent and its explanation link are how a business owner finds out who scanned them.
std::string default_user_agent();
// Likewise for mail servers: the EHLO name.
std::string default_ehlo_name();

class Engine {
 public:
  explicit Engine(ScanOptions opt);

  using Progress = std::function<void(const DomainReport& finished, std::size_t done, std::size_t total)>;
  // Scans all inputs concurrently (at most parallel_domains at once); results in input order.
  // Throws dns::ResolverError when the resolver options are unusable.
  std::vector<DomainReport> scan_all(const std::vector<std::string>& inputs, const Progress& progress = {});

  // Runs the selected checks over facts; used by scan_all and by tests on recorded facts.
  [[nodiscard]] std::vector<CheckResult> run_checks(const HostFacts& facts) const;

 private:
  // What one run shares between its domains: the exposure limits and the mail servers' facts.
  struct RunShared {
    exposure::Politeness& politeness;
    mail::ServerCache& mail_servers;
  };
  net::awaitable<DomainReport> scan_one(std::string input, dns::Resolver& resolver, RunShared shared);
  ScanOptions opt_;
};

}  // namespace weerbaar::scan
