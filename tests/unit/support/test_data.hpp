#pragma once
// Reads a file under tests/data/ (WEERBAAR_TEST_DATA); empty when it is missing.
#include <fstream>
#include <sstream>
#include <string>

namespace weerbaar::test_support {

inline std::string read_test_data(const std::string& relative) {
  std::ifstream in(std::string(WEERBAAR_TEST_DATA) + "/" + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace weerbaar::test_support
