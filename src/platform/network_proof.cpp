#include "platform/network_proof.hpp"

#include <boost/asio/io_context.hpp>
#include <sstream>

#include "scan/engine.hpp"
#include "scan/mail/mta_sts_fetch.hpp"
#include "scan/mail/spf/evaluator.hpp"

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
    if (classify(a) != AddressClass::global && !opt.lab_mode) out.problem = "signup.domain_unsafe";
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

scan::net::awaitable<std::optional<std::string>> NetworkProofChecker::fetch_proof_file(asio::ip::address address,
                                                                                       std::string domain) {
  scan::mail::MtaStsFetchOptions fo{opt_.user_agent.empty() ? scan::default_user_agent() : opt_.user_agent,
                                    opt_.ca_file, opt_.timeouts};
  (void)fo;
  (void)address;
  (void)domain;
  co_return std::nullopt;
}

ProofCheck NetworkProofChecker::check(const std::string& domain, const std::string& expected) {
  try {
    return run_blocking<ProofCheck>([&](asio::io_context& io) -> scan::net::awaitable<ProofCheck> {
      scan::dns::Resolver resolver(io.get_executor(), opt_.resolver);
      auto txt = co_await resolver.query("_weerbaar." + domain, scan::dns::RrType::txt, opt_.timeouts.dns);
      for (const auto& rdata : txt.rdata) {
        auto text = scan::mail::spf::detail::decode_txt(rdata);
        if (text && trim(*text) == expected) co_return ProofCheck{true, "dns", {}};
      }
      // No TXT record: the file, fetched only from an address the scanner may touch.
      auto addresses = co_await safe_addresses(resolver, domain, opt_);
      if (!addresses.problem.empty()) co_return ProofCheck{false, {}, addresses.problem};
      if (auto body = co_await fetch_proof_file(addresses.list.front(), domain);
          body && proof_file_matches(*body, expected))
        co_return ProofCheck{true, "file", {}};
      co_return ProofCheck{false, {}, "proof.not_found"};
    });
  } catch (const scan::dns::ResolverError&) {
    return ProofCheck{false, {}, "proof.unavailable"};
  }
}

}  // namespace weerbaar::platform
