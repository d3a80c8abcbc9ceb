#pragma once
// SQLite backend: the default, one file, nothing to install. WAL lets readers run beside the
// one writer; write transactions start with BEGIN IMMEDIATE so that two workers (threads or
// processes) claiming a job queue up on the lock instead of both reading the same free job.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

struct sqlite3;

namespace weerbaar::store {

class SqliteDatabase : public Database {
 public:
  explicit SqliteDatabase(std::string path);  // throws DbError
  ~SqliteDatabase() override;
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  [[nodiscard]] Dialect dialect() const override { return Dialect::sqlite; }
  void transact(TxMode mode, const std::function<void(Tx&)>& fn) override;

 private:
  sqlite3* take();
  void give_back(sqlite3* c);
  sqlite3* open_one() const;

  std::string path_;
  std::mutex mu_;
  std::vector<sqlite3*> idle_;  // a connection is used by one thread at a time
};

}  // namespace weerbaar::store
