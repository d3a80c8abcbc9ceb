// TLS-RPT records (RFC 8460) at _smtp._tls.<domain>.
#include "fuzz_support.hpp"
#include "scan/mail/policy_records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weerbaar::scan::mail;
  auto text = weerbaar::fuzz::as_text(data, size);
  (void)is_tls_rpt_candidate(text);
  (void)parse_tls_rpt(text);
  return 0;
}
