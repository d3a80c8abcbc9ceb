#pragma once
// The durable job queue, in the database. A worker claims a job with a lease (lease_until);
// while it works it renews the lease (heartbeat); a worker that dies (kill -9, power cut)
// stops renewing, the lease runs out and another worker claims the job again. Completion is
// conditional on still holding the lease and is committed in the same transaction as the
// job's results, so a job's results are written exactly once whatever crashes when.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/context.hpp"

namespace weerbaar::platform {

enum class JobKind { scan, email };
std::string_view to_string(JobKind k);
std::optional<JobKind> job_kind_from_string(std::string_view s);

struct Job {
  Id id = 0;
  JobKind kind = JobKind::scan;
  Id business = 0;
  std::string payload;
  int attempts = 0;  // including this one
  std::string owner;
};

enum class JobState { queued, running, done, failed, cancelled };

// Inside the caller's transaction: the job exists exactly when the change that caused it does.
Id enqueue_job(store::Tx& tx, Time now, JobKind kind, Id business, const std::string& payload = {}, Time run_after = 0);

class JobQueue {
 public:
  explicit JobQueue(Context& ctx) : ctx_(ctx) {}

  // The oldest ready job of these kinds: queued and due, or running with an expired lease
  // (its worker died). A job that has used all its attempts is marked failed instead.
  std::optional<Job> claim(const std::string& owner, const std::vector<JobKind>& kinds, int lease_seconds);
  // Extends the lease; false when it was lost (expired and claimed by another worker).
  bool heartbeat(const Job& job, int lease_seconds);
  // Marks the job done and runs write(tx) in the same transaction. Returns false, writing
  // nothing, when the job is no longer this worker's: then another worker owns the outcome.
  bool complete(const Job& job, const std::function<void(store::Tx&)>& write = {});
  // Ends the job as cancelled (nothing to do any more, e.g. consent withdrawn).
  bool cancel(const Job& job, const std::string& reason);
  // Gives the job back for a later try (after retry_seconds) or, after its last attempt,
  // marks it failed. The reason is kept for operators: never personal data.
  bool fail(const Job& job, const std::string& reason, int retry_seconds);

  // For tests and the operator: how many jobs are in a state.
  int count(JobState state, std::optional<JobKind> kind = std::nullopt);

 private:
  bool finish(const Job& job, std::string_view state, const std::string& reason,
              const std::function<void(store::Tx&)>& write);
  Context& ctx_;
};

}  // namespace weerbaar::platform
