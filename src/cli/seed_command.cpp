// weerbaar seed: a platform database with organisations, accounts, a campaign and signed-up
// businesses, made through the platform's own services (the same rules, the same audit log),
// for the demo (scripts/demo.sh) and for the route x role matrix test. Prints what it made as
// JSON: logins and ids.
//
// Proof of domain control is the one step taken on the businesses' behalf: the seed's proof
// checker answers "found" (method "demo"), as an entrepreneur would have after adding the TXT
// record. Scans are not faked: they are queued by the services and run by a worker
// (`weerbaar worker --drain`, or the workers inside `weerbaar serve`).
#include "cli/seed_command.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/worker_command.hpp"
#include "platform/platform.hpp"
#include "platform/runtime.hpp"

namespace weerbaar::cli {
namespace {

using nlohmann::json;
namespace pf = platform;

// Every seeded account shares this password: a demo and a test database, never production.
constexpr const char* kPassword = "weerbaar-demo";

class DemoProof : public pf::ProofChecker {
 public:
  std::string safety_problem(const std::string&) override { return {}; }
  pf::ProofCheck check(const std::string&, const std::string&) override { return {true, "demo", {}}; }
};

template <typename T>
T must(pf::Result<T> r, const std::string& what) {
  if (!r)
    throw std::runtime_error(what + ": " + r.error().key +
                             (r.error().detail.empty() ? "" : " (" + r.error().detail + ")"));
  return std::move(r.value());
}

struct Seeder {
  pf::Platform& p;
  json out = json::object();

  pf::Actor admin(const std::string& email) {
    auto token = p.accounts().first_start(email);
    if (!token) throw std::runtime_error("the database already has an administrator: seed a fresh one");
    auto a = must(p.accounts().accept_invitation(*token, "Beheerder", kPassword), "administrator");
    login("administrator", email, a);
    return a;
  }
  pf::Actor staff(const pf::Actor& by, const std::string& key, const std::string& email, const std::string& name,
                  pf::Role role, pf::Id org, pf::Id campaign = 0) {
    auto token = must(p.accounts().invite(by, {email, role, org, campaign}), "invite " + email);
    auto a = must(p.accounts().accept_invitation(token, name, kPassword), "accept " + email);
    login(key, email, a);
    return a;
  }
  void login(const std::string& key, const std::string& email, const pf::Actor& a) {
    out["logins"][key] = {
        {"email", email}, {"password", kPassword}, {"user", a.user}, {"role", std::string(pf::to_string(a.role))}};
  }
  pf::Id campaign(const pf::Actor& coord, const std::string& key, const std::string& name, const std::string& region) {
    pf::CampaignInput in;
    in.name = name;
    in.description = "Gratis veiligheidsscan van website en e-mail voor ondernemers in " + region +
                     ", met een gesprek met een student van het mbo.";
    in.region = region;
    in.sectors = {"horeca", "detailhandel", "zakelijke dienstverlening", "bouw en techniek", "zorg en welzijn"};
    in.consent_text =
        "Ik geef de gemeente toestemming om mijn domein van buitenaf te laten scannen, nu en elke 30 dagen, "
        "en om de uitkomst met de student te bespreken die mij helpt. Ik kan deze toestemming altijd intrekken.";
    in.rescan_interval_days = 30;
    pf::Id id = must(p.campaigns().create(coord, in), "campaign " + name);
    auto c = must(p.campaigns().get(coord, id), "campaign " + name);
    out["campaigns"][key] = {{"id", id}, {"slug", c.slug}, {"name", name}};
    return id;
  }
  // Signs a business up, confirms its e-mail and proves its domain: the first scan is queued.
  std::pair<pf::Id, pf::Actor> business(pf::Id campaign, const std::string& key, const std::string& name,
                                        const std::string& domain, const std::string& sector,
                                        const std::string& postcode, const std::string& email) {
    auto c = must(p.campaigns().get(pf::Actor::system(), campaign), "campaign");
    pf::SignupInput in;
    in.business_name = name;
    in.contact_name = "Eigenaar " + name;
    in.email = email;
    in.domain = domain;
    in.sector = sector;
    in.postcode = postcode;
    in.consent_given = true;
    in.consent_version = c.consent.version;
    auto receipt = must(p.signups().sign_up(c.slug, in), "sign-up " + domain);
    auto who = must(p.signups().confirm_email(receipt.email_token, kPassword), "confirm " + domain);
    auto proof = must(p.signups().check_proof(who, receipt.business), "proof " + domain);
    if (!proof.found) throw std::runtime_error("proof " + domain + ": " + proof.problem_key);
    out["businesses"][key] = {{"id", receipt.business}, {"domain", domain}, {"email", email}, {"user", who.user}};
    login(key, email, who);
    return {receipt.business, who};
  }
};

// The lab's businesses as the demo's campaign: sector and postcode spread so that some groups
// reach 5 businesses and others stay suppressed.
struct DemoBusiness {
  std::string domain;
  std::string name;
};

std::string sector_of(const std::string& domain) {
  static const std::vector<std::pair<std::string, std::string>> words{{"bakker", "horeca"},
                                                                      {"cafe", "horeca"},
                                                                      {"koffie", "horeca"},
                                                                      {"lunch", "horeca"},
                                                                      {"kaas", "horeca"},
                                                                      {"slager", "horeca"},
                                                                      {"vis", "horeca"},
                                                                      {"winkel", "detailhandel"},
                                                                      {"bloem", "detailhandel"},
                                                                      {"boek", "detailhandel"},
                                                                      {"fiets", "detailhandel"},
                                                                      {"drogist", "detailhandel"},
                                                                      {"apotheek", "zorg en welzijn"},
                                                                      {"tandarts", "zorg en welzijn"},
                                                                      {"fysio", "zorg en welzijn"},
                                                                      {"dierenarts", "zorg en welzijn"},
                                                                      {"kinderopvang", "zorg en welzijn"},
                                                                      {"yoga", "zorg en welzijn"},
                                                                      {"sport", "zorg en welzijn"},
                                                                      {"advocaat", "zakelijke dienstverlening"},
                                                                      {"notaris", "zakelijke dienstverlening"},
                                                                      {"accountant", "zakelijke dienstverlening"},
                                                                      {"boekhoud", "zakelijke dienstverlening"},
                                                                      {"makelaar", "zakelijke dienstverlening"},
                                                                      {"vertaal", "zakelijke dienstverlening"},
                                                                      {"reis", "zakelijke dienstverlening"},
                                                                      {"ict", "zakelijke dienstverlening"},
                                                                      {"druk", "zakelijke dienstverlening"}};
  for (const auto& [word, sector] : words) {
    if (domain.find(word) != std::string::npos) return sector;
  }
  return "bouw en techniek";
}

json seed_demo(pf::Platform& p, const std::vector<std::string>& domains) {
  Seeder s{p};
  auto admin = s.admin("beheer@gemeente-utrecht.test");
  pf::Id org = must(p.accounts().create_organisation(admin, "Gemeente Utrecht"), "organisation");
  auto coord = s.staff(admin, "coordinator", "coordinator@gemeente-utrecht.test", "Carla Coördinator",
                       pf::Role::coordinator, org);
  pf::Id c = s.campaign(coord, "demo", "Veilig Ondernemen Utrecht 2026", "Utrecht");
  std::vector<pf::Actor> helpers;
  for (const auto& [key, name] : std::vector<std::pair<std::string, std::string>>{
           {"helper1", "Hamza (student ROC Midden Nederland)"}, {"helper2", "Iris (student ROC Midden Nederland)"}}) {
    helpers.push_back(s.staff(coord, key, key + "@rocmn.test", name, pf::Role::helper, org, c));
  }
  // Postcode areas: the first two digits; Utrecht city (35) gets most businesses.
  static const std::vector<std::string> postcodes{"3511 AB", "3512 CD", "3521 EF", "3531 GH", "3581 KL",
                                                  "3431 MN", "3552 PR", "3601 ST", "3513 VW", "3572 XZ"};
  std::size_t i = 0;
  for (const auto& domain : domains) {
    const std::string key = "business" + std::to_string(i + 1);
    std::string name = domain.substr(0, domain.find('.'));
    for (auto& ch : name) ch = ch == '-' ? ' ' : ch;
    if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    auto [id, who] =
        s.business(c, key, name, domain, sector_of(domain), postcodes[i % postcodes.size()], "eigenaar@" + domain);
    must(p.businesses().assign_helper(coord, id, helpers[i % helpers.size()].user), "assign " + domain);
    ++i;
  }
  s.out["api_key"] = must(p.accounts().create_api_key(coord, "website Ondernemend Utrecht"), "api key");
  return s.out;
}

// Two organisations with a campaign each; in the first, two entrepreneurs, an assigned and an
// unassigned helper: every boundary the route x role matrix walks.
json seed_matrix(pf::Platform& p, pf::Platform& last_month) {
  Seeder s{p};
  auto admin = s.admin("beheer@campagne.test");
  pf::Id org_a = must(p.accounts().create_organisation(admin, "Gemeente Utrecht"), "organisation a");
  pf::Id org_b = must(p.accounts().create_organisation(admin, "Ondernemersvereniging Zeist"), "organisation b");
  s.out["organisations"] = {{"a", org_a}, {"b", org_b}};
  auto coord_a =
      s.staff(admin, "coordinator_a", "coordinator@gemeente-utrecht.test", "Carla", pf::Role::coordinator, org_a);
  auto coord_b = s.staff(admin, "coordinator_b", "coordinator@ov-zeist.test", "Bram", pf::Role::coordinator, org_b);
  pf::Id ca = s.campaign(coord_a, "a", "Veilig Ondernemen Utrecht", "Utrecht");
  pf::Id cb = s.campaign(coord_b, "b", "Digitaal Weerbaar Zeist", "Zeist");
  auto helper_a = s.staff(coord_a, "helper_a", "hamza@rocmn.test", "Hamza", pf::Role::helper, org_a, ca);
  s.staff(coord_a, "helper_a2", "iris@rocmn.test", "Iris", pf::Role::helper, org_a, ca);
  s.staff(coord_b, "helper_b", "bo@ov-zeist.test", "Bo", pf::Role::helper, org_b, cb);
  auto [ea, who_a] = s.business(ca, "entrepreneur_a", "Koffiebar De Boon", "koffiebar-deboon.test", "horeca", "3511 AB",
                                "piet@koffiebar-deboon.test");
  s.business(ca, "entrepreneur_a2", "Fietsenwinkel Trapper", "fietsenwinkel-trapper.test", "detailhandel", "3512 CD",
             "fenna@fietsenwinkel-trapper.test");
  s.business(cb, "entrepreneur_b", "Lunchroom De Linde", "lunchroom-delinde.test", "horeca", "3701 AA",
             "linda@lunchroom-delinde.test");
  must(p.businesses().assign_helper(coord_a, ea, helper_a.user), "assign");
  s.out["api_keys"] = {{"a", must(p.accounts().create_api_key(coord_a, "website a"), "api key a")},
                       {"b", must(p.accounts().create_api_key(coord_b, "website b"), "api key b")}};
  // Invitations: one open, one made a month ago (expired), for the invitation pages.
  s.out["invitations"] = {
      {"open", must(p.accounts().invite(coord_a, {"nieuw@rocmn.test", pf::Role::helper, org_a, ca}), "invite")},
      {"expired",
       must(last_month.accounts().invite(coord_a, {"laat@rocmn.test", pf::Role::helper, org_a, ca}), "old invite")}};
  return s.out;
}

// After their owners repaired what the first scan found: each business asks for a rescan, as
// its owner would on the report page.
json request_rescans(pf::Platform& p, const std::vector<std::string>& domains) {
  json out = json::object();
  for (const auto& domain : domains) {
    auto who = must(p.accounts().login("eigenaar@" + domain, kPassword), "login " + domain);
    auto mine = must(p.businesses().mine(who), "businesses of " + domain);
    if (mine.empty()) throw std::runtime_error(domain + " has no business in the demo");
    out[domain] = must(p.reports().request_rescan(who, mine.front().id), "rescan " + domain);
  }
  return out;
}

struct SeedArgs {
  PlatformArgs platform;
  std::string scenario = "demo";
  std::vector<std::string> domains;
  std::string out;
};

int run_seed(const SeedArgs& a) {
  try {
    auto rt = pf::make_runtime(runtime_options(a.platform));
    pf::Config cfg = rt.platform->context().config;
    // Known passwords on a demo or test database: hashing them at full cost only costs time.
    cfg.password_cost = pf::PasswordCost::minimal;
    auto checker = std::make_shared<DemoProof>();
    pf::Platform p(*rt.db, cfg, checker);
    json out;
    if (a.scenario == "demo") {
      if (a.domains.empty()) throw std::runtime_error("seed demo: name the businesses' domains");
      out = seed_demo(p, a.domains);
    } else if (a.scenario == "matrix") {
      pf::Platform last_month(*rt.db, cfg, checker, [] { return pf::system_now() - 30 * 24 * 3600; });
      out = seed_matrix(p, last_month);
    } else if (a.scenario == "rescan") {
      out = request_rescans(p, a.domains);
    } else {
      throw std::runtime_error("seed: --scenario is demo, rescan or matrix");
    }
    if (a.out.empty()) {
      std::cout << out.dump(1) << "\n";
    } else {
      std::ofstream f(a.out);
      f << out.dump(1) << "\n";
      if (!f) throw std::runtime_error("cannot write " + a.out);
    }
    return Exit::ok;
  } catch (const std::exception& e) {
    std::cerr << "weerbaar seed: " << e.what() << "\n";
    return Exit::bad_input;
  }
}

}  // namespace

void add_seed_command(CLI::App& app, int& code) {
  static SeedArgs args;
  auto* cmd = app.add_subcommand("seed", "Fill a new platform database for the demo or the tests (not for production)");
  cmd->group("");  // not in --help: a developer's tool
  add_platform_options(*cmd, args.platform);
  cmd->add_option("--scenario", args.scenario,
                  "demo (a campaign holding the given domains), rescan (the given domains ask for a rescan) or matrix "
                  "(the access test)")
      ->capture_default_str();
  cmd->add_option("domains", args.domains, "The businesses' domains (demo, rescan)");
  cmd->add_option("--out", args.out, "Write the logins and ids (JSON) here instead of standard output");
  cmd->callback([&code] { code = run_seed(args); });
}

}  // namespace weerbaar::cli
