#pragma once
// What a business owner needs of one finding: how bad it is here, what it means in plain words,
// who to ask, and a short message ready to send them. Shared by the text and JSON reports.
#include <string>
#include <vector>

#include "core/content.hpp"
#include "core/finding.hpp"

namespace weerbaar::report {

// Who fixes it: "web_host" (website and its certificate), "mail_provider" (mail servers and
// the mail records), "dns_manager" (whoever manages the domain's DNS: often the web host or
// the registrar), "it_supplier" (services open on the internet). By family; a mail server's
// TLS is the mail provider's.
std::string owner_of(const CheckResult& r, const content::Library& lib);

struct Advice {
  Severity severity = Severity::high;
  std::string title;
  std::string impact;   // for the owner: no configuration lines for mail server findings
  std::string fix;      // what to do or ask, in plain words
  std::string details;  // configuration lines for the technician; empty when there are none
  std::string owner;    // owner_of(), a key
  std::string who;      // the owner in words ("uw webhoster of webbouwer")
  std::string request;  // what the owner asks of whoever fixes it, written to them
  std::string message;  // a short message the owner can send to whoever fixes it (request and details)
};

// A finding's parameters with the scanned domain as {domain} (details and requests name the
// records of the real domain, not "uwdomein.nl"); a parameter of the finding's own wins.
Params finding_params(const Finding& f, const std::string& domain);

Advice advise(const CheckResult& r, const Finding& f, const std::string& domain, const content::Library& lib,
              content::Lang lang);

struct Ranked {
  const CheckResult* check = nullptr;
  const Finding* finding = nullptr;
};
// The findings to fix first: high, then medium, then low (never a notice); within one severity
// by the content's `priority` (higher first), then the website's before a mail server's; at most `most`.
std::vector<Ranked> fix_first(const std::vector<CheckResult>& results, const content::Library& lib,
                              std::size_t most = 5);

}  // namespace weerbaar::report
