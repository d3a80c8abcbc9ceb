// check_host() over a scripted DNS: the input is a zone, one record a line ("name TYPE value",
// TYPE one of TXT A AAAA MX PTR CNAME TIMEOUT), evaluated for a fixed connection. Whatever the
// records say, the evaluation ends within the RFC's limits and never throws.
#include <boost/asio/ip/address.hpp>

#include "../unit/support/spf_zone.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace spf = weerbaar::scan::mail::spf;
  if (size > 8192) return 0;  // a zone, not a novel: longer inputs only slow the search
  weerbaar::test::MemoryZone zone;
  std::string_view text = weerbaar::fuzz::as_text(data, size);
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    auto sp1 = line.find(' ');
    if (sp1 == std::string_view::npos) continue;
    auto sp2 = line.find(' ', sp1 + 1);
    std::string name(line.substr(0, sp1));
    std::string type(line.substr(sp1 + 1, sp2 == std::string_view::npos ? std::string_view::npos : sp2 - sp1 - 1));
    std::string value(sp2 == std::string_view::npos ? std::string_view{} : line.substr(sp2 + 1));
    if (type == "A" || type == "AAAA") {
      boost::system::error_code ec;
      (void)boost::asio::ip::make_address(value, ec);
      if (ec) continue;  // the zone helper insists on real addresses
    }
    zone.add(name, type, value);
  }
  for (const char* client : {"192.0.2.3", "2001:db8::3"}) {
    spf::SpfQuery q{
        .client = boost::asio::ip::make_address(client), .mail_from = "user@example.com", .helo = "mail.example.com"};
    auto outcome = weerbaar::test::run_check_host(zone, q);
    if (outcome.dns_lookups > 11) __builtin_trap();  // §4.6.4: stop at the limit of 10
  }
  // Ten terms, each with at most ten names and an address query per name (and the exp, the
  // %{p} names): the DNS sees a bounded number of questions whatever the zone holds.
  if (zone.queries().size() > 1000) __builtin_trap();
  return 0;
}
