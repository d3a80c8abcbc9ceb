#pragma once
// The vocabulary every check, report and store shares: what was found, how bad it is.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weerbaar {

enum class Severity { notice, low, medium, high };
enum class Family { web, tls, mail, dns, exposure };

// pass: looked and found nothing wrong. fail: at least one finding.
// inconclusive: could not tell (timeout, refused, limit reached); never counted as pass or fail.
// not_applicable: the thing checked does not exist here (no HTTPS, so no HSTS to judge).
enum class Outcome { pass, fail, inconclusive, not_applicable };

std::string_view to_string(Severity s);
std::string_view to_string(Family f);
std::string_view to_string(Outcome o);
std::optional<Severity> severity_from_string(std::string_view s);
std::optional<Family> family_from_string(std::string_view s);

// Values a finding's advice text can refer to as {name}, and evidence in JSON.
using Params = std::map<std::string, std::string>;

// One problem, named by a stable id such as TLS_CERT_EXPIRED. Tests, JSON, reports
// and the database use the id; its texts and severity live in content/.
struct Finding {
  std::string id;
  Params params;
  // Set when this finding weighs less here than its content says, because of where it was
  // found: a mail server's certificate that no sender checks (no DANE, no MTA-STS in enforce
  // mode) is a notice, while the same finding on a website is high. Reports, scores and the
  // plan use this finding's own severity (content::severity_of).
  // Defaulted, so that code building a Finding from {id, params} needs no change.
  std::optional<Severity> severity{};
};

struct CheckResult {
  std::string check;  // e.g. "tls.protocols"
  Outcome outcome = Outcome::pass;
  std::vector<Finding> findings;
  std::string reason;  // why inconclusive or not applicable, in plain English (for logs/JSON)
  // Empty: the check judged the scanned host itself. Otherwise the other server it judged,
  // by name: a mail server whose STARTTLS the TLS checks judged.
  std::string subject;
};

// Builds a CheckResult so that outcome and findings cannot disagree.
class Verdict {
 public:
  explicit Verdict(std::string check_id) { result_.check = std::move(check_id); }
  Verdict& fail(std::string finding_id, Params params = {});
  // A finding whose severity here is not its content's (see Finding::severity).
  Verdict& fail_as(Severity severity, std::string finding_id, Params params = {});
  Verdict& inconclusive(std::string reason);
  Verdict& not_applicable(std::string reason);
  // Hands the result over; call it last.
  [[nodiscard]] CheckResult done();

 private:
  CheckResult result_;
  std::optional<Outcome> forced_;
};

}  // namespace weerbaar
