#include "scan/web/security_txt.hpp"

#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

constexpr std::size_t kMaxFields = 10000;

std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t count) {
  if (pos + count > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!text::is_digit(s[i])) return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// Where the signed message's content starts and how each line reads, per RFC 4880 7.1.
class LineReader {
 public:
  explicit LineReader(std::string_view body) : lines_(text::split(body, '\n')) {}

  // Calls f(line) for every content line, without armour or dash-escapes.
  template <typename F>
  bool for_each(F&& f) {
    std::size_t i = 0;
    while (i < lines_.size() && text::trim(lines_[i]).empty()) ++i;
    bool is_signed = i < lines_.size() && strip_cr(lines_[i]) == "-----BEGIN PGP SIGNED MESSAGE-----";
    if (is_signed) {
      ++i;
      while (i < lines_.size() && !text::trim(lines_[i]).empty()) ++i;  // armour headers ("Hash: SHA256")
    }
    for (; i < lines_.size(); ++i) {
      std::string_view line = strip_cr(lines_[i]);
      if (is_signed) {
        if (line == "-----BEGIN PGP SIGNATURE-----") break;
        if (line.substr(0, 2) == "- ") line.remove_prefix(2);
      }
      f(line);
    }
    return is_signed;
  }

 private:
  static std::string_view strip_cr(std::string_view l) {
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    return l;
  }
  std::vector<std::string_view> lines_;
};

}  // namespace

std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view s) {
  using namespace std::chrono;
  s = text::trim(s);
  auto year = digits(s, 0, 4);
  auto month = digits(s, 5, 2);
  auto day = digits(s, 8, 2);
  auto hour = digits(s, 11, 2);
  auto minute = digits(s, 14, 2);
  auto second = digits(s, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') return std::nullopt;
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t start = i;
    while (i < s.size() && text::is_digit(s[i])) ++i;
    if (i == start) return std::nullopt;
  }
  if (i >= s.size()) return std::nullopt;  // RFC 3339 requires a zone
  int offset_minutes = 0;
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
  } else if (s[i] == '+' || s[i] == '-') {
    auto oh = digits(s, i + 1, 2);
    auto om = digits(s, i + 4, 2);
    if (!oh || !om || s[i + 3] != ':' || *oh > 23 || *om > 59) return std::nullopt;
    offset_minutes = (*oh * 60 + *om) * (s[i] == '-' ? -1 : 1);
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  year_month_day ymd{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                     std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  auto t = sys_days{ymd} + hours{*hour} + minutes{*minute} + seconds{std::min(*second, 59)};
  return time_point_cast<seconds>(t - minutes{offset_minutes});
}

SecurityTxt parse_security_txt(std::string_view body) {
  SecurityTxt out;
  int expires_count = 0;
  bool expires_bad = false;
  LineReader reader(body);
  out.is_signed = reader.for_each([&](std::string_view line) {
    line = text::trim(line);
    if (line.empty() || line.front() == '#' || out.fields.size() >= kMaxFields) return;
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return;  // not a field; RFC 9116 ignores it
    SecurityTxtField field{text::to_lower(text::trim(line.substr(0, colon))),
                           std::string(text::trim(line.substr(colon + 1)))};
    if (field.name == "contact" && !field.value.empty()) out.contacts.push_back(field.value);
    if (field.name == "expires") {
      if (++expires_count == 1) {
        out.expires_text = field.value;
        out.expires = parse_rfc3339(field.value);
        expires_bad = !out.expires;
      }
    }
    out.fields.push_back(std::move(field));
  });
  if (out.contacts.empty()) out.problems.emplace_back("no Contact field");
  if (expires_count == 0) out.problems.emplace_back("no Expires field");
  if (expires_count > 1) out.problems.emplace_back("Expires appears more than once");
  if (expires_bad) out.problems.emplace_back("Expires is not an RFC 3339 date: " + out.expires_text);
  if (expires_count > 1) out.expires.reset();  // which one would a reader believe?
  return out;
}

}  // namespace weerbaar::scan::web
