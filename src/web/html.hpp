#pragma once
// HTML escaping by construction. Html is markup that is safe to send: text appended to it is
// always escaped, and raw markup can only come from a string literal with the _h suffix, so a
// value from a request or the database can never reach the page unescaped.
#include <cstddef>
#include <string>
#include <string_view>

namespace weerbaar::web {

// A piece of markup written in the source code. Only the _h literal makes one.
class Markup {
 public:
  [[nodiscard]] constexpr std::string_view view() const { return s_; }

 private:
  constexpr explicit Markup(std::string_view s) : s_(s) {}
  friend constexpr Markup operator""_h(const char* s, std::size_t n);
  std::string_view s_;
};

constexpr Markup operator""_h(const char* s, std::size_t n) {
  return Markup(std::string_view(s, n));
}

// Escapes &, <, >, " and ' so the text is safe in element content and in quoted attributes.
std::string escape(std::string_view text);

class Html {
 public:
  Html() = default;
  explicit Html(Markup m) : s_(m.view()) {}

  Html& operator<<(Markup m) {
    s_ += m.view();
    return *this;
  }
  Html& operator<<(std::string_view text) {
    s_ += escape(text);
    return *this;
  }
  Html& operator<<(const std::string& text) { return *this << std::string_view(text); }
  Html& operator<<(const char* text) { return *this << std::string_view(text); }
  Html& operator<<(const Html& other) {
    s_ += other.s_;
    return *this;
  }
  Html& operator<<(int n) {
    s_ += std::to_string(n);
    return *this;
  }
  Html& operator<<(long n) {
    s_ += std::to_string(n);
    return *this;
  }
  Html& operator<<(long long n) {
    s_ += std::to_string(n);
    return *this;
  }
  Html& operator<<(std::size_t n) {
    s_ += std::to_string(n);
    return *this;
  }

  [[nodiscard]] const std::string& str() const { return s_; }
  [[nodiscard]] bool empty() const { return s_.empty(); }

 private:
  std::string s_;
};

// name="value" with a leading space, the value escaped; the name must be a literal.
Html attr(Markup name, std::string_view value);

}  // namespace weerbaar::web
