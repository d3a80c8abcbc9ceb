// exposure.ssh_software: the OpenSSH version an SSH server announces (exposure facts, port 22),
// judged against the software dataset. An open SSH port is no finding; a version with a known
// critical hole is (CVE-2024-6387, "regreSSHion": portable OpenSSH 8.5p1 up to 9.8p1).
#include "scan/exposure/banner_software.hpp"

namespace weerbaar::scan::exposure {
namespace {

const BannerSoftwareRegistration reg{{.check = "exposure.ssh_software",
                                      .service = "ssh",
                                      .label = "SSH",
                                      .detect = software::from_ssh_banner,
                                      .finding = "SSH_SOFTWARE_VULNERABLE"}};

}  // namespace
}  // namespace weerbaar::scan::exposure
