#pragma once
// Versioned schema migrations. Each version is applied once, in order, inside one write
// transaction together with its row in schema_migrations; a database newer than this
// program is refused rather than guessed at.
#include <string>
#include <vector>

#include "store/database.hpp"

namespace weerbaar::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;  // portable SQL with {ID} and {INT} for the dialect's id and integer types
};

const std::vector<Migration>& migrations();
int schema_version(Database& db);  // 0 for an empty database
void migrate(Database& db);        // throws DbError

// The migration text for one dialect (tokens replaced); exposed for the tests.
std::string dialect_sql(const std::string& sql, Dialect d);

}  // namespace weerbaar::store
