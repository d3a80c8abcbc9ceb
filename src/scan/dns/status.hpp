#pragma once
// The DNS vocabulary that the resolver, the probes and the facts share: one enum for the DNSSEC
// state of an answer and one for how a lookup ended as a check sees it. The resolver's own, finer
// DnsStatus (resolver.hpp) maps onto LookupStatus in one place, dns::lookup_status.
#include <string_view>

namespace weerbaar::scan {

// DNSSEC validation state of an answer (libunbound's verdict with a trust anchor).
// unknown: not validated (no trust anchor) or the lookup failed.
enum class DnssecStatus { secure, insecure, bogus, unknown };
std::string_view to_string(DnssecStatus s);

// How one DNS lookup ended, as the checks need it: an answer without records is nodata.
// failed: timeout, SERVFAIL or another error: the check cannot tell and says so.
enum class LookupStatus { ok, nodata, nxdomain, failed };
std::string_view to_string(LookupStatus s);

}  // namespace weerbaar::scan
