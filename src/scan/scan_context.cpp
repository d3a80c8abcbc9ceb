#include "scan/mail/server_probe.hpp"
#include "scan/scan.hpp"

namespace weerbaar::scan {

struct ScanContext::Impl {
  Impl(const net::asio::any_io_executor& ex, ScanOptions opt)
      : options(std::move(opt)),
        resolver(ex, options.resolver),
        politeness(ex, options.exposure, options.cache_lifetime),
        mail_servers(options.cache_lifetime) {}
  ScanOptions options;
  dns::Resolver resolver;
  exposure::Politeness politeness;
  mail::ServerCache mail_servers;
};

namespace {

ScanOptions completed(ScanOptions opt) {
  if (opt.user_agent.empty()) opt.user_agent = default_user_agent();
  if (opt.ehlo_name.empty()) opt.ehlo_name = default_ehlo_name();
  opt.exposure.timeouts = opt.timeouts;
  return opt;
}

}  // namespace

ScanContext::ScanContext(net::asio::any_io_executor ex, ScanOptions options)
    : impl_(std::make_unique<Impl>(std::move(ex), completed(std::move(options)))) {}
ScanContext::~ScanContext() = default;

const ScanOptions& ScanContext::options() const {
  return impl_->options;
}
dns::Resolver& ScanContext::resolver() {
  return impl_->resolver;
}
exposure::Politeness& ScanContext::politeness() {
  return impl_->politeness;
}
mail::ServerCache& ScanContext::mail_servers() {
  return impl_->mail_servers;
}

}  // namespace weerbaar::scan
