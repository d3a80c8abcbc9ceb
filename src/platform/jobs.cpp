#include "platform/jobs.hpp"

namespace weerbaar::platform {

std::string_view to_string(JobKind k) {
  return k == JobKind::scan ? "scan" : "email";
}

std::optional<JobKind> job_kind_from_string(std::string_view s) {
  if (s == "scan") return JobKind::scan;
  if (s == "email") return JobKind::email;
  return std::nullopt;
}

namespace {
std::string_view to_string(JobState s) {
  switch (s) {
    case JobState::queued: return "queued";
    case JobState::running: return "running";
    case JobState::done: return "done";
    case JobState::failed: return "failed";
    case JobState::cancelled: return "cancelled";
  }
  return "queued";
}
}  // namespace

Id enqueue_job(store::Tx& tx, Time now, JobKind kind, Id business, const std::string& payload, Time run_after) {
  return tx.insert(
      "INSERT INTO jobs (kind, business_id, payload, state, run_after, created_at) "
      "VALUES (?, ?, ?, 'queued', ?, ?) RETURNING id",
      {std::string(to_string(kind)), business > 0 ? store::Value(business) : store::null_value(), payload,
       run_after > 0 ? run_after : now, now});
}

std::optional<Job> JobQueue::claim(const std::string& owner, const std::vector<JobKind>& kinds, int lease_seconds) {
  std::string kind_list;
  store::Params params;
  const Time now = ctx_.now();
  params.emplace_back(now);
  params.emplace_back(now);
  for (auto k : kinds) {
    kind_list += kind_list.empty() ? "?" : ", ?";
    params.emplace_back(std::string(to_string(k)));
  }
  if (kind_list.empty()) return std::nullopt;
  // SQLite: the write transaction holds the database's write lock from BEGIN IMMEDIATE, so
  // the select-then-update cannot interleave. PostgreSQL: SKIP LOCKED lets concurrent
  // workers pass over a row another is claiming instead of waiting for it.
  const bool pg = ctx_.db.dialect() == store::Dialect::postgres;
  std::string pick =
      "SELECT id FROM jobs WHERE ((state = 'queued' AND run_after <= ?) OR (state = 'running' AND lease_until < ?)) "
      "AND kind IN (" +
      kind_list + ") ORDER BY run_after, id LIMIT 1" + (pg ? " FOR UPDATE SKIP LOCKED" : "");
  return ctx_.db.write([&](store::Tx& tx) -> std::optional<Job> {
    for (;;) {
      auto row = tx.one(pick, params);
      if (!row) return std::nullopt;
      Id id = row->integer(0);
      auto j = tx.one(
          "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = ?, lease_until = ? "
          "WHERE id = ? RETURNING id, kind, COALESCE(business_id, 0), payload, attempts, max_attempts",
          {owner, now + lease_seconds, id});
      if (!j) return std::nullopt;
      if (j->integer(4) > j->integer(5)) {
        // Every attempt ended without completion (crashes or timeouts): stop retrying, so one
        // poisonous domain cannot keep the workers busy for ever.
        tx.exec(
            "UPDATE jobs SET state = 'failed', finished_at = ?, lease_owner = NULL, lease_until = NULL, "
            "last_error = 'no attempt completed' WHERE id = ?",
            {now, id});
        continue;
      }
      return Job{j->integer(0),
                 job_kind_from_string(j->text(1)).value_or(JobKind::scan),
                 j->integer(2),
                 j->text(3),
                 static_cast<int>(j->integer(4)),
                 owner};
    }
  });
}

bool JobQueue::heartbeat(const Job& job, int lease_seconds) {
  return ctx_.db.write([&](store::Tx& tx) {
    return tx
        .one(
            "UPDATE jobs SET lease_until = ? WHERE id = ? AND state = 'running' AND lease_owner = ? "
            "AND attempts = ? RETURNING id",
            {ctx_.now() + lease_seconds, job.id, job.owner, std::int64_t{job.attempts}})
        .has_value();
  });
}

bool JobQueue::finish(const Job& job, std::string_view state, const std::string& reason,
                      const std::function<void(store::Tx&)>& write) {
  return ctx_.db.write([&](store::Tx& tx) {
    // The attempt number guards against this worker's own earlier attempt: a worker that
    // lost its lease and was re-claimed under the same name must not finish the new attempt.
    auto done = tx.one(
        "UPDATE jobs SET state = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL, last_error = ? "
        "WHERE id = ? AND state = 'running' AND lease_owner = ? AND attempts = ? RETURNING id",
        {std::string(state), ctx_.now(), reason.empty() ? store::null_value() : store::Value(reason), job.id, job.owner,
         std::int64_t{job.attempts}});
    if (!done) return false;
    if (write) write(tx);
    return true;
  });
}

bool JobQueue::complete(const Job& job, const std::function<void(store::Tx&)>& write) {
  return finish(job, "done", {}, write);
}

bool JobQueue::cancel(const Job& job, const std::string& reason) {
  return finish(job, "cancelled", reason, {});
}

bool JobQueue::fail(const Job& job, const std::string& reason, int retry_seconds) {
  return ctx_.db.write([&](store::Tx& tx) {
    auto row = tx.one(
        "UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END, "
        "run_after = ?, lease_owner = NULL, lease_until = NULL, last_error = ?, "
        "finished_at = CASE WHEN attempts >= max_attempts THEN CAST(? AS BIGINT) ELSE NULL END "
        "WHERE id = ? AND state = 'running' AND lease_owner = ? AND attempts = ? RETURNING id",
        {ctx_.now() + retry_seconds, reason, ctx_.now(), job.id, job.owner, std::int64_t{job.attempts}});
    return row.has_value();
  });
}

int JobQueue::count(JobState state, std::optional<JobKind> kind) {
  return ctx_.db.read([&](store::Tx& tx) {
    if (kind) {
      return static_cast<int>(tx.one("SELECT COUNT(*) FROM jobs WHERE state = ? AND kind = ?",
                                     {std::string(to_string(state)), std::string(to_string(*kind))})
                                  ->integer(0));
    }
    return static_cast<int>(
        tx.one("SELECT COUNT(*) FROM jobs WHERE state = ?", {std::string(to_string(state))})->integer(0));
  });
}

}  // namespace weerbaar::platform
