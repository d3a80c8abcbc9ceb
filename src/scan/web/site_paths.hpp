#pragma once
// The short, fixed list of extra paths the web probe asks a site for: files that should never be
// public (exposed_files.hpp), the well-known files that tell which CMS and version runs
// (cms.hpp), and the usual admin login pages (admin_login.hpp). Asked politely: on the site's
// own origin only, no redirects followed, over the two connections the web probe keeps open to it,
// bodies capped, with the scanner's user agent. Every judgement is on content, never on a
// status 200 alone: many sites answer 200 with their home page for any path.
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "scan/facts.hpp"
#include "scan/net/async.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/http_client.hpp"

namespace weerbaar::scan::web {

// Each path asked, once, in this order.
const std::vector<std::string_view>& site_paths();

// A path no site has, asked too: how the site answers for a path that does not exist (a 404, or
// its home page with 200), so that a judgement can tell a real file from that answer.
inline constexpr std::string_view kNotFoundProbePath = "/weerbaar-scan-not-found-3f9c2a.txt";

// Bytes read of each answer: enough for every signature, small enough for a backup archive.
inline constexpr std::size_t kSitePathMaxBody = 64 * 1024;

// Fetches site_paths() and the not-found probe from origin (https or http as given) at ep, over
// the pool's connections to it.
net::awaitable<std::vector<PathFetch>> probe_site_paths(OriginPool& pool, net::tcp::endpoint ep, std::string host,
                                                        bool https);
// The same over a pool of its own.
net::awaitable<std::vector<PathFetch>> probe_site_paths(net::tcp::endpoint ep, std::string host, bool https,
                                                        const HttpOptions& opt, net::Limiter& host_slots);

// Whether r is the same answer as the site gives for any unknown path or for its home page:
// same status and the same body (a soft 404). Such an answer says nothing about the path.
bool same_as(const HttpResponse& r, const HttpExchange* other);

// For the checks that judge these paths: the site's own response (see site_response) when the
// paths were probed; otherwise marks the verdict (not applicable, inconclusive) and returns
// a SiteResponse without a response.
SiteResponse probed_site(const HostFacts& facts, Verdict& v);

}  // namespace weerbaar::scan::web
