#pragma once
// The network half of the TLS scan that needs no handshake: which protocol versions, cipher
// suites, key-exchange groups and options a server accepts, learnt from hand-built
// ClientHellos (client_hello.hpp) and the server's first answer. Connections are closed as
// soon as the answer is in; nothing is ever encrypted.
#include <string>

#include "scan/facts.hpp"
#include "scan/net/async.hpp"
#include "scan/tls/before_tls.hpp"

namespace weerbaar::scan::tls {

struct HelloProbeOptions {
  std::string sni;  // host name for server_name; empty or an IP literal: none sent
  net::Timeouts timeouts;
  BeforeTls before_tls{};  // empty on port 443; STARTTLS for a mail server (run on every connection)
};

// Fills out.status/error, versions, suites, server_order, groups, dhe_bits, dhe_is_rfc7919,
// compression, secure_renegotiation and extended_master_secret.
//
// Every connection takes a slot from host_slots (the engine's politeness limit) and has a
// deadline for connecting (timeouts.connect) and for the answer (timeouts.handshake); the
// whole run also has a time budget and a cap on connections, so that a server that answers
// slowly on purpose cannot hold the scan. Independent enumerations run concurrently.
// A fact that could not be established is left unset and the reason added to out.error.
net::awaitable<void> probe_hello(net::tcp::endpoint ep, const HelloProbeOptions& opt, net::Limiter& host_slots,
                                 TlsFacts& out);

}  // namespace weerbaar::scan::tls
