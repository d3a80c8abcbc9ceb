// /.well-known/security.txt bodies (RFC 9116), signed or not, and RFC 3339 dates.
#include "fuzz_support.hpp"
#include "scan/web/security_txt.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto text = weerbaar::fuzz::as_text(data, size);
  (void)weerbaar::scan::web::parse_security_txt(text);
  (void)weerbaar::scan::web::parse_rfc3339(text.substr(0, 64));
  return 0;
}
