#include "platform/reports.hpp"

#include <algorithm>

#include "platform/access.hpp"
#include "platform/audit.hpp"
#include "platform/outbox.hpp"
#include "platform/signups.hpp"

namespace weerbaar::platform {
namespace {

std::vector<FindingRow> findings_of(store::Tx& tx, Id scan) {
  std::vector<FindingRow> out;
  for (const auto& r : tx.query(
           "SELECT finding_id, subject, severity FROM scan_findings WHERE scan_id = ? ORDER BY finding_id, subject",
           {scan})) {
    out.push_back(FindingRow{r.text(0), r.text(1), r.text(2)});
  }
  return out;
}

bool same_finding(const FindingRow& a, const FindingRow& b) {
  return a.id == b.id && a.subject == b.subject;
}

}  // namespace

Comparison compare(const std::vector<FindingRow>& first, const std::vector<FindingRow>& latest) {
  Comparison c;
  auto in = [](const std::vector<FindingRow>& v, const FindingRow& f) {
    return std::any_of(v.begin(), v.end(), [&](const FindingRow& g) { return same_finding(f, g); });
  };
  for (const auto& f : first) (in(latest, f) ? c.still_open : c.fixed).push_back(f);
  for (const auto& f : latest) {
    if (!in(first, f)) c.added.push_back(f);
  }
  return c;
}

Id store_scan(store::Tx& tx, Time now, Id business, Id job, const ScanOutput& out, const std::string& base_url) {
  auto b = tx.one(
      "SELECT b.status, c.rescan_interval_days, b.email, b.contact_name, b.domain, b.lang FROM businesses b "
      "JOIN campaigns c ON c.id = b.campaign_id WHERE b.id = ?",
      {business});
  if (!b || b->text(0) != "active") return 0;
  Id scan = tx.insert(
      "INSERT INTO scans (business_id, job_id, status, report_json, scanned_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {business, job, out.status, out.report_json, now});
  for (const auto& f : out.findings) {
    tx.exec("INSERT INTO scan_findings (scan_id, finding_id, subject, severity) VALUES (?, ?, ?, ?)",
            {scan, f.id, f.subject, f.severity});
  }
  tx.exec("UPDATE businesses SET next_scan_at = ? WHERE id = ?", {now + 86400 * b->integer(1), business});
  queue_mail(
      tx, now, "report_ready", b->text(5), b->text(2),
      {{"contact", b->text(3)}, {"domain", b->text(4)}, {"link", base_url + "/businesses/" + std::to_string(business)}},
      business);
  return scan;
}

Result<BusinessReport> Reports::report(const Actor& who, Id business) {
  return guarded([&]() -> Result<BusinessReport> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<BusinessReport> {
      if (!business_access(tx, who, business).report) return errors::not_found();
      BusinessReport rep;
      rep.business = business;
      for (const auto& r :
           tx.query("SELECT id, scanned_at, status FROM scans WHERE business_id = ? ORDER BY id", {business})) {
        rep.scans.push_back(ScanSummary{r.integer(0), r.integer(1), r.text(2), findings_of(tx, r.integer(0))});
      }
      if (!rep.scans.empty()) {
        auto j = tx.one("SELECT report_json FROM scans WHERE id = ?", {rep.scans.back().id});
        if (j && !j->null(0)) rep.latest_json = j->text(0);
      }
      if (rep.scans.size() >= 2) rep.since_first = compare(rep.scans.front().findings, rep.scans.back().findings);
      rep.scan_pending = tx.one(
                               "SELECT 1 FROM jobs WHERE business_id = ? AND kind = 'scan' AND state IN ('queued', "
                               "'running')",
                               {business})
                             .has_value();
      rep.next_scan_at = tx.one("SELECT next_scan_at FROM businesses WHERE id = ?", {business})->opt_integer(0);
      if (auto people =
              tx.one("SELECT o.name, c.name, h.name, h.email FROM businesses b JOIN campaigns c ON c.id = "
                     "b.campaign_id JOIN organisations o ON o.id = c.organisation_id LEFT JOIN users h ON h.id "
                     "= b.helper_id WHERE b.id = ?",
                     {business})) {
        rep.organiser = people->text(0) + " – " + people->text(1);
        if (!people->null(2)) rep.contact = people->text(2) + " (" + people->text(3) + ")";
      }
      audit(tx, ctx_.now(), who, "report.view", "business", business);
      return rep;
    });
  });
}

Result<std::string> Reports::scan_json(const Actor& who, Id business, Id scan) {
  return guarded([&]() -> Result<std::string> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<std::string> {
      if (!business_access(tx, who, business).report) return errors::not_found();
      auto r = tx.one("SELECT report_json FROM scans WHERE id = ? AND business_id = ?", {scan, business});
      if (!r || r->null(0)) return errors::not_found();
      audit(tx, ctx_.now(), who, "report.view", "scan", scan);
      return r->text(0);
    });
  });
}

Result<Id> Reports::request_rescan(const Actor& who, Id business) {
  return guarded([&]() -> Result<Id> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<Id> {
      if (!business_access(tx, who, business).report) return errors::not_found();
      if (!progress_of(tx, business).may_scan()) return Error::of("scan.not_ready");
      Id job = enqueue_scan(tx, ctx_.now(), business);
      if (job == 0) return Error::of("scan.pending");
      audit(tx, ctx_.now(), who, "scan.request", "business", business);
      return job;
    });
  });
}

}  // namespace weerbaar::platform
