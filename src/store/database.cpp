#include "store/database.hpp"

#include <charconv>

#include "store/migrations.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace weerbaar::store {

std::int64_t Row::integer(std::size_t i) const {
  return opt_integer(i).value_or(0);
}

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  const auto& c = cols_.at(i);
  if (!c) return std::nullopt;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(c->data(), c->data() + c->size(), v);
  if (ec != std::errc()) throw DbError(DbError::Kind::other, "column " + std::to_string(i) + " is not an integer");
  return v;
}

std::optional<Row> Tx::one(std::string_view sql, const Params& params) {
  auto rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

Id Tx::insert(std::string_view sql, const Params& params) {
  auto row = one(sql, params);
  if (!row) throw DbError(DbError::Kind::other, "insert returned no id");
  return row->integer(0);
}

std::unique_ptr<Database> open_database(const std::string& url) {
  std::unique_ptr<Database> db;
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    db = std::make_unique<PostgresDatabase>(url);
  } else {
    std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
    if (path.empty()) throw DbError(DbError::Kind::other, "no database file given");
    db = std::make_unique<SqliteDatabase>(path);
  }
  migrate(*db);
  return db;
}

}  // namespace weerbaar::store
