// A certificate as a server sends it (DER), read into the facts the TLS checks judge.
#include <openssl/x509.h>

#include "fuzz_support.hpp"
#include "scan/tls/openssl_probe.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const unsigned char* p = data;
  X509* x = d2i_X509(nullptr, &p, static_cast<long>(size));
  if (x == nullptr) return 0;
  (void)weerbaar::scan::tls::describe_certificate(x);
  X509_free(x);
  return 0;
}
