#pragma once
// What a front end (the CLI's scan, `weerbaar check --scan`, the platform) asks of a scan, as
// plain values, and the one function that turns them into ScanOptions. Every front end goes
// through make_scan_options, so a setting means the same wherever it is given.
#include <stdexcept>
#include <string>
#include <vector>

#include "scan/engine.hpp"

namespace weerbaar::scan {

// The opt-out list read when no other is given and it exists.
inline constexpr const char* kDefaultOptOutFile = "/etc/weerbaar/opt-out.txt";

struct ScanSettings {
  // The test lab: loopback and other non-public addresses allowed, and the lab's special zone.
  bool lab = false;
  std::string resolver;           // ADDR or ADDR:PORT; empty: /etc/resolv.conf
  std::string trust_anchor;       // DNSSEC trust anchor file; empty: the root key
  std::string ca_file;            // extra trusted roots (PEM), e.g. the lab's CA
  std::vector<std::string> only;  // families by name; empty: all
  std::string opt_out;            // opt-out list file; empty: kDefaultOptOutFile if present
  double timeout_scale = 1.0;     // multiplies every network deadline
  int host_connections = 6;
  int exposure_connections = 32;
  double exposure_rate = 5.0;
  std::string ehlo_name;   // empty: default_ehlo_name()
  std::string user_agent;  // empty: default_user_agent()
  double domain_budget_seconds = 30.0;
};

// A setting that cannot be used, in one line for the user ("--ca-file 'x' does not exist").
class SettingsError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Checks and converts; reads the opt-out list. Throws SettingsError.
ScanOptions make_scan_options(const ScanSettings& s);

}  // namespace weerbaar::scan
