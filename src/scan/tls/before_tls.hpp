#pragma once
// What a TLS probe does on a fresh connection before its ClientHello: nothing on port 443; the
// SMTP dialogue up to "220 Ready to start TLS" for a mail server (STARTTLS, RFC 3207).
#include <functional>
#include <optional>
#include <string>

#include "scan/net/async.hpp"

namespace weerbaar::scan::tls {

// Returns nullopt when the socket is ready for TLS, otherwise why not (one line). Each step of
// the dialogue has a deadline of its own (timeouts.handshake for greeting, EHLO and STARTTLS
// each), so that a slow but working server is judged on its TLS; the probe only bounds the
// whole at four steps, against a bug.
using BeforeTls = std::function<net::awaitable<std::optional<std::string>>(net::tcp::socket&)>;

}  // namespace weerbaar::scan::tls
