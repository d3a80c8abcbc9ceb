#pragma once
// DNS through libunbound, driven by Asio: many queries in flight on one thread, each with a
// deadline. libunbound validates DNSSEC itself when it has a trust anchor.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "scan/dns/status.hpp"
#include "scan/net/async.hpp"

namespace weerbaar::scan::dns {

enum class RrType : int { a = 1, ns = 2, cname = 5, soa = 6, mx = 15, txt = 16, aaaa = 28, caa = 257, tlsa = 52 };

// How a query ended. Expected outcomes of the network are values, not exceptions.
enum class DnsStatus {
  ok,        // answer with data
  nodata,    // the name exists, but has no record of this type
  nxdomain,  // the name does not exist
  servfail,  // the resolver could not answer (includes DNSSEC bogus when validating)
  timeout,
  error,  // any other failure; see Answer::error
};
std::string_view to_string(DnsStatus s);

struct Answer {
  DnsStatus status = DnsStatus::error;
  std::vector<std::string> rdata;  // raw rdata of each record in the answer
  DnssecStatus dnssec = DnssecStatus::unknown;
  std::string error;  // plain-English reason for error/bogus
  // The answer is about another name than the one asked (a CNAME or DNAME led there): an
  // NXDOMAIN then says nothing about the names below the one asked.
  bool aliased = false;

  // A and AAAA rdata as text addresses.
  [[nodiscard]] std::vector<std::string> addresses() const;
};

// How the lookup ended as a check sees it: an empty answer is nodata, and timeout, SERVFAIL and
// every other error are failed.
LookupStatus lookup_status(const Answer& a);

struct ResolverOptions {
  // "ADDR" or "ADDR:PORT" (IPv6 in brackets for a port: "[::1]:5353"). Empty: the system's
  // resolvers from /etc/resolv.conf.
  std::string forwarder;
  // A file with DS or DNSKEY records of a trust anchor (unbound's format). Empty: the
  // installed root key (/usr/share/dns/root.key) when present.
  std::string trust_anchor_file;
  // Zones that libunbound otherwise answers itself as special-use names (RFC 6761): the lab
  // lives under test., which must reach the lab's servers.
  std::vector<std::string> served_special_zones;
  // Without an explicit anchor, the root key is used when installed. The lab has its own root
  // of trust, so it turns this off unless it gives its anchor.
  bool use_root_anchor = true;
};

class ResolverError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Resolver {
 public:
  // Throws ResolverError when the options cannot be used (bad address, unreadable anchor).
  Resolver(net::asio::any_io_executor ex, const ResolverOptions& opt);
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  net::awaitable<Answer> query(std::string name, RrType type, net::Duration limit);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace weerbaar::scan::dns
