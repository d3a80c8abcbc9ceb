#pragma once
// What a TLS probe does on a fresh connection before its ClientHello: nothing on port 443; the
// SMTP dialogue up to "220 Ready to start TLS" for a mail server (STARTTLS, RFC 3207).
#include <functional>
#include <optional>
#include <string>

#include "scan/net/async.hpp"

namespace weerbaar::scan::tls {

// Returns nullopt when the socket is ready for TLS, otherwise why not (one line). The probe
// puts its own deadline (timeouts.handshake) around it.
using BeforeTls = std::function<net::awaitable<std::optional<std::string>>(net::tcp::socket&)>;

}  // namespace weerbaar::scan::tls
