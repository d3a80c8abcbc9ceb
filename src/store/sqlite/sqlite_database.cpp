#include "store/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

namespace weerbaar::store {
namespace {

[[noreturn]] void fail(sqlite3* c, int rc, std::string_view what) {
  int ext = c != nullptr ? sqlite3_extended_errcode(c) : rc;
  auto kind = DbError::Kind::other;
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) kind = DbError::Kind::unique_violation;
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) kind = DbError::Kind::busy;
  throw DbError(kind, std::string("sqlite: ") + std::string(what) + ": " +
                          (c != nullptr ? sqlite3_errmsg(c) : sqlite3_errstr(rc)));
}

void run_plain(sqlite3* c, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(c, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    fail(c, rc, msg);
  }
}

class SqliteTx : public Tx {
 public:
  explicit SqliteTx(sqlite3* c) : c_(c) {}
  [[nodiscard]] Dialect dialect() const override { return Dialect::sqlite; }

  Rows query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(c_, sql.data(), static_cast<int>(sql.size()), &st, nullptr);
    if (rc != SQLITE_OK) fail(c_, rc, "prepare");
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(st, sqlite3_finalize);
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i) + 1;
      const auto& v = params[i];
      if (std::holds_alternative<std::int64_t>(v)) {
        rc = sqlite3_bind_int64(st, idx, std::get<std::int64_t>(v));
      } else if (std::holds_alternative<std::string>(v)) {
        const auto& s = std::get<std::string>(v);
        rc = sqlite3_bind_text(st, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      } else {
        rc = sqlite3_bind_null(st, idx);
      }
      if (rc != SQLITE_OK) fail(c_, rc, "bind");
    }
    Rows rows;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      int n = sqlite3_column_count(st);
      std::vector<std::optional<std::string>> cols;
      cols.reserve(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) {
        if (sqlite3_column_type(st, i) == SQLITE_NULL) {
          cols.emplace_back(std::nullopt);
        } else {
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
          cols.emplace_back(std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st, i))));
        }
      }
      rows.emplace_back(std::move(cols));
    }
    if (rc != SQLITE_DONE) fail(c_, rc, "step");
    return rows;
  }

 private:
  sqlite3* c_;
};

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path) : path_(std::move(path)) {
  give_back(open_one());
}

SqliteDatabase::~SqliteDatabase() {
  for (auto* c : idle_) sqlite3_close_v2(c);
}

sqlite3* SqliteDatabase::open_one() const {
  sqlite3* c = nullptr;
  int rc =
      sqlite3_open_v2(path_.c_str(), &c, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = c != nullptr ? sqlite3_errmsg(c) : sqlite3_errstr(rc);
    sqlite3_close_v2(c);
    throw DbError(DbError::Kind::other, "sqlite: cannot open '" + path_ + "': " + msg);
  }
  // Another process (a second worker) may hold the write lock for a moment: wait, don't fail.
  sqlite3_busy_timeout(c, 15000);
  try {
    run_plain(c, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
  } catch (...) {
    sqlite3_close_v2(c);
    throw;
  }
  return c;
}

sqlite3* SqliteDatabase::take() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto* c = idle_.back();
      idle_.pop_back();
      return c;
    }
  }
  return open_one();
}

void SqliteDatabase::give_back(sqlite3* c) {
  std::lock_guard lock(mu_);
  idle_.push_back(c);
}

void SqliteDatabase::transact(TxMode mode, const std::function<void(Tx&)>& fn) {
  sqlite3* c = take();
  struct Return {
    SqliteDatabase* db;
    sqlite3* c;
    ~Return() { db->give_back(c); }
  } back{this, c};
  run_plain(c, mode == TxMode::write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  try {
    SqliteTx tx(c);
    fn(tx);
    run_plain(c, "COMMIT");
  } catch (...) {
    sqlite3_exec(c, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace weerbaar::store
