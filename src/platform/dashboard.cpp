#include "platform/dashboard.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "platform/access.hpp"
#include "platform/audit.hpp"

namespace weerbaar::platform {
namespace {

struct Scanned {
  std::string sector;
  std::string area;
  std::set<std::string> first;   // finding ids at the first scan
  std::set<std::string> latest;  // at the latest scan
};

GroupStats group_stats(const std::string& name, const std::vector<const Scanned*>& members,
                       const std::map<std::string, std::string>& severity) {
  GroupStats g;
  g.group = name;
  const int n = static_cast<int>(members.size());
  g.businesses = Count::of(n);
  g.suppressed = n < kMinGroup;
  if (g.suppressed) return g;
  std::map<std::string, std::pair<int, int>> counts;
  for (const auto* m : members) {
    for (const auto& f : m->first) counts[f].first++;
    for (const auto& f : m->latest) counts[f].second++;
  }
  for (const auto& [id, c] : counts) {
    // One rule for both columns: when either count is 1 to 4, both are suppressed. "fewer than
    // 5" at the first scan beside "0%" at the latest would tell that those few businesses all
    // repaired it (and beside 6 at the latest, that one or more got it since).
    const bool small = Count::of(c.first).suppressed || Count::of(c.second).suppressed;
    WeaknessShare w{id, severity.at(id), Count::of(c.first), Count::of(c.second), std::nullopt, std::nullopt};
    if (small) {
      w.first = Count{0, true};
      w.latest = Count{0, true};
    } else {
      w.first_share = static_cast<double>(c.first) / n;
      w.latest_share = static_cast<double>(c.second) / n;
    }
    g.weaknesses.push_back(std::move(w));
  }
  // Most common first: at the latest scan, then at the first. Suppressed rows come after the
  // others, by id: their order must not tell their counts either.
  std::sort(g.weaknesses.begin(), g.weaknesses.end(), [&](const WeaknessShare& a, const WeaknessShare& b) {
    if (a.first.suppressed != b.first.suppressed) return !a.first.suppressed;
    if (!a.first.suppressed) {
      auto ca = counts.at(a.finding_id);
      auto cb = counts.at(b.finding_id);
      if (ca.second != cb.second) return ca.second > cb.second;
      if (ca.first != cb.first) return ca.first > cb.first;
    }
    return a.finding_id < b.finding_id;
  });
  return g;
}

std::vector<GroupStats> grouped(const std::map<Id, Scanned>& all, bool by_sector,
                                const std::map<std::string, std::string>& severity) {
  std::map<std::string, std::vector<const Scanned*>> groups;
  for (const auto& [id, s] : all) groups[by_sector ? s.sector : s.area].push_back(&s);
  std::vector<GroupStats> out;
  for (const auto& [name, members] : groups) out.push_back(group_stats(name, members, severity));
  return out;
}

std::string csv_field(std::string s) {
  // A sector typed as "=HYPERLINK(...)" must stay text when the file is opened in a
  // spreadsheet (CSV injection).
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s.insert(0, "'");
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string cell(const Count& c) {
  return c.suppressed ? "<5" : std::to_string(c.value);
}
std::string share(const std::optional<double>& s) {
  if (!s) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", *s);
  return buf;
}

}  // namespace

Result<Dashboard> Dashboards::dashboard(const Actor& who, Id campaign) {
  return guarded([&]() -> Result<Dashboard> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<Dashboard> {
      if (!may_manage_campaign(tx, who, campaign)) return errors::not_found();
      Dashboard d;
      d.campaign = campaign;
      auto funnel = tx.one(
          "SELECT COUNT(*), "
          "SUM(CASE WHEN EXISTS (SELECT 1 FROM consents k WHERE k.business_id = b.id AND k.withdrawn_at IS NULL) "
          "THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN email_confirmed_at IS NOT NULL THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN proof_verified_at IS NOT NULL THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN (SELECT COUNT(*) FROM scans s WHERE s.business_id = b.id) >= 1 THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN (SELECT COUNT(*) FROM scans s WHERE s.business_id = b.id) >= 2 THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN status = 'withdrawn' THEN 1 ELSE 0 END) FROM businesses b WHERE campaign_id = ?",
          {campaign});
      auto n = [&](std::size_t i) { return Count::of(static_cast<int>(funnel->integer(i))); };
      d.funnel = Funnel{n(0), n(1), n(2), n(3), n(4), n(5), n(6)};
      for (const auto& r : tx.query(
               "SELECT u.id, u.name, (SELECT COUNT(*) FROM businesses b WHERE b.helper_id = u.id AND b.campaign_id = "
               "h.campaign_id AND b.status = 'active'), (SELECT COUNT(DISTINCT n.business_id) FROM notes n JOIN "
               "businesses b ON b.id = n.business_id WHERE b.helper_id = u.id AND b.campaign_id = h.campaign_id) "
               "FROM campaign_helpers h JOIN users u ON u.id = h.user_id WHERE h.campaign_id = ? ORDER BY u.name",
               {campaign})) {
        d.caseload.push_back(
            Caseload{r.integer(0), r.text(1), static_cast<int>(r.integer(2)), static_cast<int>(r.integer(3))});
      }
      // Every business with a completed scan counts, withdrawn ones too: their anonymous
      // rows (sector, area, finding ids) are what "aggregates keep only counts" means.
      std::map<Id, Scanned> scanned;
      std::map<std::string, std::string> severity;
      for (const auto& r : tx.query("SELECT b.id, b.sector, b.postcode_area, s.id, f.finding_id, f.severity, "
                                    "(SELECT MIN(id) FROM scans WHERE business_id = b.id AND status = 'scanned'), "
                                    "(SELECT MAX(id) FROM scans WHERE business_id = b.id AND status = 'scanned') "
                                    "FROM businesses b JOIN scans s ON s.business_id = b.id AND s.status = 'scanned' "
                                    "LEFT JOIN scan_findings f ON f.scan_id = s.id WHERE b.campaign_id = ?",
                                    {campaign})) {
        Id scan = r.integer(3);
        const bool first = scan == r.integer(6);
        const bool latest = scan == r.integer(7);
        if (!first && !latest) continue;
        auto& s = scanned[r.integer(0)];
        s.sector = r.text(1);
        s.area = r.text(2);
        if (r.null(4)) continue;
        severity[r.text(4)] = r.text(5);
        if (first) s.first.insert(r.text(4));
        if (latest) s.latest.insert(r.text(4));
      }
      std::vector<const Scanned*> everyone;
      for (const auto& [id, s] : scanned) everyone.push_back(&s);
      d.overall = group_stats("", everyone, severity);
      d.by_sector = grouped(scanned, true, severity);
      d.by_area = grouped(scanned, false, severity);
      audit(tx, ctx_.now(), who, "dashboard.view", "campaign", campaign);
      return d;
    });
  });
}

std::string dashboard_csv(const Dashboard& d) {
  std::string out =
      "section,group,finding_id,severity,businesses,first_scan_count,first_scan_share,"
      "latest_scan_count,latest_scan_share\r\n";
  auto line = [&](std::initializer_list<std::string> cells) {
    bool first = true;
    for (const auto& c : cells) {
      out += (first ? "" : ",") + csv_field(c);
      first = false;
    }
    out += "\r\n";
  };
  const auto& f = d.funnel;
  for (const auto& [name, c] :
       std::initializer_list<std::pair<const char*, Count>>{{"signed_up", f.signed_up},
                                                            {"consent_active", f.consent_active},
                                                            {"email_confirmed", f.email_confirmed},
                                                            {"domain_proven", f.domain_proven},
                                                            {"scanned", f.scanned},
                                                            {"rescanned", f.rescanned},
                                                            {"withdrawn", f.withdrawn}}) {
    line({"funnel", name, "", "", cell(c), "", "", "", ""});
  }
  auto groups = [&](const char* section, const std::vector<GroupStats>& gs) {
    for (const auto& g : gs) {
      if (g.suppressed) {
        line({section, g.group, "", "", cell(g.businesses), "", "", "", ""});
        continue;
      }
      for (const auto& w : g.weaknesses) {
        line({section, g.group, w.finding_id, w.severity, cell(g.businesses), cell(w.first), share(w.first_share),
              cell(w.latest), share(w.latest_share)});
      }
    }
  };
  groups("campaign", {d.overall});
  groups("sector", d.by_sector);
  groups("postcode_area", d.by_area);
  return out;
}

Result<std::string> Dashboards::csv(const Actor& who, Id campaign) {
  auto d = dashboard(who, campaign);
  if (!d) return d.error();
  return dashboard_csv(*d);
}

}  // namespace weerbaar::platform
