#include "platform/campaigns.hpp"

#include <nlohmann/json.hpp>

#include "platform/access.hpp"
#include "platform/audit.hpp"
#include "platform/validate.hpp"

namespace weerbaar::platform {
namespace {

constexpr const char* kCampaignSelect =
    "SELECT c.id, c.organisation_id, c.slug, c.name, c.description, c.region, c.sectors, c.rescan_interval_days, "
    "c.retention_days, c.round_robin, c.created_at, t.id, t.version, t.body, t.created_at FROM campaigns c "
    "JOIN consent_texts t ON t.campaign_id = c.id AND t.version = "
    "(SELECT MAX(version) FROM consent_texts WHERE campaign_id = c.id) ";

Campaign campaign_from(const store::Row& r) {
  Campaign c;
  c.id = r.integer(0);
  c.organisation = r.integer(1);
  c.slug = r.text(2);
  c.name = r.text(3);
  c.description = r.text(4);
  c.region = r.text(5);
  c.sectors = nlohmann::json::parse(r.text(6)).get<std::vector<std::string>>();
  c.rescan_interval_days = static_cast<int>(r.integer(7));
  c.retention_days = static_cast<int>(r.integer(8));
  c.round_robin = r.integer(9) != 0;
  c.created_at = r.integer(10);
  c.consent = ConsentText{r.integer(11), static_cast<int>(r.integer(12)), r.text(13), r.integer(14)};
  return c;
}

std::vector<Campaign> campaigns_from(const store::Rows& rows) {
  std::vector<Campaign> out;
  for (const auto& r : rows) out.push_back(campaign_from(r));
  return out;
}

}  // namespace

std::optional<Campaign> load_campaign(store::Tx& tx, Id campaign) {
  auto r = tx.one(std::string(kCampaignSelect) + "WHERE c.id = ?", {campaign});
  if (!r) return std::nullopt;
  return campaign_from(*r);
}

Result<Id> Campaigns::create(const Actor& who, const CampaignInput& in) {
  if (who.anonymous() || who.api || who.role != Role::coordinator || who.organisation <= 0) return errors::forbidden();
  auto name = clean_line(in.name, 200);
  if (!name) return Error::of("campaign.name_invalid", "name");
  auto region = clean_line(in.region, 200);
  if (!region) return Error::of("campaign.region_invalid", "region");
  if (in.description.size() > 5000) return Error::of("campaign.description_too_long", "description");
  std::vector<std::string> sectors;
  for (const auto& s : in.sectors) {
    auto c = clean_line(s, 100);
    if (c) sectors.push_back(*c);
  }
  if (sectors.empty()) return Error::of("campaign.sectors_required", "sectors");
  if (in.consent_text.find_first_not_of(" \t\r\n") == std::string::npos || in.consent_text.size() > 20000)
    return Error::of("campaign.consent_required", "consent_text");
  if (in.rescan_interval_days < 1 || in.rescan_interval_days > 366)
    return Error::of("campaign.interval_invalid", "rescan_interval_days");
  if (in.retention_days < 30 || in.retention_days > 3650)
    return Error::of("campaign.retention_invalid", "retention_days");
  return guarded([&]() -> Result<Id> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<Id> {
      const Time now = ctx_.now();
      // The slug is the public address; a second campaign of the same name gets a number.
      std::string base = slugify(*name);
      std::string slug = base;
      for (int n = 2; tx.one("SELECT 1 FROM campaigns WHERE slug = ?", {slug}); ++n) {
        slug = base + "-" + std::to_string(n);
      }
      Id id = tx.insert(
          "INSERT INTO campaigns (organisation_id, slug, name, description, region, sectors, rescan_interval_days, "
          "retention_days, round_robin, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {who.organisation, slug, *name, in.description, *region, nlohmann::json(sectors).dump(),
           std::int64_t{in.rescan_interval_days}, std::int64_t{in.retention_days}, std::int64_t{in.round_robin ? 1 : 0},
           who.user, now});
      tx.exec("INSERT INTO consent_texts (campaign_id, version, body, created_at) VALUES (?, 1, ?, ?)",
              {id, in.consent_text, now});
      audit(tx, now, who, "campaign.create", "campaign", id);
      return id;
    });
  });
}

Result<Campaign> Campaigns::get(const Actor& who, Id campaign) {
  return guarded([&]() -> Result<Campaign> {
    return ctx_.db.read([&](store::Tx& tx) -> Result<Campaign> {
      auto c = load_campaign(tx, campaign);
      if (!c) return errors::not_found();
      bool helper =
          who.role == Role::helper &&
          tx.one("SELECT 1 FROM campaign_helpers WHERE campaign_id = ? AND user_id = ?", {campaign, who.user});
      bool admin = who.role == Role::administrator && !who.anonymous();
      if (!may_manage_campaign(tx, who, campaign) && !helper && !admin) return errors::not_found();
      return *c;
    });
  });
}

Result<Campaign> Campaigns::by_slug(const std::string& slug) {
  return guarded([&]() -> Result<Campaign> {
    auto r =
        ctx_.db.read([&](store::Tx& tx) { return tx.one(std::string(kCampaignSelect) + "WHERE c.slug = ?", {slug}); });
    if (!r) return errors::not_found();
    return campaign_from(*r);
  });
}

Result<std::vector<Campaign>> Campaigns::list(const Actor& who) {
  if (who.anonymous()) return errors::forbidden();
  if (who.role == Role::helper) return campaigns_of_helper(who);
  if (who.role == Role::entrepreneur) return errors::forbidden();
  return guarded([&]() -> Result<std::vector<Campaign>> {
    return ctx_.db.read([&](store::Tx& tx) {
      if (who.role == Role::administrator)
        return campaigns_from(tx.query(std::string(kCampaignSelect) + "ORDER BY c.id"));
      return campaigns_from(
          tx.query(std::string(kCampaignSelect) + "WHERE c.organisation_id = ? ORDER BY c.id", {who.organisation}));
    });
  });
}

Result<std::vector<Campaign>> Campaigns::campaigns_of_helper(const Actor& who) {
  if (who.anonymous() || who.role != Role::helper) return errors::forbidden();
  return guarded([&]() -> Result<std::vector<Campaign>> {
    return ctx_.db.read([&](store::Tx& tx) {
      return campaigns_from(tx.query(std::string(kCampaignSelect) +
                                         "WHERE c.id IN (SELECT campaign_id FROM campaign_helpers WHERE user_id = ?) "
                                         "ORDER BY c.id",
                                     {who.user}));
    });
  });
}

Result<int> Campaigns::set_consent_text(const Actor& who, Id campaign, const std::string& body) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos || body.size() > 20000)
    return Error::of("campaign.consent_required", "consent_text");
  return guarded([&]() -> Result<int> {
    return ctx_.db.write([&](store::Tx& tx) -> Result<int> {
      if (!may_change_campaign(tx, who, campaign)) return errors::not_found();
      int version = static_cast<int>(
          tx.one("SELECT MAX(version) FROM consent_texts WHERE campaign_id = ?", {campaign})->integer(0) + 1);
      tx.exec("INSERT INTO consent_texts (campaign_id, version, body, created_at) VALUES (?, ?, ?, ?)",
              {campaign, std::int64_t{version}, body, ctx_.now()});
      audit(tx, ctx_.now(), who, "campaign.consent_text", "campaign", campaign, "version " + std::to_string(version));
      return version;
    });
  });
}

Status Campaigns::set_rescan_interval(const Actor& who, Id campaign, int days) {
  if (days < 1 || days > 366) return Error::of("campaign.interval_invalid", "rescan_interval_days");
  return guarded([&]() -> Status {
    return ctx_.db.write([&](store::Tx& tx) -> Status {
      if (!may_change_campaign(tx, who, campaign)) return errors::not_found();
      tx.exec("UPDATE campaigns SET rescan_interval_days = ? WHERE id = ?", {std::int64_t{days}, campaign});
      audit(tx, ctx_.now(), who, "campaign.interval", "campaign", campaign);
      return ok();
    });
  });
}

Status Campaigns::add_helper(const Actor& who, Id campaign, Id helper) {
  return guarded([&]() -> Status {
    return ctx_.db.write([&](store::Tx& tx) -> Status {
      if (!may_change_campaign(tx, who, campaign)) return errors::not_found();
      auto h = tx.one("SELECT organisation_id FROM users WHERE id = ? AND role = 'helper'", {helper});
      if (!h || h->integer(0) != campaign_organisation(tx, campaign))
        return Error::of("campaign.helper_invalid", "helper");
      if (tx.one("SELECT 1 FROM campaign_helpers WHERE campaign_id = ? AND user_id = ?", {campaign, helper}))
        return ok();
      tx.exec("INSERT INTO campaign_helpers (campaign_id, user_id, added_at) VALUES (?, ?, ?)",
              {campaign, helper, ctx_.now()});
      audit(tx, ctx_.now(), who, "campaign.add_helper", "campaign", campaign, "user " + std::to_string(helper));
      return ok();
    });
  });
}

Result<std::vector<User>> Campaigns::helpers(const Actor& who, Id campaign) {
  return guarded([&]() -> Result<std::vector<User>> {
    return ctx_.db.read([&](store::Tx& tx) -> Result<std::vector<User>> {
      if (!may_manage_campaign(tx, who, campaign)) return errors::not_found();
      std::vector<User> out;
      for (const auto& r :
           tx.query("SELECT u.id, u.email, u.name, u.lang, u.disabled, COALESCE(u.organisation_id, 0) FROM users u "
                    "JOIN campaign_helpers h ON h.user_id = u.id WHERE h.campaign_id = ? ORDER BY u.name",
                    {campaign})) {
        out.push_back(
            User{r.integer(0), r.text(1), r.text(2), Role::helper, r.integer(5), r.text(3), r.integer(4) != 0});
      }
      return out;
    });
  });
}

}  // namespace weerbaar::platform
