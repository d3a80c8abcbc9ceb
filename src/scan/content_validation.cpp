#include "scan/content_validation.hpp"

#include <algorithm>

namespace weerbaar::scan {

std::vector<std::string> validate_content(const content::Library& lib, const Catalogue& catalogue) {
  std::vector<std::string> problems;
  for (const auto& spec : catalogue.checks()) {
    const auto* text = lib.check(spec.id);
    if (text == nullptr) {
      problems.push_back(spec.id + ": no content/checks/" + spec.id + ".json");
      continue;
    }
    if (text->family != spec.family) problems.push_back(spec.id + ": family in content differs from the code");
    for (const auto& fid : spec.findings) {
      if (text->findings.count(fid) == 0)
        problems.push_back(spec.id + ": may report " + fid + ", which content does not describe");
    }
    for (const auto& [fid, unused] : text->findings) {
      if (std::find(spec.findings.begin(), spec.findings.end(), fid) == spec.findings.end()) {
        problems.push_back(spec.id + ": content describes " + fid + ", which the check never reports");
      }
    }
  }
  for (const auto& [id, unused] : lib.checks()) {
    if (catalogue.find(id) == nullptr) problems.push_back(id + ": content for a check that does not exist");
  }
  return problems;
}

}  // namespace weerbaar::scan
