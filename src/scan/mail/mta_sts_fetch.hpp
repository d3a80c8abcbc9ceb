#pragma once
// Fetches an MTA-STS policy the way RFC 8461 §3.3 tells senders to: HTTPS with the certificate
// verified against the trusted roots (system store plus an optional extra CA file) and valid for
// mta-sts.<domain>, no redirects followed, a small body cap: the scan's one HTTP client
// (scan/web/http_client.hpp) with certificate verification on.
#include <string>

#include "scan/facts.hpp"
#include "scan/net/async.hpp"

namespace weerbaar::scan::mail {

inline constexpr std::size_t kMtaStsMaxBody = 64 * 1024;

struct MtaStsFetchOptions {
  std::string user_agent;
  std::string ca_file;  // extra trusted roots; empty: the system store only
  net::Timeouts timeouts;
};

// GET https://<host>/.well-known/mta-sts.txt on ep. Never throws for what the network or the
// server does: every step has its deadline and ends as a NetStatus.
net::awaitable<MtaStsFetch> fetch_mta_sts_policy(net::tcp::endpoint ep, std::string host,
                                                 const MtaStsFetchOptions& opt);

}  // namespace weerbaar::scan::mail
