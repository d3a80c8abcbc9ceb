// The Basisscan report as an A4 PDF (render_pdf, render_pdf_bytes), drawn with cairo and pango:
// the document as blocks that are never split over pages, paginated, each page in its frame.
#include "report/assess_report.hpp"

#include "report/assess_report_texts.hpp"

#include <algorithm>
#include <functional>
#include <memory>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

namespace weerbaar::report {
namespace {

using detail::business_of;
using detail::examined_scan;
using detail::Texts;

constexpr double kPageW = 595.276;  // A4 in points
constexpr double kPageH = 841.890;
constexpr double kMarginX = 56.0;
constexpr double kTop = 92.0;      // below the header band
constexpr double kBottom = 780.0;  // above the footer
constexpr double kTextW = kPageW - 2 * kMarginX;

struct Rgb {
  double r, g, b;
};
constexpr Rgb kInk{0.15, 0.15, 0.15};
constexpr Rgb kBlue{0x15 / 255.0, 0x42 / 255.0, 0x73 / 255.0};
constexpr Rgb kBar{0x24 / 255.0, 0x57 / 255.0, 0x8f / 255.0};
constexpr Rgb kGrey{0.35, 0.35, 0.35};
constexpr Rgb kLine{0.82, 0.82, 0.82};
constexpr Rgb kShade{0.965, 0.965, 0.965};
constexpr Rgb kRed{0.8, 0.0, 0.0};
constexpr Rgb kWhite{1, 1, 1};

Rgb light_rgb(Light l) {
  switch (l) {
    case Light::green: return {0x1b / 255.0, 0x7a / 255.0, 0x35 / 255.0};
    case Light::blue: return {0x0b / 255.0, 0x5c / 255.0, 0xad / 255.0};
    case Light::orange: return {0xc2 / 255.0, 0x54 / 255.0, 0x00 / 255.0};
    case Light::red: return {0xb3 / 255.0, 0x00 / 255.0, 0x1e / 255.0};
    case Light::grey: break;
  }
  return {0.42, 0.42, 0.42};
}

void set_rgb(cairo_t* cr, Rgb c) {
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

using LayoutPtr = std::shared_ptr<PangoLayout>;

// A wrapped text, measured once and drawn later.
struct Text {
  LayoutPtr layout;
  double height = 0;
  Rgb color = kInk;
  void draw(cairo_t* cr, double x, double y) const {
    set_rgb(cr, color);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout.get());
    // show_layout leaves the current point where the text began: an arc drawn next would start
    // with a line from there (the stray line across continuation pages, from the page number).
    cairo_new_path(cr);
  }
};

class Typesetter {
 public:
  explicit Typesetter(cairo_t* cr) : cr_(cr) {}
  [[nodiscard]] Text text(const std::string& s, const char* font, double width, Rgb color = kInk,
                          PangoAlignment align = PANGO_ALIGN_LEFT) const {
    PangoLayout* l = pango_cairo_create_layout(cr_);
    LayoutPtr p(l, [](PangoLayout* x) { g_object_unref(x); });
    PangoFontDescription* fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, s.c_str(), static_cast<int>(s.size()));
    int w = 0;
    int h = 0;
    pango_layout_get_size(l, &w, &h);
    return {p, static_cast<double>(h) / PANGO_SCALE, color};
  }

 private:
  cairo_t* cr_;
};

// A piece of the document that is never split over two pages.
struct Block {
  double height = 0;
  double space_before = 0;
  bool keep_with_next = false;  // headings stay with what follows
  std::function<void(cairo_t*, double y)> draw;
  // A table row: the index of its table's header block, drawn again at the top of a new page.
  std::optional<std::size_t> table_header{};
};

constexpr const char* kBody = "DejaVu Sans 9.5";
constexpr const char* kBodyBold = "DejaVu Sans Bold 9.5";
constexpr const char* kSmall = "DejaVu Sans 8";

Block heading(const Typesetter& ts, const std::string& s, int level) {
  const char* font = level == 1 ? "DejaVu Sans Bold 20" : level == 2 ? "DejaVu Sans Bold 14" : "DejaVu Sans Bold 11";
  Text t = ts.text(s, font, kTextW, kBlue);
  const double rule = level == 2 ? 6.0 : 0.0;
  Block b{t.height + rule + 4, level == 1 ? 0.0 : 18.0, true, nullptr, std::nullopt};
  b.draw = [t, rule](cairo_t* cr, double y) {
    t.draw(cr, kMarginX, y);
    if (rule > 0) {
      set_rgb(cr, kBlue);
      cairo_set_line_width(cr, 1.5);
      cairo_move_to(cr, kMarginX, y + t.height + 3);
      cairo_line_to(cr, kMarginX + kTextW, y + t.height + 3);
      cairo_stroke(cr);
    }
  };
  return b;
}

Block paragraph(const Typesetter& ts, const std::string& s, const char* font = kBody, Rgb color = kInk) {
  Text t = ts.text(s, font, kTextW, color);
  return {t.height + 6, 2, false, [t](cairo_t* cr, double y) { t.draw(cr, kMarginX, y); }, std::nullopt};
}

// An introduction under a heading: it stays with the heading and with what it introduces.
Block intro_paragraph(const Typesetter& ts, const std::string& s) {
  Block b = paragraph(ts, s);
  b.keep_with_next = true;
  return b;
}

// Appends a table: its header row, then the rows, each knowing the header to repeat on a new page.
void add_table(std::vector<Block>& out, Block header, std::vector<Block> rows) {
  const std::size_t at = out.size();
  out.push_back(std::move(header));
  for (auto& r : rows) {
    r.table_header = at;
    out.push_back(std::move(r));
  }
}

// A table row: cells with their widths; a header row is shaded.
Block row(const Typesetter& ts, const std::vector<std::pair<std::string, double>>& cells, bool header,
          bool first_bold = false) {
  std::vector<Text> texts;
  double h = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const char* font = header || (first_bold && i == 0) ? kBodyBold : kBody;
    texts.push_back(ts.text(cells[i].first, font, cells[i].second - 10));
    h = std::max(h, texts.back().height);
  }
  std::vector<double> widths;
  for (const auto& c : cells) widths.push_back(c.second);
  const double pad = 4;
  Block b{h + 2 * pad, 0, header, nullptr, std::nullopt};
  b.draw = [texts, widths, header, h, pad](cairo_t* cr, double y) {
    if (header) {
      set_rgb(cr, kShade);
      cairo_rectangle(cr, kMarginX, y, kTextW, h + 2 * pad);
      cairo_fill(cr);
    }
    double x = kMarginX;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      texts[i].draw(cr, x + 5, y + pad);
      x += widths[i];
    }
    set_rgb(cr, header ? kGrey : kLine);
    cairo_set_line_width(cr, header ? 1.0 : 0.5);
    cairo_move_to(cr, kMarginX, y + h + 2 * pad);
    cairo_line_to(cr, kMarginX + kTextW, y + h + 2 * pad);
    cairo_stroke(cr);
  };
  return b;
}

void draw_dot(cairo_t* cr, double cx, double cy, Light l) {
  set_rgb(cr, light_rgb(l));
  cairo_new_path(cr);  // an arc joins the current point, if any, with a line
  cairo_arc(cr, cx, cy, 4.5, 0, 2 * G_PI);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.6);
  cairo_stroke(cr);
}

Block score_row(const Typesetter& ts, const ReportTopic& t, double w_topic, double w_bar, double w_unknown) {
  Text name = ts.text(t.title, kBody, w_topic - 10);
  Text num = ts.text(std::to_string(t.score), kBodyBold, 28, kInk, PANGO_ALIGN_RIGHT);
  Text unk = ts.text(std::to_string(t.unknown), kBody, w_unknown - 10, kInk, PANGO_ALIGN_RIGHT);
  const double pad = 4;
  const double h = std::max(name.height, num.height);
  const int score = std::clamp(t.score, 0, 100);
  return {h + 2 * pad, 0, false, [=](cairo_t* cr, double y) {
            name.draw(cr, kMarginX + 5, y + pad);
            const double bx = kMarginX + w_topic + 5;
            const double bw = w_bar - 50;
            const double by = y + pad + 2;
            set_rgb(cr, kLine);
            cairo_rectangle(cr, bx, by, bw, 8);
            cairo_fill(cr);
            set_rgb(cr, kBar);
            cairo_rectangle(cr, bx, by, bw * score / 100.0, 8);
            cairo_fill(cr);
            num.draw(cr, bx + bw + 5, y + pad);
            unk.draw(cr, kMarginX + w_topic + w_bar + 5, y + pad);
            set_rgb(cr, kLine);
            cairo_set_line_width(cr, 0.5);
            cairo_move_to(cr, kMarginX, y + h + 2 * pad);
            cairo_line_to(cr, kMarginX + kTextW, y + h + 2 * pad);
            cairo_stroke(cr);
          }};
}

Block finding_row(const Typesetter& ts, const ReportFinding& f, const Texts& tx, double w_light) {
  Text word = ts.text(tx.t("light." + std::string(to_string(f.light))), kBodyBold, w_light - 22);
  Text title = ts.text(f.title, kBodyBold, kTextW - w_light - 10);
  Text fix = ts.text(f.fix, kBody, kTextW - w_light - 10);
  const double pad = 5;
  const double h = std::max(word.height, title.height + 2 + fix.height);
  const Light l = f.light;
  return {h + 2 * pad, 0, false, [=](cairo_t* cr, double y) {
            draw_dot(cr, kMarginX + 9, y + pad + word.height / 2, l);
            word.draw(cr, kMarginX + 18, y + pad);
            title.draw(cr, kMarginX + w_light + 5, y + pad);
            fix.draw(cr, kMarginX + w_light + 5, y + pad + title.height + 2);
            set_rgb(cr, kLine);
            cairo_set_line_width(cr, 0.5);
            cairo_move_to(cr, kMarginX, y + h + 2 * pad);
            cairo_line_to(cr, kMarginX + kTextW, y + h + 2 * pad);
            cairo_stroke(cr);
          }};
}

// One action of "do this first": a shaded box with its number, never split over pages.
Block action_block(const Typesetter& ts, const ReportAction& a, std::size_t n, const Texts& tx) {
  const double indent = 38;
  const double w = kTextW - indent - 10;
  std::vector<std::pair<Text, double>> parts;  // text and its x offset from the box
  parts.emplace_back(ts.text(a.title, "DejaVu Sans Bold 11", w, kBlue), indent);
  parts.emplace_back(ts.text(a.meta, kBody, w), indent);
  if (a.unsure) parts.emplace_back(ts.text(tx.t("check.unsure"), "DejaVu Sans Oblique 9.5", w), indent);
  if (a.from_scan) parts.emplace_back(ts.text(tx.t("check.because_scan"), "DejaVu Sans Oblique 9.5", w), indent);
  if (!a.howto_title.empty()) {
    parts.emplace_back(ts.text(tx.t("check.howto", {{"title", a.howto_title}}), kBodyBold, w), indent);
    for (std::size_t i = 0; i < a.steps.size(); ++i) {
      parts.emplace_back(ts.text(std::to_string(i + 1) + ".  " + a.steps[i], kBody, w - 12), indent + 12);
    }
  }
  const double pad = 9;
  double h = 2 * pad;
  for (const auto& p : parts) h += p.first.height + 3;
  Text num = ts.text(std::to_string(n), "DejaVu Sans Bold 11", 24, kWhite, PANGO_ALIGN_CENTER);
  return {h, 10, false, [=](cairo_t* cr, double y) {
            set_rgb(cr, kShade);
            cairo_rectangle(cr, kMarginX, y, kTextW, h);
            cairo_fill(cr);
            set_rgb(cr, kBlue);
            cairo_rectangle(cr, kMarginX, y, 4, h);
            cairo_fill(cr);
            cairo_arc(cr, kMarginX + 21, y + pad + 9, 11, 0, 2 * G_PI);
            cairo_fill(cr);
            num.draw(cr, kMarginX + 9, y + pad + 9 - num.height / 2);
            double cy = y + pad;
            for (const auto& [t, x] : parts) {
              t.draw(cr, kMarginX + x, cy);
              cy += t.height + 3;
            }
          }};
}

std::vector<Block> pdf_blocks(const ReportData& d, const Typesetter& ts, const Texts& tx) {
  std::vector<Block> out;
  out.push_back(heading(ts, tx.t("report.doc_title"), 1));
  out.push_back(paragraph(ts, tx.t("report.doc_subtitle", {{"business", business_of(d, tx)}}), "DejaVu Sans 12.5"));
  {
    const double wl = 120;
    auto meta = [&](const std::string& k, const std::string& v) {
      out.push_back(row(ts, {{k, wl}, {v, kTextW - wl}}, false, true));
    };
    meta(tx.t("report.business"), business_of(d, tx));
    meta(tx.t("report.date"), d.date);
    std::string examined = tx.t("report.examined_questions", {{"n", std::to_string(d.topics.size())}});
    if (d.scan) examined += "\n" + examined_scan(*d.scan, tx);
    meta(tx.t("report.examined"), examined);
  }
  Block intro = paragraph(ts, tx.t("report.doc_intro"));
  intro.space_before = 12;
  out.push_back(intro);

  // The plan first: what to do matters more to the owner than the technical findings (issue 10).
  out.push_back(heading(ts, tx.t("check.top_title"), 2));
  if (d.top.empty()) {
    out.push_back(paragraph(ts, tx.t("check.no_actions")));
  } else {
    out.push_back(intro_paragraph(ts, tx.t("report.plan_intro")));
    for (std::size_t i = 0; i < d.top.size(); ++i) out.push_back(action_block(ts, d.top[i], i + 1, tx));
  }
  if (!d.later.empty()) {
    out.push_back(heading(ts, tx.t("check.later_title"), 2));
    const double ww = 150;
    const double wt = 80;
    const double wa = kTextW - ww - wt;
    std::vector<Block> rows;
    for (const auto& a : d.later) rows.push_back(row(ts, {{a.title, wa}, {a.who, ww}, {a.time, wt}}, false));
    add_table(
        out,
        row(ts, {{tx.t("report.col_action"), wa}, {tx.t("report.col_who"), ww}, {tx.t("report.col_time"), wt}}, true),
        std::move(rows));
  }

  // Scores per topic.
  out.push_back(heading(ts, tx.t("report.topics_title"), 2));
  out.push_back(intro_paragraph(ts, tx.t("report.topics_intro")));
  const double w_topic = 210;
  const double w_unknown = 100;
  const double w_bar = kTextW - w_topic - w_unknown;
  {
    std::vector<Block> rows;
    for (const auto& t : d.topics) rows.push_back(score_row(ts, t, w_topic, w_bar, w_unknown));
    add_table(out,
              row(ts,
                  {{tx.t("report.col_topic"), w_topic},
                   {tx.t("report.col_score"), w_bar},
                   {tx.t("report.col_unknown"), w_unknown}},
                  true),
              std::move(rows));
  }

  // The scan: the technical findings.
  if (d.scan) {
    const auto& s = *d.scan;
    out.push_back(heading(ts, tx.t("report.scan_title", {{"domain", s.domain}}), 2));
    if (!s.scores.empty()) {
      const double wn = 210;
      std::vector<Block> rows;
      for (const auto& f : s.scores)
        rows.push_back(row(ts, {{f.name, wn}, {std::to_string(f.score), kTextW - wn}}, false));
      add_table(out, row(ts, {{tx.t("report.col_part"), wn}, {tx.t("report.col_score"), kTextW - wn}}, true),
                std::move(rows));
    }
    if (s.findings.empty()) {
      out.push_back(paragraph(ts, tx.t("report.no_findings")));
    } else {
      const double wl = 110;
      Block head = row(ts, {{tx.t("report.col_light"), wl}, {tx.t("report.col_finding"), kTextW - wl}}, true);
      head.space_before = 10;
      std::vector<Block> rows;
      for (const auto& f : s.findings) rows.push_back(finding_row(ts, f, tx, wl));
      add_table(out, std::move(head), std::move(rows));
    }
    // The configuration lines, apart from the owner's text: a part to hand to the technician.
    if (std::any_of(s.findings.begin(), s.findings.end(), [](const auto& f) { return !f.details.empty(); })) {
      out.push_back(heading(ts, tx.t("report.technician"), 3));
      out.push_back(intro_paragraph(ts, tx.t("report.technician_intro")));
      for (const auto& f : s.findings) {
        if (f.details.empty()) continue;
        Block title = paragraph(ts, f.title, kBodyBold);
        title.keep_with_next = true;
        title.space_before = 6;
        out.push_back(std::move(title));
        out.push_back(paragraph(ts, f.details, kSmall));
      }
    }
  }

  // About this report: who organised it, whom to ask, and what a scan cannot see.
  out.push_back(heading(ts, tx.t("report.about_title"), 2));
  if (!d.organiser.empty()) out.push_back(paragraph(ts, tx.t("report.about_organiser", {{"organiser", d.organiser}})));
  out.push_back(paragraph(ts, d.contact.empty() ? tx.t("report.about_no_contact")
                                                : tx.t("report.about_contact", {{"contact", d.contact}})));
  out.push_back(paragraph(ts, tx.t("report.about_limits")));
  Block footer = paragraph(ts, tx.t("report.footer"), kSmall, kGrey);
  footer.space_before = 20;
  out.push_back(footer);
  return out;
}

struct Placed {
  std::size_t block;
  double y;
};

// Pages of placed blocks: a block that does not fit starts a new page, and so does a heading
// (or table header) whose next block would not fit beside it.
std::vector<std::vector<Placed>> paginate(const std::vector<Block>& blocks) {
  std::vector<std::vector<Placed>> pages(1);
  double y = kTop;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    const bool at_top = pages.back().empty();
    double need = (at_top ? 0 : b.space_before) + b.height;
    for (std::size_t j = i; j + 1 < blocks.size() && blocks[j].keep_with_next; ++j) {
      need += blocks[j + 1].space_before + blocks[j + 1].height;
    }
    if (!at_top && y + need > kBottom) {
      pages.emplace_back();
      y = kTop;
      // A table that goes on over the page break gets its header again.
      if (b.table_header) {
        pages.back().push_back({*b.table_header, y});
        y += blocks[*b.table_header].height;
      }
    }
    if (!pages.back().empty()) y += b.space_before;
    pages.back().push_back({i, y});
    y += b.height;
  }
  return pages;
}

void draw_page_frame(cairo_t* cr, const Typesetter& ts, const ReportData& d, const Texts& tx, std::size_t n,
                     std::size_t total) {
  set_rgb(cr, kBlue);
  cairo_rectangle(cr, 0, 0, kPageW, 58);
  cairo_fill(cr);
  set_rgb(cr, kRed);
  cairo_rectangle(cr, kMarginX, 17, 5, 24);
  cairo_fill(cr);
  Text logo = ts.text("Weerbaar", "DejaVu Sans Bold 16", 200, kWhite);
  logo.draw(cr, kMarginX + 12, 29 - logo.height / 2);
  Text who = ts.text(tx.t("pdf.header", {{"business", business_of(d, tx)}, {"date", d.date}}), "DejaVu Sans 9",
                     kTextW - 160, kWhite, PANGO_ALIGN_RIGHT);
  who.draw(cr, kMarginX + 160, 29 - who.height / 2);

  set_rgb(cr, kLine);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, kMarginX, 800);
  cairo_line_to(cr, kMarginX + kTextW, 800);
  cairo_stroke(cr);
  Text title = ts.text(tx.t("report.doc_title"), kSmall, kTextW / 2, kGrey);
  title.draw(cr, kMarginX, 806);
  Text page = ts.text(tx.t("pdf.page", {{"n", std::to_string(n)}, {"total", std::to_string(total)}}), kSmall,
                      kTextW / 2, kGrey, PANGO_ALIGN_RIGHT);
  page.draw(cr, kMarginX + kTextW / 2, 806);
}

// Draws the report on a PDF surface made by make (a file or a stream); where names the output
// in errors.
template <class MakeSurface>
void draw_pdf(const ReportData& d, const content::Library& lib, const std::string& where, MakeSurface make) {
  const Texts tx{lib, d.lang};
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(make(), &cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw ReportError("cannot write the PDF " + where + ": " +
                      cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  const std::string title = tx.t("report.doc_title") + " – " + business_of(d, tx);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Weerbaar");
  {
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
    const Typesetter ts(cr.get());
    const auto blocks = pdf_blocks(d, ts, tx);
    const auto pages = paginate(blocks);
    for (std::size_t p = 0; p < pages.size(); ++p) {
      draw_page_frame(cr.get(), ts, d, tx, p + 1, pages.size());
      for (const auto& pl : pages[p]) blocks[pl.block].draw(cr.get(), pl.y);
      cairo_show_page(cr.get());
    }
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw ReportError("cannot write the PDF " + where + ": " +
                      cairo_status_to_string(cairo_surface_status(surface.get())));
  }
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

void render_pdf(const ReportData& d, const std::string& path, const content::Library& lib) {
  draw_pdf(d, lib, "'" + path + "'", [&] { return cairo_pdf_surface_create(path.c_str(), kPageW, kPageH); });
}

std::string render_pdf_bytes(const ReportData& d, const content::Library& lib) {
  std::string out;
  draw_pdf(d, lib, "in memory",
           [&] { return cairo_pdf_surface_create_for_stream(&append_bytes, &out, kPageW, kPageH); });
  return out;
}

}  // namespace weerbaar::report
