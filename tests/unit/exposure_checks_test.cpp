// The exposure checks on hand-built facts (the service answered in its protocol -> finding;
// closed or filtered -> pass; accepted without speaking it, or nothing answering at all ->
// inconclusive), and the per-address rate schedule with a made-up clock.
#include <gtest/gtest.h>

#include "scan/check.hpp"
#include "scan/exposure/rate_schedule.hpp"
#include "scan/exposure/service.hpp"
#include "support/check_runner.hpp"

namespace weerbaar::scan {
namespace {

using check_testing::Ids;
using check_testing::ids;
using check_testing::run;

constexpr const char* kWeb = "192.0.2.10";
constexpr const char* kMail = "192.0.2.25";

// Every registered port on every address with the given status; the rest of the test edits it.
HostFacts facts_with(NetStatus status, std::vector<std::string> addresses = {kWeb}) {
  HostFacts f;
  f.host = "bakkerij-jansen.nl";
  f.address = kWeb;
  f.exposure.emplace();
  f.exposure->addresses = addresses;
  for (const auto& a : addresses) {
    for (const auto& spec : exposure::Services::instance().all()) {
      for (auto port : spec.ports)
        f.exposure->probes.push_back(ServiceProbe{.address = a, .port = port, .service = spec.name, .status = status});
    }
  }
  return f;
}

ServiceProbe& probe(HostFacts& f, std::string_view address, std::string_view service) {
  for (auto& p : f.exposure->probes) {
    if (p.address == address && p.service == service) return p;
  }
  throw std::logic_error("no such probe");
}

// The service answered in its own protocol.
ServiceProbe& speaks(HostFacts& f, std::string_view address, std::string_view service) {
  auto& p = probe(f, address, service);
  p.status = NetStatus::ok;
  p.recognised = true;
  return p;
}

std::vector<std::string> all_checks() {
  std::vector<std::string> out;
  for (const auto& spec : exposure::Services::instance().all()) {
    if (spec.own_check) out.push_back("exposure." + spec.name);
  }
  return out;
}

TEST(ExposureChecks, AllRegisteredInFamilyExposure) {
  ASSERT_EQ(all_checks().size(), 12U);
  for (const auto& id : all_checks()) {
    const auto* spec = Catalogue::instance().find(id);
    ASSERT_NE(spec, nullptr) << id;
    EXPECT_EQ(spec->family, Family::exposure) << id;
    EXPECT_FALSE(spec->on_mail_servers) << id;
  }
}

TEST(ExposureChecks, ClosedPortsPass) {
  const auto f = facts_with(NetStatus::refused);
  for (const auto& id : all_checks()) {
    auto r = run(id, f);
    EXPECT_EQ(r.outcome, Outcome::pass) << id << ": " << r.reason;
  }
}

TEST(ExposureChecks, FilteredPortsPassWhenTheHostAnswersElsewhere) {
  auto f = facts_with(NetStatus::timeout);
  // Every service port dropped, but the web server's 443 answered: a firewall at work.
  f.exposure->reference.push_back(ServiceProbe{.address = kWeb, .port = 443, .status = NetStatus::ok});
  for (const auto& id : all_checks()) {
    auto r = run(id, f);
    EXPECT_EQ(r.outcome, Outcome::pass) << id << ": " << r.reason;
  }
  // One refused service port is as good a sign of life.
  auto g = facts_with(NetStatus::timeout);
  probe(g, kWeb, "ftp").status = NetStatus::refused;
  EXPECT_EQ(run("exposure.redis", g).outcome, Outcome::pass);
}

TEST(ExposureChecks, DeadAddressIsInconclusive) {
  auto f = facts_with(NetStatus::timeout);
  for (auto port : {443, 80, 25}) {
    f.exposure->reference.push_back(
        ServiceProbe{.address = kWeb, .port = static_cast<std::uint16_t>(port), .status = NetStatus::timeout});
  }
  for (const auto& id : all_checks()) {
    auto r = run(id, f);
    EXPECT_EQ(r.outcome, Outcome::inconclusive) << id;
    EXPECT_NE(r.reason.find("nothing answered"), std::string::npos) << r.reason;
  }
  auto g = facts_with(NetStatus::unreachable);
  EXPECT_EQ(run("exposure.rdp", g).outcome, Outcome::inconclusive);
}

TEST(ExposureChecks, NotProbedIsInconclusive) {
  HostFacts f;
  EXPECT_EQ(run("exposure.rdp", f).outcome, Outcome::inconclusive);
  f.exposure.emplace();
  // No address at all (a domain that only does mail, with its mail servers probed elsewhere).
  EXPECT_EQ(run("exposure.rdp", f).outcome, Outcome::not_applicable);
  f.exposure->addresses = {kWeb};
  EXPECT_EQ(run("exposure.rdp", f).outcome, Outcome::inconclusive);
}

TEST(ExposureChecks, OpenPortIsAFinding) {
  const std::map<std::string, std::string> expected{{"rdp", "EXPOSURE_RDP_OPEN"},
                                                    {"smb", "EXPOSURE_SMB_OPEN"},
                                                    {"telnet", "EXPOSURE_TELNET_OPEN"},
                                                    {"ftp", "EXPOSURE_FTP_OPEN"},
                                                    {"vnc", "EXPOSURE_VNC_OPEN"},
                                                    {"mysql", "EXPOSURE_MYSQL_OPEN"},
                                                    {"postgresql", "EXPOSURE_POSTGRESQL_OPEN"},
                                                    {"mongodb", "EXPOSURE_MONGODB_OPEN"},
                                                    {"redis", "EXPOSURE_REDIS_OPEN"},
                                                    {"memcached", "EXPOSURE_MEMCACHED_OPEN"},
                                                    {"elasticsearch", "EXPOSURE_ELASTICSEARCH_OPEN"},
                                                    {"docker", "EXPOSURE_DOCKER_API_OPEN"}};
  for (const auto& [service, finding] : expected) {
    auto f = facts_with(NetStatus::refused);
    auto& p = speaks(f, kWeb, service);
    auto r = run("exposure." + service, f);
    EXPECT_EQ(r.outcome, Outcome::fail) << service;
    EXPECT_EQ(ids(r), Ids{finding}) << service;
    ASSERT_FALSE(r.findings.empty());
    EXPECT_EQ(r.findings[0].params.at("where"), std::string(kWeb) + ":" + std::to_string(p.port));
    EXPECT_EQ(r.findings[0].params.count("banner"), 0U);
    // Only its own check reports it.
    for (const auto& other : all_checks()) {
      if (other != "exposure." + service) {
        EXPECT_EQ(run(other, f).outcome, Outcome::pass) << other;
      }
    }
  }
}

TEST(ExposureChecks, AcceptingWithoutSpeakingIsNotTheService) {
  // A tarpit or honeypot: every port accepts, says nothing or says something else. Not twelve
  // open services, and not closed either.
  auto f = facts_with(NetStatus::ok);
  probe(f, kWeb, "redis").banner = "HTTP/1.1 200 OK";
  probe(f, kWeb, "mysql").error = "accepted the connection but said nothing within the deadline";
  for (const auto& id : all_checks()) {
    auto r = run(id, f);
    EXPECT_EQ(r.outcome, Outcome::inconclusive) << id;
    EXPECT_TRUE(r.findings.empty()) << id;
    EXPECT_NE(r.reason.find("accepts connections but does not answer as"), std::string::npos) << r.reason;
  }
  EXPECT_NE(run("exposure.redis", f).reason.find("HTTP/1.1 200 OK"), std::string::npos);
  EXPECT_NE(run("exposure.mysql", f).reason.find("said nothing"), std::string::npos);
  // Where the service does speak, it is a finding as ever.
  speaks(f, kWeb, "ftp");
  EXPECT_EQ(ids(run("exposure.ftp", f)), Ids{"EXPOSURE_FTP_OPEN"});
}

TEST(ExposureChecks, AnOpenPortStandsOnADeadLookingAddress) {
  // Everything else timed out: the one service that answered in its protocol is a finding.
  auto f = facts_with(NetStatus::timeout);
  speaks(f, kWeb, "vnc");
  EXPECT_EQ(ids(run("exposure.vnc", f)), Ids{"EXPOSURE_VNC_OPEN"});
  EXPECT_EQ(run("exposure.rdp", f).outcome, Outcome::pass);  // the address answered: 3389 is filtered
}

TEST(ExposureChecks, NoAuthFindings) {
  auto f = facts_with(NetStatus::refused);
  auto& redis = speaks(f, kWeb, "redis");
  redis.auth = ServiceAuth::none;
  redis.banner = "+PONG";
  auto r = run("exposure.redis", f);
  EXPECT_EQ(ids(r), Ids{"EXPOSURE_REDIS_NO_AUTH"});
  EXPECT_EQ(r.findings[0].params.at("banner"), "+PONG");
  redis.auth = ServiceAuth::required;
  EXPECT_EQ(ids(run("exposure.redis", f)), Ids{"EXPOSURE_REDIS_OPEN"});

  auto& es = speaks(f, kWeb, "elasticsearch");
  es.auth = ServiceAuth::none;
  EXPECT_EQ(ids(run("exposure.elasticsearch", f)), Ids{"EXPOSURE_ELASTICSEARCH_NO_AUTH"});
  es.auth = ServiceAuth::unknown;
  EXPECT_EQ(ids(run("exposure.elasticsearch", f)), Ids{"EXPOSURE_ELASTICSEARCH_OPEN"});
}

TEST(ExposureChecks, MailServerAddressCounts) {
  auto f = facts_with(NetStatus::refused, {kWeb, kMail});
  speaks(f, kMail, "smb");
  auto r = run("exposure.smb", f);
  EXPECT_EQ(ids(r), Ids{"EXPOSURE_SMB_OPEN"});
  EXPECT_EQ(r.findings[0].params.at("where"), std::string(kMail) + ":445");
  // Open on both: one finding listing both places.
  speaks(f, kWeb, "smb");
  r = run("exposure.smb", f);
  ASSERT_EQ(ids(r), Ids{"EXPOSURE_SMB_OPEN"});
  EXPECT_EQ(r.findings[0].params.at("where"), std::string(kWeb) + ":445, " + kMail + ":445");
}

TEST(ExposureChecks, FindingOnOneAddressStandsWhenAnotherIsDead) {
  auto f = facts_with(NetStatus::refused, {kWeb});
  auto dead = facts_with(NetStatus::timeout, {kMail});
  f.exposure->addresses.push_back(kMail);
  for (const auto& p : dead.exposure->probes) f.exposure->probes.push_back(p);
  EXPECT_EQ(run("exposure.ftp", f).outcome, Outcome::inconclusive);
  speaks(f, kWeb, "ftp");
  auto r = run("exposure.ftp", f);
  EXPECT_EQ(r.outcome, Outcome::fail);
  EXPECT_NE(r.reason.find(kMail), std::string::npos);
}

TEST(ExposureChecks, Ipv6Where) {
  auto f = facts_with(NetStatus::refused, {"2001:db8::1"});
  speaks(f, "2001:db8::1", "telnet");
  EXPECT_EQ(run("exposure.telnet", f).findings.at(0).params.at("where"), "[2001:db8::1]:23");
}

// ---- the software that SSH and FTP banners name (exposure.ssh_software, exposure.ftp_software)
HostFacts banner_facts(std::string_view service, std::string banner) {
  auto f = facts_with(NetStatus::refused);
  f.scanned_at = std::chrono::sys_days{std::chrono::year{2026} / 12 / 2};
  speaks(f, kWeb, service).banner = std::move(banner);
  return f;
}

TEST(ExposureSoftware, OpenSshWithAKnownHoleIsAFindingAnOpenPortIsNot) {
  auto r = run("exposure.ssh_software", banner_facts("ssh", "SSH-2.0-OpenSSH_9.3p1"));
  EXPECT_EQ(ids(r), Ids{"SSH_SOFTWARE_VULNERABLE"});
  ASSERT_EQ(r.findings.size(), 1U);
  EXPECT_EQ(r.findings[0].params.at("software"), "OpenSSH 9.3p1");
  EXPECT_EQ(r.findings[0].params.at("cves"), "CVE-2024-6387");
  EXPECT_EQ(r.findings[0].params.at("where"), std::string(kWeb) + ":22");
  EXPECT_FALSE(r.findings[0].severity) << "the content's severity: not in KEV";
  // The open SSH port itself: no check of its own, and no other exposure check reports it.
  for (const auto& id : all_checks())
    EXPECT_EQ(run(id, banner_facts("ssh", "SSH-2.0-OpenSSH_9.3p1")).outcome, Outcome::pass) << id;
  EXPECT_EQ(run("exposure.ssh_software", banner_facts("ssh", "SSH-2.0-OpenSSH_9.8p1")).outcome, Outcome::pass);
  EXPECT_EQ(run("exposure.ssh_software", banner_facts("ssh", "SSH-2.0-OpenSSH_8.4p1")).outcome, Outcome::pass);
}

TEST(ExposureSoftware, SshBannersThatAreNotJudged) {
  for (const char* banner :
       {"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10", "SSH-2.0-OpenSSH_9.6",
        "SSH-2.0-OpenSSH_8.7", "SSH-2.0-OpenSSH_for_Windows_9.5", "SSH-2.0-dropbear_2022.83", "SSH-2.0-OpenSSH"}) {
    auto r = run("exposure.ssh_software", banner_facts("ssh", banner));
    EXPECT_EQ(r.outcome, Outcome::not_applicable) << banner << ": " << r.reason;
  }
  // What Ubuntu 22.04 ships, without its name ("DebianBanner no"): not judged while Ubuntu patches it.
  EXPECT_EQ(run("exposure.ssh_software", banner_facts("ssh", "SSH-2.0-OpenSSH_8.9p1")).outcome, Outcome::pass);
  // No SSH server at all, or one that did not identify itself.
  EXPECT_EQ(run("exposure.ssh_software", facts_with(NetStatus::refused)).outcome, Outcome::not_applicable);
  auto quiet = facts_with(NetStatus::refused);
  probe(quiet, kWeb, "ssh").status = NetStatus::ok;
  probe(quiet, kWeb, "ssh").banner = "HTTP/1.1 200 OK";  // accepted, but not SSH: a honeypot?
  EXPECT_EQ(run("exposure.ssh_software", quiet).outcome, Outcome::inconclusive);
  // A dead address: whether it runs an SSH server cannot be told.
  auto dead = facts_with(NetStatus::timeout);
  EXPECT_EQ(run("exposure.ssh_software", dead).outcome, Outcome::inconclusive);
  EXPECT_EQ(run("exposure.ftp_software", dead).outcome, Outcome::inconclusive);
  dead.exposure->addresses.clear();
  EXPECT_EQ(run("exposure.ftp_software", dead).outcome, Outcome::not_applicable);
  EXPECT_EQ(run("exposure.ssh_software", HostFacts{}).outcome, Outcome::inconclusive);
}

TEST(ExposureSoftware, FtpGreetingsWithAKnownHole) {
  auto vsftpd = run("exposure.ftp_software", banner_facts("ftp", "220 (vsFTPd 2.3.4)"));
  EXPECT_EQ(ids(vsftpd), Ids{"FTP_SOFTWARE_VULNERABLE"});
  EXPECT_EQ(vsftpd.findings.at(0).params.at("software"), "vsftpd 2.3.4");
  EXPECT_EQ(vsftpd.findings.at(0).params.at("cves"), "CVE-2011-2523");
  auto proftpd = run("exposure.ftp_software",
                     banner_facts("ftp", "220 ProFTPD 1.3.5 Server (ProFTPD Default Installation) [192.0.2.10]"));
  EXPECT_EQ(ids(proftpd), Ids{"FTP_SOFTWARE_VULNERABLE"});
  EXPECT_EQ(proftpd.findings.at(0).params.at("software"), "ProFTPD 1.3.5");
  // The open FTP port stays exposure.ftp's own finding.
  EXPECT_EQ(ids(run("exposure.ftp", banner_facts("ftp", "220 (vsFTPd 2.3.4)"))), Ids{"EXPOSURE_FTP_OPEN"});
  // Clean: the lab's vsftpd 3.0.3, ProFTPD's maintenance release with the fix, newer releases.
  for (const char* greeting : {"220 (vsFTPd 3.0.3)", "220 (vsFTPd 2.3.5)", "220 ProFTPD 1.3.5a Server (x) [::1]",
                               "220 ProFTPD 1.3.8b Server ready."}) {
    EXPECT_EQ(run("exposure.ftp_software", banner_facts("ftp", greeting)).outcome, Outcome::pass) << greeting;
  }
  // Not judged: a distribution's package, a release candidate, no version, another server.
  for (const char* greeting : {"220 ProFTPD 1.3.5 Server (Debian) [::ffff:192.0.2.10]", "220 ProFTPD 1.3.6rc1 Server",
                               "220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------",
                               "220 Microsoft FTP Service", "220 (vsFTPd 2.3.4-beta)"}) {
    EXPECT_EQ(run("exposure.ftp_software", banner_facts("ftp", greeting)).outcome, Outcome::not_applicable) << greeting;
  }
}

// ---- the rate schedule, driven by a made-up clock
struct FakeClock {
  using duration = std::chrono::milliseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<FakeClock>;
  [[maybe_unused]] static constexpr bool is_steady = true;  // what a clock declares; the schedule never asks
};

TEST(ExposureRate, SpacesConnectionsToOneAddress) {
  exposure::BasicRateSchedule<FakeClock> s(5.0);
  EXPECT_EQ(s.gap(), std::chrono::milliseconds(200));
  const FakeClock::time_point t0{std::chrono::seconds(100)};
  // Ten connections asked for at once: the first now, the others 200 ms apart.
  for (int i = 0; i < 10; ++i) EXPECT_EQ(s.reserve("192.0.2.1", t0), t0 + std::chrono::milliseconds(200 * i)) << i;
  // Another address is not held up by the first.
  EXPECT_EQ(s.reserve("192.0.2.2", t0), t0);
  EXPECT_EQ(s.reserve("192.0.2.2", t0), t0 + std::chrono::milliseconds(200));
}

TEST(ExposureRate, IdleTimeIsNotSavedUp) {
  exposure::BasicRateSchedule<FakeClock> s(2.0);
  const FakeClock::time_point t0{std::chrono::seconds(0)};
  EXPECT_EQ(s.reserve("a", t0), t0);
  // Ten seconds later: one may go at once, the next waits its gap (no burst from idle time).
  const auto t1 = t0 + std::chrono::seconds(10);
  EXPECT_EQ(s.reserve("a", t1), t1);
  EXPECT_EQ(s.reserve("a", t1), t1 + std::chrono::milliseconds(500));
}

TEST(ExposureRate, SharedAcrossDomainsCountsPerSecond) {
  // Two domains on one shared-hosting address book from the same schedule: over 60 requests
  // at most per_second start within any one second.
  exposure::BasicRateSchedule<FakeClock> s(5.0);
  const FakeClock::time_point t0{};
  std::vector<FakeClock::time_point> starts;
  for (int i = 0; i < 30; ++i) {
    starts.push_back(s.reserve("198.51.100.7", t0));  // domain one
    starts.push_back(s.reserve("198.51.100.7", t0));  // domain two
  }
  std::sort(starts.begin(), starts.end());
  for (std::size_t i = 0; i < starts.size(); ++i) {
    std::size_t in_window = 0;
    for (std::size_t j = i; j < starts.size() && starts[j] < starts[i] + std::chrono::seconds(1); ++j) ++in_window;
    EXPECT_LE(in_window, 5U) << i;
  }
}

TEST(ExposureRate, NonsenseRateIsClamped) {
  exposure::BasicRateSchedule<FakeClock> s(0.0);
  EXPECT_EQ(s.gap(), std::chrono::minutes(1));
}

}  // namespace
}  // namespace weerbaar::scan
