// exposure.smb: Windows file sharing (SMB, port 445). An open port is all the probe asks: it
// sends nothing, so no SMB session is ever started.
#include "scan/exposure/service.hpp"

namespace weerbaar::scan::exposure {
namespace {

const ServiceRegistration reg{{
    .name = "smb",
    .label = "SMB",
    .ports = {445},
    .findings = {"EXPOSURE_SMB_OPEN"},
}};

}  // namespace
}  // namespace weerbaar::scan::exposure
