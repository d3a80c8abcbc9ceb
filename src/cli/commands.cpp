#include "cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "core/content.hpp"
#include "scan/check.hpp"
#include "scan/content_validation.hpp"

namespace weerbaar::cli {

int run(int argc, char** argv) {
  CLI::App app{"Weerbaar: security scan and advice for small businesses"};
  app.require_subcommand(1);
  auto* content_cmd = app.add_subcommand("content", "Work with the advice texts");
  auto* content_check = content_cmd->add_subcommand("check", "Validate content/ against the checks");
  content_cmd->require_subcommand(1);
  int code = Exit::ok;
  content_check->callback([&] {
    try {
      auto problems = scan::validate_content(content::Library::embedded(), scan::Catalogue::instance());
      for (const auto& p : problems) std::cerr << "content: " << p << "\n";
      code = problems.empty() ? Exit::ok : Exit::failed;
    } catch (const content::ContentError& e) {
      std::cerr << "content: " << e.what() << "\n";
      code = Exit::failed;
    }
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? Exit::ok : Exit::bad_input;
  }
  return code;
}

}  // namespace weerbaar::cli
