// The software dataset and its judgements: versions, release cycles, end of life by date, known
// exploited ranges, banners that name a distribution's package.
#include <gtest/gtest.h>

#include "scan/software/software.hpp"

namespace weerbaar::scan::software {
namespace {

using namespace std::chrono;

const sys_days kToday = sys_days{year{2026} / December / 2};

Detected seen(std::string product, std::string version) {
  Detected d;
  d.product = std::move(product);
  d.version = std::move(version);
  return d;
}

TEST(SoftwareVersion, ReadsTheNumericPrefix) {
  EXPECT_EQ(parse_version("2.4.57 (Debian)")->str(), "2.4.57");
  EXPECT_EQ(parse_version("7.4.3-4ubuntu2.19")->str(), "7.4.3");
  EXPECT_EQ(parse_version("1.3.5rc3")->str(), "1.3.5");
  EXPECT_EQ(parse_version("10")->str(), "10");
  EXPECT_EQ(parse_version("4.92.")->str(), "4.92");
  EXPECT_FALSE(parse_version(""));
  EXPECT_FALSE(parse_version("v1.2"));
  EXPECT_FALSE(parse_version("99999999999999999999"));  // not wrapped into something small
  EXPECT_EQ(parse_version("2.4")->compare(*parse_version("2.4.0")), 0);
  EXPECT_LT(parse_version("2.4.9")->compare(*parse_version("2.4.10")), 0);
}

TEST(SoftwareJudge, EndOfLifeCyclesByDate) {
  auto php74 = judge(seen("php", "7.4.3"), kToday);
  EXPECT_EQ(php74.status, Status::end_of_life);
  EXPECT_EQ(php74.cycle, "7.4");
  EXPECT_EQ(php74.eol, "2022-11-28");
  // 8.2 ends on 2026-12-31: supported on the day of the scan, end of life the year after.
  EXPECT_EQ(judge(seen("php", "8.2.7"), kToday).status, Status::supported);
  EXPECT_EQ(judge(seen("php", "8.2.7"), sys_days{year{2027} / January / 1}).status, Status::end_of_life);
  // Older than every cycle listed: end of life too.
  EXPECT_EQ(judge(seen("php", "5.2.17"), kToday).status, Status::end_of_life);
  EXPECT_EQ(judge(seen("nginx", "1.22.0"), kToday).status, Status::end_of_life);
  EXPECT_EQ(judge(seen("nginx", "1.14.2"), kToday).status, Status::end_of_life);
  EXPECT_EQ(judge(seen("nginx", "1.30.1"), kToday).status, Status::supported);
}

TEST(SoftwareJudge, UnknownIsNotJudged) {
  EXPECT_EQ(judge(seen("nginx", "1.40.0"), kToday).status, Status::unknown);  // newer than the dataset
  EXPECT_EQ(judge(seen("wordpress", "6.5.2"), kToday).status, Status::unknown);
  EXPECT_EQ(judge(seen("lighttpd", "1.4.0"), kToday).status, Status::unknown);
  EXPECT_EQ(judge(seen("php", "not a version"), kToday).status, Status::unknown);
}

TEST(SoftwareJudge, KnownExploitedRanges) {
  auto apache = judge(seen("apache", "2.4.49"), kToday);
  EXPECT_EQ(apache.status, Status::exploited);
  EXPECT_EQ(apache.cves, (std::vector<std::string>{"CVE-2021-41773", "CVE-2021-42013"}));
  EXPECT_EQ(judge(seen("apache", "2.4.50"), kToday).cves, (std::vector<std::string>{"CVE-2021-42013"}));
  EXPECT_EQ(judge(seen("apache", "2.4.51"), kToday).status, Status::supported);
  EXPECT_EQ(judge(seen("joomla", "4.2.7"), kToday).status, Status::exploited);
  EXPECT_EQ(judge(seen("exim", "4.89"), kToday).status, Status::exploited);
  EXPECT_EQ(judge(seen("exim", "4.96"), kToday).status, Status::unknown);
  // "7" from a generator tag cannot be placed in a range that ends at 7.58: end of life only.
  auto drupal7 = judge(seen("drupal", "7"), kToday);
  EXPECT_EQ(drupal7.status, Status::end_of_life);
  EXPECT_TRUE(drupal7.cves.empty());
  EXPECT_EQ(judge(seen("drupal", "7.57"), kToday).status, Status::exploited);
}

TEST(SoftwareBanners, ServerAndPoweredBy) {
  auto d = from_http_header("Server", "Apache/2.4.49 (Unix) OpenSSL/1.1.1k PHP/7.4.3");
  ASSERT_EQ(d.size(), 2U);
  EXPECT_EQ(d[0].product, "apache");
  EXPECT_EQ(d[0].version, "2.4.49");
  EXPECT_FALSE(d[0].distribution_build);
  EXPECT_EQ(d[1].product, "php");
  EXPECT_EQ(from_http_header("Server", "nginx/1.22.1").at(0).product, "nginx");
  EXPECT_EQ(from_http_header("Server", "Microsoft-IIS/8.5").at(0).product, "iis");
  EXPECT_TRUE(from_http_header("Server", "nginx").empty());
  EXPECT_TRUE(from_http_header("Server", "cloudflare").empty());
  // A distribution's package: not judged on its version.
  EXPECT_TRUE(from_http_header("Server", "Apache/2.4.38 (Debian)").at(0).distribution_build);
  EXPECT_TRUE(from_http_header("X-Powered-By", "PHP/7.4.3-4ubuntu2.19").at(0).distribution_build);
}

TEST(SoftwareBanners, SmtpGreeting) {
  auto exim = from_smtp_banner("mx.example.nl ESMTP Exim 4.89 Mon, 06 May 2024 10:00:00 +0200");
  ASSERT_TRUE(exim);
  EXPECT_EQ(exim->product, "exim");
  EXPECT_EQ(exim->version, "4.89");
  EXPECT_FALSE(from_smtp_banner("mx.example.nl ESMTP Postfix (Debian/GNU)"));
  EXPECT_FALSE(from_smtp_banner("mx.example.nl ESMTP Exim"));
  EXPECT_TRUE(from_smtp_banner("mx ESMTP Exim 4.92.3 #3 Ubuntu")->distribution_build);
}

TEST(SoftwareBanners, SshIdentification) {
  auto d = from_ssh_banner("SSH-2.0-OpenSSH_9.7p1");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->product, "openssh");
  EXPECT_EQ(d->version, "9.7p1");
  EXPECT_FALSE(d->distribution_build);
  EXPECT_TRUE(from_ssh_banner("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3")->distribution_build);
  EXPECT_TRUE(from_ssh_banner("SSH-2.0-OpenSSH_9.4p1 FreeBSD-20230719")->distribution_build);
  EXPECT_TRUE(from_ssh_banner("SSH-1.99-OpenSSH_8.5p1"));
  // No portable release (OpenBSD, Red Hat), another product, or not an identification at all.
  for (const char* b : {"SSH-2.0-OpenSSH_9.6", "SSH-2.0-OpenSSH_for_Windows_9.5", "SSH-2.0-OpenSSH_9.6p1-hpn",
                        "SSH-2.0-OpenSSH_p1", "SSH-2.0-OpenSSH_9..6p1", "SSH-2.0-OpenSSH_9.6p",
                        "SSH-2.0-dropbear_2022.83", "SSH-2.0-", "OpenSSH_9.6p1", ""}) {
    EXPECT_FALSE(from_ssh_banner(b)) << b;
  }
}

TEST(SoftwareBanners, FtpGreeting) {
  auto vs = from_ftp_greeting("220 (vsFTPd 2.3.4)");
  ASSERT_TRUE(vs);
  EXPECT_EQ(vs->product, "vsftpd");
  EXPECT_EQ(vs->version, "2.3.4");
  auto pro = from_ftp_greeting("220 ProFTPD 1.3.5a Server (ProFTPD) [192.0.2.1]");
  ASSERT_TRUE(pro);
  EXPECT_EQ(pro->product, "proftpd");
  EXPECT_EQ(pro->version, "1.3.5.1");
  EXPECT_EQ(pro->announced, "1.3.5a");
  EXPECT_EQ(from_ftp_greeting("220 ProFTPD 1.3.5 Server")->version, "1.3.5.0");
  EXPECT_TRUE(from_ftp_greeting("220 ProFTPD 1.3.5 Server (Debian) [::ffff:192.0.2.1]")->distribution_build);
  EXPECT_FALSE(from_ftp_greeting("220 ProFTPD 1.3.6rc1 Server"));
  EXPECT_FALSE(from_ftp_greeting("220 ProFTPD Server ready."));
  EXPECT_FALSE(from_ftp_greeting("220 Microsoft FTP Service"));
  EXPECT_FALSE(from_ftp_greeting("220 (vsFTPd)"));
}

TEST(SoftwareJudge, VulnerableRangesWithAnAdvisory) {
  auto ssh = judge(seen("openssh", "9.7p1"), kToday);
  EXPECT_EQ(ssh.status, Status::vulnerable);
  EXPECT_EQ(ssh.cves, (std::vector<std::string>{"CVE-2024-6387"}));
  EXPECT_EQ(judge(seen("openssh", "8.5p1"), kToday).status, Status::vulnerable);
  EXPECT_EQ(judge(seen("openssh", "8.4p1"), kToday).status, Status::unknown);
  EXPECT_EQ(judge(seen("openssh", "9.8p1"), kToday).status, Status::unknown);
  // Exactly what Ubuntu 22.04 ships: patched there, not judged until its support ends.
  EXPECT_EQ(judge(seen("openssh", "8.9p1"), kToday).status, Status::unknown);
  EXPECT_EQ(judge(seen("openssh", "8.9p1"), sys_days{year{2027} / June / 1}).status, Status::vulnerable);
  EXPECT_EQ(judge(seen("vsftpd", "2.3.4"), kToday).status, Status::vulnerable);
  EXPECT_EQ(judge(seen("vsftpd", "3.0.3"), kToday).status, Status::unknown);
  EXPECT_EQ(judge(seen("proftpd", "1.3.5.0"), kToday).status, Status::vulnerable);
  EXPECT_EQ(judge(seen("proftpd", "1.3.5.1"), kToday).status, Status::unknown);  // 1.3.5a has the fix
  EXPECT_EQ(judge(seen("proftpd", "1.3.4.4"), kToday).status, Status::unknown);
}

TEST(SoftwareDataset, HasItsDateAndSources) {
  EXPECT_FALSE(dataset_info().as_of.empty());
  EXPECT_GE(dataset_info().sources.size(), 2U);
}

// nginx/1.22.1 is what Debian 12 ships and patches: not judged while Debian supports it, judged
// once that support has ended (content/software.json, distribution_versions).
TEST(SoftwareJudge, DistributionVersionsAreNotJudgedWhileTheDistributionSupportsThem) {
  EXPECT_EQ(judge(seen("nginx", "1.22.1"), kToday).status, Status::unknown);
  EXPECT_EQ(judge(seen("nginx", "1.22.1"), std::chrono::sys_days{std::chrono::year{2028} / 7 / 1}).status,
            Status::end_of_life);
  EXPECT_EQ(judge(seen("nginx", "1.22.2"), kToday).status, Status::end_of_life);  // not what Debian ships
}

}  // namespace
}  // namespace weerbaar::scan::software
