#pragma once
// Looking up a name the scan found on its way (a redirect target, an MX host, the MTA-STS
// host) under the same safety rules as the domain itself: opt-out and, outside lab mode,
// public addresses only. The engine makes one; probes take it as a function.
#include <boost/asio/ip/address.hpp>
#include <functional>
#include <string>
#include <vector>

#include "scan/net/async.hpp"

namespace weerbaar::scan::net {

struct SafeAddresses {
  std::vector<asio::ip::address> addresses;  // IPv4 first; empty when refused or unresolved
  std::string refusal;                       // why there are none, one line
};

using SafeResolve = std::function<awaitable<SafeAddresses>(std::string name)>;

}  // namespace weerbaar::scan::net
