#include "cli/scan_settings_options.hpp"

#include <CLI/CLI.hpp>

namespace weerbaar::cli {

void add_scan_settings_options(CLI::App& app, scan::ScanSettings& s, const char* group) {
  CLI::App* cmd = &app;
  if (group != nullptr && *group != '\0') cmd = app.add_option_group(group);
  cmd->add_flag("--lab", s.lab, "Allow loopback and other non-public addresses (the test lab only)");
  cmd->add_option("--resolver", s.resolver, "DNS resolver to use, ADDR or ADDR:PORT (default: /etc/resolv.conf)");
  cmd->add_option("--trust-anchor", s.trust_anchor, "DNSSEC trust anchor file (default: the root key)");
  cmd->add_option("--ca-file", s.ca_file, "Extra trusted root certificates (PEM), e.g. the lab's CA");
  cmd->add_option("--only", s.only, "Only these families: web, tls, mail, dns, exposure (default: all)")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd->add_option("--opt-out", s.opt_out,
                  std::string("Opt-out list (default: ") + scan::kDefaultOptOutFile + " if present)");
  cmd->add_option("--timeout-scale", s.timeout_scale, "Multiply every network deadline by this")
      ->check(CLI::Range(0.1, 20.0))
      ->capture_default_str();
  cmd->add_option("--budget", s.domain_budget_seconds,
                  "Seconds one domain's probes may take; what is unfinished then is inconclusive")
      ->check(CLI::Range(1.0, 3600.0))
      ->capture_default_str();
  cmd->add_option("--host-connections", s.host_connections, "Connections to one host at once")
      ->check(CLI::Range(1, 32))
      ->capture_default_str();
  cmd->add_option("--exposure-connections", s.exposure_connections,
                  "Service-port connections at once, over the whole run")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd->add_option("--exposure-rate", s.exposure_rate, "New service-port connections per second to one address")
      ->check(CLI::Range(0.5, 100.0))
      ->capture_default_str();
  cmd->add_option("--ehlo-name", s.ehlo_name,
                  "Name the scanner gives mail servers in EHLO (default: " + scan::default_ehlo_name() + ")");
}

}  // namespace weerbaar::cli
