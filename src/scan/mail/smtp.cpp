#include "scan/mail/smtp.hpp"

#include <algorithm>
#include <cctype>

#include "scan/net/connection.hpp"

namespace weerbaar::scan::mail {
namespace {
namespace asio = net::asio;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

// Printable for a finding or a log: control bytes replaced, length capped.
std::string printable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 200)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  return out;
}

enum class ReadEnd { ok, closed, malformed, too_large, timeout, reset };

struct ReadResult {
  ReadEnd end = ReadEnd::closed;
  SmtpReply reply;
  std::string error;
};

// Reads one reply within limit. buf keeps what came after it (a server must not send anything
// after its reply to STARTTLS: the caller checks).
net::awaitable<ReadResult> read_reply(net::tcp::socket& sock, std::string& buf, net::Duration limit) {
  ParsedReply p;
  const net::Outcome got = co_await net::receive(
      sock, buf, SmtpLimits::max_reply + SmtpLimits::max_line,
      [&p](std::string_view received) {
        p = parse_reply(received);
        return p.status != ReplyStatus::need_more;
      },
      limit);
  switch (p.status) {
    case ReplyStatus::complete: buf.erase(0, p.used); co_return ReadResult{ReadEnd::ok, std::move(p.reply), ""};
    case ReplyStatus::malformed: co_return ReadResult{ReadEnd::malformed, {}, p.error};
    case ReplyStatus::too_large: co_return ReadResult{ReadEnd::too_large, {}, p.error};
    case ReplyStatus::need_more: break;
  }
  switch (got.status) {
    case NetStatus::timeout: co_return ReadResult{ReadEnd::timeout, {}, got.error};
    case NetStatus::reset: co_return ReadResult{ReadEnd::reset, {}, got.error};
    case NetStatus::too_large: co_return ReadResult{ReadEnd::too_large, {}, "a reply longer than the limit"};
    default: co_return ReadResult{ReadEnd::closed, {}, "the server closed the connection"};
  }
}

}  // namespace

ParsedReply parse_reply(std::string_view buf) {
  ParsedReply out;
  std::size_t pos = 0;
  for (;;) {
    if (out.reply.lines.size() >= SmtpLimits::max_lines) {
      out.status = ReplyStatus::too_large;
      out.error = "a reply of more than " + std::to_string(SmtpLimits::max_lines) + " lines";
      return out;
    }
    const std::size_t eol = buf.find('\n', pos);
    if (eol == std::string_view::npos) {
      const bool over = buf.size() - pos > SmtpLimits::max_line || buf.size() > SmtpLimits::max_reply;
      out.status = over ? ReplyStatus::too_large : ReplyStatus::need_more;
      if (over) out.error = "a reply line or reply longer than the limit";
      out.reply = {};
      return out;
    }
    if (eol - pos > SmtpLimits::max_line || eol + 1 > SmtpLimits::max_reply) {
      out.status = ReplyStatus::too_large;
      out.error = "a reply line or reply longer than the limit";
      return out;
    }
    std::string_view line = buf.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() < 3 || !is_digit(line[0]) || !is_digit(line[1]) || !is_digit(line[2]) ||
        (line.size() > 3 && line[3] != ' ' && line[3] != '-') || line[0] < '2' || line[0] > '5') {
      out.status = ReplyStatus::malformed;
      out.error = "not an SMTP reply line: \"" + printable(line) + "\"";
      return out;
    }
    const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    if (out.reply.lines.empty()) {
      out.reply.code = code;
    } else if (code != out.reply.code) {
      out.status = ReplyStatus::malformed;
      out.error =
          "a multi-line reply changes its code from " + std::to_string(out.reply.code) + " to " + std::to_string(code);
      return out;
    }
    out.reply.lines.emplace_back(line.size() > 4 ? line.substr(4) : std::string_view{});
    pos = eol + 1;
    if (line.size() == 3 || line[3] == ' ') {
      out.status = ReplyStatus::complete;
      out.used = pos;
      return out;
    }
  }
}

std::vector<std::string> ehlo_keywords(const SmtpReply& reply) {
  std::vector<std::string> out;
  for (std::size_t i = 1; i < reply.lines.size(); ++i) {
    std::string k = upper(trimmed(reply.lines[i]));
    if (!k.empty()) out.push_back(std::move(k));
  }
  return out;
}

bool offers(const std::vector<std::string>& keywords, std::string_view keyword) {
  return std::any_of(keywords.begin(), keywords.end(), [&](const std::string& k) {
    return k.size() >= keyword.size() && std::string_view(k).substr(0, keyword.size()) == keyword &&
           (k.size() == keyword.size() || k[keyword.size()] == ' ');
  });
}

net::awaitable<bool> smtp_dialogue(net::tcp::socket& sock, const std::string& ehlo_name, bool upgrade,
                                   net::Duration step_limit, SmtpFacts& facts) {
  std::string buf;
  auto fail = [&facts](NetStatus status, std::string why) {
    facts.status = status;
    facts.error = std::move(why);
  };
  // One step: a reply within its own deadline, or the reason there is none (facts filled).
  auto step = [&](const char* what) -> net::awaitable<std::optional<SmtpReply>> {
    auto r = co_await read_reply(sock, buf, step_limit);
    switch (r.end) {
      case ReadEnd::ok: co_return std::move(r.reply);
      case ReadEnd::timeout:
        fail(NetStatus::timeout,
             std::string("no reply to ") + what + " within " + std::to_string(step_limit.count()) + " ms");
        break;
      case ReadEnd::closed:
        fail(NetStatus::closed, std::string("connection closed before the reply to ") + what);
        break;
      case ReadEnd::reset:
        fail(NetStatus::reset, std::string("connection reset by the server before the reply to ") + what);
        break;
      case ReadEnd::malformed: fail(NetStatus::protocol_error, r.error); break;
      case ReadEnd::too_large: fail(NetStatus::too_large, r.error); break;
    }
    co_return std::nullopt;
  };
  auto say = [&](std::string line) -> net::awaitable<bool> {
    line += "\r\n";
    const net::Outcome sent = co_await net::send(sock, asio::buffer(line), step_limit);
    if (!sent.ok()) {
      fail(sent.status, "could not send to the server: " + sent.error);
      co_return false;
    }
    co_return true;
  };
  auto quit = [&]() -> net::awaitable<void> {
    if (co_await say("QUIT")) co_await read_reply(sock, buf, step_limit);
  };

  auto greeting = co_await step("the connection (greeting)");
  if (!greeting) co_return false;
  facts.greeting_code = greeting->code;
  facts.banner = printable(greeting->lines.front());
  if (greeting->code != 220) {
    fail(NetStatus::protocol_error, "the server greets with " + std::to_string(greeting->code) + ": " + facts.banner);
    co_await quit();
    co_return false;
  }
  if (!co_await say("EHLO " + ehlo_name)) co_return false;
  auto ehlo = co_await step("EHLO");
  if (!ehlo) co_return false;
  if (ehlo->code != 250) {
    fail(NetStatus::protocol_error, "EHLO refused with " + std::to_string(ehlo->code));
    co_await quit();
    co_return false;
  }
  facts.ehlo = ehlo_keywords(*ehlo);
  facts.starttls_offered = offers(facts.ehlo, "STARTTLS");
  if (!upgrade || !facts.starttls_offered) {
    co_await quit();
    co_return false;
  }
  if (!co_await say("STARTTLS")) co_return false;
  auto ready = co_await step("STARTTLS");
  if (!ready) co_return false;
  if (ready->code != 220) {
    fail(NetStatus::protocol_error, "STARTTLS refused with " + std::to_string(ready->code));
    co_await quit();
    co_return false;
  }
  if (!buf.empty()) {
    // Bytes before the TLS handshake would be read as if protected by it (CVE-2011-0411).
    fail(NetStatus::protocol_error, "the server sent data after its reply to STARTTLS");
    co_return false;
  }
  co_return true;
}

net::awaitable<SmtpFacts> probe_smtp(net::tcp::endpoint ep, const std::string& ehlo_name, const net::Timeouts& t) {
  SmtpFacts facts;
  net::tcp::socket sock(co_await asio::this_coro::executor);
  const net::Outcome connected = co_await net::connect(sock, ep, t.connect);
  if (!connected.ok()) {
    facts.status = connected.status;
    facts.error = "port 25: " + connected.error;
    co_return facts;
  }
  co_await smtp_dialogue(sock, ehlo_name, false, t.handshake, facts);
  net::close(sock);
  co_return facts;
}

}  // namespace weerbaar::scan::mail
