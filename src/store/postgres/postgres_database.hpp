#pragma once
// PostgreSQL backend (libpqxx) for a national roll-out: many `weerbaar worker` processes
// share one database, and job claims use FOR UPDATE SKIP LOCKED so they never wait on
// each other.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace weerbaar::store {

class PostgresDatabase : public Database {
 public:
  explicit PostgresDatabase(std::string url);  // throws DbError
  ~PostgresDatabase() override;
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  [[nodiscard]] Dialect dialect() const override { return Dialect::postgres; }
  void transact(TxMode mode, const std::function<void(Tx&)>& fn) override;

 private:
  struct Conn;  // a pqxx::connection (a typedef there, so it cannot be declared here)
  std::unique_ptr<Conn> take();
  void give_back(std::unique_ptr<Conn> c);

  std::string url_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Conn>> idle_;
};

// "?" placeholders to "$1", "$2", ...; exposed for its unit test.
std::string number_placeholders(std::string_view sql);

}  // namespace weerbaar::store
