#include "cli/commands.hpp"

int main(int argc, char** argv) {
  return weerbaar::cli::run(argc, argv);
}
