#include "scan/exposure/exposure_probe.hpp"

namespace weerbaar::scan::exposure {

// Placeholder until the exposure probe lands (issue 3): probes nothing.
struct Politeness::Impl {};
Politeness::Politeness(net::asio::any_io_executor /*ex*/, const ExposureOptions& /*opt*/) : impl_(std::make_unique<Impl>()) {}
Politeness::~Politeness() = default;

net::awaitable<ExposureFacts> probe_exposure(std::vector<std::string> addresses, const ExposureOptions& /*opt*/,
                                             Politeness& /*politeness*/) {
  ExposureFacts facts;
  facts.addresses = std::move(addresses);
  co_return facts;
}

}  // namespace weerbaar::scan::exposure
