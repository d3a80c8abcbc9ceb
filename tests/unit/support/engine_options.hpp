#pragma once
// The options of the engine tests' scans of the scripted network (scripted_dns.hpp,
// tiny_servers.hpp): lab mode, the scripted DNS server as the resolver, and deadlines with room
// for a loaded test machine.
#include <chrono>

#include "scan/scan_settings.hpp"
#include "scripted_dns.hpp"

namespace weerbaar::testing {

inline constexpr int kA = 1, kMx = 15, kTxt = 16;

inline scan::ScanOptions lab_options(const ScriptedDns& dns) {
  using namespace std::chrono_literals;
  scan::ScanSettings s;
  s.lab = true;
  s.resolver = dns.forwarder();
  s.exposure_rate = 100;  // the test's own servers; a real host gets 5 a second
  scan::ScanOptions opt = scan::make_scan_options(s);
  // Loopback answers in milliseconds; at 1 s an SMTP step timed out under a load of 18 on two
  // cores.
  opt.timeouts.connect = 5000ms;
  opt.timeouts.handshake = 5000ms;
  opt.timeouts.http_request = 5000ms;
  opt.timeouts.dns = 3000ms;
  return opt;
}

}  // namespace weerbaar::testing
