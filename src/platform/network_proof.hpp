#pragma once
// The ProofChecker the platform uses: the scanner's resolver (libunbound, with the lab's
// forwarder and trust anchor in lab mode) and the scanner's safety rules (opt-out list; public
// addresses only outside lab mode), and an HTTPS fetch with the certificate verified, no
// redirects, a small body cap and a deadline on every step.
#include "core/target.hpp"
#include "platform/proof_checker.hpp"
#include "scan/dns/resolver.hpp"
#include "scan/net/async.hpp"

namespace weerbaar::platform {

inline constexpr std::size_t kProofFileMaxBody = 4096;

struct NetworkProofOptions {
  bool lab_mode = false;
  scan::dns::ResolverOptions resolver;
  std::string ca_file;  // extra trusted roots (the lab's CA)
  scan::net::Timeouts timeouts;
  OptOutList opt_out;
  std::string user_agent;
};

class NetworkProofChecker : public ProofChecker {
 public:
  explicit NetworkProofChecker(NetworkProofOptions opt) : opt_(std::move(opt)) {}
  std::string safety_problem(const std::string& domain) override;
  ProofCheck check(const std::string& domain, const std::string& expected) override;

 private:
  // The body of https://<domain>/.well-known/weerbaar-proof.txt fetched from this address
  // with libcurl: certificate verified for the domain (the system's roots, or ca_file alone
  // when given, as in the lab), no redirects, 4 KiB at most, the scanner's deadlines. nullopt
  // unless HTTP 200.
  std::optional<std::string> fetch_proof_file(const scan::net::asio::ip::address& address,
                                              const std::string& domain) const;
  NetworkProofOptions opt_;
};

// Whether a proof file's text holds the expected line (surrounding whitespace ignored).
bool proof_file_matches(const std::string& body, const std::string& expected);

}  // namespace weerbaar::platform
