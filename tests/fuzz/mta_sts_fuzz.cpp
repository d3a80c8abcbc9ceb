// MTA-STS (RFC 8461): the TXT record, and the policy file fetched over HTTPS.
#include "fuzz_support.hpp"
#include "scan/mail/policy_records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weerbaar::scan::mail;
  auto text = weerbaar::fuzz::as_text(data, size);
  (void)is_mta_sts_candidate(text);
  (void)parse_mta_sts_record(text);
  auto p = parse_mta_sts_policy(text);
  if (p.policy) {
    if (p.policy->max_age < 0 || p.policy->max_age > kMtaStsMaxAge) __builtin_trap();
    for (const auto& mx : p.policy->mx) {
      (void)mx_pattern_matches(mx, "mail.example.nl");
      (void)mx_pattern_matches(mx, mx);
    }
  }
  return 0;
}
