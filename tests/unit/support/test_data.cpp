#include "test_data.hpp"

#include <fstream>
#include <sstream>

namespace weerbaar::test_support {

std::string test_data_dir() {
  return WEERBAAR_TEST_DATA;
}
std::string source_dir() {
  return WEERBAAR_SOURCE_DIR;
}

std::string read_test_data(const std::string& relative) {
  std::ifstream in(test_data_dir() + "/" + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace weerbaar::test_support
