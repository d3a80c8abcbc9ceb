#pragma once
// SPF's check_host() (RFC 7208 §4-§6) as an Asio coroutine over an abstract DNS, so that it is
// tested on in-memory zones and run unchanged against the real DNS through LiveSpfDns.
#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scan/dns/resolver.hpp"
#include "scan/mail/spf/result.hpp"
#include "scan/net/async.hpp"

namespace weerbaar::scan::mail::spf {

using IpAddress = boost::asio::ip::address;

// How one DNS query ended, in the terms SPF cares about (§2.6, §4.6.4, §5).
enum class DnsOutcome {
  ok,        // records returned
  nodata,    // the name exists but has no record of the type (a "void lookup")
  nxdomain,  // the name does not exist (a "void lookup")
  error,     // SERVFAIL or any other RCODE: temperror where §5 says so
  timeout,   // temperror where §5 says so
};

template <typename T>
struct Lookup {
  DnsOutcome outcome = DnsOutcome::error;
  std::vector<T> records;
};
using TxtLookup = Lookup<std::string>;  // one string per TXT record, its character-strings joined
using AddressLookup = Lookup<IpAddress>;
using NameLookup = Lookup<std::string>;  // MX exchanges or PTR names, without a trailing dot

// The DNS that check_host() asks. CNAMEs are followed by the implementation.
class SpfDns {
 public:
  virtual ~SpfDns() = default;
  virtual net::awaitable<TxtLookup> txt(std::string name) = 0;
  virtual net::awaitable<AddressLookup> a(std::string name) = 0;
  virtual net::awaitable<AddressLookup> aaaa(std::string name) = 0;
  virtual net::awaitable<NameLookup> mx(std::string name) = 0;
  virtual net::awaitable<NameLookup> ptr(std::string name) = 0;
};

// The inputs of check_host(): who connects, and whom they claim to be.
struct SpfQuery {
  IpAddress client;
  std::string mail_from;  // "" for the null reverse-path: the HELO identity is checked instead
  std::string helo;
  std::string receiver = "unknown";  // %{r}
};

// The limits of §4.6.4. Defaults are the RFC's.
struct SpfLimits {
  int dns_mechanisms = 10;  // include, a, mx, ptr, exists, redirect
  int void_lookups = 2;
  int mx_names = 10;   // more is a permerror
  int ptr_names = 10;  // more are ignored
};

struct SpfOutcome {
  SpfResult result = SpfResult::none;
  // Why, in plain English (which mechanism matched, which limit was hit, which error).
  std::string reason;
  // For fail: the explanation published with exp= (§6.2), macros expanded. nullopt when there
  // is none or it could not be used: the receiver then gives its own default.
  std::optional<std::string> explanation;
  std::string domain;   // the domain check_host() started from
  int dns_lookups = 0;  // terms that cost a DNS lookup, as counted for the limit of 10
  int void_lookups = 0;
};

// check_host() for one connection (§4): the domain of mail_from (or of the HELO name when
// mail_from is empty). Never throws for anything the DNS or the record does.
net::awaitable<SpfOutcome> check_host(SpfDns& dns, const SpfQuery& query, const SpfLimits& limits = {});

// check_host() on an explicit domain and sender, as §4.1 defines its arguments.
net::awaitable<SpfOutcome> check_host(SpfDns& dns, const SpfQuery& query, std::string domain, const SpfLimits& limits);

// SpfDns over the project's libunbound resolver: decodes the raw rdata and gives every query
// its own deadline.
class LiveSpfDns final : public SpfDns {
 public:
  LiveSpfDns(dns::Resolver& resolver, net::Duration per_query) : resolver_(resolver), per_query_(per_query) {}
  net::awaitable<TxtLookup> txt(std::string name) override;
  net::awaitable<AddressLookup> a(std::string name) override;
  net::awaitable<AddressLookup> aaaa(std::string name) override;
  net::awaitable<NameLookup> mx(std::string name) override;
  net::awaitable<NameLookup> ptr(std::string name) override;

 private:
  dns::Resolver& resolver_;
  net::Duration per_query_;
};

}  // namespace weerbaar::scan::mail::spf
