#include "platform/runtime.hpp"

#include <algorithm>

#include "platform/engine_scanner.hpp"
#include "platform/network_proof.hpp"

namespace weerbaar::platform {

Runtime make_runtime(const RuntimeOptions& opt) {
  Runtime rt;
  rt.db = store::open_database(opt.db_url);
  NetworkProofOptions proof;
  proof.lab_mode = opt.scan.lab_mode;
  proof.resolver = opt.scan.resolver;
  if (opt.scan.lab_mode) {
    // As the engine does in lab mode (scan::make_scan_options does it already for options it
    // built): the lab's names live under test., with its own anchor.
    auto& zones = proof.resolver.served_special_zones;
    if (std::find(zones.begin(), zones.end(), "test.") == zones.end()) zones.push_back("test.");
    proof.resolver.use_root_anchor = false;
  }
  proof.ca_file = opt.scan.ca_file;
  proof.timeouts = opt.scan.timeouts;
  proof.opt_out = opt.scan.opt_out;
  proof.user_agent = opt.scan.user_agent;
  rt.platform = std::make_unique<Platform>(*rt.db, opt.config, std::make_shared<NetworkProofChecker>(proof));
  std::shared_ptr<MailSender> mail;
  if (!opt.smtp.url.empty()) mail = std::make_shared<SmtpSender>(opt.smtp);
  rt.worker =
      std::make_unique<Worker>(rt.platform->context(), std::make_shared<EngineScanner>(opt.scan), mail, opt.worker);
  return rt;
}

}  // namespace weerbaar::platform
