#pragma once
// Looks at the internet on the platform's behalf: is a domain one we may scan (the scanner's
// safety rules), and has its owner put our proof token in place? An interface, so the
// services are tested without a network and the platform uses the scanner's resolver.
#include <string>

namespace weerbaar::platform {

struct ProofCheck {
  bool found = false;
  std::string method;       // "dns" or "file" when found
  std::string problem_key;  // when not found: proof.not_found, proof.domain_unsafe, ...
};

class ProofChecker {
 public:
  virtual ~ProofChecker() = default;
  // Empty when the domain resolves to addresses the scanner may touch; else an error key:
  // signup.domain_unresolved, signup.domain_unsafe, signup.domain_opted_out.
  virtual std::string safety_problem(const std::string& domain) = 0;
  // Looks for `expected` in the TXT records of _weerbaar.<domain>, then in the file
  // https://<domain>/.well-known/weerbaar-proof.txt.
  virtual ProofCheck check(const std::string& domain, const std::string& expected) = 0;
};

}  // namespace weerbaar::platform
