// SPF records (RFC 7208): the record parser, domain-specs and macro-strings, and macro expansion.
#include "fuzz_support.hpp"
#include "scan/mail/spf/macro.hpp"
#include "scan/mail/spf/record.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace spf = weerbaar::scan::mail::spf;
  auto text = weerbaar::fuzz::as_text(data, size);
  (void)spf::is_spf1(text);
  auto parsed = spf::parse_record(text);
  if (parsed.record) {
    for (const auto& m : parsed.record->mechanisms) (void)m.needs_dns();
  }
  (void)spf::domain_spec_error(text);
  spf::MacroValues values{.sender = "strong-bad@email.example.com",
                          .local_part = "strong-bad",
                          .sender_domain = "email.example.com",
                          .domain = "email.example.com",
                          .ip_dotted = "192.0.2.3",
                          .ip_readable = "192.0.2.3",
                          .ip_version = "in-addr",
                          .helo = "mx.example.org",
                          .timestamp = "1700000000"};
  for (auto use : {spf::MacroUse::domain, spf::MacroUse::explanation}) {
    (void)spf::macro_syntax_error(text, use);
    (void)spf::expand_macros(text, values, use);
  }
  auto name = spf::expand_domain_spec(text, values);
  if (name.text && name.text->size() > 253) __builtin_trap();  // §7.3: truncated to fit
  (void)spf::uses_validated_name(text);
  return 0;
}
