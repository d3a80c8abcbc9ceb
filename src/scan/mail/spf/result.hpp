#pragma once
// The results of SPF's check_host() (RFC 7208 §2.6). Its own header so that the mail facts can
// carry a result without pulling in the evaluator and Asio.
#include <string_view>

namespace weerbaar::scan::mail::spf {

enum class SpfResult { none, neutral, pass, fail, softfail, temperror, permerror };
std::string_view to_string(SpfResult r);

}  // namespace weerbaar::scan::mail::spf
