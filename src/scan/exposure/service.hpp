#pragma once
// The registry of risky services. Adding a service is adding one file under src/scan/exposure/
// that registers a ServiceSpec: which ports to try, what (harmless) request to send, how to read
// the answer, and which finding an open port gets. The registration also adds the check
// exposure.<name> to the catalogue; the probe asks this registry which ports to try.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "scan/facts.hpp"

namespace weerbaar::scan::exposure {

// What a service said, as its parser read it.
struct Banner {
  std::string text{};       // one printable line for people ("" when it said nothing useful)
  bool recognised = false;  // the bytes are this protocol's
  ServiceAuth auth = ServiceAuth::unknown;
  bool complete = false;  // enough has been read: stop reading
};

// Reads the bytes received so far (at most max_bytes; possibly cut short, or garbage).
using BannerParser = std::function<Banner(std::string_view raw)>;
// The finding id for one open port of this service.
using FindingRule = std::function<std::string(const ServiceProbe&)>;

struct ServiceSpec {
  std::string name{};   // "redis": its check is exposure.<name>
  std::string label{};  // "Redis": for reasons and finding params
  std::vector<std::uint16_t> ports{};
  std::string request{};                // sent right after connecting; empty: only listen
  BannerParser parse{};                 // empty: the open port is all there is to learn (nothing is read)
  std::size_t max_bytes = 512;          // read no more than this
  std::vector<std::string> findings{};  // every finding id the rule may give; the first is the default
  FindingRule finding{};                // empty: always findings.front()
  // false: the port is probed and its banner kept in the facts for other checks, but an open
  // port is no finding by itself (SSH: its software is judged by exposure.ssh_software). No
  // check exposure.<name> is registered and findings stays empty.
  bool own_check = true;
};

class Services {
 public:
  static Services& instance();
  void add(ServiceSpec spec);  // throws std::logic_error on a duplicate name or port
  [[nodiscard]] const std::vector<ServiceSpec>& all() const { return services_; }
  [[nodiscard]] const ServiceSpec* find(std::string_view name) const;
  [[nodiscard]] const ServiceSpec* by_port(std::uint16_t port) const;

 private:
  std::vector<ServiceSpec> services_{};
};

// Put one of these at namespace scope in the service's file: it registers the service and its
// check exposure.<name> (family exposure), judged by judge_service (unless own_check is false).
struct ServiceRegistration {
  explicit ServiceRegistration(ServiceSpec spec);
};

// The check of one service over the facts: a finding per finding id with the ports where the
// service answered in its own protocol ("where") and the first banner; inconclusive for an
// address where nothing answered at all, or where a port accepted but did not speak the protocol.
CheckResult judge_service(const ServiceSpec& spec, const HostFacts& facts);

// ---- helpers for parsers
// The first line of raw as printable ASCII: control and non-ASCII bytes become '.', cut at
// max characters, leading and trailing spaces removed.
std::string printable_line(std::string_view raw, std::size_t max = 160);
// Reads a little-endian unsigned integer of n bytes (n <= 4) at offset; false if out of range.
bool read_le(std::string_view raw, std::size_t offset, std::size_t n, std::uint32_t& out);
// Status code of an HTTP/1.x response (0 when raw does not start with a status line).
int http_status(std::string_view raw);
// The body of an HTTP response (empty until the header's blank line has arrived).
std::string_view http_body(std::string_view raw);
// The banner of an answer to an HTTP request that is not HTTP: its first line, complete once
// a status line would have fitted (no need to wait for more).
Banner not_http_banner(std::string_view raw);
// The string value of the first "key": "value" pair in a JSON text, without parsing it all
// (the body may be cut at max_bytes); "" when absent. Only printable characters are kept.
std::string json_string_field(std::string_view text, std::string_view key);

}  // namespace weerbaar::scan::exposure
