#pragma once
// What each mail server (MX host) showed on port 25: the SMTP greeting and EHLO, STARTTLS, and
// the TLS it speaks after STARTTLS. Part of HostFacts (facts.hpp includes this after TlsFacts;
// include facts.hpp instead).
#include <optional>
#include <string>
#include <vector>

namespace weerbaar::scan {

struct SmtpFacts {
  NetStatus status = NetStatus::ok;  // of the SMTP conversation on port 25
  std::string error;
  std::string banner;                // first line of the 220 greeting
  std::vector<std::string> ehlo;     // EHLO keywords, upper case ("STARTTLS", "SIZE 10240000", ...)
  bool starttls_offered = false;
};

struct MailServerFacts {
  std::string name;  // the MX host name
  int preference = 0;
  std::vector<std::string> addresses;  // what the name resolved to
  std::string address;                 // the address probed; empty when none could be
  std::string error;                   // why no address was probed (unresolved, refused by the safety rules)
  SmtpFacts smtp;
  // The TLS of the STARTTLS session, probed as on port 443; present when STARTTLS was offered.
  std::optional<TlsFacts> tls;
};

}  // namespace weerbaar::scan
