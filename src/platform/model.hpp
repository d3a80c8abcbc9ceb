#pragma once
// The campaign model as the services hand it to the web layer: plain values, no SQL.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace weerbaar::platform {

using store::Id;
using Time = std::int64_t;  // Unix seconds, UTC

enum class Role { administrator, coordinator, helper, entrepreneur };
std::string_view to_string(Role r);
std::optional<Role> role_from_string(std::string_view s);

// Who is calling. Every service call that reads or changes data takes one, and the rules of
// access are applied in the service (defence in depth: the pages check too).
struct Actor {
  Id user = 0;  // 0: nobody signed in (the public sign-up pages)
  Role role = Role::entrepreneur;
  Id organisation = 0;  // coordinators and helpers: their organisation
  // A program with an organisation's API key: reads what its coordinators read of the
  // campaigns (dashboards, campaign details), changes nothing, sees no single business.
  bool api = false;
  [[nodiscard]] bool anonymous() const { return user == 0; }
  static Actor nobody() { return {}; }
  // The platform itself (workers, retention): bypasses access rules, audited as "system".
  static Actor system() { return Actor{-1, Role::administrator, 0}; }
  [[nodiscard]] bool is_system() const { return user == -1; }
  static Actor api_client(Id organisation) { return Actor{-2, Role::coordinator, organisation, true}; }
};

struct Organisation {
  Id id = 0;
  std::string name;
};

struct User {
  Id id = 0;
  std::string email;
  std::string name;
  Role role = Role::entrepreneur;
  Id organisation = 0;
  std::string lang = "nl";
  bool disabled = false;
};

struct Invitation {
  Id id = 0;
  std::string email;
  Role role = Role::helper;
  Id organisation = 0;
  Id campaign = 0;
  Time expires_at = 0;
  bool used = false;
};

struct Session {
  std::string token;  // the cookie value; only its hash is stored
  std::string csrf;   // the form token bound to this session
  Actor actor;
  Time expires_at = 0;
};

struct CampaignInput {
  std::string name;
  std::string description;
  std::string region;
  std::vector<std::string> sectors;  // the choices on the sign-up form
  std::string consent_text;          // becomes consent version 1
  int rescan_interval_days = 30;
  int retention_days = 365;
  bool round_robin = false;  // assign helpers in turn as businesses sign up
};

struct ConsentText {
  Id id = 0;
  int version = 0;
  std::string body;
  Time created_at = 0;
};

struct Campaign {
  Id id = 0;
  Id organisation = 0;
  std::string slug;  // the public sign-up page: /c/<slug>
  std::string name;
  std::string description;
  std::string region;
  std::vector<std::string> sectors;
  int rescan_interval_days = 30;
  int retention_days = 365;
  bool round_robin = false;
  ConsentText consent;  // the current version
  Time created_at = 0;
};

struct SignupInput {
  std::string business_name;
  std::string contact_name;
  std::string email;
  std::string domain;
  std::string sector;
  std::string postcode;
  std::string lang = "nl";
  bool consent_given = false;  // the box on the form, ticked by the entrepreneur
  int consent_version = 0;     // the version the form showed
};

enum class BusinessStatus { active, withdrawn, expired };
std::string_view to_string(BusinessStatus s);

// Where a business stands on the way to its first scan.
struct Progress {
  bool consent = false;
  bool email_confirmed = false;
  bool domain_proven = false;
  [[nodiscard]] bool may_scan() const { return consent && email_confirmed && domain_proven; }
};

struct Business {
  Id id = 0;
  Id campaign = 0;
  BusinessStatus status = BusinessStatus::active;
  std::string name;
  std::string contact_name;
  std::string email;
  std::string domain;
  std::string sector;
  std::string postcode;
  std::string postcode_area;  // first two digits: the dashboard's area
  std::string lang = "nl";
  Id entrepreneur = 0;
  Id helper = 0;
  Progress progress;
  std::string proof_method;  // "dns" or "file" once proven
  Time created_at = 0;
  std::optional<Time> next_scan_at;
};

struct SignupReceipt {
  Id business = 0;
  // The secret of the confirmation link, also sent by e-mail (outbox). Returned so that the
  // page can say "check your mail" and tests need no mailbox.
  std::string email_token;
};

struct ProofInstructions {
  std::string domain;
  std::string dns_name;   // _weerbaar.<domain>
  std::string dns_value;  // weerbaar-proof=<token>
  std::string file_url;   // https://<domain>/.well-known/weerbaar-proof.txt
  std::string file_body;  // weerbaar-proof=<token>
};

struct Note {
  Id id = 0;
  Id business = 0;
  Id author = 0;
  std::string author_name;
  std::string discussed;
  std::string agreed;
  std::string follow_up;  // YYYY-MM-DD or empty
  Time created_at = 0;
};

struct AuditEntry {
  Id id = 0;
  Time at = 0;
  Id actor = 0;
  std::string actor_role;
  std::string action;  // "business.view", "campaign.create", ...
  std::string object_type;
  Id object = 0;
  std::string detail;
};

}  // namespace weerbaar::platform
