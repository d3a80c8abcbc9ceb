#pragma once
// A fresh platform per test on a real database: SQLite in a temporary file always, and
// PostgreSQL too when WEERBAAR_TEST_PG_URL names a throw-away cluster (the ctest fixture
// store_pg starts one). The same tests run against both: the storage contract.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "platform/platform.hpp"
#include "store/database.hpp"
#include "store/postgres/postgres_database.hpp"

namespace weerbaar::platform_testing {

using namespace weerbaar::platform;

inline std::vector<std::string> backends() {
  std::vector<std::string> b{"sqlite"};
  if (const char* pg = std::getenv("WEERBAAR_TEST_PG_URL"); pg != nullptr && *pg != '\0') b.emplace_back("postgres");
  return b;
}

// Empties the PostgreSQL test database. The first test builds the schema from migration 1;
// later ones only empty the tables (much faster than migrating again every test).
inline void reset_postgres(const std::string& url) {
  store::PostgresDatabase raw(url);
  raw.write([](store::Tx& tx) {
    if (!tx.one("SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_migrations' AND table_schema = "
                "current_schema()"))
      return;
    std::string tables;
    for (const auto& r : tx.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename "
                                  "<> 'schema_migrations'")) {
      tables += (tables.empty() ? "" : ", ") + r.text(0);
    }
    if (!tables.empty()) tx.exec("TRUNCATE " + tables + " RESTART IDENTITY CASCADE");
  });
}

inline std::unique_ptr<store::Database> open_test_database(const std::string& backend, std::filesystem::path& file) {
  if (backend == "postgres") {
    std::string url = std::getenv("WEERBAAR_TEST_PG_URL");
    reset_postgres(url);
    return store::open_database(url);
  }
  static std::atomic<int> n{0};
  file = std::filesystem::temp_directory_path() /
         ("weerbaar-store-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".db");
  std::filesystem::remove(file);
  return store::open_database("sqlite:" + file.string());
}

// Answers proof checks from a table the test fills: domain -> the value found there.
class FakeChecker : public ProofChecker {
 public:
  std::map<std::string, std::string> published;  // domain -> proof value found
  std::map<std::string, std::string> unsafe;     // domain -> safety problem key
  std::string safety_problem(const std::string& domain) override {
    auto it = unsafe.find(domain);
    return it == unsafe.end() ? std::string() : it->second;
  }
  ProofCheck check(const std::string& domain, const std::string& expected) override {
    auto it = published.find(domain);
    if (it != published.end() && it->second == expected) return ProofCheck{true, "dns", {}};
    return ProofCheck{false, {}, "proof.not_found"};
  }
};

class PlatformTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db = open_test_database(GetParam(), file);
    Config cfg;
    cfg.password_cost = PasswordCost::minimal;
    cfg.base_url = "https://platform.test";
    checker = std::make_shared<FakeChecker>();
    p = std::make_unique<Platform>(*db, cfg, checker, [this] { return now; });
  }
  void TearDown() override {
    p.reset();
    db.reset();
    if (!file.empty()) {
      std::filesystem::remove(file);
      std::filesystem::remove(file.string() + "-wal");
      std::filesystem::remove(file.string() + "-shm");
    }
  }

  // An administrator, an organisation, a coordinator and a helper, all signed up.
  Actor admin() {
    if (admin_.anonymous()) {
      auto token = p->accounts().first_start("admin@gemeente.test");
      admin_ = p->accounts().accept_invitation(*token, "Beheer", "beheer-wachtwoord").value();
    }
    return admin_;
  }
  Id organisation(const std::string& name = "Gemeente Utrecht") {
    return p->accounts().create_organisation(admin(), name).value();
  }
  Actor coordinator(Id org, const std::string& email = "coord@gemeente.test") {
    auto t = p->accounts().invite(admin(), {email, Role::coordinator, org, 0});
    return p->accounts().accept_invitation(t.value(), "Coördinator", "coordinator-pw").value();
  }
  Actor helper(const Actor& coord, Id campaign, const std::string& email) {
    auto t = p->accounts().invite(coord, {email, Role::helper, coord.organisation, campaign});
    return p->accounts().accept_invitation(t.value(), "Student " + email, "helper-wachtwoord").value();
  }
  Id campaign(const Actor& coord, bool round_robin = false, const std::string& name = "Veilig Ondernemen") {
    CampaignInput in;
    in.name = name;
    in.description = "Gratis scan voor ondernemers";
    in.region = "Utrecht";
    in.sectors = {"horeca", "detailhandel", "bouw"};
    in.consent_text = "Ik geef toestemming voor een scan van mijn domein.";
    in.round_robin = round_robin;
    return p->campaigns().create(coord, in).value();
  }
  SignupInput signup_input(const std::string& domain, const std::string& email) {
    SignupInput in;
    in.business_name = "Bakkerij " + domain;
    in.contact_name = "Jan Jansen";
    in.email = email;
    in.domain = domain;
    in.sector = "horeca";
    in.postcode = "3511 AB";
    in.consent_given = true;
    in.consent_version = 1;
    return in;
  }
  // Signs up, confirms and proves: the business is ready for its first scan.
  std::pair<Id, Actor> ready_business(Id campaign_id, const std::string& domain, const std::string& email,
                                      const std::string& postcode = "3511AB", const std::string& sector = "horeca") {
    auto slug = p->campaigns().by_slug(slug_of(campaign_id)).value().slug;
    auto in = signup_input(domain, email);
    in.postcode = postcode;
    in.sector = sector;
    auto receipt = p->signups().sign_up(slug, in).value();
    auto who = p->signups().confirm_email(receipt.email_token, "ondernemer-pw").value();
    auto proof = p->signups().proof_instructions(who, receipt.business).value();
    checker->published[domain] = proof.dns_value;
    EXPECT_TRUE(p->signups().check_proof(who, receipt.business).value().found);
    return {receipt.business, who};
  }
  std::string slug_of(Id campaign_id) {
    return db->read(
        [&](store::Tx& tx) { return tx.one("SELECT slug FROM campaigns WHERE id = ?", {campaign_id})->text(0); });
  }
  std::int64_t count(const std::string& sql, const store::Params& params = {}) {
    return db->read([&](store::Tx& tx) { return tx.one(sql, params)->integer(0); });
  }

  std::filesystem::path file;
  std::unique_ptr<store::Database> db;
  std::shared_ptr<FakeChecker> checker;
  std::unique_ptr<Platform> p;
  Time now = 1'800'000'000;

 private:
  Actor admin_;
};

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace weerbaar::platform_testing
