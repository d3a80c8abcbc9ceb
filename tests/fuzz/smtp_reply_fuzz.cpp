// SMTP replies (RFC 5321) from a bounded buffer, read one after another as the dialogue does,
// and the EHLO keywords of each.
#include "fuzz_support.hpp"
#include "scan/mail/smtp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weerbaar::scan::mail;
  auto buf = weerbaar::fuzz::as_text(data, size);
  for (int i = 0; i < 16 && !buf.empty(); ++i) {
    auto r = parse_reply(buf);
    if (r.status != ReplyStatus::complete) break;
    if (r.used == 0 || r.used > buf.size()) __builtin_trap();  // progress, within the buffer
    auto keywords = ehlo_keywords(r.reply);
    (void)offers(keywords, "STARTTLS");
    buf.remove_prefix(r.used);
  }
  return 0;
}
