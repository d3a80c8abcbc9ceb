// The coordinator's dashboard: counts, caseload, weaknesses at first and latest scan per
// sector and postcode area, and the suppression of every group and count under five, in the
// CSV export too.
#include <gtest/gtest.h>

#include "platform/dashboard.hpp"
#include "platform/reports.hpp"
#include "support/platform_fixture.hpp"

namespace weerbaar::platform_testing {
namespace {

class DashboardTest : public PlatformTest {
 protected:
  // Stores a completed scan with these findings, as a worker would.
  void scanned(Id business, const std::vector<std::string>& ids) {
    ScanOutput out{"scanned", "{}", {}};
    for (const auto& id : ids) out.findings.push_back(FindingRow{id, "", "medium"});
    db->write([&](store::Tx& tx) {
      Id job = enqueue_job(tx, now, JobKind::scan, business);
      tx.exec("UPDATE jobs SET state = 'done' WHERE id = ?", {job});
      store_scan(tx, now, business, job, out, "https://x");
    });
  }
};

TEST_P(DashboardTest, SuppressesSmallGroupsEverywhere) {
  auto coord = coordinator(organisation());
  Id c = campaign(coord);
  auto h = helper(coord, c, "h@mbo.test");
  // Six horeca businesses in area 35; two bouw businesses in area 10.
  std::vector<Id> horeca;
  for (int i = 0; i < 6; ++i) {
    horeca.push_back(ready_business(c, "h" + std::to_string(i) + ".test", "h" + std::to_string(i) + "@x.test").first);
  }
  std::vector<Id> bouw;
  for (int i = 0; i < 2; ++i) {
    bouw.push_back(
        ready_business(c, "b" + std::to_string(i) + ".test", "b" + std::to_string(i) + "@x.test", "1011AA", "bouw")
            .first);
  }
  // First scans: all six horeca lack HSTS; two of them also have an old TLS version.
  for (std::size_t i = 0; i < horeca.size(); ++i) {
    scanned(horeca[i],
            i < 2 ? std::vector<std::string>{"WEB_NO_HSTS", "TLS_OLD"} : std::vector<std::string>{"WEB_NO_HSTS"});
  }
  for (Id b : bouw) scanned(b, {"WEB_NO_HSTS"});
  // Latest scans: five horeca fixed HSTS.
  now += 86400;
  for (std::size_t i = 0; i < 5; ++i) scanned(horeca[i], {});
  ASSERT_TRUE(p->businesses().assign_helper(coord, horeca[0], h.user).ok());

  auto d = p->dashboards().dashboard(coord, c);
  ASSERT_TRUE(d.ok()) << d.error().key;
  EXPECT_EQ(d->funnel.signed_up.value, 8);
  EXPECT_EQ(d->funnel.scanned.value, 8);
  EXPECT_TRUE(d->funnel.rescanned.value == 5 && !d->funnel.rescanned.suppressed);
  EXPECT_TRUE(d->funnel.withdrawn.value == 0 && !d->funnel.withdrawn.suppressed);
  ASSERT_EQ(d->caseload.size(), 1u);
  EXPECT_EQ(d->caseload[0].businesses, 1);

  // The whole campaign: 8 businesses; HSTS missing at 8 first, 3 latest: one count under five
  // suppresses both (8 beside "fewer than 5" would tell how many repaired it).
  ASSERT_FALSE(d->overall.suppressed);
  ASSERT_FALSE(d->overall.weaknesses.empty());
  const auto& hsts =
      d->overall.weaknesses[0].finding_id == "WEB_NO_HSTS" ? d->overall.weaknesses[0] : d->overall.weaknesses[1];
  EXPECT_TRUE(hsts.first.suppressed && hsts.latest.suppressed);
  EXPECT_EQ(hsts.first.value, 0);
  EXPECT_FALSE(hsts.first_share.has_value() || hsts.latest_share.has_value());
  // Per sector: bouw has two businesses, so nothing about it is shown.
  ASSERT_EQ(d->by_sector.size(), 2u);
  const auto& bouw_stats = d->by_sector[0].group == "bouw" ? d->by_sector[0] : d->by_sector[1];
  EXPECT_TRUE(bouw_stats.suppressed);
  EXPECT_TRUE(bouw_stats.businesses.suppressed);
  EXPECT_TRUE(bouw_stats.weaknesses.empty());
  // Per area: 35 has six; TLS_OLD at two of them is suppressed as a count.
  const auto& area35 = d->by_area[0].group == "35" ? d->by_area[0] : d->by_area[1];
  ASSERT_FALSE(area35.suppressed);
  for (const auto& w : area35.weaknesses) {
    if (w.finding_id == "TLS_OLD") {
      EXPECT_TRUE(w.first.suppressed && !w.first_share);
      EXPECT_TRUE(w.latest.suppressed && !w.latest_share);  // 0 at the latest, but not shown alone
    }
  }
  // The export carries the same suppression.
  auto csv = p->dashboards().csv(coord, c);
  ASSERT_TRUE(csv.ok());
  EXPECT_NE(csv->find("sector,bouw,,,<5,"), std::string::npos) << *csv;
  EXPECT_EQ(csv->find("sector,bouw,WEB_NO_HSTS"), std::string::npos);
  EXPECT_NE(csv->find("postcode_area,35,TLS_OLD,medium,6,<5,,"), std::string::npos) << *csv;
  EXPECT_NE(csv->find("campaign,,WEB_NO_HSTS,medium,8,<5,,<5,\r\n"), std::string::npos) << *csv;
  EXPECT_NE(csv->find("postcode_area,35,TLS_OLD,medium,6,<5,,<5,\r\n"), std::string::npos) << *csv;
  // The sixth horeca business repairs HSTS as well: 6 at the first scan, none at the latest,
  // both shown (no business is counted in a group under five), page and CSV alike.
  scanned(horeca[5], {});
  d = p->dashboards().dashboard(coord, c);
  ASSERT_TRUE(d.ok());
  const auto& horeca_stats = d->by_sector[0].group == "horeca" ? d->by_sector[0] : d->by_sector[1];
  ASSERT_FALSE(horeca_stats.weaknesses.empty());
  EXPECT_EQ(horeca_stats.weaknesses[0].finding_id, "WEB_NO_HSTS");  // shown rows before suppressed ones
  EXPECT_TRUE(horeca_stats.weaknesses[0].first.value == 6 && horeca_stats.weaknesses[0].latest.value == 0);
  EXPECT_TRUE(horeca_stats.weaknesses[0].latest_share && *horeca_stats.weaknesses[0].latest_share == 0.0);
  csv = p->dashboards().csv(coord, c);
  EXPECT_NE(csv->find("sector,horeca,WEB_NO_HSTS,medium,6,6,1.000,0,0.000\r\n"), std::string::npos) << *csv;
  // Nobody else sees it.
  EXPECT_FALSE(p->dashboards().dashboard(h, c).ok());
  EXPECT_FALSE(p->dashboards().csv(admin(), c).ok());
  auto other = coordinator(organisation("Ander netwerk"), "ander@x.test");
  EXPECT_FALSE(p->dashboards().dashboard(other, c).ok());
}

TEST_P(DashboardTest, WithdrawnBusinessesStayInTheCounts) {
  auto coord = coordinator(organisation());
  Id c = campaign(coord);
  std::vector<std::pair<Id, Actor>> all;
  for (int i = 0; i < 5; ++i) {
    all.push_back(ready_business(c, "h" + std::to_string(i) + ".test", "h" + std::to_string(i) + "@x.test"));
    scanned(all.back().first, {"WEB_NO_HSTS"});
  }
  ASSERT_TRUE(p->businesses().withdraw(all[0].second, all[0].first).ok());
  auto d = p->dashboards().dashboard(coord, c).value();
  EXPECT_EQ(d.overall.businesses.value, 5);
  EXPECT_EQ(d.overall.weaknesses.at(0).first.value, 5);
  EXPECT_TRUE(d.funnel.withdrawn.suppressed);  // one withdrawal: a count under five
}

INSTANTIATE_TEST_SUITE_P(Store, DashboardTest, ::testing::ValuesIn(backends()), backend_name);

TEST(PlatformDashboard, CountSuppression) {
  EXPECT_FALSE(Count::of(0).suppressed);
  EXPECT_TRUE(Count::of(1).suppressed);
  EXPECT_TRUE(Count::of(4).suppressed);
  EXPECT_EQ(Count::of(4).value, 0);
  EXPECT_FALSE(Count::of(5).suppressed);
}

}  // namespace
}  // namespace weerbaar::platform_testing
