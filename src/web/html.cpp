#include "web/html.hpp"

#include "core/html_escape.hpp"

namespace weerbaar::web {

std::string escape(std::string_view text) {
  return html_escape(text);
}

Html attr(Markup name, std::string_view value) {
  Html h;
  h << " "_h << name << "=\""_h << value << "\""_h;
  return h;
}

}  // namespace weerbaar::web
