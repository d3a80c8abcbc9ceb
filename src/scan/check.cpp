#include "scan/check.hpp"

#include <algorithm>
#include <stdexcept>

namespace weerbaar::scan {

Catalogue& Catalogue::instance() {
  static Catalogue catalogue;
  return catalogue;
}

void Catalogue::add(CheckSpec spec) {
  if (find(spec.id) != nullptr) throw std::logic_error("check registered twice: " + spec.id);
  checks_.push_back(std::move(spec));
  // Registration order depends on link order; keep reports stable.
  std::sort(checks_.begin(), checks_.end(), [](const CheckSpec& a, const CheckSpec& b) { return a.id < b.id; });
}

const CheckSpec* Catalogue::find(std::string_view id) const {
  for (const auto& c : checks_) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace weerbaar::scan
