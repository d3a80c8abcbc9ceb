// mail.spf: one valid SPF record that ends strangers' mail with -all or ~all, within the limit
// of 10 DNS lookups, without the deprecated ptr mechanism. Judged on check_host() run for a
// stranger's address (see spf_evaluation.hpp), which follows includes and redirects.
#include <algorithm>

#include "scan/check.hpp"
#include "scan/mail/spf/record.hpp"

namespace weerbaar::scan::mail {
namespace {

using spf::SpfResult;

// RFC 7208 §4.6.4: the evaluator stops at the 11th lookup, so more than 10 counted means the limit.
constexpr int kLookupLimit = 10;

CheckResult run(const HostFacts& facts) {
  Verdict v("mail.spf");
  if (!facts.mail) return std::move(v).inconclusive("the mail policy was not probed").done();
  const MailPolicyFacts& p = facts.mail->policy;
  const TxtAnswer& apex = p.apex_txt;
  if (apex.status == LookupStatus::failed)
    return std::move(v).inconclusive("the TXT lookup failed: " + apex.error).done();
  std::vector<std::string> records;
  std::copy_if(apex.records.begin(), apex.records.end(), std::back_inserter(records),
               [](const std::string& r) { return spf::is_spf1(r); });
  if (records.empty()) return std::move(v.fail("MAIL_SPF_MISSING")).done();
  if (records.size() > 1) {
    return std::move(v.fail("MAIL_SPF_MULTIPLE", {{"count", std::to_string(records.size())}})).done();
  }
  auto parsed = spf::parse_record(records.front());
  if (!parsed.record)
    return std::move(v.fail("MAIL_SPF_INVALID", {{"record", records.front()}, {"error", parsed.error}})).done();
  if (!p.spf) return std::move(v).inconclusive("SPF was not evaluated").done();
  const SpfEvaluation& e = *p.spf;
  if (e.result == SpfResult::temperror)
    return std::move(v).inconclusive("SPF could not be evaluated: " + e.reason).done();

  bool ptr = std::any_of(parsed.record->mechanisms.begin(), parsed.record->mechanisms.end(),
                         [](const spf::Mechanism& m) { return m.kind == spf::MechanismKind::ptr; });
  if (ptr) v.fail("MAIL_SPF_PTR");
  if (e.result == SpfResult::permerror) {
    if (e.dns_lookups > kLookupLimit) {
      v.fail("MAIL_SPF_TOO_MANY_LOOKUPS", {{"reason", e.reason}});
    } else {
      v.fail("MAIL_SPF_PERMERROR", {{"reason", e.reason}});
    }
    return std::move(v).done();
  }
  // What the record says about a stranger: fail (-all) or softfail (~all) is the point of SPF.
  if (e.result == SpfResult::pass) {
    v.fail("MAIL_SPF_ALLOWS_ALL", {{"record", records.front()}});
  } else if (e.result == SpfResult::neutral || e.result == SpfResult::none) {
    v.fail("MAIL_SPF_NO_FAIL", {{"record", records.front()}});
  }
  return std::move(v).done();
}

const CheckRegistration reg{{
    .id = "mail.spf",
    .family = Family::mail,
    .findings = {"MAIL_SPF_MISSING", "MAIL_SPF_MULTIPLE", "MAIL_SPF_INVALID", "MAIL_SPF_PERMERROR",
                 "MAIL_SPF_TOO_MANY_LOOKUPS", "MAIL_SPF_ALLOWS_ALL", "MAIL_SPF_NO_FAIL", "MAIL_SPF_PTR"},
    .run = run,
}};

}  // namespace
}  // namespace weerbaar::scan::mail
