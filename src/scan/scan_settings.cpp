#include "scan/scan_settings.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/operator_input.hpp"

namespace weerbaar::scan {

namespace {

std::string read_opt_out(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SettingsError("cannot read opt-out list '" + path + "'");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

ScanOptions make_scan_options(const ScanSettings& s) {
  ScanOptions opt;
  opt.lab_mode = s.lab;
  opt.resolver.forwarder = s.resolver;
  opt.resolver.trust_anchor_file = s.trust_anchor;
  if (s.lab) {
    // The lab lives under test., a special-use name libunbound otherwise answers itself, and
    // has its own root of trust: the internet's root key would make every lab answer bogus.
    opt.resolver.served_special_zones.emplace_back("test.");
    opt.resolver.use_root_anchor = false;
  }
  if (!s.trust_anchor.empty() && !std::filesystem::exists(s.trust_anchor))
    throw SettingsError("--trust-anchor '" + s.trust_anchor + "' does not exist");
  if (!s.ca_file.empty() && !std::filesystem::exists(s.ca_file))
    throw SettingsError("--ca-file '" + s.ca_file + "' does not exist");
  opt.ca_file = s.ca_file;
  if (!(s.timeout_scale >= 0.1 && s.timeout_scale <= 20.0))
    throw SettingsError("--timeout-scale must be between 0.1 and 20");
  auto scale = [&](net::Duration d) {
    return net::Duration(static_cast<long>(std::lround(static_cast<double>(d.count()) * s.timeout_scale)));
  };
  opt.timeouts.connect = scale(opt.timeouts.connect);
  opt.timeouts.handshake = scale(opt.timeouts.handshake);
  opt.timeouts.http_request = scale(opt.timeouts.http_request);
  opt.timeouts.dns = scale(opt.timeouts.dns);
  if (s.host_connections < 1) throw SettingsError("--host-connections must be at least 1");
  opt.connections_per_host = s.host_connections;
  if (s.exposure_connections < 1) throw SettingsError("--exposure-connections must be at least 1");
  opt.exposure.max_connections = s.exposure_connections;
  if (!(s.exposure_rate > 0)) throw SettingsError("--exposure-rate must be above 0");
  opt.exposure.per_host_per_second = s.exposure_rate;
  opt.exposure.timeouts = opt.timeouts;
  if (!(s.domain_budget_seconds >= 1.0 && s.domain_budget_seconds <= 3600.0))
    throw SettingsError("--budget must be between 1 and 3600 seconds");
  opt.domain_budget = net::Duration(static_cast<long>(std::lround(s.domain_budget_seconds * 1000)));
  if (!s.only.empty()) {
    opt.families.clear();
    for (const auto& f : s.only) {
      auto family = family_from_string(f);
      if (!family) throw SettingsError("--only: unknown family '" + f + "' (web, tls, mail, dns, exposure)");
      opt.families.insert(*family);
    }
  }
  const std::string opt_out_path =
      s.opt_out.empty() && std::filesystem::exists(kDefaultOptOutFile) ? kDefaultOptOutFile : s.opt_out;
  if (!opt_out_path.empty()) {
    try {
      opt.opt_out = OptOutList::parse(read_opt_out(opt_out_path), opt_out_path);
    } catch (const SettingsError&) {
      throw;
    } catch (const std::runtime_error& e) {
      throw SettingsError(e.what());
    }
  }
  if (!s.ehlo_name.empty()) {
    if (auto why = ehlo_name_error(s.ehlo_name); !why.empty()) throw SettingsError(why);
  }
  opt.ehlo_name = s.ehlo_name.empty() ? default_ehlo_name() : s.ehlo_name;
  opt.user_agent = s.user_agent.empty() ? default_user_agent() : s.user_agent;
  return opt;
}

}  // namespace weerbaar::scan
