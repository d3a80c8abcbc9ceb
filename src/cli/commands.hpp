#pragma once
#include <stdexcept>

namespace weerbaar::cli {

// Exit codes, documented in docs/cli.md.
enum Exit : int {
  ok = 0,             // scanned; nothing of high severity found
  high_findings = 1,  // scanned; at least one high-severity finding
  bad_input = 2,      // a domain, file or option could not be used (others were still scanned)
  failed = 3,         // nothing could be scanned or the program failed
  interrupted = 130,  // stopped by Ctrl-C (SIGINT) or SIGTERM; what had finished was written
};

// A mistake of the user's, reported as one line ("weerbaar: ...") with exit code bad_input.
class UsageError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

int run(int argc, char** argv);

}  // namespace weerbaar::cli
