#include "store/migrations.hpp"

#include <ctime>

#include "store/schema_v1.hpp"

namespace weerbaar::store {
namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

// Splits a migration into statements; our migrations hold no ';' inside literals.
std::vector<std::string> statements(const std::string& sql) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < sql.size()) {
    auto end = sql.find(';', start);
    if (end == std::string::npos) end = sql.size();
    auto stmt = sql.substr(start, end - start);
    if (stmt.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(stmt);
    start = end + 1;
  }
  return out;
}

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all{{1, "platform core", kSchemaV1}};
  return all;
}

std::string dialect_sql(const std::string& sql, Dialect d) {
  std::string s = sql;
  replace_all(s, "{ID}", d == Dialect::sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY");
  replace_all(s, "{INT}", d == Dialect::sqlite ? "INTEGER" : "BIGINT");
  return s;
}

int schema_version(Database& db) {
  return db.read([](Tx& tx) -> int {
    bool exists =
        tx.dialect() == Dialect::sqlite
            ? tx.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").has_value()
            : tx.one(
                    "SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_migrations' "
                    "AND table_schema = current_schema()")
                  .has_value();
    if (!exists) return 0;
    auto row = tx.one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    return row ? static_cast<int>(row->integer(0)) : 0;
  });
}

void migrate(Database& db) {
  db.write([&](Tx& tx) {
    // Two processes starting at once (serve and a worker) must not both migrate. SQLite's
    // BEGIN IMMEDIATE already serialises; PostgreSQL needs a lock held to commit.
    if (tx.dialect() == Dialect::postgres) tx.exec("SELECT pg_advisory_xact_lock(4711009)");
    tx.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at " +
        dialect_sql("{INT}", tx.dialect()) + " NOT NULL)");
    int current = static_cast<int>(tx.one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")->integer(0));
    int newest = migrations().back().version;
    if (current > newest) {
      throw DbError(DbError::Kind::other, "the database has schema version " + std::to_string(current) +
                                              ", newer than this program knows (" + std::to_string(newest) +
                                              "): upgrade weerbaar");
    }
    for (const auto& m : migrations()) {
      if (m.version <= current) continue;
      for (const auto& stmt : statements(dialect_sql(m.sql, tx.dialect()))) tx.exec(stmt);
      tx.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
              {std::int64_t{m.version}, m.name, static_cast<std::int64_t>(std::time(nullptr))});
    }
  });
}

}  // namespace weerbaar::store
