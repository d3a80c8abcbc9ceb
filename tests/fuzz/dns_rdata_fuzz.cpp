// Raw rdata as the resolver hands it over: CAA, NS/MX/PTR names, TXT character-strings, A/AAAA.
#include "fuzz_support.hpp"
#include "scan/dns/dns_probe.hpp"
#include "scan/dns/resolver.hpp"
#include "scan/dns/wire.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weerbaar::scan;
  auto rdata = weerbaar::fuzz::as_text(data, size);
  (void)dns::parse_caa(rdata);
  // A decoded name is printable ASCII only (hostile bytes escaped) and at most 255 octets of
  // which each is written in at most four characters.
  if (auto name = dns::decode_name(rdata)) {
    if (name->size() > 4 * 255) __builtin_trap();
    for (const char c : *name) {
      if (c < 0x21 || c > 0x7e) __builtin_trap();
    }
  }
  (void)dns::decode_txt(rdata);
  (void)dns::decode_mx(rdata);
  dns::Answer answer;
  answer.status = dns::DnsStatus::ok;
  answer.rdata.emplace_back(rdata);
  (void)answer.addresses();
  return 0;
}
