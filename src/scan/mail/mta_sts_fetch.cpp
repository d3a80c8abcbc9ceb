#include "scan/mail/mta_sts_fetch.hpp"

#include "scan/web/http_client.hpp"

namespace weerbaar::scan::mail {

net::awaitable<MtaStsFetch> fetch_mta_sts_policy(net::tcp::endpoint ep, std::string host,
                                                 const MtaStsFetchOptions& opt) {
  MtaStsFetch out;
  out.url = "https://" + host + "/.well-known/mta-sts.txt";
  // RFC 8461 section 3.3: a verified certificate for the policy host, no redirects, a small body.
  web::HttpOptions http{.user_agent = opt.user_agent,
                        .timeouts = opt.timeouts,
                        .max_body = kMtaStsMaxBody,
                        .max_header_bytes = 16 * 1024,
                        .accept = "text/plain",
                        .verify_certificate = true,
                        .ca_file = opt.ca_file};
  HttpExchange ex = co_await web::fetch(ep, host, true, "/.well-known/mta-sts.txt", http, {}, &out.certificate_error);
  out.status = ex.status;
  out.error = std::move(ex.error);
  if (!ex.response) co_return out;
  out.http_status = ex.response->status;
  if (const std::string* type = ex.response->header("content-type"); type != nullptr) {
    out.content_type = *type;
    for (char& c : out.content_type) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  if (ex.response->body_truncated) {
    // Cut at the cap (no note) or cut short by the server or the deadline (the client's note).
    out.body_truncated = true;
    out.status = out.error.empty() ? NetStatus::too_large : NetStatus::protocol_error;
    out.error = out.error.empty() ? "the policy is larger than 64 KiB" : "the policy arrived incomplete: " + out.error;
    co_return out;
  }
  out.body = std::move(ex.response->body);
  out.error.clear();  // a note from the client about a complete body is no failure
  co_return out;
}

}  // namespace weerbaar::scan::mail
