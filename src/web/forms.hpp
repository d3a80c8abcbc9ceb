#pragma once
// Form fields the accessible way, one function per kind: a visible label tied to the input,
// an optional hint, and the error message tied to the field with aria-describedby and
// aria-invalid. What the visitor typed is always put back, so a mistake loses nothing.
// Most fields are required, so the optional ones carry "(niet verplicht)" in their label
// (docs/decisions.md, issue 9 (web)); the helpers add it, so no form can forget it.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "web/app.hpp"
#include "web/html.hpp"

namespace weerbaar::web {

// Messages per field name, in the order they were found.
class FieldErrors {
 public:
  void add(std::string field, std::string message);
  [[nodiscard]] bool empty() const { return list_.empty(); }
  [[nodiscard]] const std::string* find(std::string_view field) const;
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& list() const { return list_; }

 private:
  std::vector<std::pair<std::string, std::string>> list_;
};

// The id of the input for a field name: what error_summary links to.
std::string field_id(std::string_view name);

struct Field {
  std::string name{};  // form field name; the input's id is field_id(name)
  std::string label{};
  std::string value{};         // what was entered (or stored)
  std::string hint{};          // shown under the label, optional
  std::string type = "text";   // text, email, password, date, number, url
  std::string autocomplete{};  // e.g. "email", "current-password"
  // Not required: text, textarea and select say "(niet verplicht)" in their label. A lone
  // checkbox does not: left unticked it is an answer (no), not a field left empty.
  bool required = false;
};

Html text_field(const Context& ctx, const Field& f, const FieldErrors& errors);
Html textarea_field(const Context& ctx, const Field& f, const FieldErrors& errors);
// Options as (value, label).
Html select_field(const Context& ctx, const Field& f, const std::vector<std::pair<std::string, std::string>>& options,
                  const FieldErrors& errors);
// One checkbox; checked when f.value is non-empty.
Html checkbox_field(const Field& f, const FieldErrors& errors);

// The list of problems at the top of a form, each a link to its field (focus moves there).
Html error_summary(Context& ctx, const FieldErrors& errors);
Html csrf_input(Context& ctx);
Html submit_button(std::string_view label, std::string_view id);

}  // namespace weerbaar::web
