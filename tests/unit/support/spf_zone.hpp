#pragma once
// An in-memory DNS for the SPF evaluator, with the semantics of the OpenSPF suite's reference
// driver (pyspf's test/testspf.py), so that unit tests and the conformance suite share it:
// - names are case-insensitive, a trailing dot is ignored;
// - a name's records are kept in the order given; "TIMEOUT" makes a query time out unless a
//   record of the queried type came before it (then the answer stops there);
// - a CNAME is followed (at most 10 hops; a loop is a DNS error);
// - a label longer than 63 octets is a DNS error (no query can be composed from it).
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "scan/mail/spf/evaluator.hpp"

namespace weerbaar::test {

class MemoryZone final : public scan::mail::spf::SpfDns {
 public:
  using DnsOutcome = scan::mail::spf::DnsOutcome;

  // type: "A", "AAAA", "TXT", "MX" (value: the exchange), "PTR", "CNAME", or "TIMEOUT".
  MemoryZone& add(const std::string& name, std::string type, std::string value = {}) {
    records_[key(name)].push_back({std::move(type), std::move(value)});
    return *this;
  }
  MemoryZone& timeout(const std::string& name) { return add(name, "TIMEOUT"); }

  // Every query asked, as "TYPE name", to assert on what the evaluator looked up.
  [[nodiscard]] const std::vector<std::string>& queries() const { return queries_; }

  scan::net::awaitable<scan::mail::spf::TxtLookup> txt(std::string name) override {
    auto r = query(name, "TXT");
    co_return scan::mail::spf::TxtLookup{r.first, std::move(r.second)};
  }
  scan::net::awaitable<scan::mail::spf::AddressLookup> a(std::string name) override { co_return addresses(name, "A"); }
  scan::net::awaitable<scan::mail::spf::AddressLookup> aaaa(std::string name) override {
    co_return addresses(name, "AAAA");
  }
  scan::net::awaitable<scan::mail::spf::NameLookup> mx(std::string name) override {
    auto r = query(name, "MX");
    co_return scan::mail::spf::NameLookup{r.first, std::move(r.second)};
  }
  scan::net::awaitable<scan::mail::spf::NameLookup> ptr(std::string name) override {
    auto r = query(name, "PTR");
    co_return scan::mail::spf::NameLookup{r.first, std::move(r.second)};
  }

 private:
  struct Entry {
    std::string type;
    std::string value;
  };

  static std::string key(std::string_view name) {
    if (!name.empty() && name.back() == '.') name.remove_suffix(1);
    std::string out(name);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }

  static bool has_long_label(std::string_view name) {
    std::size_t run = 0;
    for (char c : name) {
      run = c == '.' ? 0 : run + 1;
      if (run > 63) return true;
    }
    return false;
  }

  std::pair<DnsOutcome, std::vector<std::string>> query(const std::string& name, const std::string& type) {
    queries_.push_back(type + " " + name);
    std::string k = key(name);
    for (int hops = 0; hops <= 10; ++hops) {
      if (has_long_label(k)) return {DnsOutcome::error, {}};
      auto it = records_.find(k);
      if (it == records_.end()) return {DnsOutcome::nxdomain, {}};
      std::vector<std::string> out;
      std::optional<std::string> cname;
      for (const Entry& e : it->second) {
        if (e.type == "TIMEOUT") {
          if (out.empty()) return {DnsOutcome::timeout, {}};
          break;
        }
        if (e.type == type) out.push_back(e.value);
        if (e.type == "CNAME") cname = e.value;
      }
      if (!out.empty()) return {DnsOutcome::ok, std::move(out)};
      if (!cname) return {DnsOutcome::nodata, {}};
      k = key(*cname);
    }
    return {DnsOutcome::error, {}};  // a CNAME chain too long, or a loop
  }

  scan::mail::spf::AddressLookup addresses(const std::string& name, const std::string& type) {
    auto r = query(name, type);
    scan::mail::spf::AddressLookup out{r.first, {}};
    for (const std::string& text : r.second) {
      boost::system::error_code ec;
      auto ip = boost::asio::ip::make_address(text, ec);
      if (ec) throw std::invalid_argument("zone data: '" + text + "' is not an address");
      out.records.push_back(ip);
    }
    return out;
  }

  std::map<std::string, std::vector<Entry>> records_;
  std::vector<std::string> queries_;
};

// Runs check_host() to completion on a private io_context.
inline scan::mail::spf::SpfOutcome run_check_host(scan::mail::spf::SpfDns& dns, const scan::mail::spf::SpfQuery& q,
                                                  const scan::mail::spf::SpfLimits& limits = {}) {
  boost::asio::io_context ctx;
  std::optional<scan::mail::spf::SpfOutcome> out;
  std::exception_ptr error;
  boost::asio::co_spawn(ctx, scan::mail::spf::check_host(dns, q, limits),
                        [&](std::exception_ptr e, scan::mail::spf::SpfOutcome o) {
                          error = e;
                          if (!e) out = std::move(o);
                        });
  ctx.run();
  if (error) std::rethrow_exception(error);
  return *out;
}

}  // namespace weerbaar::test
