// Exposed files, CMS fingerprints and admin login pages: judged on what the answer says, never
// on a status 200 alone.
#include <gtest/gtest.h>

#include "scan/web/admin_login.hpp"
#include "scan/web/cms.hpp"
#include "scan/web/exposed_files.hpp"
#include "scan/web/site_paths.hpp"
#include "web_facts_fixture.hpp"

namespace weerbaar::scan::web {
namespace {

using webtest::answered;
using webtest::response;

HttpResponse ok(std::string body) {
  return response(200, {{"content-type", "text/plain"}}, std::move(body));
}

// A site where every path of the list answers 404, as a well-kept site does.
HostFacts with_paths(HostFacts facts, const std::vector<std::pair<std::string, HttpResponse>>& planted = {}) {
  for (auto path : site_paths()) {
    facts.web->paths.push_back(
        {std::string(path), answered("https://bakkerij-jansen.nl" + std::string(path),
                                     response(404, {}, "<html><body>404 Not Found</body></html>"))});
  }
  facts.web->paths.push_back({std::string(kNotFoundProbePath),
                              answered("https://bakkerij-jansen.nl/x", response(404, {}, "<html>404</html>"))});
  for (const auto& [path, r] : planted) {
    for (auto& p : facts.web->paths) {
      if (p.path == path) p.exchange.response = r;
    }
  }
  return facts;
}

// A "soft 404" site: every path answers 200 with the home page.
HostFacts soft_404_site() {
  HostFacts facts = webtest::good_site();
  const HttpResponse home = *facts.web->https_root.response;
  for (auto path : site_paths()) facts.web->paths.push_back({std::string(path), answered(std::string(path), home)});
  facts.web->paths.push_back({std::string(kNotFoundProbePath), answered("x", home)});
  return facts;
}

TEST(ExposedFiles, JudgedOnContent) {
  EXPECT_EQ(exposed_file("/.git/HEAD", ok("ref: refs/heads/main\n")), Exposure::version_control);
  EXPECT_EQ(exposed_file("/.git/HEAD", ok("3f786850e387550fdab836ed7e6dc881de23001b\n")), Exposure::version_control);
  EXPECT_EQ(exposed_file("/.env", ok("APP_KEY=x\nDB_PASSWORD=y\n# comment\n")), Exposure::environment);
  EXPECT_EQ(exposed_file("/backup.sql", ok("-- MySQL dump 10.13\nCREATE TABLE t (id int);\n")),
            Exposure::backup_archive);
  EXPECT_EQ(exposed_file("/backup.zip", ok(std::string("PK\x03\x04\x14\x00", 6))), Exposure::backup_archive);
  EXPECT_EQ(exposed_file("/wp-config.php.bak", ok("<?php\ndefine( 'DB_PASSWORD', 'x' );\n")), Exposure::config_backup);
  EXPECT_EQ(exposed_file("/server-status", ok("<h1>Apache Server Status for x</h1>")), Exposure::server_status);
  EXPECT_EQ(exposed_file("/server-status", ok("Active connections: 1 \nserver accepts handled requests\n 1 1 1\n")),
            Exposure::server_status);
  EXPECT_EQ(exposed_file("/phpinfo.php", ok("<title>PHP 8.2.7 - phpinfo()</title><h1>PHP Version 8.2.7</h1>")),
            Exposure::phpinfo);
  EXPECT_EQ(exposed_file("/uploads/", ok("<html><head><title>Index of /uploads/</title></head>")),
            Exposure::directory_listing);
}

TEST(ExposedFiles, HomePagesErrorPagesAndLookalikesAreNot) {
  const std::string home(webtest::kGoodPage);
  for (auto path : site_paths()) EXPECT_FALSE(exposed_file(path, ok(home))) << path;
  EXPECT_FALSE(exposed_file("/.git/HEAD", response(404, {}, "ref: refs/heads/main\n")));
  EXPECT_FALSE(exposed_file("/.git/HEAD", ok("ref: refs/heads/main\n<html>lots of html</html>\n")));
  EXPECT_FALSE(exposed_file("/.env", ok("<!doctype html><p>APP_KEY=x</p>\n<p>DB_PASSWORD=y</p>")));
  EXPECT_FALSE(exposed_file("/.env", ok("just=one\n")));
  EXPECT_FALSE(
      exposed_file("/backup.sql", ok("<html><body>CREATE TABLE and INSERT INTO in a blog post</body></html>")));
  EXPECT_FALSE(exposed_file("/phpinfo.php", ok("<p>What is phpinfo()?</p>")));
}

TEST(ExposedFilesCheck, FindsEachKindOncePerKind) {
  auto facts = with_paths(webtest::good_site(), {{"/.git/HEAD", ok("ref: refs/heads/main\n")},
                                                 {"/phpinfo.php", ok("phpinfo() PHP Version 8.2")},
                                                 {"/info.php", ok("phpinfo() PHP Version 8.2")}});
  auto r = webtest::run_check("web.exposed_files", facts);
  EXPECT_EQ(r.outcome, Outcome::fail);
  ASSERT_EQ(r.findings.size(), 2U);
  const auto* php = webtest::finding(r, "WEB_EXPOSED_PHPINFO");
  ASSERT_NE(php, nullptr);
  EXPECT_EQ(php->params.at("paths"), "/phpinfo.php, /info.php");
}

TEST(ExposedFilesCheck, WellKeptAndSoft404SitesPass) {
  EXPECT_EQ(webtest::run_check("web.exposed_files", with_paths(webtest::good_site())).outcome, Outcome::pass);
  EXPECT_EQ(webtest::run_check("web.exposed_files", soft_404_site()).outcome, Outcome::pass);
}

TEST(ExposedFilesCheck, NotProbedOrNothingAnsweredIsInconclusive) {
  EXPECT_EQ(webtest::run_check("web.exposed_files", webtest::good_site()).outcome, Outcome::inconclusive);
  auto facts = with_paths(webtest::good_site());
  for (auto& p : facts.web->paths) p.exchange = webtest::failed(p.path, NetStatus::timeout);
  EXPECT_EQ(webtest::run_check("web.exposed_files", facts).outcome, Outcome::inconclusive);
}

TEST(Cms, GeneratorTags) {
  EXPECT_EQ(cms_from_generator("WordPress 6.5.2")->version, "6.5.2");
  EXPECT_EQ(cms_from_generator("Drupal 10 (https://www.drupal.org)")->version, "10");
  auto joomla = cms_from_generator("Joomla! - Open Source Content Management");
  ASSERT_TRUE(joomla);
  EXPECT_EQ(joomla->product, "joomla");
  EXPECT_EQ(joomla->version, "");
  EXPECT_FALSE(cms_from_generator("Hugo 0.120.0"));
}

TEST(Cms, WellKnownFiles) {
  EXPECT_EQ(cms_from_path("/feed/", ok("<generator>https://wordpress.org/?v=6.4.2</generator>"))->version, "6.4.2");
  EXPECT_EQ(cms_from_path("/administrator/manifests/files/joomla.xml",
                          ok("<extension><name>files_joomla</name><version>4.2.7</version>"))
                ->version,
            "4.2.7");
  EXPECT_EQ(cms_from_path("/CHANGELOG.txt", ok("Drupal 7.98, 2023-06-07\n----\n"))->version, "7.98");
  EXPECT_EQ(cms_from_path("/magento_version", ok("Magento/2.4 (Community)"))->version, "2.4");
  // The home page answered for every path is none of these.
  for (auto path : site_paths()) EXPECT_FALSE(cms_from_path(path, ok(std::string(webtest::kGoodPage)))) << path;
}

TEST(CmsCheck, MostPreciseVersionWins) {
  auto facts = with_paths(webtest::good_site(), {{"/CHANGELOG.txt", ok("Drupal 7.57, 2018-02-21\n")}});
  webtest::set_header(webtest::https_page(facts), "x-generator", "Drupal 7 (http://drupal.org)");
  auto r = webtest::run_check("web.cms", facts);
  ASSERT_EQ(r.findings.size(), 1U);
  EXPECT_EQ(r.findings[0].id, "WEB_CMS_EXPLOITED");
  EXPECT_EQ(r.findings[0].params.at("version"), "7.57");
  EXPECT_EQ(r.findings[0].params.at("cves"), "CVE-2018-7600, CVE-2018-7602");
}

TEST(CmsCheck, EndOfLifeAndCurrent) {
  auto facts = with_paths(webtest::good_site());
  webtest::https_page(facts).body = R"(<html><head><meta name="generator" content="Joomla! 3.10.12"></head></html>)";
  facts.scanned_at = std::chrono::sys_days{std::chrono::year{2026} / 12 / 2};
  EXPECT_EQ(webtest::run_check("web.cms", facts).findings.at(0).id, "WEB_CMS_END_OF_LIFE");
  webtest::https_page(facts).body = R"(<meta name="generator" content="WordPress 6.5.2">)";
  EXPECT_EQ(webtest::run_check("web.cms", facts).outcome, Outcome::pass);
  EXPECT_EQ(webtest::run_check("web.cms", with_paths(webtest::good_site())).outcome, Outcome::not_applicable);
}

TEST(AdminLogin, LoginFormsNotHomePages) {
  const std::string wp =
      R"(<form name="loginform" id="loginform" method="post"><input type="text" name="log" id="user_login">
<input type="password" name="pwd"><input type="submit" name="wp-submit"></form>)";
  auto login = admin_login("/wp-login.php", ok(wp), nullptr, nullptr);
  ASSERT_TRUE(login);
  EXPECT_EQ(login->product, "WordPress");
  EXPECT_FALSE(admin_login("/wp-login.php", ok("<form><input type=text></form>"), nullptr, nullptr));
  EXPECT_FALSE(admin_login("/wp-login.php", response(403, {}, wp), nullptr, nullptr));
  // A site that answers every path with the same login page: that says nothing about this path.
  auto everywhere = answered("x", ok(wp));
  EXPECT_FALSE(admin_login("/wp-login.php", ok(wp), &everywhere, nullptr));
}

TEST(AdminLoginCheck, NoticeWithTheProduct) {
  const std::string drupal =
      R"(<script>Drupal.settings</script><form id="user-login"><input type="password" name="pass"></form>)";
  auto facts = with_paths(webtest::good_site(), {{"/user/login", ok(drupal)}});
  auto r = webtest::run_check("web.admin_login", facts);
  ASSERT_EQ(r.findings.size(), 1U);
  EXPECT_EQ(r.findings[0].id, "WEB_ADMIN_LOGIN_EXPOSED");
  EXPECT_EQ(r.findings[0].params.at("product"), "Drupal");
  EXPECT_EQ(webtest::run_check("web.admin_login", with_paths(webtest::good_site())).outcome, Outcome::pass);
  EXPECT_EQ(webtest::run_check("web.admin_login", soft_404_site()).outcome, Outcome::pass);
}

TEST(ServerSoftwareCheck, EndOfLifeAndExploitedButNotDistributionBuilds) {
  auto facts = webtest::good_site();
  facts.scanned_at = std::chrono::sys_days{std::chrono::year{2026} / 12 / 2};
  webtest::set_header(webtest::https_page(facts), "server", "nginx/1.22.0");
  webtest::set_header(webtest::https_page(facts), "x-powered-by", "PHP/7.4.3");
  auto r = webtest::run_check("web.server_software", facts);
  ASSERT_EQ(r.findings.size(), 1U);
  EXPECT_EQ(r.findings[0].params.at("software"), "nginx 1.22.0 (2023-04-11), PHP 7.4.3 (2022-11-28)");
  // 1.22.1 is Debian 12's own nginx, patched by Debian until 2028: not judged.
  webtest::set_header(webtest::https_page(facts), "server", "nginx/1.22.1");
  EXPECT_EQ(webtest::run_check("web.server_software", facts).findings.at(0).params.at("software"),
            "PHP 7.4.3 (2022-11-28)");
  webtest::set_header(webtest::https_page(facts), "server", "Apache/2.4.49 (Unix)");
  webtest::remove_header(webtest::https_page(facts), "x-powered-by");
  EXPECT_EQ(webtest::run_check("web.server_software", facts).findings.at(0).id, "WEB_SOFTWARE_EXPLOITED");
  webtest::set_header(webtest::https_page(facts), "server", "Apache/2.4.49 (Debian)");
  EXPECT_EQ(webtest::run_check("web.server_software", facts).outcome, Outcome::not_applicable);
  webtest::set_header(webtest::https_page(facts), "server", "nginx");
  EXPECT_EQ(webtest::run_check("web.server_software", facts).outcome, Outcome::not_applicable);
}

}  // namespace
}  // namespace weerbaar::scan::web
