// TLSA rdata (RFC 6698) and DANE matching against a certificate whose bytes come from the input
// too: "rdata\0certificate DER".
#include "fuzz_support.hpp"
#include "scan/mail/dane.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weerbaar::scan;
  auto p = weerbaar::fuzz::parts(weerbaar::fuzz::as_text(data, size), 2);
  auto record = mail::parse_tlsa(p[0]);
  if (!record) return 0;
  (void)mail::usable_for_smtp(*record);
  CertificateInfo cert;
  cert.der.assign(p.back().begin(), p.back().end());
  cert.spki_der.assign(p.back().begin(), p.back().begin() + static_cast<std::ptrdiff_t>(p.back().size() / 2));
  (void)mail::record_matches(*record, cert);
  std::vector<CertificateInfo> chain{cert, cert};
  (void)mail::dane_match({*record}, chain);
  return 0;
}
