// URLs and references as a Location header or <script src> carries them: "base\0reference".
#include "fuzz_support.hpp"
#include "scan/web/url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weerbaar::scan::web;
  auto p = weerbaar::fuzz::parts(weerbaar::fuzz::as_text(data, size), 2);
  auto base = parse_url(p[0]);
  if (base) {
    // What we print we must read back as the same URL: redirects are followed from str().
    auto again = parse_url(base->str());
    if (!again || again->str() != base->str() || !again->same_origin(*base)) __builtin_trap();
    (void)base->authority();
  }
  Url fallback{.https = true, .host = "example.nl", .port = 443, .target = "/a/b?c"};
  auto resolved = resolve_reference(base ? *base : fallback, p.back());
  if (resolved) (void)same_host(resolved->host, fallback.host);
  return 0;
}
