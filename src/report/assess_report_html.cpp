// The Basisscan report as one self-contained HTML page (render_html).
#include "report/assess_report.hpp"

#include "core/html_escape.hpp"
#include "report/assess_report_texts.hpp"

#include <algorithm>
#include <sstream>

namespace weerbaar::report {
namespace {

using content::Lang;
using detail::business_of;
using detail::examined_scan;
using detail::Texts;

std::string esc(std::string_view s) {
  return html_escape(s);
}

// Design tokens in the manner of the NL Design System (names and values after the
// @utrecht/design-tokens theme), written out by hand: only the few this page uses.
constexpr const char* kCss = R"CSS(
:root {
  --utrecht-color-black: #000000;
  --utrecht-color-white: #ffffff;
  --utrecht-color-grey-15: #262626;
  --utrecht-color-grey-40: #595959;
  --utrecht-color-grey-90: #e6e6e6;
  --utrecht-color-grey-97: #f7f7f7;
  --utrecht-color-blue-35: #24578f;
  --utrecht-color-blue-20: #154273;
  --utrecht-color-red-40: #cc0000;
  --utrecht-document-background-color: var(--utrecht-color-white);
  --utrecht-document-color: var(--utrecht-color-grey-15);
  --utrecht-document-font-family: "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
  --utrecht-document-font-size: 1.125rem;
  --utrecht-document-line-height: 1.5;
  --utrecht-heading-color: var(--utrecht-color-blue-20);
  --utrecht-heading-font-weight: 700;
  --utrecht-heading-1-font-size: 2.25rem;
  --utrecht-heading-2-font-size: 1.625rem;
  --utrecht-heading-3-font-size: 1.25rem;
  --utrecht-space-block-sm: 0.5rem;
  --utrecht-space-block-md: 1rem;
  --utrecht-space-block-lg: 2rem;
  --utrecht-table-border-color: var(--utrecht-color-grey-90);
  --utrecht-table-header-background-color: var(--utrecht-color-grey-97);
  --utrecht-page-max-inline-size: 52rem;
  --utrecht-focus-outline-color: var(--utrecht-color-black);
  --weerbaar-light-green: #1b7a35;
  --weerbaar-light-blue: #0b5cad;
  --weerbaar-light-orange: #c25400;
  --weerbaar-light-red: #b3001e;
  --weerbaar-light-grey: #6b6b6b;
}
* { box-sizing: border-box; }
html { background: var(--utrecht-document-background-color); }
body.utrecht-document {
  margin: 0; color: var(--utrecht-document-color);
  font-family: var(--utrecht-document-font-family);
  font-size: var(--utrecht-document-font-size);
  line-height: var(--utrecht-document-line-height);
}
.wb-header { background: var(--utrecht-color-blue-20); color: var(--utrecht-color-white); }
.wb-header__inner, .utrecht-page {
  max-inline-size: var(--utrecht-page-max-inline-size); margin-inline: auto;
  padding-inline: var(--utrecht-space-block-md);
}
.wb-header__inner { display: flex; justify-content: space-between; align-items: baseline;
  flex-wrap: wrap; gap: var(--utrecht-space-block-sm); padding-block: var(--utrecht-space-block-md); }
.wb-logo { font-weight: 700; font-size: 1.5rem; letter-spacing: 0.02em;
  border-inline-start: 0.4rem solid var(--utrecht-color-red-40); padding-inline-start: 0.6rem; }
.utrecht-page { padding-block: var(--utrecht-space-block-lg); }
h1, h2, h3, h4 { color: var(--utrecht-heading-color); font-weight: var(--utrecht-heading-font-weight);
  line-height: 1.25; margin-block: var(--utrecht-space-block-lg) var(--utrecht-space-block-sm); }
h1 { font-size: var(--utrecht-heading-1-font-size); margin-block-start: 0; }
h2 { font-size: var(--utrecht-heading-2-font-size);
  border-block-end: 2px solid var(--utrecht-color-blue-20); padding-block-end: 0.25rem; }
h3 { font-size: var(--utrecht-heading-3-font-size); margin-block-start: 0; }
h4 { font-size: 1.05rem; margin-block: var(--utrecht-space-block-md) 0.25rem; }
p { margin-block: 0 var(--utrecht-space-block-md); max-inline-size: 70ch; }
.wb-lead { font-size: 1.3rem; }
table { border-collapse: collapse; inline-size: 100%; margin-block-end: var(--utrecht-space-block-md); }
th, td { text-align: start; vertical-align: top; padding: 0.5rem 0.75rem;
  border-block-end: 1px solid var(--utrecht-table-border-color); }
thead th { background: var(--utrecht-table-header-background-color);
  border-block-end: 2px solid var(--utrecht-color-grey-40); }
tbody th { font-weight: 700; }
.wb-meta th { inline-size: 12rem; }
.wb-num { text-align: end; font-variant-numeric: tabular-nums; }
.wb-bar { display: inline-block; inline-size: 8rem; block-size: 0.8rem; background: var(--utrecht-color-grey-90);
  vertical-align: middle; margin-inline-end: 0.5rem; }
.wb-bar > span { display: block; block-size: 100%; background: var(--utrecht-color-blue-35); }
.wb-light { font-weight: 700; white-space: nowrap; }
.wb-dot { display: inline-block; inline-size: 0.9em; block-size: 0.9em; border-radius: 50%;
  margin-inline-end: 0.4em; vertical-align: -0.1em; border: 1px solid var(--utrecht-color-black); }
.wb-light--green .wb-dot { background: var(--weerbaar-light-green); }
.wb-light--blue .wb-dot { background: var(--weerbaar-light-blue); }
.wb-light--orange .wb-dot { background: var(--weerbaar-light-orange); }
.wb-light--red .wb-dot { background: var(--weerbaar-light-red); }
.wb-light--grey .wb-dot { background: var(--weerbaar-light-grey); }
ol.wb-actions { list-style: none; padding: 0; margin: 0; counter-reset: wb-action; }
ol.wb-actions > li { counter-increment: wb-action; position: relative;
  border-inline-start: 0.3rem solid var(--utrecht-color-blue-20);
  background: var(--utrecht-color-grey-97); padding: var(--utrecht-space-block-md) var(--utrecht-space-block-md)
  var(--utrecht-space-block-md) 3.5rem; margin-block-end: var(--utrecht-space-block-md); break-inside: avoid; }
ol.wb-actions > li::before { content: counter(wb-action); position: absolute; inset-inline-start: 0.9rem;
  inset-block-start: 0.9rem; inline-size: 1.8rem; block-size: 1.8rem; border-radius: 50%; text-align: center;
  line-height: 1.8rem; font-weight: 700; background: var(--utrecht-color-blue-20); color: var(--utrecht-color-white); }
.wb-meta-line { color: var(--utrecht-color-grey-15); margin-block-end: 0.25rem; }
.wb-note { font-style: italic; margin-block-end: 0.25rem; }
ol.wb-steps { margin-block: 0; padding-inline-start: 1.5rem; }
.wb-technician dt { font-weight: 700; margin-block-start: 0.5rem; }
.wb-technician dd { margin-inline-start: 0; overflow-wrap: anywhere; }
.wb-footer { border-block-start: 1px solid var(--utrecht-color-grey-40); margin-block-start: var(--utrecht-space-block-lg);
  padding-block-start: var(--utrecht-space-block-md); font-size: 0.95rem; color: var(--utrecht-color-grey-40); }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body.utrecht-document { font-size: 11pt; }
  .wb-header { background: none; color: var(--utrecht-color-black); border-block-end: 2pt solid var(--utrecht-color-black); }
  .utrecht-page { max-inline-size: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr, ol.wb-actions > li { break-inside: avoid; }
  .wb-dot, .wb-bar, .wb-bar > span, ol.wb-actions > li::before { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
)CSS";

void html_light(std::ostringstream& o, Light l, const Texts& tx) {
  const std::string name(to_string(l));
  o << "<span class=\"wb-light wb-light--" << name << "\"><span class=\"wb-dot\" aria-hidden=\"true\"></span>"
    << esc(tx.t("light." + name)) << "</span>";
}

void html_action(std::ostringstream& o, const ReportAction& a, const Texts& tx) {
  o << "<li>\n<h3>" << esc(a.title) << "</h3>\n";
  o << "<p class=\"wb-meta-line\">" << esc(a.meta) << "</p>\n";
  if (a.unsure) o << "<p class=\"wb-note\">" << esc(tx.t("check.unsure")) << "</p>\n";
  if (a.from_scan) o << "<p class=\"wb-note\">" << esc(tx.t("check.because_scan")) << "</p>\n";
  if (!a.howto_title.empty()) {
    o << "<h4>" << esc(tx.t("check.howto", {{"title", a.howto_title}})) << "</h4>\n<ol class=\"wb-steps\">\n";
    for (const auto& s : a.steps) o << "<li>" << esc(s) << "</li>\n";
    o << "</ol>\n";
  }
  o << "</li>\n";
}

}  // namespace

std::string render_html(const ReportData& d, const content::Library& lib) {
  const Texts tx{lib, d.lang};
  const std::string business = business_of(d, tx);
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"" << (d.lang == Lang::nl ? "nl" : "en")
    << "\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    << "<meta name=\"generator\" content=\"Weerbaar\">\n"
    << "<title>" << esc(tx.t("report.doc_title")) << " – " << esc(business) << "</title>\n"
    << "<style>" << kCss << "</style>\n</head>\n<body class=\"utrecht-document\">\n";
  o << "<header class=\"wb-header\"><div class=\"wb-header__inner\"><span class=\"wb-logo\">Weerbaar</span>"
    << "<span>" << esc(tx.t("pdf.header", {{"business", business}, {"date", d.date}})) << "</span></div></header>\n";
  o << "<main class=\"utrecht-page\">\n<h1>" << esc(tx.t("report.doc_title")) << "</h1>\n";
  o << "<p class=\"wb-lead\">" << esc(tx.t("report.doc_subtitle", {{"business", business}})) << "</p>\n";
  o << "<table class=\"wb-meta\">\n<tbody>\n";
  o << "<tr><th scope=\"row\">" << esc(tx.t("report.business")) << "</th><td>" << esc(business) << "</td></tr>\n";
  o << "<tr><th scope=\"row\">" << esc(tx.t("report.date")) << "</th><td>" << esc(d.date) << "</td></tr>\n";
  o << "<tr><th scope=\"row\">" << esc(tx.t("report.examined")) << "</th><td>"
    << esc(tx.t("report.examined_questions", {{"n", std::to_string(d.topics.size())}}));
  if (d.scan) o << "<br>" << esc(examined_scan(*d.scan, tx));
  o << "</td></tr>\n</tbody>\n</table>\n";
  o << "<p>" << esc(tx.t("report.doc_intro")) << "</p>\n";

  // The plan first, as in the PDF: what to do matters more to the owner than the findings.
  o << "<h2>" << esc(tx.t("check.top_title")) << "</h2>\n";
  if (d.top.empty()) {
    o << "<p>" << esc(tx.t("check.no_actions")) << "</p>\n";
  } else {
    o << "<p>" << esc(tx.t("report.plan_intro")) << "</p>\n<ol class=\"wb-actions\">\n";
    for (const auto& a : d.top) html_action(o, a, tx);
    o << "</ol>\n";
  }
  if (!d.later.empty()) {
    o << "<h2>" << esc(tx.t("check.later_title")) << "</h2>\n";
    o << "<table>\n<thead><tr><th scope=\"col\">" << esc(tx.t("report.col_action")) << "</th><th scope=\"col\">"
      << esc(tx.t("report.col_who")) << "</th><th scope=\"col\">" << esc(tx.t("report.col_time"))
      << "</th></tr></thead>\n<tbody>\n";
    for (const auto& a : d.later) {
      o << "<tr><th scope=\"row\">" << esc(a.title) << "</th><td>" << esc(a.who) << "</td><td>" << esc(a.time)
        << "</td></tr>\n";
    }
    o << "</tbody>\n</table>\n";
  }
  o << "<h2>" << esc(tx.t("report.topics_title")) << "</h2>\n<p>" << esc(tx.t("report.topics_intro")) << "</p>\n";
  o << "<table>\n<thead><tr><th scope=\"col\">" << esc(tx.t("report.col_topic")) << "</th><th scope=\"col\">"
    << esc(tx.t("report.col_score")) << "</th><th scope=\"col\" class=\"wb-num\">" << esc(tx.t("report.col_unknown"))
    << "</th></tr></thead>\n<tbody>\n";
  for (const auto& t : d.topics) {
    const int s = std::clamp(t.score, 0, 100);
    o << "<tr><th scope=\"row\">" << esc(t.title)
      << "</th><td><span class=\"wb-bar\" aria-hidden=\"true\"><span style=\"inline-size:" << s << "%\"></span></span>"
      << s << "</td><td class=\"wb-num\">" << t.unknown << "</td></tr>\n";
  }
  o << "</tbody>\n</table>\n";

  if (d.scan) {
    const auto& s = *d.scan;
    o << "<h2>" << esc(tx.t("report.scan_title", {{"domain", s.domain}})) << "</h2>\n";
    if (!s.scores.empty()) {
      o << "<table>\n<thead><tr><th scope=\"col\">" << esc(tx.t("report.col_part"))
        << "</th><th scope=\"col\" class=\"wb-num\">" << esc(tx.t("report.col_score"))
        << "</th></tr></thead>\n<tbody>\n";
      for (const auto& f : s.scores) {
        o << "<tr><th scope=\"row\">" << esc(f.name) << "</th><td class=\"wb-num\">" << f.score << "</td></tr>\n";
      }
      o << "</tbody>\n</table>\n";
    }
    if (s.findings.empty()) {
      o << "<p>" << esc(tx.t("report.no_findings")) << "</p>\n";
    } else {
      o << "<table>\n<thead><tr><th scope=\"col\">" << esc(tx.t("report.col_light")) << "</th><th scope=\"col\">"
        << esc(tx.t("report.col_finding")) << "</th><th scope=\"col\">" << esc(tx.t("report.fix"))
        << "</th></tr></thead>\n<tbody>\n";
      for (const auto& f : s.findings) {
        o << "<tr><td>";
        html_light(o, f.light, tx);
        o << "</td><th scope=\"row\">" << esc(f.title) << "</th><td>" << esc(f.fix) << "</td></tr>\n";
      }
      o << "</tbody>\n</table>\n";
    }
    if (std::any_of(s.findings.begin(), s.findings.end(), [](const auto& f) { return !f.details.empty(); })) {
      o << "<section class=\"wb-technician\">\n<h3>" << esc(tx.t("report.technician")) << "</h3>\n<p>"
        << esc(tx.t("report.technician_intro")) << "</p>\n<dl>\n";
      for (const auto& f : s.findings) {
        if (!f.details.empty()) o << "<dt>" << esc(f.title) << "</dt><dd><code>" << esc(f.details) << "</code></dd>\n";
      }
      o << "</dl>\n</section>\n";
    }
  }

  o << "</main>\n<footer class=\"wb-footer utrecht-page\"><p>" << esc(tx.t("report.footer")) << "</p></footer>\n";
  o << "</body>\n</html>\n";
  return o.str();
}

}  // namespace weerbaar::report
