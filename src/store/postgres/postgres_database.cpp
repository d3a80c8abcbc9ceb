#include "store/postgres/postgres_database.hpp"

#include <pqxx/pqxx>

namespace weerbaar::store {

struct PostgresDatabase::Conn {
  explicit Conn(const std::string& url) : c(url) {}
  pqxx::connection c;
};

namespace {

// The server's messages can quote values (an e-mail address in a duplicate key): keep the
// first line only and never the DETAIL, so no personal data reaches a log through an error.
std::string first_line(const char* what) {
  std::string s(what);
  if (auto nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
  return "postgres: " + s;
}

class PostgresTx : public Tx {
 public:
  explicit PostgresTx(pqxx::work& w) : w_(w) {}
  [[nodiscard]] Dialect dialect() const override { return Dialect::postgres; }

  Rows query(std::string_view sql, const Params& params) override {
    std::vector<std::optional<std::string>> values;
    values.reserve(params.size());
    for (const auto& v : params) {
      if (std::holds_alternative<std::int64_t>(v)) {
        values.emplace_back(std::to_string(std::get<std::int64_t>(v)));
      } else if (std::holds_alternative<std::string>(v)) {
        values.emplace_back(std::get<std::string>(v));
      } else {
        values.emplace_back(std::nullopt);
      }
    }
    pqxx::result r = w_.exec_params(number_placeholders(sql), pqxx::prepare::make_dynamic_params(values));
    Rows rows;
    rows.reserve(r.size());
    for (const auto& row : r) {
      std::vector<std::optional<std::string>> cols;
      cols.reserve(row.size());
      for (const auto& f : row) {
        if (f.is_null()) {
          cols.emplace_back(std::nullopt);
        } else {
          cols.emplace_back(std::string(f.c_str(), f.size()));
        }
      }
      rows.emplace_back(std::move(cols));
    }
    return rows;
  }

 private:
  pqxx::work& w_;
};

}  // namespace

std::string number_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  for (char ch : sql) {
    if (ch == '?') {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += ch;
    }
  }
  return out;
}

PostgresDatabase::PostgresDatabase(std::string url) : url_(std::move(url)) {
  give_back(take());
}

PostgresDatabase::~PostgresDatabase() = default;

std::unique_ptr<PostgresDatabase::Conn> PostgresDatabase::take() {
  {
    std::lock_guard lock(mu_);
    while (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      if (c->c.is_open()) return c;
    }
  }
  try {
    return std::make_unique<Conn>(url_);
  } catch (const std::exception& e) {
    throw DbError(DbError::Kind::other, first_line(e.what()));
  }
}

void PostgresDatabase::give_back(std::unique_ptr<Conn> c) {
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(c));
}

void PostgresDatabase::transact(TxMode /*mode: row locks in the statements do the work*/,
                                const std::function<void(Tx&)>& fn) {
  auto c = take();
  try {
    pqxx::work w(c->c);
    PostgresTx tx(w);
    fn(tx);
    w.commit();
  } catch (const pqxx::unique_violation& e) {
    give_back(std::move(c));
    throw DbError(DbError::Kind::unique_violation, first_line(e.what()));
  } catch (const pqxx::broken_connection& e) {
    throw DbError(DbError::Kind::other, first_line(e.what()));  // the connection is dropped
  } catch (const pqxx::sql_error& e) {
    give_back(std::move(c));
    throw DbError(DbError::Kind::other, first_line(e.what()));
  } catch (...) {
    give_back(std::move(c));
    throw;
  }
  give_back(std::move(c));
}

}  // namespace weerbaar::store
