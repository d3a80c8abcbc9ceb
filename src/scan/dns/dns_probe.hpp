#pragma once
// The DNS probe: the DNSSEC state of the domain's address answer, its CAA records (RFC 8659
// tree climbing) and its AAAA records, as DnsFacts for the dns checks.
#include <string>
#include <string_view>
#include <vector>

#include "scan/dns/resolver.hpp"
#include "scan/facts.hpp"
#include "scan/net/async.hpp"

namespace weerbaar::scan::dns {

// Decodes the rdata of one CAA record (RFC 8659 section 4.1). nullopt when malformed.
std::optional<CaaRecord> parse_caa(std::string_view rdata);

// The names RFC 8659 climbs for host, from the host itself up to, but not including, the TLD:
// "a.b.example.nl" -> {"a.b.example.nl", "b.example.nl", "example.nl"}.
std::vector<std::string> caa_climb(std::string_view host);

// The names climbed for the zone's NS: the host, its parents, and the TLD itself (in the lab,
// and for names under a registry's own hosting, the NS may live at the TLD).
std::vector<std::string> ns_climb(std::string_view host);

// Looks up A, AAAA, CAA and the name servers (with their AAAA) for host through resolver (answers are cached there, so
// the A and AAAA lookups of the engine are not repeated on the wire). The AAAA of DnsFacts is
// web_host's when one is given: the website of a domain whose site lives only on www.
net::awaitable<DnsFacts> probe_dns(Resolver& resolver, std::string host, net::Duration limit,
                                   std::string web_host = {});

}  // namespace weerbaar::scan::dns
