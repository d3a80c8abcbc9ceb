#include "platform/network_proof.hpp"

#include <curl/curl.h>

#include <boost/asio/io_context.hpp>
#include <sstream>

#include "scan/dns/wire.hpp"
#include "scan/engine.hpp"

namespace weerbaar::platform {
namespace {

namespace asio = scan::net::asio;

struct Addresses {
  std::vector<asio::ip::address> list;
  std::string problem;  // an error key, or empty
};

// The engine's rules for the domain it is asked to scan (scan/engine.cpp resolve_host):
// opt-out by name and address, and outside lab mode public addresses only.
scan::net::awaitable<Addresses> safe_addresses(scan::dns::Resolver& resolver, const std::string& domain,
                                               const NetworkProofOptions& opt) {
  Addresses out;
  if (opt.opt_out.covers_domain(domain)) {
    out.problem = "signup.domain_opted_out";
    co_return out;
  }
  for (auto type : {scan::dns::RrType::a, scan::dns::RrType::aaaa}) {
    auto answer = co_await resolver.query(domain, type, opt.timeouts.dns);
    for (const auto& text : answer.addresses()) out.list.push_back(asio::ip::make_address(text));
  }
  if (out.list.empty()) out.problem = "signup.domain_unresolved";
  for (const auto& a : out.list) {
    if (opt.opt_out.covers_address(a)) out.problem = "signup.domain_opted_out";
    // As the engine (scan/engine.cpp): public addresses only, and in lab mode loopback only, so
    // that a lab name pointing at a private address is refused at sign-up as the scan would.
    const auto cls = classify(a);
    if (opt.lab_mode ? cls != AddressClass::loopback : cls != AddressClass::global) {
      out.problem = "signup.domain_unsafe";
    }
  }
  if (!out.problem.empty()) out.list.clear();
  co_return out;
}

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n\"");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n\"");
  return s.substr(b, e - b + 1);
}

template <typename T>
T run_blocking(std::function<scan::net::awaitable<T>(asio::io_context&)> body) {
  asio::io_context io;
  std::optional<T> out;
  std::exception_ptr failure;
  asio::co_spawn(io, body(io), [&](std::exception_ptr e, T v) {
    failure = e;
    if (!e) out.emplace(std::move(v));
  });
  io.run();
  if (failure) std::rethrow_exception(failure);
  return std::move(*out);
}

}  // namespace

bool proof_file_matches(const std::string& body, const std::string& expected) {
  std::istringstream lines(body);
  std::string line;
  while (std::getline(lines, line)) {
    if (trim(line) == expected) return true;
  }
  return false;
}

std::string NetworkProofChecker::safety_problem(const std::string& domain) {
  try {
    return run_blocking<std::string>([&](asio::io_context& io) -> scan::net::awaitable<std::string> {
      scan::dns::Resolver resolver(io.get_executor(), opt_.resolver);
      auto a = co_await safe_addresses(resolver, domain, opt_);
      co_return a.problem;
    });
  } catch (const scan::dns::ResolverError&) {
    return "proof.unavailable";
  }
}

std::optional<std::string> NetworkProofChecker::fetch_proof_file(const asio::ip::address& address,
                                                                 const std::string& domain) const {
  static const bool init = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  CURL* c = init ? curl_easy_init() : nullptr;
  if (c == nullptr) return std::nullopt;
  const std::string url = "https://" + domain + "/.well-known/weerbaar-proof.txt";
  // Connect to the address the safety rules approved, never to what curl would resolve: a
  // second lookup could answer with an internal address (DNS rebinding).
  const std::string a = address.to_string();
  curl_slist* pin = curl_slist_append(nullptr, (domain + ":443:" + (address.is_v6() ? "[" + a + "]" : a)).c_str());
  const std::string agent = opt_.user_agent.empty() ? scan::default_user_agent() : opt_.user_agent;
  std::string body;
  bool too_large = false;
  struct Sink {
    std::string* body;
    bool* too_large;
  } sink{&body, &too_large};
  auto write = +[](char* data, std::size_t size, std::size_t n, void* user) -> std::size_t {
    auto* s = static_cast<Sink*>(user);
    if (s->body->size() + size * n > kProofFileMaxBody) {
      *s->too_large = true;
      return 0;  // aborts the transfer
    }
    s->body->append(data, size * n);
    return size * n;
  };
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_RESOLVE, pin);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect is not the file
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
  if (!opt_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, opt_.ca_file.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(opt_.timeouts.connect.count()));
  curl_easy_setopt(
      c, CURLOPT_TIMEOUT_MS,
      static_cast<long>((opt_.timeouts.connect + opt_.timeouts.handshake + opt_.timeouts.http_request).count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, agent.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(c);
  curl_slist_free_all(pin);
  if (rc != CURLE_OK || status != 200 || too_large) return std::nullopt;
  return body;
}

ProofCheck NetworkProofChecker::check(const std::string& domain, const std::string& expected) {
  struct Looked {
    ProofCheck result;
    std::optional<asio::ip::address> fetch_from;  // no TXT proof: try the file there
  };
  try {
    auto looked = run_blocking<Looked>([&](asio::io_context& io) -> scan::net::awaitable<Looked> {
      scan::dns::Resolver resolver(io.get_executor(), opt_.resolver);
      auto txt = co_await resolver.query("_weerbaar." + domain, scan::dns::RrType::txt, opt_.timeouts.dns);
      for (const auto& rdata : txt.rdata) {
        auto text = scan::dns::decode_txt(rdata);
        if (text && trim(*text) == expected) co_return Looked{ProofCheck{true, "dns", {}}, std::nullopt};
      }
      // No TXT record: the file, fetched only from an address the scanner may touch.
      auto addresses = co_await safe_addresses(resolver, domain, opt_);
      if (!addresses.problem.empty()) co_return Looked{ProofCheck{false, {}, addresses.problem}, std::nullopt};
      co_return Looked{ProofCheck{false, {}, "proof.not_found"}, addresses.list.front()};
    });
    if (looked.fetch_from) {
      auto body = fetch_proof_file(*looked.fetch_from, domain);
      if (body && proof_file_matches(*body, expected)) return ProofCheck{true, "file", {}};
    }
    return looked.result;
  } catch (const scan::dns::ResolverError&) {
    return ProofCheck{false, {}, "proof.unavailable"};
  }
}

}  // namespace weerbaar::platform
