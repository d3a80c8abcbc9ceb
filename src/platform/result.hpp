#pragma once
// Errors as values for everything the web layer calls. An Error carries a message key that
// the pages translate (content/platform/messages.*.json), the form field it concerns, and a
// detail for logs that never holds personal data.
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace weerbaar::platform {

struct Error {
  std::string key;     // e.g. "signup.domain_invalid"; stable, documented in STORE_API.md
  std::string field;   // the form field at fault, or empty
  std::string detail;  // for logs and developers; no personal data

  static Error of(std::string key, std::string field = {}, std::string detail = {}) {
    return Error{std::move(key), std::move(field), std::move(detail)};
  }
};

// The well-known keys every service may return.
namespace errors {
inline Error not_found() {
  return Error::of("error.not_found");
}
inline Error forbidden() {
  return Error::of("error.forbidden");
}
inline Error storage(std::string detail) {
  return Error::of("error.storage", {}, std::move(detail));
}
}  // namespace errors

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit, so services `return value;`
  Result(Error e) : v_(std::move(e)) {}      // NOLINT
  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  [[nodiscard]] const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Done {};  // the value of a call that returns nothing but can fail
using Status = Result<Done>;
inline Status ok() {
  return Done{};
}

}  // namespace weerbaar::platform
