// Scans every business in the running lab and compares what was found with the lab's ground
// truth (lab/lab.json): every planted weakness must be found, and nothing else reported.
// Hostile hosts (lab/cases/hostile.json) also name the checks that must or may be inconclusive,
// a time bound for their domain, and a ceiling for their web score.
// Prints a precision/recall table. The lab is brought up by the CTest fixture.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "core/content.hpp"
#include "report/score.hpp"
#include "scan/check.hpp"
#include "scan/facts_json.hpp"
#include "scan/scan.hpp"
#include "scan/scan_settings.hpp"

namespace weerbaar {
namespace {
namespace fs = std::filesystem;

fs::path source_dir() {
  return WEERBAAR_SOURCE_DIR;
}
fs::path state_dir() {
  const char* env = std::getenv("WEERBAAR_LAB_STATE");
  return env != nullptr && *env != '\0' ? fs::path(env) : source_dir() / ".lab";
}

struct Business {
  std::string domain;
  std::set<std::string> expect;
  bool expect_inconclusive = false;
  // Checks that cannot come to a verdict on this host by design (e.g. a greeting-level
  // simulation that never completes a handshake): they must be inconclusive, nothing else.
  std::set<std::string> expect_inconclusive_checks;
  // Checks that may be inconclusive or pass (a server that resets some connections: retried,
  // the verdict is right or undecided, never a wrong finding).
  std::set<std::string> may_be_inconclusive_checks;
  std::optional<long long> max_seconds;  // the whole domain's scan must end within this
  std::optional<int> max_web_score;      // a site that cannot be opened must not score 100
  // A control (a well-configured business): no finding may weigh more than this, by the
  // finding's own severity (issue 10: a good host gets no medium or high finding).
  std::optional<Severity> max_severity;
};

// "tls.protocols", or "tls.*" for every check of a family; "MX:" in front for a mail server's.
bool listed(const std::set<std::string>& patterns, const std::string& check) {
  if (patterns.count(check) != 0) return true;
  const auto dot = check.find('.');
  return dot != std::string::npos && patterns.count(check.substr(0, dot) + ".*") != 0;
}

struct Lab {
  std::vector<Business> businesses;
  std::string resolver;
};

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + " not found");
  return nlohmann::json::parse(in);
}

// lab/lab.json and the businesses of lab/cases/*.json, in the order lab.py reads them.
Lab load_lab() {
  auto j = read_json(source_dir() / "lab" / "lab.json");
  std::vector<fs::path> cases;
  if (fs::is_directory(source_dir() / "lab" / "cases")) {
    for (const auto& e : fs::directory_iterator(source_dir() / "lab" / "cases")) {
      if (e.path().extension() == ".json") cases.push_back(e.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  for (const auto& path : cases) {
    // Kept in a variable: a range-for over read_json(path).at(...) would iterate a destroyed temporary.
    const auto case_file = read_json(path);
    for (const auto& b : case_file.at("businesses")) j["businesses"].push_back(b);
  }
  Lab lab;
  lab.resolver = j.at("dns").at("resolver").get<std::string>();
  for (const auto& b : j.at("businesses")) {
    Business biz;
    biz.domain = b.at("domain").get<std::string>();
    for (const auto& id : b.at("expect")) biz.expect.insert(id.get<std::string>());
    biz.expect_inconclusive = b.value("expect_inconclusive", false);
    for (const auto& id : b.value("expect_inconclusive_checks", nlohmann::json::array())) {
      biz.expect_inconclusive_checks.insert(id.get<std::string>());
    }
    for (const auto& id : b.value("may_be_inconclusive_checks", nlohmann::json::array())) {
      biz.may_be_inconclusive_checks.insert(id.get<std::string>());
    }
    if (b.contains("max_seconds")) biz.max_seconds = b.at("max_seconds").get<long long>();
    if (b.contains("max_web_score")) biz.max_web_score = b.at("max_web_score").get<int>();
    if (b.contains("max_severity")) {
      biz.max_severity = severity_from_string(b.at("max_severity").get<std::string>());
      if (!biz.max_severity) throw std::runtime_error(biz.domain + ": unknown max_severity");
    }
    lab.businesses.push_back(std::move(biz));
  }
  return lab;
}

// Built the way every front end builds its options (scan/scan_settings.hpp).
scan::ScanOptions lab_options(const Lab& lab) {
  scan::ScanSettings s;
  s.lab = true;
  s.resolver = lab.resolver;
  s.ca_file = (state_dir() / "ca" / "ca.pem").string();
  // The lab's own root of trust, so that DNSSEC is validated (dns.dnssec).
  s.trust_anchor = (state_dir() / "unbound" / "trust-anchor.test").string();
  scan::ScanOptions opt = scan::make_scan_options(s);
  // Short deadlines keep the dead host from dominating the run; loopback answers in ms.
  opt.timeouts.connect = std::chrono::milliseconds(1500);
  opt.timeouts.handshake = std::chrono::milliseconds(2000);
  opt.timeouts.http_request = std::chrono::milliseconds(3000);
  opt.exposure.timeouts = opt.timeouts;
  return opt;
}

// A few businesses whose facts are kept as check cases (tests/data/checks/lab/), so that the
// unit tests judge real servers' facts against the lab's ground truth without the lab.
// WEERBAAR_UPDATE_GOLDEN=1 (with the lab up) rewrites them.
const char* const kRecorded[] = {"bakkerij-jansen.test",      "kassasysteem-oud.test",
                                 "kinderopvang-koekjes.test", "systeembeheer-allesopen.test",
                                 "autobedrijf-verlopen.test", "tuincentrum-ongetekend.test"};

void record_check_cases(const Lab& lab, const std::vector<scan::DomainReport>& reports) {
  const char* update = std::getenv("WEERBAAR_UPDATE_GOLDEN");
  if (update == nullptr || std::string(update) != "1") return;
  const fs::path dir = source_dir() / "tests" / "data" / "checks" / "lab";
  fs::create_directories(dir);
  for (const char* domain : kRecorded) {
    for (std::size_t i = 0; i < reports.size(); ++i) {
      const auto& biz = lab.businesses[i];
      if (biz.domain != domain || reports[i].status != scan::DomainStatus::scanned) continue;
      nlohmann::ordered_json c;
      c["about"] = "Facts of " + biz.domain + " recorded from the lab; expected: its ground truth in lab.json. " +
                   "WEERBAAR_UPDATE_GOLDEN=1 on the lab test rewrites this file.";
      c["lab_domain"] = biz.domain;
      c["expect_findings"] = biz.expect;
      c["inconclusive_only"] = biz.expect_inconclusive_checks;
      c["facts"] = scan::facts_to_json(reports[i].facts);
      std::ofstream(dir / (biz.domain + ".json")) << c.dump(2) << "\n";
      std::printf("recorded %s\n", (dir / (biz.domain + ".json")).c_str());
    }
  }
}

// Scans every domain through the engine's library API, all on one shared executor, at most
// `parallel` at once: the way a long-lived server runs scans.
std::vector<scan::DomainReport> scan_on_shared_executor(const scan::ScanOptions& opt,
                                                        const std::vector<std::string>& domains, int parallel) {
  namespace asio = scan::net::asio;
  asio::io_context io;
  scan::ScanContext context(io.get_executor(), opt);
  scan::net::Limiter slots(io.get_executor(), parallel);
  std::vector<scan::DomainReport> reports(domains.size());
  for (std::size_t i = 0; i < domains.size(); ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> scan::net::awaitable<void> {
          auto slot = co_await slots.acquire();
          reports[i] = co_await scan::scan(context, domains[i]);
        },
        [](const std::exception_ptr& e) {
          if (e) std::rethrow_exception(e);
        });
  }
  io.run();
  return reports;
}

TEST(Lab, EveryPlantedWeaknessFoundAndNothingElse) {
  if (!fs::exists(state_dir() / "ca" / "ca.pem"))
    GTEST_FAIL() << "the lab is not up (no " << state_dir() / "ca" / "ca.pem"
                 << ")";
  const Lab lab = load_lab();
  ASSERT_FALSE(lab.businesses.empty());
  std::vector<std::string> domains;
  for (const auto& b : lab.businesses) domains.push_back(b.domain);

  auto reports = scan_on_shared_executor(lab_options(lab), domains, 8);
  ASSERT_EQ(reports.size(), lab.businesses.size());

  int tp = 0, fp = 0, fn = 0;
  std::string table;
  auto line = [&table](const char* fmt, auto... args) {
    char buf[512];
    std::snprintf(buf, sizeof buf, fmt, args...);
    table += buf;
  };
  line("%-34s %5s %5s %5s %8s  %s\n", "business", "TP", "FP", "FN", "ms", "problems");
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const auto& biz = lab.businesses[i];
    const auto& r = reports[i];
    ASSERT_EQ(r.status, scan::DomainStatus::scanned) << biz.domain << ": " << r.message;
    std::set<std::string> found;
    std::vector<std::string> inconclusive;
    for (const auto& c : r.results) {
      // What a mail server's STARTTLS showed is told apart from the web host's: "MX:TLS_1_0_OFFERED".
      const std::string prefix = c.subject.empty() ? "" : "MX:";
      for (const auto& f : c.findings) found.insert(prefix + f.id);
      const std::string check = prefix + c.check;
      const bool must = listed(biz.expect_inconclusive_checks, check);
      const bool may = must || listed(biz.may_be_inconclusive_checks, check);
      if (c.outcome == Outcome::inconclusive && !may) inconclusive.push_back(check + " (" + c.reason + ")");
      if (must && c.outcome != Outcome::inconclusive) {
        ADD_FAILURE() << biz.domain << ": " << check << " should be inconclusive here, but is " << to_string(c.outcome);
      }
      // An undecided check owes a person its reason.
      if (c.outcome == Outcome::inconclusive && c.reason.empty()) {
        ADD_FAILURE() << biz.domain << ": " << check << " is inconclusive without a reason";
      }
    }
    int htp = 0, hfp = 0, hfn = 0;
    std::string problems;
    for (const auto& id : found) {
      if (biz.expect.count(id) != 0) {
        ++htp;
      } else {
        ++hfp;
        problems += " +" + id;
      }
    }
    // A check that may be undecided here and was: its expected findings are not owed.
    auto excused = [&](const std::string& id) {
      const bool mx = id.rfind("MX:", 0) == 0;
      const std::string bare = mx ? id.substr(3) : id;
      for (const auto& c : r.results) {
        if (c.outcome != Outcome::inconclusive || c.subject.empty() == mx) continue;
        const auto* spec = scan::Catalogue::instance().find(c.check);
        if (spec == nullptr || std::find(spec->findings.begin(), spec->findings.end(), bare) == spec->findings.end()) {
          continue;
        }
        if (listed(biz.may_be_inconclusive_checks, (mx ? "MX:" : "") + c.check)) return true;
      }
      return false;
    };
    for (const auto& id : biz.expect) {
      if (found.count(id) == 0 && !excused(id)) {
        ++hfn;
        problems += " -" + id;
      }
    }
    tp += htp;
    fp += hfp;
    fn += hfn;
    line("%-34s %5d %5d %5d %8lld %s\n", biz.domain.c_str(), htp, hfp, hfn, static_cast<long long>(r.duration.count()),
         problems.c_str());
    EXPECT_EQ(hfp + hfn, 0) << biz.domain << ":" << problems;
    if (biz.max_seconds) {
      EXPECT_LE(r.duration.count(), *biz.max_seconds * 1000) << biz.domain << " took longer than its bound";
    }
    if (biz.max_web_score) {
      const auto scores = report::family_scores(r.results, content::Library::embedded());
      const auto web = scores.find(Family::web);
      if (web != scores.end()) {
        EXPECT_LE(web->second, *biz.max_web_score) << biz.domain << ": web family score";
      }
    }
    if (biz.max_severity) {
      const auto& lib = content::Library::embedded();
      for (const auto& c : r.results) {
        for (const auto& f : c.findings) {
          const Severity s = content::severity_of(f, lib);
          EXPECT_LE(s, *biz.max_severity)
              << biz.domain << ": " << (c.subject.empty() ? "" : "MX:") << f.id << " is " << to_string(s)
              << ", but this control allows at most " << to_string(*biz.max_severity);
        }
      }
    }
    if (biz.expect_inconclusive) {
      EXPECT_TRUE(found.empty()) << biz.domain;
      for (const auto& c : r.results) {
        // The dns checks ask the lab's name servers, not the host: they may pass. So do the mail
        // checks: the dead host's domain publishes a null MX, SPF and DMARC in the DNS, and has
        // no mail server to be dead.
        const auto* spec = scan::Catalogue::instance().find(c.check);
        if (spec != nullptr && (spec->family == Family::dns || spec->family == Family::mail)) continue;
        // The exposure checks may pass too: the lab's dead host is a tarpit that accepts on
        // 80/443 and (loopback) refuses every other port, so its risky ports are really closed.
        // A host where nothing at all answers is inconclusive (tests/unit/exposure_checks_test.cpp).
        if (spec != nullptr && spec->family == Family::exposure) continue;
        EXPECT_NE(c.outcome, Outcome::pass) << biz.domain << " " << c.check << " passed, but nothing answered";
      }
    } else {
      // Outside the dead host, nothing planted may end up undecided: that would hide a miss.
      for (const auto& what : inconclusive) ADD_FAILURE() << biz.domain << ": inconclusive " << what;
    }
  }
  double precision = tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp);
  double recall = tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn);
  line("%-34s %5d %5d %5d\nprecision %.1f%%  recall %.1f%%  (%zu businesses)\n", "total", tp, fp, fn, 100 * precision,
       100 * recall, reports.size());
  std::printf("\n%s\n", table.c_str());
  // The test command prints this table at its end, pass or fail.
  if (const char* out = std::getenv("WEERBAAR_LAB_REPORT"); out != nullptr && *out != '\0') {
    std::ofstream(out) << table;
  }
  record_check_cases(lab, reports);
  EXPECT_EQ(fp, 0);
  EXPECT_EQ(fn, 0);
  EXPECT_GT(tp, 20) << "the lab plants too little to mean anything";
}

}  // namespace
}  // namespace weerbaar
