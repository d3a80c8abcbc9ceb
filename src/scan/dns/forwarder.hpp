#pragma once
// The resolver the operator names (--resolver), checked strictly.
#include <string>

#include "scan/dns/resolver.hpp"

namespace weerbaar::scan::dns {

// Checks a forwarder as ResolverOptions::forwarder takes it ("ADDR", "ADDR:PORT", "[V6]:PORT")
// and returns libunbound's form ("ADDR@PORT"); throws ResolverError with a one-line reason
// ("ADDR:" with no port, port 0 or above 65535, IPv4 in brackets, not an address).
std::string parse_forwarder(const std::string& s);

}  // namespace weerbaar::scan::dns
