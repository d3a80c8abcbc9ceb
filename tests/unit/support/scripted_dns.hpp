#pragma once
// A scripted DNS server on a loopback address for engine tests: real UDP, so the engine's real
// resolver (libunbound) talks to it as to any forwarder. Each (name, type) has a scripted
// answer: records, an rcode, a delay, or silence (a timeout). It counts the queries it got, so
// a test can tell whether the engine asked once or every time.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "scan/dns/resolver.hpp"

namespace weerbaar::testing {

struct DnsRecord {
  int type = 1;       // 1 A, 28 AAAA, 15 MX, 16 TXT, 5 CNAME, ...
  std::string rdata;  // wire format; see the helpers below
};

struct DnsReply {
  int rcode = 0;  // 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN
  std::vector<DnsRecord> records;
  std::chrono::milliseconds delay{0};
  bool silent = false;  // never answer
};

// rdata helpers
std::string a_rdata(const std::string& ipv4);
std::string mx_rdata(int preference, const std::string& host);
std::string txt_rdata(const std::string& text);

class ScriptedDns {
 public:
  // Listens on address:0 (a free port) in a thread of its own. Unscripted names: NXDOMAIN.
  explicit ScriptedDns(const std::string& address = "127.62.4.101");
  ~ScriptedDns();
  ScriptedDns(const ScriptedDns&) = delete;
  ScriptedDns& operator=(const ScriptedDns&) = delete;

  // name without the trailing dot, lower case; type as in DnsRecord.
  void script(const std::string& name, int type, DnsReply reply);
  void a(const std::string& name, const std::string& ipv4) { script(name, 1, {0, {{1, a_rdata(ipv4)}}, {}, false}); }

  // "ADDR:PORT", for ResolverOptions::forwarder.
  [[nodiscard]] std::string forwarder() const;
  [[nodiscard]] int queries(const std::string& name, int type) const;
  [[nodiscard]] int total_queries() const { return total_.load(); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<int> total_{0};
};

// Options for the engine's own resolver (libunbound) that send every query to server, with the
// test's names (.test) as a served zone and no root trust anchor.
scan::dns::ResolverOptions resolver_options(const ScriptedDns& server);

}  // namespace weerbaar::testing
