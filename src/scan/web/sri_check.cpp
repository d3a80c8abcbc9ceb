// web.sri: are scripts from other parties pinned with Subresource Integrity?
#include "scan/check.hpp"
#include "scan/web/check_support.hpp"
#include "scan/web/html_scripts.hpp"
#include "scan/web/text.hpp"
#include "scan/web/url.hpp"

namespace weerbaar::scan::web {
namespace {

constexpr std::size_t kListed = 5;  // enough to find them; the count says how many there are

CheckResult run(const HostFacts& facts) {
  Verdict v("web.sri");
  const HttpResponse* response = page_response(facts, v);
  if (response == nullptr) return std::move(v).done();
  auto page = parse_url(facts.web->landing().url);
  if (!page) return std::move(v.inconclusive("the page URL could not be read: " + facts.web->landing().url)).done();
  std::vector<std::string> unpinned;
  std::size_t count = 0;
  for (const auto& script : external_scripts(response->body)) {
    auto url = resolve_reference(*page, script.src);
    if (!url) continue;  // data:, blob: and the like load nothing from elsewhere
    // The site's own subdomains (cdn.bakker.nl) are its own servers, not another party's.
    if (belongs_to_site(url->host, page->host)) continue;
    if (script.integrity && !text::trim(*script.integrity).empty()) continue;
    if (++count <= kListed) unpinned.push_back(url->str());
  }
  if (count > 0) {
    v.fail("WEB_SRI_MISSING", {{"scripts", text::join(unpinned)}, {"count", std::to_string(count)}});
  }
  if (response->body_truncated) v.inconclusive("the page was larger than the limit; only its start was read");
  return std::move(v).done();
}

const CheckRegistration reg{{.id = "web.sri", .family = Family::web, .findings = {"WEB_SRI_MISSING"}, .run = run}};

}  // namespace
}  // namespace weerbaar::scan::web
