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

const HttpExchange* WebFacts::path(std::string_view p) const {
  for (const auto& f : paths) {
    if (f.path == p) return &f.exchange;
  }
  return nullptr;
}

}  // namespace weerbaar::scan
