// The form helpers: which fields say they are optional, in the visitor's language.
#include "web/forms.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "support/serve_client.hpp"

namespace weerbaar::web {
namespace {

struct FormPage {
  explicit FormPage(content::Lang lang) { ctx.lang = lang; }
  App app{AppOptions{}, testing::fake_assets()};
  Request req;
  Origin origin;
  Context ctx{app, req, origin};
};

// The label as a screen reader reads it: its text with the tags inside taken out.
std::string label_text(const std::string& html) {
  std::smatch m;
  if (!std::regex_search(html, m, std::regex("<label[^>]*>(.*?)</label>"))) return "<no label>";
  return std::regex_replace(m[1].str(), std::regex("<[^>]*>"), "");
}

bool has_required_attribute(const std::string& html) {
  return std::regex_search(html, std::regex("<(input|textarea|select)[^>]* required[ >]"));
}

TEST(WebForms, OnlyTheOptionalFieldsSaySoInTheirLabel) {
  FormPage nl(content::Lang::nl);
  const FieldErrors none;
  const std::string name = text_field(nl.ctx, {.name = "name", .label = "Naam", .required = true}, none).str();
  EXPECT_EQ(label_text(name), "Naam");
  EXPECT_TRUE(has_required_attribute(name));
  const std::string description = textarea_field(nl.ctx, {.name = "description", .label = "Beschrijving"}, none).str();
  EXPECT_EQ(label_text(description), "Beschrijving (niet verplicht)");
  EXPECT_FALSE(has_required_attribute(description));
  const std::string sector =
      select_field(nl.ctx, {.name = "sector", .label = "Sector", .required = true}, {{"", "Maak een keuze"}}, none)
          .str();
  EXPECT_EQ(label_text(sector), "Sector");
  EXPECT_TRUE(has_required_attribute(sector));

  FormPage en(content::Lang::en);
  const std::string follow_up = text_field(en.ctx, {.name = "follow_up", .label = "Follow-up date"}, none).str();
  EXPECT_EQ(label_text(follow_up), "Follow-up date (optional)");
}

TEST(WebForms, ALoneCheckboxIsNotMarkedOptional) {
  // Unticked is an answer (no), so "(niet verplicht)" beside it would only puzzle.
  const std::string box =
      checkbox_field({.name = "round_robin", .label = "Om de beurt toewijzen"}, FieldErrors{}).str();
  EXPECT_EQ(label_text(box), "Om de beurt toewijzen");
  EXPECT_FALSE(has_required_attribute(box));
}

}  // namespace
}  // namespace weerbaar::web
