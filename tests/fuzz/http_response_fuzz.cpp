// An HTTP response as a website sends it: Beast's parser with the client's limits, then every
// web check over it (HSTS, CSP, cookies, CORS, security headers, redirects, server version,
// SRI), as if it were both the https:// root and the end of the http:// chain.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "fuzz_support.hpp"
#include "scan/check.hpp"
#include "scan/web/server_version.hpp"
#include "scan/web/text.hpp"

namespace {

namespace http = boost::beast::http;
using namespace weerbaar::scan;

std::optional<HttpResponse> parse(std::string_view wire) {
  http::response_parser<http::string_body> parser;
  parser.header_limit(64 * 1024);  // HttpOptions::max_header_bytes
  parser.body_limit(512 * 1024);   // HttpOptions::max_body
  parser.eager(true);
  boost::system::error_code ec;
  boost::asio::const_buffer rest(wire.data(), wire.size());
  while (rest.size() > 0 && !parser.is_done()) {
    std::size_t used = parser.put(rest, ec);
    if (ec == http::error::need_more) break;
    if (ec) return std::nullopt;
    if (used == 0) break;
    rest += used;
  }
  if (!parser.is_done()) {
    // put_eof before any byte is a precondition Beast asserts; the client never does it (it
    // calls put_eof only for a body delimited by the close, after the header).
    if (!parser.got_some()) return std::nullopt;
    parser.put_eof(ec);
    if (ec || !parser.is_header_done()) return std::nullopt;
  }
  HttpResponse r;
  r.status = static_cast<int>(parser.get().result_int());
  for (const auto& field : parser.get()) {
    r.headers.push_back({web::text::to_lower(field.name_string()), std::string(field.value())});
  }
  r.body = std::move(parser.get().body());
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto response = parse(weerbaar::fuzz::as_text(data, size));
  if (!response) return 0;
  for (const char* name : {"server", "x-powered-by"}) {
    if (const auto* v = response->header(name)) (void)web::carries_version(*v);
  }
  HttpExchange ex{.url = "https://example.nl/", .status = NetStatus::ok, .error = {}, .response = *response};
  HostFacts facts;
  facts.host = "example.nl";
  facts.address = "192.0.2.1";
  facts.web.emplace();
  facts.web->https_root = ex;
  facts.web->security_txt = ex;
  facts.web->http_chain.push_back(ex);
  facts.web->http_chain.front().url = "http://example.nl/";
  for (const auto& check : Catalogue::instance().checks()) {
    if (check.family == weerbaar::Family::web) (void)check.run(facts);
  }
  return 0;
}
