#include "scan/facts.hpp"

namespace weerbaar::scan {

std::string_view to_string(NetStatus s) {
  switch (s) {
    case NetStatus::ok: return "ok";
    case NetStatus::timeout: return "timeout";
    case NetStatus::refused: return "refused";
    case NetStatus::unreachable: return "unreachable";
    case NetStatus::tls_failed: return "tls_failed";
    case NetStatus::protocol_error: return "protocol_error";
    case NetStatus::too_large: return "too_large";
    case NetStatus::reset: return "reset";
    case NetStatus::closed: return "closed";
  }
  return "unknown";
}

std::string_view to_string(TlsFailure f) {
  switch (f) {
    case TlsFailure::none: return "none";
    case TlsFailure::not_tls: return "not_tls";
    case TlsFailure::no_common_version: return "no_common_version";
    case TlsFailure::unknown_name: return "unknown_name";
    case TlsFailure::refused: return "refused";
    case TlsFailure::other: return "other";
  }
  return "unknown";
}

std::string_view to_string(TlsVersion v) {
  switch (v) {
    case TlsVersion::ssl3: return "SSL 3.0";
    case TlsVersion::tls1_0: return "TLS 1.0";
    case TlsVersion::tls1_1: return "TLS 1.1";
    case TlsVersion::tls1_2: return "TLS 1.2";
    case TlsVersion::tls1_3: return "TLS 1.3";
  }
  return "unknown";
}

std::string_view to_string(LookupStatus s) {
  switch (s) {
    case LookupStatus::ok: return "ok";
    case LookupStatus::nodata: return "nodata";
    case LookupStatus::nxdomain: return "nxdomain";
    case LookupStatus::failed: return "failed";
  }
  return "unknown";
}

}  // namespace weerbaar::scan
