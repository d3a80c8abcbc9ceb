// Set-Cookie header values.
#include "fuzz_support.hpp"
#include "scan/web/cookies.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)weerbaar::scan::web::parse_set_cookie(weerbaar::fuzz::as_text(data, size));
  return 0;
}
