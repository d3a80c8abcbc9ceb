// Untrusted HTML: the tag scanner, <script src> with integrity, <meta> CSP and entity decoding.
#include "fuzz_support.hpp"
#include "scan/web/csp.hpp"
#include "scan/web/html_scan.hpp"
#include "scan/web/html_scripts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weerbaar::scan::web;
  auto html = weerbaar::fuzz::as_text(data, size);
  (void)find_tags(html, {"script", "meta", "link", "a"});
  (void)external_scripts(html);
  for (const auto& v : meta_csp_values(html)) (void)parse_csp(v);
  auto decoded = decode_entities(html);
  if (decoded.size() > html.size()) __builtin_trap();  // decoding never grows the text
  return 0;
}
