// DMARC records (RFC 7489) as TXT at _dmarc.<domain> gives them, and the tag-list under them.
#include "fuzz_support.hpp"
#include "scan/mail/policy_records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weerbaar::scan::mail;
  auto text = weerbaar::fuzz::as_text(data, size);
  std::string error;
  (void)parse_tag_list(text, error);
  (void)is_dmarc_candidate(text);
  auto r = parse_dmarc(text);
  if (r.record && (r.record->pct < 0 || r.record->pct > 100)) __builtin_trap();
  return 0;
}
