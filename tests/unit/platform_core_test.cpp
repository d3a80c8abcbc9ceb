// The campaign platform's core against a real database (SQLite always, PostgreSQL when the
// ctest fixture provides one): accounts, invitations, campaigns, sign-up with consent,
// e-mail confirmation, proof of domain control and the rule that no scan is queued early.
#include <gtest/gtest.h>

#include "platform/jobs.hpp"
#include "platform/reports.hpp"
#include "platform/secrets.hpp"
#include "platform/seed.hpp"
#include "platform/validate.hpp"
#include "store/migrations.hpp"
#include "support/platform_fixture.hpp"

namespace weerbaar::platform_testing {
namespace {

using Core = PlatformTest;

TEST_P(Core, MigrationsAreVersionedAndIdempotent) {
  EXPECT_EQ(store::schema_version(*db), store::migrations().back().version);
  store::migrate(*db);  // a second start changes nothing
  EXPECT_EQ(count("SELECT COUNT(*) FROM schema_migrations"), static_cast<std::int64_t>(store::migrations().size()));
}

TEST_P(Core, FirstStartInvitesOneAdministratorOnce) {
  auto token = p->accounts().first_start("admin@gemeente.test");
  ASSERT_TRUE(token.has_value());
  auto inv = p->accounts().invitation(*token);
  ASSERT_TRUE(inv.ok());
  EXPECT_EQ(inv->role, Role::administrator);
  auto a = p->accounts().accept_invitation(*token, "Beheer", "lang-genoeg-wachtwoord");
  ASSERT_TRUE(a.ok()) << a.error().key;
  EXPECT_EQ(a->role, Role::administrator);
  EXPECT_FALSE(p->accounts().first_start("other@gemeente.test").has_value());
  // Single use.
  auto again = p->accounts().accept_invitation(*token, "Beheer", "lang-genoeg-wachtwoord");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().key, "invitation.used");
}

TEST_P(Core, PasswordsAreArgon2idAndLoginFailsAlikeForUnknownAndWrong) {
  admin();
  auto hash = db->read([](store::Tx& tx) { return tx.one("SELECT password_hash FROM users")->text(0); });
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_TRUE(p->accounts().login("admin@gemeente.test", "beheer-wachtwoord").ok());
  EXPECT_TRUE(p->accounts().login(" admin@GEMEENTE.test", "beheer-wachtwoord").ok());  // the domain is lowered
  auto wrong = p->accounts().login("admin@gemeente.test", "verkeerd-wachtwoord");
  auto unknown = p->accounts().login("niemand@gemeente.test", "beheer-wachtwoord");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().key, "login.failed");
  EXPECT_EQ(unknown.error().key, "login.failed");
  EXPECT_EQ(p->accounts().accept_invitation("x", "Naam", "kort").error().key, "password.too_short");
}

TEST_P(Core, InvitationsExpireAndFollowTheRoles) {
  Id org = organisation();
  auto coord = coordinator(org);
  // A coordinator may invite helpers to their own organisation only, and no coordinators.
  EXPECT_EQ(p->accounts().invite(coord, {"c2@x.test", Role::coordinator, org, 0}).error().key, "error.forbidden");
  Id other = organisation("Ondernemersnetwerk Amersfoort");
  EXPECT_EQ(p->accounts().invite(coord, {"h@x.test", Role::helper, other, 0}).error().key, "error.forbidden");
  auto token = p->accounts().invite(coord, {"student@mbo.test", Role::helper, org, 0});
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(p->accounts().invite(coord, {"geen-adres", Role::helper, org, 0}).error().field, "email");
  now += 8 * 86400;  // the default lifetime is 7 days
  auto late = p->accounts().accept_invitation(*token, "Student", "helper-wachtwoord");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().key, "invitation.expired");
  // The invitation mail is in the outbox, with the link.
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE template = 'invitation' AND body LIKE ?",
                  {"%https://platform.test/invite/" + *token + "%"}),
            1);
}

TEST_P(Core, SessionsAreStoredHashedAndEnd) {
  auto a = admin();
  auto s = p->accounts().create_session(a);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM sessions WHERE token_hash = ?", {s->token}), 0);
  auto back = p->accounts().session(s->token);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->actor.user, a.user);
  EXPECT_EQ(back->csrf, s->csrf);
  p->accounts().end_session(s->token);
  EXPECT_FALSE(p->accounts().session(s->token).has_value());
  auto s2 = p->accounts().create_session(a);
  now += 13 * 3600;
  EXPECT_FALSE(p->accounts().session(s2->token).has_value());
}

TEST_P(Core, CampaignKeepsConsentVersions) {
  Id org = organisation();
  auto coord = coordinator(org);
  Id c = campaign(coord);
  auto got = p->campaigns().get(coord, c);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->slug, "veilig-ondernemen");
  EXPECT_EQ(got->consent.version, 1);
  EXPECT_EQ(p->campaigns().set_consent_text(coord, c, "Nieuwe tekst").value(), 2);
  EXPECT_EQ(p->campaigns().by_slug("veilig-ondernemen")->consent.body, "Nieuwe tekst");
  // Another organisation's coordinator cannot see it or change it.
  auto other = coordinator(organisation("Ander netwerk"), "ander@x.test");
  EXPECT_EQ(p->campaigns().get(other, c).error().key, "error.not_found");
  EXPECT_FALSE(p->campaigns().set_consent_text(other, c, "x").ok());
  EXPECT_TRUE(p->campaigns().list(other)->empty());
  Id c2 = campaign(coord);
  EXPECT_EQ(p->campaigns().get(coord, c2)->slug, "veilig-ondernemen-2");
  CampaignInput bad;
  bad.name = "x";
  bad.region = "y";
  bad.sectors = {"horeca"};
  bad.consent_text = "ok";
  bad.rescan_interval_days = 0;
  EXPECT_EQ(p->campaigns().create(coord, bad).error().field, "rescan_interval_days");
}

TEST_P(Core, SignUpStoresExactConsentAndValidatesEveryField) {
  auto coord = coordinator(organisation());
  Id c = campaign(coord);
  auto in = signup_input("bakkerij.test", "jan@bakkerij.test");
  auto bad = in;
  bad.domain = "https://bakkerij.test/";
  EXPECT_EQ(p->signups().sign_up("veilig-ondernemen", bad).error().key, "signup.domain_invalid");
  bad = in;
  bad.postcode = "0123 AB";
  EXPECT_EQ(p->signups().sign_up("veilig-ondernemen", bad).error().field, "postcode");
  bad = in;
  bad.consent_given = false;
  EXPECT_EQ(p->signups().sign_up("veilig-ondernemen", bad).error().key, "signup.consent_required");
  bad = in;
  bad.sector = "onbekend";
  EXPECT_EQ(p->signups().sign_up("veilig-ondernemen", bad).error().key, "signup.sector_invalid");
  checker->unsafe["intern.test"] = "signup.domain_unsafe";
  bad = in;
  bad.domain = "intern.test";
  EXPECT_EQ(p->signups().sign_up("veilig-ondernemen", bad).error().key, "signup.domain_unsafe");
  EXPECT_EQ(p->signups().sign_up("bestaat-niet", in).error().key, "error.not_found");

  auto r = p->signups().sign_up("veilig-ondernemen", in);
  ASSERT_TRUE(r.ok()) << r.error().key;
  EXPECT_EQ(p->signups().sign_up("veilig-ondernemen", in).error().key, "signup.duplicate");
  auto consent = db->read([&](store::Tx& tx) {
    return tx.one("SELECT version, body, given_at FROM consents WHERE business_id = ?", {r->business});
  });
  ASSERT_TRUE(consent.has_value());
  EXPECT_EQ(consent->integer(0), 1);
  EXPECT_EQ(consent->text(1), "Ik geef toestemming voor een scan van mijn domein.");
  EXPECT_EQ(consent->integer(2), now);
  // A form showing an outdated consent text is refused.
  ASSERT_TRUE(p->campaigns().set_consent_text(coord, c, "Versie twee").ok());
  auto old_form = signup_input("ander.test", "piet@ander.test");
  EXPECT_EQ(p->signups().sign_up("veilig-ondernemen", old_form).error().key, "signup.consent_outdated");
}

TEST_P(Core, NoScanBeforeConsentConfirmationAndProof) {
  auto coord = coordinator(organisation());
  campaign(coord);
  auto r = p->signups().sign_up("veilig-ondernemen", signup_input("bakkerij.test", "jan@bakkerij.test")).value();
  auto scans = [&] { return count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan'"); };
  EXPECT_EQ(scans(), 0);
  // Confirmation link: single use, expires.
  auto who = p->signups().confirm_email(r.email_token, "ondernemer-pw");
  ASSERT_TRUE(who.ok()) << who.error().key;
  EXPECT_EQ(p->signups().confirm_email(r.email_token, "ondernemer-pw").error().key, "confirm.used");
  EXPECT_EQ(scans(), 0);  // consent and e-mail, but no proof yet
  // Without the record in place the proof is not found, and nothing is queued.
  auto missing = p->signups().check_proof(*who, r.business);
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->found);
  EXPECT_EQ(missing->problem_key, "proof.not_found");
  EXPECT_EQ(p->reports().request_rescan(*who, r.business).error().key, "scan.not_ready");
  EXPECT_EQ(scans(), 0);
  // Proof in place: the first scan is queued, once.
  auto proof = p->signups().proof_instructions(*who, r.business).value();
  EXPECT_EQ(proof.dns_name, "_weerbaar.bakkerij.test");
  EXPECT_TRUE(proof.dns_value.starts_with("weerbaar-proof="));
  checker->published["bakkerij.test"] = proof.dns_value;
  EXPECT_TRUE(p->signups().check_proof(*who, r.business)->found);
  EXPECT_EQ(scans(), 1);
  EXPECT_TRUE(p->signups().check_proof(*who, r.business)->found);
  EXPECT_EQ(scans(), 1);
  EXPECT_EQ(p->reports().request_rescan(*who, r.business).error().key, "scan.pending");
}

TEST_P(Core, ProofBeforeConfirmationQueuesOnConfirmation) {
  auto coord = coordinator(organisation());
  Id c = campaign(coord);
  auto r = p->signups().sign_up("veilig-ondernemen", signup_input("bakkerij.test", "jan@bakkerij.test")).value();
  // The coordinator cannot read proof instructions (no report access); the entrepreneur has
  // no account before confirming. So proof comes after confirmation in practice; the order
  // of confirmation and the scan gate is still checked from the other side here.
  EXPECT_FALSE(p->signups().proof_instructions(coord, r.business).ok());
  db->write([&](store::Tx& tx) {
    tx.exec("UPDATE businesses SET proof_verified_at = ? WHERE id = ?", {now, r.business});
  });
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan'"), 0);
  ASSERT_TRUE(p->signups().confirm_email(r.email_token, "ondernemer-pw").ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan'"), 1);
  (void)c;
}

TEST_P(Core, ConfirmationLinkExpires) {
  auto coord = coordinator(organisation());
  campaign(coord);
  auto r = p->signups().sign_up("veilig-ondernemen", signup_input("bakkerij.test", "jan@bakkerij.test")).value();
  now += 49 * 3600;
  EXPECT_EQ(p->signups().confirm_email(r.email_token, "ondernemer-pw").error().key, "confirm.expired");
  EXPECT_EQ(p->signups().confirm_email("onzin", "ondernemer-pw").error().key, "confirm.invalid");
  ASSERT_TRUE(p->signups().resend_confirmation("veilig-ondernemen", "jan@bakkerij.test").ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE template = 'confirm_email'"), 2);
}

TEST_P(Core, RoundRobinGivesTheHelperWithFewestBusinesses) {
  auto coord = coordinator(organisation());
  Id c = campaign(coord, true);
  auto h1 = helper(coord, c, "h1@mbo.test");
  auto h2 = helper(coord, c, "h2@mbo.test");
  std::map<Id, int> load;
  for (int i = 0; i < 4; ++i) {
    auto r = p->signups()
                 .sign_up("veilig-ondernemen",
                          signup_input("b" + std::to_string(i) + ".test", "o" + std::to_string(i) + "@b.test"))
                 .value();
    load[p->businesses().get(coord, r.business)->helper]++;
  }
  EXPECT_EQ(load[h1.user], 2);
  EXPECT_EQ(load[h2.user], 2);
}

TEST_P(Core, AccessRulesInTheService) {
  auto coord = coordinator(organisation());
  Id c = campaign(coord);
  auto h = helper(coord, c, "h1@mbo.test");
  auto [b1, owner1] = ready_business(c, "een.test", "een@een.test");
  auto [b2, owner2] = ready_business(c, "twee.test", "twee@twee.test");
  // Entrepreneurs: their own business only, also when guessing ids.
  EXPECT_TRUE(p->businesses().get(owner1, b1).ok());
  EXPECT_EQ(p->businesses().get(owner1, b2).error().key, "error.not_found");
  EXPECT_FALSE(p->reports().report(owner1, b2).ok());
  EXPECT_FALSE(p->businesses().export_data(owner1, b2).ok());
  EXPECT_FALSE(p->businesses().get(owner1, 9999).ok());
  // A helper: only once assigned, and only that one.
  EXPECT_FALSE(p->reports().report(h, b1).ok());
  ASSERT_TRUE(p->businesses().assign_helper(coord, b1, h.user).ok());
  EXPECT_TRUE(p->reports().report(h, b1).ok());
  EXPECT_FALSE(p->reports().report(h, b2).ok());
  EXPECT_EQ(p->businesses().mine(h)->size(), 1u);
  EXPECT_FALSE(p->businesses().withdraw(h, b1).ok());  // the entrepreneur's right, not the helper's
  // The coordinator sees the record, never the report.
  EXPECT_TRUE(p->businesses().get(coord, b1).ok());
  EXPECT_FALSE(p->reports().report(coord, b1).ok());
  EXPECT_EQ(p->businesses().of_campaign(coord, c)->size(), 2u);
  auto other = coordinator(organisation("Ander netwerk"), "ander@x.test");
  EXPECT_FALSE(p->businesses().get(other, b1).ok());
  EXPECT_FALSE(p->businesses().of_campaign(other, c).ok());
  EXPECT_FALSE(p->businesses().assign_helper(other, b1, 0).ok());
  // Nobody, and administrators, read no business.
  EXPECT_FALSE(p->businesses().get(Actor::nobody(), b1).ok());
  EXPECT_FALSE(p->reports().report(admin(), b1).ok());
  // Who saw what is in the audit log, for administrators only.
  EXPECT_FALSE(p->audit_log(coord).ok());
  auto log = p->audit_log(admin());
  ASSERT_TRUE(log.ok());
  // Copied, not captured: clang 14 cannot capture a structured binding.
  EXPECT_TRUE(std::any_of(log->begin(), log->end(), [&, business = b1](const AuditEntry& e) {
    return e.action == "report.view" && e.actor == h.user && e.object == business;
  }));
}

TEST_P(Core, NotesAndAssessmentBelongToTheReportReaders) {
  auto coord = coordinator(organisation());
  Id c = campaign(coord);
  auto h = helper(coord, c, "h1@mbo.test");
  auto [b, owner] = ready_business(c, "een.test", "een@een.test");
  EXPECT_FALSE(p->businesses().add_note(h, b, {"Wachtwoorden", "MFA aanzetten", "2027-01-15"}).ok());
  ASSERT_TRUE(p->businesses().assign_helper(coord, b, h.user).ok());
  EXPECT_EQ(p->businesses().add_note(h, b, {"x", "y", "15-01-2027"}).error().field, "follow_up");
  ASSERT_TRUE(p->businesses().add_note(h, b, {"Wachtwoorden", "MFA aanzetten", "2027-01-15"}).ok());
  auto notes = p->businesses().notes(owner, b);
  ASSERT_TRUE(notes.ok());
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ(notes->front().agreed, "MFA aanzetten");
  EXPECT_EQ(p->businesses().save_assessment(owner, b, "{niet json").error().key, "assessment.invalid");
  ASSERT_TRUE(p->businesses().save_assessment(owner, b, R"({"answers":{"backup":"yes"}})").ok());
  EXPECT_EQ(p->businesses().assessment(h, b)->value(), R"({"answers":{"backup":"yes"}})");
  EXPECT_FALSE(p->businesses().assessment(coord, b).ok());
}

// A business's standing as the lists show it: each step on the way to a scan, the scan date
// and the helper's follow-up date (not for the coordinator, who reads no notes).
TEST_P(Core, StandingFollowsTheBusinessToItsScanAndFollowUp) {
  auto coord = coordinator(organisation());
  Id c = campaign(coord);
  auto h = helper(coord, c, "h1@mbo.test");
  using Step = Standing::Step;
  auto step_of = [&](const Actor& who, Id b) { return p->businesses().standings(who, {b}).value().at(b).step; };
  // Signed up only: waits for the e-mail confirmation; confirmed: for the proof.
  auto receipt = p->signups().sign_up(slug_of(c), signup_input("twee.test", "twee@twee.test")).value();
  EXPECT_EQ(step_of(coord, receipt.business), Step::confirm_email);
  auto two = p->signups().confirm_email(receipt.email_token, "ondernemer-pw").value();
  EXPECT_EQ(step_of(two, receipt.business), Step::prove_domain);
  // Proven: the first scan is queued, then runs, then is stored.
  const auto ready = ready_business(c, "een.test", "een@een.test");
  const Id b = ready.first;  // not a structured binding: the lambdas below capture it
  const Actor owner = ready.second;
  EXPECT_EQ(step_of(owner, b), Step::scan_queued);
  db->write([&](store::Tx& tx) {
    tx.exec("UPDATE jobs SET state = 'running' WHERE business_id = ? AND kind = 'scan'", {b});
  });
  EXPECT_EQ(step_of(owner, b), Step::scan_running);
  db->write([&](store::Tx& tx) {
    Id job = tx.one("SELECT id FROM jobs WHERE business_id = ? AND kind = 'scan'", {b})->integer(0);
    tx.exec("UPDATE jobs SET state = 'done' WHERE id = ?", {job});
    store_scan(tx, now, b, job, ScanOutput{"scanned", "{}", {}}, "https://x");
  });
  auto st = p->businesses().standings(owner, {b}).value().at(b);
  EXPECT_EQ(st.step, Step::scanned);
  EXPECT_EQ(st.last_scan_at, now);
  EXPECT_TRUE(st.follow_up.empty());
  // The helper's latest note with a date gives the follow-up; a later note without one keeps it.
  ASSERT_TRUE(p->businesses().assign_helper(coord, b, h.user).ok());
  ASSERT_TRUE(p->businesses().add_note(h, b, {"Eerste gesprek", "", "2027-01-15"}).ok());
  ASSERT_TRUE(p->businesses().add_note(h, b, {"Tweede gesprek", "", "2027-02-01"}).ok());
  ASSERT_TRUE(p->businesses().add_note(h, b, {"Gebeld", "", ""}).ok());
  EXPECT_EQ(p->businesses().standings(h, {b}).value().at(b).follow_up, "2027-02-01");
  EXPECT_EQ(p->businesses().standings(owner, {b}).value().at(b).follow_up, "2027-02-01");
  auto for_coord = p->businesses().standings(coord, {b, receipt.business}).value();
  EXPECT_EQ(for_coord.at(b).step, Step::scanned);
  EXPECT_TRUE(for_coord.at(b).follow_up.empty());
  // Someone else's business is left out, not reported as an error.
  EXPECT_TRUE(p->businesses().standings(owner, {receipt.business}).value().empty());
  auto other = coordinator(organisation("Ander netwerk"), "ander@x.test");
  EXPECT_TRUE(p->businesses().standings(other, {b}).value().empty());
}

TEST_P(Core, ExportAndWithdrawal) {
  auto coord = coordinator(organisation());
  Id c = campaign(coord);
  auto [b, owner] = ready_business(c, "een.test", "een@een.test");
  auto exported = p->businesses().export_data(owner, b);
  ASSERT_TRUE(exported.ok());
  EXPECT_NE(exported->find("\"een.test\""), std::string::npos);
  EXPECT_NE(exported->find("Ik geef toestemming"), std::string::npos);
  ASSERT_TRUE(p->businesses().withdraw(owner, b).ok());
  // Scans stop: the queued first scan is cancelled; personal data is gone.
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan' AND state = 'queued'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM businesses WHERE id = ? AND name IS NULL AND email IS NULL AND domain IS NULL "
                  "AND status = 'withdrawn' AND sector = 'horeca' AND postcode_area = '35'",
                  {b}),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE role = 'entrepreneur'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE recipient = 'een@een.test' AND template <> 'withdrawn'"), 0);
  EXPECT_FALSE(p->businesses().get(owner, b).ok());
  // The same domain may sign up again afterwards.
  EXPECT_TRUE(p->signups().sign_up("veilig-ondernemen", signup_input("een.test", "een@een.test")).ok());
}

TEST_P(Core, ApiClientsReadCampaignsAndChangeNothing) {
  Id org = organisation();
  auto coord = coordinator(org);
  Id c = campaign(coord);
  auto [b, owner] = ready_business(c, "een.test", "een@een.test");
  auto key = p->accounts().create_api_key(coord, "website netwerk");
  ASSERT_TRUE(key.ok());
  ASSERT_EQ(p->accounts().api_key_organisation(*key), org);
  EXPECT_FALSE(p->accounts().api_key_organisation("wb_onzin").has_value());
  auto api = Actor::api_client(org);
  EXPECT_TRUE(p->campaigns().get(api, c).ok());
  EXPECT_EQ(p->campaigns().list(api)->size(), 1u);
  EXPECT_TRUE(p->dashboards().dashboard(api, c).ok());
  EXPECT_FALSE(p->businesses().of_campaign(api, c).ok());
  EXPECT_FALSE(p->businesses().get(api, b).ok());
  EXPECT_FALSE(p->reports().report(api, b).ok());
  EXPECT_FALSE(p->campaigns().set_consent_text(api, c, "x").ok());
  EXPECT_FALSE(p->campaigns().create(api, CampaignInput{}).ok());
  EXPECT_FALSE(p->accounts().invite(api, {"h@x.test", Role::helper, org, 0}).ok());
  EXPECT_FALSE(p->accounts().create_api_key(api, "x").ok());
  EXPECT_FALSE(p->campaigns().get(Actor::api_client(org + 1), c).ok());
}

TEST_P(Core, SeederBuildsReadyBusinessesAndStoredScans) {
  Seeder seed(p->context());
  Id org = seed.organisation("Demo netwerk").value();
  auto coord = seed.user("coord@demo.test", "Coördinator", Role::coordinator, org, "demo-wachtwoord");
  ASSERT_TRUE(coord.ok()) << coord.error().key;
  EXPECT_TRUE(p->accounts().login("coord@demo.test", "demo-wachtwoord").ok());
  Id c = campaign(*coord);
  auto ready = seed.ready_business(c, {signup_input("bakkerij.test", "jan@bakkerij.test"), "ondernemer-pw"}, false);
  ASSERT_TRUE(ready.ok()) << ready.error().key;
  auto [b, owner] = *ready;
  EXPECT_TRUE(p->businesses().get(owner, b)->progress.may_scan());
  EXPECT_EQ(count("SELECT COUNT(*) FROM jobs WHERE kind = 'scan'"), 0);
  const std::string report =
      R"({"schema":"weerbaar.scan/1","domains":[{"domain":"bakkerij.test","status":"scanned","checks":[)"
      R"({"id":"web.hsts","findings":[{"id":"WEB_NO_HSTS","severity":"medium"}]},)"
      R"({"id":"tls.protocols","subject":"mx.bakkerij.test","findings":[{"id":"TLS_OLD","severity":"high"}]}]}]})";
  ASSERT_TRUE(seed.completed_scan(b, report, now - 86400).ok());
  auto rep = p->reports().report(owner, b).value();
  ASSERT_EQ(rep.scans.size(), 1u);
  ASSERT_EQ(rep.scans[0].findings.size(), 2u);
  EXPECT_EQ(rep.scans[0].findings[0].subject, "mx.bakkerij.test");
  EXPECT_EQ(*rep.latest_json, report);
  EXPECT_EQ(seed.completed_scan(b, "{", now).error().key, "seed.report_invalid");
  auto expired = seed.invitation("laat@demo.test", Role::helper, org, now - 1);
  EXPECT_EQ(p->accounts().invitation(*expired).error().key, "invitation.expired");
}

INSTANTIATE_TEST_SUITE_P(Store, Core, ::testing::ValuesIn(backends()), backend_name);

TEST(PlatformValidate, PostcodesEmailsSlugs) {
  EXPECT_EQ(normalise_postcode("3511 ab"), "3511AB");
  EXPECT_FALSE(normalise_postcode("3511 SS").has_value());
  EXPECT_FALSE(normalise_postcode("351 AB").has_value());
  EXPECT_EQ(postcode_area("3511AB"), "35");
  EXPECT_EQ(normalise_email(" Jan@Bakkerij.NL "), "Jan@bakkerij.nl");
  EXPECT_FALSE(normalise_email("jan@bakkerij.nl\r\nBcc: x@y.z").has_value());
  EXPECT_FALSE(normalise_email("jan").has_value());
  EXPECT_EQ(slugify("Veilig Ondernemen Utrecht 2027!"), "veilig-ondernemen-utrecht-2027");
}

TEST(PlatformSecrets, TokensAreRandomAndHashesStable) {
  auto a = random_token();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, random_token());
  EXPECT_EQ(token_hash(a), token_hash(a));
  EXPECT_EQ(token_hash(a).size(), 64u);
  auto h = hash_password("correct horse battery", PasswordCost::minimal);
  EXPECT_TRUE(verify_password(h, "correct horse battery"));
  EXPECT_FALSE(verify_password(h, "correct horse battery!"));
  EXPECT_FALSE(verify_password("", "x"));
}

}  // namespace
}  // namespace weerbaar::platform_testing
