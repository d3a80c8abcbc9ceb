#include "scan/web/html_scan.hpp"

#include <algorithm>
#include <charconv>

#include "scan/web/text.hpp"

namespace weerbaar::scan::web {
namespace {

constexpr std::size_t kMaxAttributes = 256;

bool tag_name_char(char c) {
  return !text::is_space(c) && c != '/' && c != '>';
}
bool attr_name_char(char c) {
  return !text::is_space(c) && c != '/' && c != '>' && c != '=';
}

class Scanner {
 public:
  explicit Scanner(std::string_view html) : s_(html) {}

  bool at_end() const { return i_ >= s_.size(); }

  // Advances past the next start tag and returns it; or returns false at the end.
  bool next_start_tag(HtmlTag& tag) {
    while (true) {
      auto lt = s_.find('<', i_);
      if (lt == std::string_view::npos) {
        i_ = s_.size();
        return false;
      }
      i_ = lt + 1;
      if (rest().substr(0, 3) == "!--") {
        skip_past("-->");
      } else if (!rest().empty() && (rest().front() == '!' || rest().front() == '?' || rest().front() == '/')) {
        skip_past(">");
      } else if (!rest().empty() && text::is_alpha(rest().front())) {
        read_tag(tag);
        return true;
      }
    }
  }

  // After <script> or <style>: its content is raw text up to the matching end tag.
  void skip_raw_text(std::string_view name) {
    std::string end = "</" + std::string(name);
    auto pos = text::ifind(s_, end, i_);
    i_ = pos == std::string_view::npos ? s_.size() : pos;
  }

 private:
  std::string_view rest() const { return s_.substr(std::min(i_, s_.size())); }

  void skip_past(std::string_view marker) {
    auto pos = s_.find(marker, i_);
    i_ = pos == std::string_view::npos ? s_.size() : pos + marker.size();
  }

  void skip_space() {
    while (i_ < s_.size() && text::is_space(s_[i_])) ++i_;
  }

  std::string read_while(bool (*pred)(char)) {
    std::size_t start = i_;
    while (i_ < s_.size() && pred(s_[i_])) ++i_;
    return text::to_lower(s_.substr(start, i_ - start));
  }

  void read_tag(HtmlTag& tag) {
    tag.name = read_while(tag_name_char);
    tag.attributes.clear();
    while (i_ < s_.size()) {
      skip_space();
      if (i_ >= s_.size()) return;
      if (s_[i_] == '>') {
        ++i_;
        return;
      }
      if (s_[i_] == '/' || s_[i_] == '=') {  // self-closing slash, or a stray '='
        ++i_;
        continue;
      }
      std::string name = read_while(attr_name_char);
      skip_space();
      std::string value;
      if (i_ < s_.size() && s_[i_] == '=') {
        ++i_;
        skip_space();
        value = read_value();
      }
      if (tag.attributes.size() < kMaxAttributes) tag.attributes.emplace_back(std::move(name), decode_entities(value));
    }
  }

  std::string read_value() {
    if (i_ >= s_.size()) return {};
    char quote = s_[i_];
    if (quote == '"' || quote == '\'') {
      auto close = s_.find(quote, i_ + 1);
      auto end = close == std::string_view::npos ? s_.size() : close;
      std::string v(s_.substr(i_ + 1, end - i_ - 1));
      i_ = close == std::string_view::npos ? s_.size() : close + 1;
      return v;
    }
    std::size_t start = i_;
    while (i_ < s_.size() && !text::is_space(s_[i_]) && s_[i_] != '>') ++i_;
    return std::string(s_.substr(start, i_ - start));
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

const std::string* HtmlTag::attribute(std::string_view attr) const {
  for (const auto& [n, v] : attributes) {
    if (n == attr) return &v;
  }
  return nullptr;
}

std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    // The longest reference decoded ("&#x0000007f;") is a dozen characters: look for its ';'
    // that far only. Searching the rest of the text from every '&' made a body of half a
    // megabyte of '&' take seconds (quadratic).
    auto semi = s.substr(i, 12).find(';');
    if (semi != std::string_view::npos) semi += i;
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    std::string_view ref = s.substr(i + 1, semi - i - 1);
    char decoded = 0;
    if (ref == "quot")
      decoded = '"';
    else if (ref == "apos")
      decoded = '\'';
    else if (ref == "amp")
      decoded = '&';
    else if (ref == "lt")
      decoded = '<';
    else if (ref == "gt")
      decoded = '>';
    else if (ref.size() > 1 && ref.front() == '#') {
      bool hex = ref[1] == 'x' || ref[1] == 'X';
      auto digits = ref.substr(hex ? 2 : 1);
      unsigned code = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
      // Only ASCII matters for the values we read (keywords, URLs, hashes).
      if (ec == std::errc{} && end == digits.data() + digits.size() && code > 0 && code < 0x80) {
        decoded = static_cast<char>(code);
      }
    }
    if (decoded == 0) {
      out += s[i];
      continue;
    }
    out += decoded;
    i = semi;
  }
  return out;
}

std::vector<HtmlTag> find_tags(std::string_view html, std::initializer_list<std::string_view> names,
                               std::size_t max_tags) {
  std::vector<HtmlTag> out;
  Scanner scanner(html);
  HtmlTag tag;
  while (out.size() < max_tags && scanner.next_start_tag(tag)) {
    bool raw = tag.name == "script" || tag.name == "style";
    bool wanted = std::find(names.begin(), names.end(), tag.name) != names.end();
    std::string name = tag.name;
    if (wanted) out.push_back(std::move(tag));
    if (raw) scanner.skip_raw_text(name);
  }
  return out;
}

}  // namespace weerbaar::scan::web
