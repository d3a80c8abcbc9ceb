// DKIM key records (RFC 6376) and the base64 of their p= tag.
#include "fuzz_support.hpp"
#include "scan/mail/policy_records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weerbaar::scan::mail;
  auto text = weerbaar::fuzz::as_text(data, size);
  (void)is_dkim_candidate(text);
  auto k = parse_dkim_key(text);
  if (k.key && k.key->bits < 0) __builtin_trap();
  (void)decode_base64(text);
  return 0;
}
