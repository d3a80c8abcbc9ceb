#pragma once
// What a user may ask us to scan, and what the scanner may touch.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>

namespace weerbaar {

// A domain name as typed by a user, checked and normalised (lower case), or a one-line reason
// why it is not one. The reason tells the user what to type instead where we can tell.
struct DomainInput {
  std::string domain;  // empty when rejected
  std::string error;   // empty when accepted
  [[nodiscard]] bool ok() const { return error.empty(); }
};
DomainInput parse_domain(std::string_view input);

// Address classes the scanner cares about. Only `global` may be scanned outside lab mode.
enum class AddressClass {
  global,
  loopback,
  private_use,  // RFC 1918, IPv6 ULA
  link_local,
  shared,         // 100.64.0.0/10 carrier-grade NAT
  documentation,  // TEST-NET, 2001:db8::/32
  multicast,
  reserved,  // unspecified, broadcast, 0/8, 240/4, benchmarking, ...
};
AddressClass classify(const boost::asio::ip::address& a);
std::string_view to_string(AddressClass c);

// Domains and addresses whose owners asked not to be scanned. A domain entry covers its
// subdomains; an address entry may be a CIDR prefix. Lines starting with # are comments.
class OptOutList {
 public:
  // Throws std::runtime_error with "file:line: reason" on a bad line.
  static OptOutList parse(std::string_view text, std::string_view source_name);
  void add_domain(std::string domain);
  [[nodiscard]] bool covers_domain(std::string_view domain) const;
  [[nodiscard]] bool covers_address(const boost::asio::ip::address& a) const;
  [[nodiscard]] bool empty() const { return domains_.empty() && networks_.empty(); }

 private:
  struct Network {
    boost::asio::ip::address base;
    unsigned prefix;
  };
  std::vector<std::string> domains_;
  std::vector<Network> networks_;
};

}  // namespace weerbaar
