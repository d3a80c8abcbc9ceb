#pragma once
// Which software a host shows (a CMS on its website, a web or mail server in its banner) and
// whether that version is still supported, judged against the dataset in content/software.json
// (end-of-life dates per release cycle and versions with known exploited vulnerabilities; its
// sources and date are in the file, scripts/refresh_software.py renews it).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weerbaar::scan::software {

// A dotted version as software announces it: the numeric components up to the first character
// that is not a digit or a dot ("2.4.57 (Debian)" -> 2.4.57, "7.4.3-1ubuntu" -> 7.4.3).
struct Version {
  std::vector<int> parts;
  [[nodiscard]] std::string str() const;
  // Compares component-wise; a missing component counts as 0 (2.4 == 2.4.0).
  [[nodiscard]] int compare(const Version& o) const;
};
std::optional<Version> parse_version(std::string_view text);

// Software seen on a host.
struct Detected {
  std::string product;   // id in the dataset: "wordpress", "nginx", "php", "exim", ...
  std::string version;   // as announced (may be only "7" for a Drupal generator tag)
  std::string evidence;  // where it was seen, for people: "Server: nginx/1.18.0", "/feed/"
  // The banner names a distribution package ("Apache/2.4.38 (Debian)", "7.4.3-4ubuntu2"):
  // distributions backport security fixes without changing the version, so the version says
  // little about the holes and is not judged.
  bool distribution_build = false;
};

// Products with their versions in an HTTP Server or X-Powered-By value ("Apache/2.4.57 (Debian)
// PHP/8.2.7 OpenSSL/3.0.11"); only products the dataset knows.
std::vector<Detected> from_http_header(std::string_view header_name, std::string_view value);
// The mail server software in an SMTP greeting ("mx.example.nl ESMTP Exim 4.94.2 Mon, ...").
std::optional<Detected> from_smtp_banner(std::string_view banner);

enum class Status {
  unknown,      // not in the dataset, or a version the dataset cannot place
  supported,    // its release cycle still receives security updates
  end_of_life,  // its release cycle no longer does
  exploited,    // a vulnerability known to be exploited affects this version
};

struct Verdict {
  Status status = Status::unknown;
  std::string label;              // "WordPress", "nginx"
  std::string cycle;              // the release cycle matched ("1.22", "7")
  std::string eol;                // YYYY-MM-DD when end_of_life
  std::vector<std::string> cves;  // when exploited
  std::string who;                // who usually updates it: "website_builder", "hosting", "it_supplier"
};

// Judged on the day `today` (end-of-life dates in the future do not count yet).
Verdict judge(const Detected& d, std::chrono::sys_days today);

// The dataset's date and sources, for reports and docs.
struct DatasetInfo {
  std::string as_of;
  std::vector<std::string> sources;
};
const DatasetInfo& dataset_info();

}  // namespace weerbaar::scan::software
