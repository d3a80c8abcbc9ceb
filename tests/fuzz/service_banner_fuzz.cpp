// What a risky service sends back (src/scan/exposure): every registered service's banner parser
// over the same bytes, cut at that service's read limit as the probe cuts it; then the software
// detectors over the banner line as the checks read it (SSH identification, FTP greeting).
#include "fuzz_support.hpp"
#include "scan/exposure/service.hpp"
#include "scan/software/software.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace weerbaar::scan::exposure;
  auto raw = weerbaar::fuzz::as_text(data, size);
  for (const auto& spec : Services::instance().all()) {
    if (!spec.parse) continue;
    auto banner = spec.parse(raw.substr(0, spec.max_bytes));
    for (char c : banner.text) {
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) __builtin_trap();
    }
  }
  const auto line = printable_line(raw, 255);
  for (auto d : {weerbaar::scan::software::from_ssh_banner(line), weerbaar::scan::software::from_ftp_greeting(line)}) {
    if (d) (void)weerbaar::scan::software::judge(*d, std::chrono::sys_days{std::chrono::year{2026} / 12 / 2});
  }
  (void)http_status(raw);
  (void)http_body(raw);
  (void)json_string_field(raw, "version");
  return 0;
}
