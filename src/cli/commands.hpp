#pragma once

namespace weerbaar::cli {

// Exit codes, documented in docs/cli.md.
enum Exit : int {
  ok = 0,             // scanned; nothing of high severity found
  high_findings = 1,  // scanned; at least one high-severity finding
  bad_input = 2,      // a domain, file or option could not be used (others were still scanned)
  failed = 3,         // nothing could be scanned or the program failed
};

int run(int argc, char** argv);

}  // namespace weerbaar::cli
