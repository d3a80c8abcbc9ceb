// exposure.ftp_software: the vsftpd or ProFTPD version an FTP greeting announces (exposure facts,
// port 21), judged against the software dataset. The open port is exposure.ftp's finding; a
// version with a known critical hole is this one (vsftpd 2.3.4, ProFTPD 1.3.5 with mod_copy).
#include "scan/exposure/banner_software.hpp"

namespace weerbaar::scan::exposure {
namespace {

const BannerSoftwareRegistration reg{{.check = "exposure.ftp_software",
                                      .service = "ftp",
                                      .label = "FTP",
                                      .detect = software::from_ftp_greeting,
                                      .finding = "FTP_SOFTWARE_VULNERABLE"}};

}  // namespace
}  // namespace weerbaar::scan::exposure
