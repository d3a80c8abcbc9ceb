// Raw rdata as the resolver hands it over: CAA, NS/MX/PTR names, TXT character-strings, A/AAAA.
#include "fuzz_support.hpp"
#include "scan/dns/dns_probe.hpp"
#include "scan/dns/resolver.hpp"
#include "scan/mail/spf/evaluator.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weerbaar::scan;
  auto rdata = weerbaar::fuzz::as_text(data, size);
  (void)dns::parse_caa(rdata);
  (void)dns::decode_wire_name(rdata);
  (void)mail::spf::detail::decode_txt(rdata);
  (void)mail::spf::detail::decode_name(rdata);
  (void)mail::spf::detail::decode_mx(rdata);
  dns::Answer answer;
  answer.status = dns::DnsStatus::ok;
  answer.rdata.emplace_back(rdata);
  (void)answer.addresses();
  return 0;
}
