#include "scan/facts.hpp"

namespace weerbaar::scan {

// Header names are stored in lower case by the client, so a plain compare suffices.
const std::string* HttpResponse::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (h.name == name) return &h.value;
  }
  return nullptr;
}

std::vector<std::string> HttpResponse::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& h : headers) {
    if (h.name == name) out.push_back(h.value);
  }
  return out;
}

const HttpExchange& WebFacts::landing() const {
  if (!https_landing.empty()) {
    const HttpExchange& last = https_landing.back();
    const int s = last.response ? last.response->status : 0;
    const bool redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
    if (last.status == NetStatus::ok && last.response && !redirect) return last;
  }
  return https_root;
}

const HttpExchange* WebFacts::path(std::string_view p) const {
  for (const auto& f : paths) {
    if (f.path == p) return &f.exchange;
  }
  return nullptr;
}

}  // namespace weerbaar::scan
