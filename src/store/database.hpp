#pragma once
// The one storage interface. Everything above it (src/platform, and through it the web
// layer) speaks portable SQL through a Tx; a backend only knows how to open connections, run
// a statement with parameters and bracket a transaction. So routes and pages never change
// when the backend does: SQLite for a single machine, PostgreSQL for a national roll-out.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace weerbaar::store {

using Id = std::int64_t;

// A failure of the database itself (unreachable, corrupt, constraint broken by a bug).
// Expected outcomes (not found, duplicate) are values in the services, never this.
class DbError : public std::runtime_error {
 public:
  enum class Kind { other, unique_violation, busy };
  DbError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  [[nodiscard]] Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// A statement parameter. Times are Unix seconds (int64) in every backend, so that SQL
// comparing times is the same text for SQLite and PostgreSQL.
using Value = std::variant<std::monostate, std::int64_t, std::string>;
using Params = std::vector<Value>;
inline Value null_value() {
  return std::monostate{};
}

// One result row: every column as text or NULL, with typed readers.
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cols) : cols_(std::move(cols)) {}
  [[nodiscard]] bool null(std::size_t i) const { return !cols_.at(i).has_value(); }
  [[nodiscard]] std::string text(std::size_t i) const { return cols_.at(i).value_or(""); }
  [[nodiscard]] std::optional<std::string> opt_text(std::size_t i) const { return cols_.at(i); }
  [[nodiscard]] std::int64_t integer(std::size_t i) const;  // NULL reads as 0
  [[nodiscard]] std::optional<std::int64_t> opt_integer(std::size_t i) const;
  [[nodiscard]] std::size_t size() const { return cols_.size(); }

 private:
  std::vector<std::optional<std::string>> cols_;
};
using Rows = std::vector<Row>;

enum class Dialect { sqlite, postgres };

// One open transaction. SQL uses ? placeholders in both dialects (the PostgreSQL backend
// numbers them); no literal '?' may appear in statement text.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  [[nodiscard]] virtual Dialect dialect() const = 0;

  // Conveniences over query().
  std::optional<Row> one(std::string_view sql, const Params& params = {});
  void exec(std::string_view sql, const Params& params = {}) { query(sql, params); }
  // INSERT ... RETURNING id in both dialects.
  Id insert(std::string_view sql, const Params& params = {});
};

// Write transactions take the database's write lock at their start (SQLite: BEGIN
// IMMEDIATE), so read-then-write sequences such as claiming a job cannot interleave.
enum class TxMode { read, write };

class Database {
 public:
  virtual ~Database() = default;
  [[nodiscard]] virtual Dialect dialect() const = 0;
  // Runs fn in one transaction: committed when fn returns, rolled back when it throws.
  virtual void transact(TxMode mode, const std::function<void(Tx&)>& fn) = 0;

  template <typename F>
  auto read(F&& fn) {
    return run<F>(TxMode::read, std::forward<F>(fn));
  }
  template <typename F>
  auto write(F&& fn) {
    return run<F>(TxMode::write, std::forward<F>(fn));
  }

 private:
  template <typename F>
  auto run(TxMode mode, F&& fn) {
    using R = std::invoke_result_t<F, Tx&>;
    if constexpr (std::is_void_v<R>) {
      transact(mode, [&](Tx& tx) { fn(tx); });
    } else {
      std::optional<R> out;
      transact(mode, [&](Tx& tx) { out.emplace(fn(tx)); });
      return std::move(*out);
    }
  }
};

// Opens a database by URL: "postgresql://user@host:port/db" (or postgres://), "sqlite:PATH",
// or a plain file path (SQLite). Applies pending schema migrations. Throws DbError with a
// one-line reason when it cannot.
std::unique_ptr<Database> open_database(const std::string& url);

}  // namespace weerbaar::store
