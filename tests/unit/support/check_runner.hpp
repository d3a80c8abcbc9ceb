#pragma once
// Runs a registered check by id on hand-built facts, and lists the finding ids it reported.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "scan/check.hpp"

namespace weerbaar::scan::check_testing {

using Ids = std::vector<std::string>;

inline Ids ids(const CheckResult& r) {
  Ids out;
  for (const auto& f : r.findings) out.push_back(f.id);
  return out;
}

inline CheckResult run(std::string_view id, const HostFacts& f) {
  const auto* spec = Catalogue::instance().find(id);
  EXPECT_NE(spec, nullptr) << id;
  return spec == nullptr ? CheckResult{} : spec->run(f);
}

}  // namespace weerbaar::scan::check_testing
