#pragma once
// What a scan is asked and what it gives back: ScanOptions in, DomainReport out. How to run a
// scan is in scan/scan.hpp, how facts are judged in scan/judge.hpp.
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/target.hpp"
#include "scan/dns/resolver.hpp"
#include "scan/exposure/exposure_probe.hpp"
#include "scan/facts.hpp"
#include "scan/net/async.hpp"

namespace weerbaar::scan {

// Built by make_scan_options (scan/scan_settings.hpp) from what a front end was given.
struct ScanOptions {
  // Lab mode lets the scanner touch loopback and other non-public addresses. Off by default:
  // a scanner pointed at an internal address by a hostile DNS answer must refuse.
  bool lab_mode = false;
  dns::ResolverOptions resolver;
  std::string ca_file;  // extra trusted roots for the certificate check (the lab's CA)
  std::set<Family> families{Family::web, Family::tls, Family::dns, Family::mail, Family::exposure};
  net::Timeouts timeouts;
  int connections_per_host = 6;  // politeness: at most this many connections to one host at once
  OptOutList opt_out;
  std::string user_agent;
  // The name the scanner gives in SMTP's EHLO, so that a mail server's log says who knocked.
  std::string ehlo_name;
  exposure::ExposureOptions exposure;
  // The most one domain's own probes may take; what has not finished by then is inconclusive.
  // The exposure stage, which waits for shared limits, has the same budget from its own start.
  net::Duration domain_budget{30000};
  // How long what was learnt about a shared mail server or address (ScanContext's caches) is
  // reused before it is probed again. A CLI run is shorter; a server runs for months.
  std::chrono::seconds cache_lifetime{3600};
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

}  // namespace weerbaar::scan
