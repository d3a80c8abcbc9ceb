#pragma once
// The HTTP vocabulary of the web layer: Beast's request and response with string bodies, and
// the small parsers every page needs (form bodies, query strings, cookies).
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "web/html.hpp"

namespace weerbaar::web {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// Decoded fields of an application/x-www-form-urlencoded body or a query string. A field
// given twice keeps every value (checkbox groups); get() returns the first.
class Form {
 public:
  static Form parse(std::string_view encoded);
  [[nodiscard]] std::string get(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> all(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const;
  void set(std::string name, std::string value);
  void erase(std::string_view name);

 private:
  std::multimap<std::string, std::string, std::less<>> fields_;
};

// %XX and '+' decoded; nullopt on a broken escape or a NUL byte.
std::optional<std::string> url_decode(std::string_view s, bool plus_is_space = true);
std::string url_encode(std::string_view s);

// The path of a request target, without the query; and the query alone.
std::string_view target_path(std::string_view target);
std::string_view target_query(std::string_view target);

// The value of one cookie in the Cookie header, if present.
std::optional<std::string> cookie(const Request& req, std::string_view name);

// Responses every handler builds.
Response html_page(http::status status, const Html& body);
Response text_response(http::status status, std::string body,
                       std::string_view content_type = "text/plain; charset=utf-8");
Response redirect(std::string_view location, http::status status = http::status::see_other);

}  // namespace weerbaar::web
