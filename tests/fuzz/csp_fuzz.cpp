// Content-Security-Policy header values, and the questions the CSP check asks of them.
#include "fuzz_support.hpp"
#include "scan/web/csp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weerbaar::scan::web;
  for (const auto& policy : parse_csp(weerbaar::fuzz::as_text(data, size))) {
    for (const char* name : {"script-src", "script-src-elem", "style-src", "object-src", "frame-ancestors"}) {
      if (const auto* d = effective_directive(policy, name)) {
        (void)allows_unsafe_inline(d->sources);
        (void)allows_unsafe_eval(d->sources);
        (void)broad_sources(d->sources);
      }
    }
  }
  return 0;
}
