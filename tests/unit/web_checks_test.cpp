// Each web check on hand-built facts: silent on a good site, and each finding where planted.
#include <gtest/gtest.h>

#include <algorithm>

#include "scan/judge.hpp"
#include "web_facts_fixture.hpp"

namespace weerbaar::scan::webtest {
namespace {

const std::vector<std::string> kWebChecks{"web.https",        "web.redirect",       "web.hsts",       "web.csp",
                                          "web.headers",      "web.cookies",        "web.cors",       "web.sri",
                                          "web.security_txt", "web.server_version", "web.bare_domain"};

std::string describe(const CheckResult& r) {
  std::string s = std::string(to_string(r.outcome)) + " " + r.reason;
  for (const auto& f : r.findings) {
    s += " [" + f.id;
    for (const auto& [k, v] : f.params) s += " " + k + "=" + v;
    s += "]";
  }
  return s;
}

::testing::AssertionResult only_finding(const CheckResult& r, std::string_view id) {
  if (r.outcome == Outcome::fail && r.findings.size() == 1 && r.findings[0].id == id) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "expected only " << id << ", got " << describe(r);
}

TEST(WebChecks, AllRegisteredInTheWebFamily) {
  for (const auto& id : kWebChecks) {
    const CheckSpec* spec = Catalogue::instance().find(id);
    ASSERT_NE(spec, nullptr) << id;
    EXPECT_EQ(spec->family, Family::web) << id;
  }
}

void expect_every_web_check_passes(const HostFacts& facts) {
  for (const auto& id : kWebChecks) {
    auto r = run_check(id, facts);
    EXPECT_EQ(r.outcome, Outcome::pass) << id << ": " << describe(r);
  }
}

TEST(WebChecks, GoodSitePassesEverything) {
  expect_every_web_check_passes(good_site());
}

TEST(WebChecks, NothingProbedIsNotApplicable) {
  HostFacts facts = good_site();
  facts.web.reset();
  for (const auto& id : kWebChecks) {
    EXPECT_EQ(run_check(id, facts).outcome, Outcome::not_applicable) << id;
  }
}

// ------------------------------------------------------------------ web.https
TEST(HttpsCheck, RefusedWhilePlainHttpAnswersIsMissing) {
  HostFacts facts = good_site();
  facts.web->https_root = failed("https://bakkerij-jansen.nl/", NetStatus::refused, "connection refused");
  facts.web->http_chain = {answered("http://bakkerij-jansen.nl/", response(200, {}, "<html></html>"))};
  auto r = run_check("web.https", facts);
  ASSERT_TRUE(only_finding(r, "WEB_HTTPS_MISSING"));
  EXPECT_EQ(r.findings[0].params.at("reason"), "connection refused");
}

TEST(HttpsCheck, FailedHandshakeIsBrokenNotMissing) {
  HostFacts facts = good_site();
  facts.web->https_root = failed("https://bakkerij-jansen.nl/", NetStatus::tls_failed, "no shared protocol version");
  facts.web->http_chain = {failed("http://bakkerij-jansen.nl/", NetStatus::refused)};
  auto r = run_check("web.https", facts);
  ASSERT_TRUE(only_finding(r, "WEB_HTTPS_BROKEN"));
  EXPECT_EQ(r.findings[0].params.at("reason"), "no shared protocol version");
  // Facts recorded before the kind existed have none: worded as the kind nobody named.
  EXPECT_EQ(r.findings[0].params.at("cause"), "other");
  facts.web->https_root.tls_failure = TlsFailure::not_tls;
  EXPECT_EQ(run_check("web.https", facts).findings.at(0).params.at("cause"), "not_tls");
  // With a website on port 80 as well: still broken, not "turn HTTPS on".
  facts.web->http_chain = {answered("http://bakkerij-jansen.nl/", response(200, {}, "<html></html>"))};
  EXPECT_TRUE(only_finding(run_check("web.https", facts), "WEB_HTTPS_BROKEN"));
}

TEST(HttpsCheck, TimeoutIsInconclusiveAndNoWebServerIsNotApplicable) {
  HostFacts facts = good_site();
  facts.web->https_root = failed("https://bakkerij-jansen.nl/", NetStatus::timeout);
  EXPECT_EQ(run_check("web.https", facts).outcome, Outcome::inconclusive);
  facts.web->https_root = failed("https://bakkerij-jansen.nl/", NetStatus::refused);
  facts.web->http_chain = {failed("http://bakkerij-jansen.nl/", NetStatus::refused)};
  EXPECT_EQ(run_check("web.https", facts).outcome, Outcome::not_applicable);
}

TEST(HttpsCheck, GarbageOverTlsStillMeansHttpsIsOffered) {
  HostFacts facts = good_site();
  facts.web->https_root = failed("https://bakkerij-jansen.nl/", NetStatus::protocol_error);
  EXPECT_EQ(run_check("web.https", facts).outcome, Outcome::pass);
  EXPECT_EQ(run_check("web.hsts", facts).outcome, Outcome::inconclusive);
}

TEST(HttpsCheck, ChecksThatNeedHttpsFollowItsState) {
  HostFacts facts = good_site();
  facts.web->https_root = failed("https://bakkerij-jansen.nl/", NetStatus::refused);
  facts.web->security_txt = failed("https://bakkerij-jansen.nl/.well-known/security.txt", NetStatus::refused);
  for (const char* id : {"web.hsts", "web.csp", "web.headers", "web.sri", "web.security_txt"}) {
    EXPECT_EQ(run_check(id, facts).outcome, Outcome::not_applicable) << id;
  }
  facts.web->https_root = failed("https://bakkerij-jansen.nl/", NetStatus::timeout);
  for (const char* id : {"web.hsts", "web.csp", "web.headers", "web.sri", "web.security_txt"}) {
    EXPECT_EQ(run_check(id, facts).outcome, Outcome::inconclusive) << id;
  }
}

// ------------------------------------------------------------------ web.redirect
TEST(RedirectCheck, PlainPageWithoutRedirect) {
  HostFacts facts = good_site();
  facts.web->http_chain = {answered("http://bakkerij-jansen.nl/", response(200, {}, "<html>"))};
  auto r = run_check("web.redirect", facts);
  ASSERT_TRUE(only_finding(r, "WEB_HTTP_NO_REDIRECT"));
  EXPECT_EQ(r.findings[0].params.at("status"), "200");
}

TEST(RedirectCheck, RedirectThatStaysOnHttp) {
  HostFacts facts = good_site();
  facts.web->http_chain = {
      answered("http://bakkerij-jansen.nl/", response(301, {{"location", "http://www.bakkerij-jansen.nl/"}})),
      answered("http://www.bakkerij-jansen.nl/", response(200, {}, "<html>"))};
  auto r = run_check("web.redirect", facts);
  ASSERT_TRUE(only_finding(r, "WEB_HTTP_NO_REDIRECT"));
  EXPECT_EQ(r.findings[0].params.at("final_url"), "http://www.bakkerij-jansen.nl/");
}

TEST(RedirectCheck, FirstHopToHttpsOnAnotherHost) {
  HostFacts facts = good_site();
  facts.web->http_chain = {
      answered("http://bakkerij-jansen.nl/", response(301, {{"location", "https://www.bakkerij-jansen.nl/"}})),
      answered("https://www.bakkerij-jansen.nl/", response(200, {}, "<html>"))};
  auto r = run_check("web.redirect", facts);
  ASSERT_TRUE(only_finding(r, "WEB_HTTP_REDIRECT_OTHER_HOST"));
  EXPECT_EQ(r.findings[0].params.at("location"), "https://www.bakkerij-jansen.nl/");
}

TEST(RedirectCheck, SameHostFirstThenElsewhereIsFine) {
  HostFacts facts = good_site();
  facts.web->http_chain = {
      answered("http://bakkerij-jansen.nl/", response(301, {{"location", "https://bakkerij-jansen.nl/"}})),
      answered("https://bakkerij-jansen.nl/", response(301, {{"location", "https://www.bakkerij-jansen.nl/"}})),
      answered("https://www.bakkerij-jansen.nl/", response(200, {}, "<html>"))};
  EXPECT_EQ(run_check("web.redirect", facts).outcome, Outcome::pass);
}

TEST(RedirectCheck, RedirectToHttpsThatThenFailsStillCounts) {
  HostFacts facts = good_site();
  facts.web->http_chain = {
      answered("http://bakkerij-jansen.nl/", response(302, {{"location", "https://bakkerij-jansen.nl/"}})),
      failed("https://bakkerij-jansen.nl/", NetStatus::timeout)};
  EXPECT_EQ(run_check("web.redirect", facts).outcome, Outcome::pass);
}

TEST(RedirectCheck, NoPlainHttpOrLimitReached) {
  HostFacts facts = good_site();
  facts.web->http_chain = {failed("http://bakkerij-jansen.nl/", NetStatus::refused)};
  EXPECT_EQ(run_check("web.redirect", facts).outcome, Outcome::not_applicable);
  facts.web->http_chain = {failed("http://bakkerij-jansen.nl/", NetStatus::timeout)};
  EXPECT_EQ(run_check("web.redirect", facts).outcome, Outcome::inconclusive);

  facts.web->http_chain.clear();
  for (int i = 0; i < 10; ++i) {
    facts.web->http_chain.push_back(answered("http://bakkerij-jansen.nl/" + std::to_string(i),
                                             response(302, {{"location", "/" + std::to_string(i + 1)}})));
  }
  facts.web->http_chain.back().error = "redirect limit of 10 reached";
  EXPECT_EQ(run_check("web.redirect", facts).outcome, Outcome::inconclusive);
}

TEST(RedirectCheck, LoopIsASiteThatNeverOpens) {
  HostFacts facts = good_site();
  facts.web->http_chain = {
      answered("http://bakkerij-jansen.nl/", response(301, {{"location", "https://bakkerij-jansen.nl/"}})),
      answered("https://bakkerij-jansen.nl/", response(302, {{"location", "/../"}}))};
  facts.web->http_chain.back().error = "redirect loop: https://bakkerij-jansen.nl/ was visited before";
  auto r = run_check("web.redirect", facts);
  ASSERT_TRUE(only_finding(r, "WEB_REDIRECT_ENDLESS"));
  EXPECT_EQ(r.findings[0].params.at("location"), "https://bakkerij-jansen.nl/");
  EXPECT_EQ(r.findings[0].params.at("hops"), "2");
  // The same chain ending on a page is fine.
  facts.web->http_chain.back() = answered("https://bakkerij-jansen.nl/", response(200, {}, "<html>"));
  EXPECT_EQ(run_check("web.redirect", facts).outcome, Outcome::pass);
}

// ------------------------------------------------------------------ web.hsts
TEST(HstsCheck, MissingInvalidAndShort) {
  HostFacts facts = good_site();
  remove_header(https_page(facts), "strict-transport-security");
  EXPECT_TRUE(only_finding(run_check("web.hsts", facts), "WEB_HSTS_MISSING"));

  set_header(https_page(facts), "strict-transport-security", "max-age=31536000; max-age=300");
  auto invalid = run_check("web.hsts", facts);
  ASSERT_TRUE(only_finding(invalid, "WEB_HSTS_MISSING"));
  EXPECT_NE(invalid.findings[0].params.at("problem").find("more than once"), std::string::npos);

  set_header(https_page(facts), "strict-transport-security", "max-age=300");
  auto shorter = run_check("web.hsts", facts);
  ASSERT_TRUE(only_finding(shorter, "WEB_HSTS_SHORT"));
  EXPECT_EQ(shorter.findings[0].params.at("max_age"), "300");

  set_header(https_page(facts), "strict-transport-security", "max-age=31536000");
  EXPECT_EQ(run_check("web.hsts", facts).outcome, Outcome::pass);
}

TEST(HstsCheck, OnlyTheFirstHeaderCounts) {
  HostFacts facts = good_site();
  https_page(facts).headers.push_back({"strict-transport-security", "max-age=0"});
  EXPECT_EQ(run_check("web.hsts", facts).outcome, Outcome::pass);
}

// ------------------------------------------------------------------ web.csp
TEST(CspCheck, Missing) {
  HostFacts facts = good_site();
  remove_header(https_page(facts), "content-security-policy");
  EXPECT_TRUE(only_finding(run_check("web.csp", facts), "WEB_CSP_MISSING"));
  // Report-Only is not enforced, so it does not count.
  https_page(facts).headers.push_back({"content-security-policy-report-only", "default-src 'self'"});
  EXPECT_TRUE(only_finding(run_check("web.csp", facts), "WEB_CSP_MISSING"));
}

TEST(CspCheck, MetaPolicyCountsButCannotSetFrameAncestors) {
  HostFacts facts = good_site();
  remove_header(https_page(facts), "content-security-policy");
  https_page(facts).body =
      R"(<head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"></head>)";
  // With X-Frame-Options the site does what a meta policy cannot.
  EXPECT_EQ(run_check("web.csp", facts).outcome, Outcome::pass);
  remove_header(https_page(facts), "x-frame-options");
  auto r = run_check("web.csp", facts);
  ASSERT_TRUE(only_finding(r, "WEB_CSP_INCOMPLETE"));
  EXPECT_EQ(r.findings[0].params.at("missing"), "frame-ancestors");
}

TEST(CspCheck, UnsafeInlineAndEval) {
  HostFacts facts = good_site();
  set_header(https_page(facts), "content-security-policy",
             "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; frame-ancestors 'self'; "
             "base-uri 'self'; form-action 'self'");
  auto r = run_check("web.csp", facts);
  ASSERT_TRUE(only_finding(r, "WEB_CSP_UNSAFE"));
  EXPECT_EQ(r.findings[0].params.at("keywords"), "'unsafe-inline', 'unsafe-eval'");
}

TEST(CspCheck, UnsafeInlineWithNonceIsSafe) {
  HostFacts facts = good_site();
  set_header(https_page(facts), "content-security-policy",
             "default-src 'self' 'unsafe-inline' 'nonce-abc'; frame-ancestors 'self'; base-uri 'self'; "
             "form-action 'self'");
  EXPECT_EQ(run_check("web.csp", facts).outcome, Outcome::pass);
}

TEST(CspCheck, UnsafeInlineFallsBackToDefaultSrc) {
  HostFacts facts = good_site();
  set_header(https_page(facts), "content-security-policy",
             "default-src 'self' 'unsafe-inline'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'");
  EXPECT_TRUE(only_finding(run_check("web.csp", facts), "WEB_CSP_UNSAFE"));
}

TEST(CspCheck, AStricterSecondPolicyWins) {
  HostFacts facts = good_site();
  set_header(https_page(facts), "content-security-policy",
             "default-src 'self' 'unsafe-inline'; frame-ancestors 'self'; base-uri 'self'; form-action 'self', "
             "script-src 'self'");
  EXPECT_EQ(run_check("web.csp", facts).outcome, Outcome::pass);
}

TEST(CspCheck, WildcardsAndBareSchemes) {
  HostFacts facts = good_site();
  set_header(https_page(facts), "content-security-policy",
             "default-src 'self'; script-src 'self' https: data:; object-src *; frame-ancestors 'self'; "
             "base-uri 'self'; form-action 'self'");
  auto r = run_check("web.csp", facts);
  ASSERT_TRUE(only_finding(r, "WEB_CSP_WILDCARD"));
  EXPECT_EQ(r.findings[0].params.at("sources"), "https:, data:, *");
}

TEST(CspCheck, IncompleteListsWhatIsMissing) {
  HostFacts facts = good_site();
  set_header(https_page(facts), "content-security-policy", "script-src 'self'; object-src 'none'");
  auto r = run_check("web.csp", facts);
  ASSERT_TRUE(only_finding(r, "WEB_CSP_INCOMPLETE"));
  EXPECT_EQ(r.findings[0].params.at("missing"), "default-src, base-uri, form-action") << "X-Frame-Options stands in";
  remove_header(https_page(facts), "x-frame-options");
  r = run_check("web.csp", facts);
  ASSERT_TRUE(only_finding(r, "WEB_CSP_INCOMPLETE"));
  EXPECT_EQ(r.findings[0].params.at("missing"), "default-src, frame-ancestors, base-uri, form-action");
}

// ------------------------------------------------------------------ web.headers
TEST(HeadersCheck, NosniffMissingOrWrong) {
  HostFacts facts = good_site();
  remove_header(https_page(facts), "x-content-type-options");
  EXPECT_TRUE(only_finding(run_check("web.headers", facts), "WEB_XCTO_MISSING"));
  set_header(https_page(facts), "x-content-type-options", "sniff-please");
  EXPECT_TRUE(only_finding(run_check("web.headers", facts), "WEB_XCTO_MISSING"));
  set_header(https_page(facts), "x-content-type-options", " NoSniff ");
  EXPECT_EQ(run_check("web.headers", facts).outcome, Outcome::pass);
}

TEST(HeadersCheck, FramingNeedsXfoOrFrameAncestors) {
  HostFacts facts = good_site();
  remove_header(https_page(facts), "x-frame-options");
  EXPECT_EQ(run_check("web.headers", facts).outcome, Outcome::pass);  // CSP frame-ancestors covers it
  remove_header(https_page(facts), "content-security-policy");
  EXPECT_TRUE(only_finding(run_check("web.headers", facts), "WEB_FRAME_OPTIONS_MISSING"));
  set_header(https_page(facts), "x-frame-options", "ALLOW-FROM https://partner.example");
  auto r = run_check("web.headers", facts);
  ASSERT_TRUE(only_finding(r, "WEB_FRAME_OPTIONS_MISSING"));
  EXPECT_EQ(r.findings[0].params.at("x_frame_options"), "ALLOW-FROM https://partner.example");
  set_header(https_page(facts), "x-frame-options", "DENY, SAMEORIGIN");  // conflicting: ignored by browsers
  EXPECT_TRUE(only_finding(run_check("web.headers", facts), "WEB_FRAME_OPTIONS_MISSING"));
  set_header(https_page(facts), "x-frame-options", "deny");
  EXPECT_EQ(run_check("web.headers", facts).outcome, Outcome::pass);
}

TEST(HeadersCheck, ReferrerPolicy) {
  HostFacts facts = good_site();
  remove_header(https_page(facts), "referrer-policy");
  auto missing = run_check("web.headers", facts);
  ASSERT_TRUE(only_finding(missing, "WEB_REFERRER_POLICY_WEAK"));
  EXPECT_EQ(missing.findings[0].params.at("policy"), "(none)");
  set_header(https_page(facts), "referrer-policy", "unsafe-url");
  auto weak = run_check("web.headers", facts);
  ASSERT_TRUE(only_finding(weak, "WEB_REFERRER_POLICY_WEAK"));
  EXPECT_EQ(weak.findings[0].params.at("policy"), "unsafe-url");
  // The last value the browser knows wins; an unknown one after it is skipped.
  set_header(https_page(facts), "referrer-policy", "unsafe-url, no-referrer, future-policy");
  EXPECT_EQ(run_check("web.headers", facts).outcome, Outcome::pass);
  set_header(https_page(facts), "referrer-policy", "same-origin, origin-when-cross-origin");
  EXPECT_TRUE(only_finding(run_check("web.headers", facts), "WEB_REFERRER_POLICY_WEAK"));
}

// ------------------------------------------------------------------ web.cookies
TEST(CookiesCheck, EachMissingFlagNamesItsCookies) {
  HostFacts facts = good_site();
  auto& page = https_page(facts);
  page.headers.push_back({"set-cookie", "tracking=1; Path=/"});
  page.headers.push_back({"set-cookie", "cart=7; Secure; SameSite=Strict"});
  page.headers.push_back({"set-cookie", "pref=x; Secure; HttpOnly; SameSite=sometimes"});
  auto r = run_check("web.cookies", facts);
  ASSERT_EQ(r.outcome, Outcome::fail);
  ASSERT_EQ(r.findings.size(), 3u);
  EXPECT_EQ(finding(r, "WEB_COOKIE_NOT_SECURE")->params.at("cookies"), "tracking");
  EXPECT_EQ(finding(r, "WEB_COOKIE_NOT_HTTPONLY")->params.at("cookies"), "tracking, cart");
  EXPECT_EQ(finding(r, "WEB_COOKIE_NO_SAMESITE")->params.at("cookies"), "tracking, pref");
}

TEST(CookiesCheck, DeletionsAreIgnored) {
  HostFacts facts = good_site();
  https_page(facts).headers.push_back({"set-cookie", "gone=; Expires=Thu, 01 Jan 1970 00:00:00 GMT"});
  EXPECT_EQ(run_check("web.cookies", facts).outcome, Outcome::pass);
}

TEST(CookiesCheck, PlainHttpSiteIsJudgedWithoutSecure) {
  HostFacts facts = good_site();
  facts.web->https_root = failed("https://bakkerij-jansen.nl/", NetStatus::refused);
  facts.web->http_chain = {answered("http://bakkerij-jansen.nl/", response(200, {{"set-cookie", "sid=1; HttpOnly"}}))};
  auto r = run_check("web.cookies", facts);
  ASSERT_TRUE(only_finding(r, "WEB_COOKIE_NO_SAMESITE"));
  EXPECT_EQ(r.findings[0].params.at("cookies"), "sid");
}

// ------------------------------------------------------------------ web.cors
TEST(CorsCheck, AnyOriginAndReflection) {
  HostFacts facts = good_site();
  set_header(https_page(facts), "access-control-allow-origin", "*");
  auto star = run_check("web.cors", facts);
  ASSERT_TRUE(only_finding(star, "WEB_CORS_ANY_ORIGIN"));
  EXPECT_EQ(star.findings[0].params.at("allow_origin"), "*");

  set_header(https_page(facts), "access-control-allow-origin", "https://weerbaar-cors-probe.invalid");
  set_header(https_page(facts), "access-control-allow-credentials", "true");
  auto reflected = run_check("web.cors", facts);
  ASSERT_TRUE(only_finding(reflected, "WEB_CORS_ANY_ORIGIN"));
  EXPECT_EQ(reflected.findings[0].params.at("reflected"), "true");
  EXPECT_EQ(reflected.findings[0].params.at("credentials"), "true");

  set_header(https_page(facts), "access-control-allow-origin", "https://partner.example");
  EXPECT_EQ(run_check("web.cors", facts).outcome, Outcome::pass);
}

TEST(CorsCheck, PlainHttpWhenNoHttps) {
  HostFacts facts = good_site();
  facts.web->https_root = failed("https://bakkerij-jansen.nl/", NetStatus::tls_failed);
  facts.web->http_chain = {
      answered("http://bakkerij-jansen.nl/", response(200, {{"access-control-allow-origin", "*"}}))};
  EXPECT_TRUE(only_finding(run_check("web.cors", facts), "WEB_CORS_ANY_ORIGIN"));
}

// ------------------------------------------------------------------ web.sri
TEST(SriCheck, ForeignScriptsWithoutIntegrity) {
  HostFacts facts = good_site();
  https_page(facts).body += R"(<script src="//cdn.jsdelivr.net/npm/x@1/x.js"></script>
<SCRIPT type="module" SRC='https://widgets.example.org/w.js' integrity=""></SCRIPT>
<!-- <script src="https://old.example.net/gone.js"></script> -->
<script src="data:text/javascript,1"></script>)";
  auto r = run_check("web.sri", facts);
  ASSERT_TRUE(only_finding(r, "WEB_SRI_MISSING"));
  EXPECT_EQ(r.findings[0].params.at("count"), "2");
  EXPECT_EQ(r.findings[0].params.at("scripts"),
            "https://cdn.jsdelivr.net/npm/x@1/x.js, https://widgets.example.org/w.js");
}

TEST(SriCheck, ListsAtMostFiveButCountsAll) {
  HostFacts facts = good_site();
  for (int i = 0; i < 7; ++i) {
    https_page(facts).body += "<script src=\"https://ads" + std::to_string(i) + ".example/a.js\"></script>";
  }
  auto r = run_check("web.sri", facts);
  ASSERT_TRUE(only_finding(r, "WEB_SRI_MISSING"));
  EXPECT_EQ(r.findings[0].params.at("count"), "7");
  EXPECT_EQ(r.findings[0].params.at("scripts").find("ads5"), std::string::npos);
}

// ------------------------------------------------------------------ web.security_txt
HttpExchange security_txt(int status, std::string type, std::string body) {
  std::vector<HttpHeader> headers;
  if (!type.empty()) headers.push_back({"content-type", std::move(type)});
  return answered("https://bakkerij-jansen.nl/.well-known/security.txt", response(status, headers, std::move(body)));
}

TEST(SecurityTxtCheck, MissingWhenNotFoundOrNotPlainText) {
  HostFacts facts = good_site();
  facts.web->security_txt = security_txt(404, "text/html", "<h1>Not found</h1>");
  auto r = run_check("web.security_txt", facts);
  ASSERT_TRUE(only_finding(r, "WEB_SECURITYTXT_MISSING"));
  EXPECT_EQ(r.findings[0].params.at("status"), "404");
  // A site that answers every path with its home page.
  facts.web->security_txt = security_txt(200, "text/html; charset=utf-8", std::string(kGoodPage));
  EXPECT_TRUE(only_finding(run_check("web.security_txt", facts), "WEB_SECURITYTXT_MISSING"));
}

TEST(SecurityTxtCheck, InvalidAndExpired) {
  HostFacts facts = good_site();
  facts.web->security_txt = security_txt(200, "text/plain", "Expires: 2026-01-01T00:00:00Z\n");
  auto no_contact = run_check("web.security_txt", facts);
  ASSERT_TRUE(only_finding(no_contact, "WEB_SECURITYTXT_INVALID"));
  EXPECT_EQ(no_contact.findings[0].params.at("problem"), "no Contact field");

  facts.web->security_txt = security_txt(200, "text/plain", "Contact: mailto:a@b.nl\nExpires: next year\n");
  EXPECT_TRUE(only_finding(run_check("web.security_txt", facts), "WEB_SECURITYTXT_INVALID"));

  facts.web->security_txt = security_txt(200, "text/plain", "Contact: mailto:a@b.nl\nExpires: 2025-05-31T23:59:59Z\n");
  auto expired = run_check("web.security_txt", facts);
  ASSERT_TRUE(only_finding(expired, "WEB_SECURITYTXT_EXPIRED"));
  EXPECT_EQ(expired.findings[0].params.at("expires"), "2025-05-31");
}

TEST(SecurityTxtCheck, RedirectOrTimeoutIsInconclusive) {
  HostFacts facts = good_site();
  facts.web->security_txt = security_txt(301, "", "");
  facts.web->security_txt.response->headers.push_back(
      {"location", "https://www.bakkerij-jansen.nl/.well-known/security.txt"});
  EXPECT_EQ(run_check("web.security_txt", facts).outcome, Outcome::inconclusive);
  facts.web->security_txt = failed("https://bakkerij-jansen.nl/.well-known/security.txt", NetStatus::timeout);
  EXPECT_EQ(run_check("web.security_txt", facts).outcome, Outcome::inconclusive);
}

// ------------------------------------------------------------------ web.server_version
TEST(ServerVersionCheck, VersionInServerOrPoweredBy) {
  HostFacts facts = good_site();
  set_header(https_page(facts), "server", "nginx/1.22.1");
  auto r = run_check("web.server_version", facts);
  ASSERT_TRUE(only_finding(r, "WEB_SERVER_VERSION_DISCLOSED"));
  EXPECT_EQ(r.findings[0].params.at("header"), "nginx/1.22.1");

  set_header(https_page(facts), "server", "Apache");
  set_header(https_page(facts), "x-powered-by", "PHP/7.4.3");
  EXPECT_EQ(run_check("web.server_version", facts).findings.at(0).params.at("header"), "PHP/7.4.3");
  set_header(https_page(facts), "x-powered-by", "ASP.NET");
  EXPECT_EQ(run_check("web.server_version", facts).outcome, Outcome::pass);
}

TEST(ServerVersionCheck, PlainHttpWhenNoHttps) {
  HostFacts facts = good_site();
  facts.web->https_root = failed("https://bakkerij-jansen.nl/", NetStatus::refused);
  facts.web->http_chain = {answered("http://bakkerij-jansen.nl/", response(200, {{"server", "Microsoft-IIS/10.0"}}))};
  EXPECT_TRUE(only_finding(run_check("web.server_version", facts), "WEB_SERVER_VERSION_DISCLOSED"));
}

// ------------------------------------------------------------------ the page a visitor lands on
// The apex only redirects to www (a bare redirect without the page's headers): the page checks
// judge www's page, HSTS the apex's own answer.
HostFacts apex_redirecting_to_www() {
  HostFacts facts = good_site();
  HttpExchange page = facts.web->https_root;
  page.url = "https://www.bakkerij-jansen.nl/";
  facts.web->https_root =
      answered("https://bakkerij-jansen.nl/",
               response(301, {{"location", "https://www.bakkerij-jansen.nl/"},
                              {"strict-transport-security", "max-age=63072000; includeSubDomains"}}));
  facts.web->https_landing = {page};
  return facts;
}

TEST(LandingPage, AnApexThatRedirectsToAGoodPageIsClean) {
  expect_every_web_check_passes(apex_redirecting_to_www());
}

TEST(LandingPage, ThePageVisitorsSeeIsJudgedNotTheRedirect) {
  HostFacts facts = apex_redirecting_to_www();
  // The apex's redirect carries every header; the page itself does not.
  for (const auto& h : facts.web->https_landing[0].response->headers) {
    if (h.name != "location") facts.web->https_root.response->headers.push_back(h);
  }
  remove_header(*facts.web->https_landing[0].response, "x-content-type-options");
  EXPECT_TRUE(only_finding(run_check("web.headers", facts), "WEB_XCTO_MISSING"));
  remove_header(*facts.web->https_landing[0].response, "content-security-policy");
  EXPECT_NE(finding(run_check("web.csp", facts), "WEB_CSP_MISSING"), nullptr);
}

TEST(LandingPage, HstsIsJudgedOnTheApexItself) {
  HostFacts facts = apex_redirecting_to_www();
  remove_header(*facts.web->https_root.response, "strict-transport-security");
  EXPECT_EQ(run_check("web.hsts", facts).outcome, Outcome::fail);
}

TEST(LandingPage, ARedirectThatEndsNowhereLeavesTheApexJudged) {
  HostFacts facts = apex_redirecting_to_www();
  facts.web->https_landing = {failed("https://www.bakkerij-jansen.nl/", NetStatus::timeout)};
  EXPECT_EQ(&facts.web->landing(), &facts.web->https_root);
  // A bare redirect has none of the page's headers: that is what the visitor's browser met.
  EXPECT_EQ(run_check("web.headers", facts).outcome, Outcome::fail);
}

// ------------------------------------------------------------------ web.bare_domain
TEST(BareDomainCheck, ASiteOnlyOnWwwIsJudgedThereAndTheBareDomainNamed) {
  HostFacts facts = good_site();
  facts.no_address = true;
  facts.site_host = "www.bakkerij-jansen.nl";
  auto r = run_check("web.bare_domain", facts);
  ASSERT_TRUE(only_finding(r, "WEB_BARE_DOMAIN_NO_ADDRESS"));
  EXPECT_EQ(r.findings[0].params.at("site"), "www.bakkerij-jansen.nl");
  // Judged as a whole, the site on www gets its web and TLS checks, not "not applicable".
  const auto all = judge(facts, {Family::web, Family::tls});
  const auto https = std::find_if(all.begin(), all.end(), [](const CheckResult& c) { return c.check == "web.https"; });
  ASSERT_NE(https, all.end());
  EXPECT_EQ(https->outcome, Outcome::pass);
}

TEST(BareDomainCheck, PassesOnlyWhenASiteAnsweredOnTheDomain) {
  HostFacts facts = good_site();
  EXPECT_EQ(run_check("web.bare_domain", facts).outcome, Outcome::pass);
  // Broken HTTPS and nothing on port 80: no site to reach, web.https says so.
  facts.web->https_root = failed("https://bakkerij-jansen.nl/", NetStatus::tls_failed);
  facts.web->http_chain = {failed("http://bakkerij-jansen.nl/", NetStatus::refused)};
  EXPECT_EQ(run_check("web.bare_domain", facts).outcome, Outcome::not_applicable);
  // No answer in time: it may be there.
  facts.web->https_root = failed("https://bakkerij-jansen.nl/", NetStatus::timeout);
  EXPECT_EQ(run_check("web.bare_domain", facts).outcome, Outcome::inconclusive);
  facts.web->http_chain = {answered("http://bakkerij-jansen.nl/", response(200, {}, "<html></html>"))};
  EXPECT_EQ(run_check("web.bare_domain", facts).outcome, Outcome::pass);
}

TEST(BareDomainCheck, MailOnlyDomainIsNotApplicableAsAWhole) {
  HostFacts facts = good_site();
  facts.no_address = true;
  const auto all = judge(facts, {Family::web});
  for (const auto& c : all) EXPECT_EQ(c.outcome, Outcome::not_applicable) << c.check;
}

}  // namespace
}  // namespace weerbaar::scan::webtest
