#pragma once
// The entrepreneur's way in: sign-up with consent, e-mail confirmation, proof of domain
// control. A business is scanned only when all three are done (see enqueue_scan).
#include <memory>
#include <string>

#include "platform/context.hpp"
#include "platform/proof_checker.hpp"

namespace weerbaar::platform {

class Signups {
 public:
  Signups(Context& ctx, std::shared_ptr<ProofChecker> checker) : ctx_(ctx), checker_(std::move(checker)) {}

  // Public: the form on /c/<slug>. Field errors name the field (see STORE_API.md).
  Result<SignupReceipt> sign_up(const std::string& campaign_slug, const SignupInput& in);
  // The link in the confirmation mail. Creates the entrepreneur's account with this password
  // (or, for an entrepreneur who already has one, checks it) and returns them signed in.
  Result<Actor> confirm_email(const std::string& token, const std::string& password);
  // Sends the confirmation mail again with a fresh link (old links stop working).
  Status resend_confirmation(const std::string& campaign_slug, const std::string& email);

  Result<ProofInstructions> proof_instructions(const Actor& who, Id business);
  // Looks for the proof now (blocking, bounded by the checker's deadlines: run it off the
  // server's I/O thread). On success the first scan is queued when everything else is done.
  Result<ProofCheck> check_proof(const Actor& who, Id business);

 private:
  Context& ctx_;
  std::shared_ptr<ProofChecker> checker_;
};

// The one place a scan job is created. Queues a scan of the business only when it is active,
// has consent, a confirmed e-mail and a proven domain, and has no scan waiting or running.
// Returns the job id, or 0 when it may not (or need not) be queued.
Id enqueue_scan(store::Tx& tx, Time now, Id business);
// Reads the business's progress towards its first scan.
Progress progress_of(store::Tx& tx, Id business);

}  // namespace weerbaar::platform
