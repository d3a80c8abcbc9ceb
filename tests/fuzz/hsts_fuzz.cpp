// Strict-Transport-Security header values.
#include "fuzz_support.hpp"
#include "scan/web/hsts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto r = weerbaar::scan::web::parse_hsts(weerbaar::fuzz::as_text(data, size));
  if (r.policy && r.policy->max_age < 0) __builtin_trap();  // capped, never wrapped
  return 0;
}
