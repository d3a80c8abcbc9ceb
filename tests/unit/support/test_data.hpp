#pragma once
// Reads a file under tests/data/; empty when it is missing. The paths are compiled into
// test_data.cpp alone.
#include <string>

namespace weerbaar::test_support {

std::string read_test_data(const std::string& relative);
// tests/data/ and the source root of this checkout.
std::string test_data_dir();
std::string source_dir();

}  // namespace weerbaar::test_support
