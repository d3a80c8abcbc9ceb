#pragma once
// The software a service's banner names (exposure facts: SSH identification, FTP greeting),
// judged against content/software.json. Shared by exposure.ssh_software and exposure.ftp_software.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/finding.hpp"
#include "scan/facts.hpp"
#include "scan/software/software.hpp"

namespace weerbaar::scan::exposure {

struct BannerSoftwareRule {
  std::string check;    // "exposure.ssh_software"
  std::string service;  // the registered service whose banners are read: "ssh"
  std::string label;    // "SSH", for reasons
  std::function<std::optional<software::Detected>(std::string_view banner)> detect;
  // The finding for a version with a known hole. Its content's severity holds for holes with a
  // public advisory (vulnerable); a hole in the KEV catalog (exploited) is reported as high.
  std::string finding;
};

// A finding per judged banner with a known hole ({where}, {software}, {cves}, {banner}). Pass
// when the banners read were judged and clean; inconclusive, as the service's own check, for an
// address where the port accepted without speaking the protocol or nothing answered at all; not
// applicable when no server of the service identified itself with a version that is judged
// (port closed, another product, or a distribution's package).
CheckResult judge_banner_software(const BannerSoftwareRule& rule, const HostFacts& facts);

// Put one of these at namespace scope in the check's file: it registers rule.check (family
// exposure, the one finding rule.finding), judged by judge_banner_software.
struct BannerSoftwareRegistration {
  explicit BannerSoftwareRegistration(BannerSoftwareRule rule);
};

}  // namespace weerbaar::scan::exposure
