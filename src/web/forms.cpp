#include "web/forms.hpp"

#include "web/layout.hpp"

#include <algorithm>

namespace weerbaar::web {
namespace {

std::string id_of(const Field& f) {
  return field_id(f.name);
}

// The opening of a form field: wrapper, label, hint and error message; returns the
// aria-describedby value through described_by.
Html field_start(const Context& ctx, const Field& f, const FieldErrors& errors, Markup kind,
                 std::string& described_by) {
  const std::string id = id_of(f);
  const std::string* error = errors.find(f.name);
  Html h;
  h << "<div class=\"utrecht-form-field "_h << kind;
  if (error != nullptr) h << " utrecht-form-field--invalid"_h;
  h << "\"><div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\""_h << attr("for"_h, id) << ">"_h
    << f.label;
  // Inside the label, so a screen reader hears it with the field's name, as the eye sees it.
  if (!f.required) h << R"( <span class="wb-optional">)"_h << ctx.t("web.form.optional") << "</span>"_h;
  h << "</label></div>"_h;
  if (!f.hint.empty()) {
    h << "<div class=\"utrecht-form-field__description utrecht-form-field-description\""_h << attr("id"_h, id + "-hint")
      << ">"_h << f.hint << "</div>"_h;
    described_by = id + "-hint";
  }
  if (error != nullptr) {
    h << "<div class=\"utrecht-form-field__error-message utrecht-form-field-error-message\""_h
      << attr("id"_h, id + "-error") << ">"_h << *error << "</div>"_h;
    described_by += (described_by.empty() ? "" : " ") + id + "-error";
  }
  return h;
}

Html input_attrs(const Field& f, const FieldErrors& errors, const std::string& described_by) {
  Html h;
  h << attr("id"_h, id_of(f)) << attr("name"_h, f.name);
  if (!described_by.empty()) h << attr("aria-describedby"_h, described_by);
  if (errors.find(f.name) != nullptr) h << " aria-invalid=\"true\""_h;
  if (f.required) h << " required"_h;
  if (!f.autocomplete.empty()) h << attr("autocomplete"_h, f.autocomplete);
  return h;
}

}  // namespace

std::string field_id(std::string_view name) {
  return "f-" + std::string(name);
}

void FieldErrors::add(std::string field, std::string message) {
  if (find(field) == nullptr) list_.emplace_back(std::move(field), std::move(message));
}

const std::string* FieldErrors::find(std::string_view field) const {
  auto it = std::find_if(list_.begin(), list_.end(), [&](const auto& e) { return e.first == field; });
  return it == list_.end() ? nullptr : &it->second;
}

Html text_field(const Context& ctx, const Field& f, const FieldErrors& errors) {
  std::string described_by;
  Html h = field_start(ctx, f, errors, "utrecht-form-field--text"_h, described_by);
  h << "<div class=\"utrecht-form-field__input\"><input class=\"utrecht-textbox utrecht-textbox--html-input"_h;
  if (errors.find(f.name) != nullptr) h << " utrecht-textbox--invalid"_h;
  h << "\""_h << attr("type"_h, f.type) << input_attrs(f, errors, described_by);
  if (f.type != "password") h << attr("value"_h, f.value);
  h << "></div></div>"_h;
  return h;
}

Html textarea_field(const Context& ctx, const Field& f, const FieldErrors& errors) {
  std::string described_by;
  Html h = field_start(ctx, f, errors, "utrecht-form-field--text"_h, described_by);
  h << "<div class=\"utrecht-form-field__input\"><textarea class=\"utrecht-textarea utrecht-textarea--html-textarea"_h;
  if (errors.find(f.name) != nullptr) h << " utrecht-textarea--invalid"_h;
  h << "\" rows=\"5\""_h << input_attrs(f, errors, described_by) << ">"_h << f.value << "</textarea></div></div>"_h;
  return h;
}

Html select_field(const Context& ctx, const Field& f, const std::vector<std::pair<std::string, std::string>>& options,
                  const FieldErrors& errors) {
  std::string described_by;
  Html h = field_start(ctx, f, errors, "utrecht-form-field--text"_h, described_by);
  h << "<div class=\"utrecht-form-field__input\"><select class=\"utrecht-select utrecht-select--html-select"_h;
  if (errors.find(f.name) != nullptr) h << " utrecht-select--invalid"_h;
  h << "\""_h << input_attrs(f, errors, described_by) << ">"_h;
  for (const auto& [value, label] : options) {
    h << "<option"_h << attr("value"_h, value);
    if (value == f.value) h << " selected"_h;
    h << ">"_h << label << "</option>"_h;
  }
  h << "</select></div></div>"_h;
  return h;
}

Html checkbox_field(const Field& f, const FieldErrors& errors) {
  const std::string id = id_of(f);
  const std::string* error = errors.find(f.name);
  std::string described_by;
  Html h;
  h << "<div class=\"utrecht-form-field utrecht-form-field--checkbox"_h;
  if (error != nullptr) h << " utrecht-form-field--invalid"_h;
  h << "\">"_h;
  if (error != nullptr) {
    h << "<div class=\"utrecht-form-field__error-message utrecht-form-field-error-message\""_h
      << attr("id"_h, id + "-error") << ">"_h << *error << "</div>"_h;
    described_by = id + "-error";
  }
  h << "<div class=\"utrecht-form-field__input\"><input type=\"checkbox\" value=\"yes\" class=\"utrecht-checkbox utrecht-checkbox--html-input\""_h
    << input_attrs(f, errors, described_by);
  if (!f.value.empty()) h << " checked"_h;
  h << "></div><div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label utrecht-form-label--checkbox\""_h
    << attr("for"_h, id) << ">"_h << f.label << "</label></div>"_h;
  if (!f.hint.empty()) {
    h << "<div class=\"utrecht-form-field__description utrecht-form-field-description\">"_h << f.hint << "</div>"_h;
  }
  h << "</div>"_h;
  return h;
}

Html error_summary(Context& ctx, const FieldErrors& errors) {
  Html h;
  if (errors.empty()) return h;
  h << "<div class=\"utrecht-alert utrecht-alert--error wb-error-summary\" role=\"alert\" id=\"error-summary\" tabindex=\"-1\">"_h
    << "<div class=\"utrecht-alert__content\"><h2 class=\"utrecht-heading-2\">"_h << ctx.t("web.form.errors_title")
    << "</h2><ul class=\"utrecht-unordered-list\">"_h;
  for (const auto& [field, message] : errors.list()) {
    h << "<li>"_h << link("#" + field_id(field), message) << "</li>"_h;
  }
  h << "</ul></div></div>"_h;
  return h;
}

Html csrf_input(Context& ctx) {
  Html h;
  h << "<input type=\"hidden\" name=\"csrf\""_h << attr("value"_h, ctx.csrf()) << ">"_h;
  return h;
}

Html submit_button(std::string_view label, std::string_view id) {
  Html h;
  h << "<button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\""_h << attr("id"_h, id) << ">"_h
    << label << "</button>"_h;
  return h;
}

}  // namespace weerbaar::web
