#pragma once
// The exposure probe: connects to the registered risky service ports on the addresses of the
// business's own hosts (never a range), grabs a banner where the protocol gives one, and keeps
// to a global concurrency limit and a per-address rate limit for the whole run.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "scan/facts.hpp"
#include "scan/net/async.hpp"

namespace weerbaar::scan::exposure {

struct ExposureOptions {
  int max_connections = 32;          // at once, over the whole run (all domains)
  double per_host_per_second = 5.0;  // new connections per second to one address
  net::Timeouts timeouts;
};

// Shared by every domain and job of a process (scan::ScanContext): the global limit, each
// address's rate, and what each address showed (reused for `lifetime`). Thread-safe.
class Politeness {
 public:
  Politeness(const net::asio::any_io_executor& ex, const ExposureOptions& opt,
             std::chrono::seconds lifetime = std::chrono::hours(1));
  ~Politeness();
  Politeness(const Politeness&) = delete;
  Politeness& operator=(const Politeness&) = delete;
  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

net::awaitable<ExposureFacts> probe_exposure(std::vector<std::string> addresses, const ExposureOptions& opt,
                                             Politeness& politeness);

}  // namespace weerbaar::scan::exposure
