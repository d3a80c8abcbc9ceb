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
  std::string product;  // id in the dataset: "wordpress", "nginx", "php", "exim", ...
  std::string version;  // as announced (may be only "7" for a Drupal generator tag)
  // When version had to be rewritten to compare (ProFTPD's "1.3.5a" is 1.3.5.1): what the
  // banner said, for people. Empty when version is what it said.
  std::string announced;
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
// OpenSSH in an SSH identification string (RFC 4253 4.2: "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13").
// Only portable OpenSSH ("p1" and so on) is detected: OpenBSD's own OpenSSH and Red Hat's builds
// announce no portable release, and their holes are not those of the portable releases.
std::optional<Detected> from_ssh_banner(std::string_view banner);
// vsftpd or ProFTPD in an FTP greeting ("220 (vsFTPd 3.0.3)", "220 ProFTPD 1.3.5 Server (...)").
// ProFTPD's letter releases count as a fourth component (1.3.5a is 1.3.5.1, after 1.3.5);
// its release candidates are not judged.
std::optional<Detected> from_ftp_greeting(std::string_view greeting);

enum class Status {
  unknown,      // not in the dataset, or a version the dataset cannot place
  supported,    // its release cycle still receives security updates
  end_of_life,  // its release cycle no longer does
  vulnerable,   // a critical remote vulnerability with a public advisory (not known exploited)
  exploited,    // a vulnerability known to be exploited affects this version
};

struct Verdict {
  Status status = Status::unknown;
  std::string label;              // "WordPress", "nginx"
  std::string cycle;              // the release cycle matched ("1.22", "7")
  std::string eol;                // YYYY-MM-DD when end_of_life
  std::vector<std::string> cves;  // when exploited or vulnerable
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
