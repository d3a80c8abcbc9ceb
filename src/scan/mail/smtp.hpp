#pragma once
// A small SMTP client for looking, not for sending mail: the greeting, EHLO, and STARTTLS up to
// the point where TLS starts (RFC 5321, RFC 3207). Replies are parsed from bounded buffers;
// every read and write has a deadline.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scan/facts.hpp"
#include "scan/net/async.hpp"

namespace weerbaar::scan::mail {

struct SmtpLimits {
  static constexpr std::size_t max_line = 2048;    // RFC 5321 allows 512 octets per reply line
  static constexpr std::size_t max_lines = 100;    // lines of one multi-line reply
  static constexpr std::size_t max_reply = 16384;  // bytes of one reply
};

struct SmtpReply {
  int code = 0;                    // 220, 250, 554, ...
  std::vector<std::string> lines;  // the text of each line, after "250-" / "250 "
};

enum class ReplyStatus { complete, need_more, malformed, too_large };

struct ParsedReply {
  ReplyStatus status = ReplyStatus::need_more;
  SmtpReply reply;       // when complete
  std::size_t used = 0;  // bytes of the buffer the reply took (when complete)
  std::string error;     // when malformed or too large
};

// Parses the first reply in buf: lines "ddd-text" continue, "ddd text" (or "ddd") ends it; all
// lines must carry the same code. CRLF and bare LF line ends are accepted.
ParsedReply parse_reply(std::string_view buf);

// The EHLO keywords (with their parameters), upper case, from a 250 reply to EHLO: every line
// but the first (which names the server).
std::vector<std::string> ehlo_keywords(const SmtpReply& reply);
bool offers(const std::vector<std::string>& keywords, std::string_view keyword);

// The dialogue on a connected socket: greeting, EHLO, and STARTTLS when upgrade is true and the
// server offers it (the socket is then ready for a ClientHello); otherwise a polite QUIT. Each
// step has the deadline step_limit. Fills facts; returns true when the socket was upgraded.
net::awaitable<bool> smtp_dialogue(net::tcp::socket& sock, const std::string& ehlo_name, bool upgrade,
                                   net::Duration step_limit, SmtpFacts& facts);

// Connects to ep and runs the dialogue without upgrading.
net::awaitable<SmtpFacts> probe_smtp(net::tcp::endpoint ep, const std::string& ehlo_name, const net::Timeouts& t);

}  // namespace weerbaar::scan::mail
