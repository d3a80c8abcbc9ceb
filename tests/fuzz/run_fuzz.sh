#!/usr/bin/env bash
# Runs one libFuzzer harness: run_fuzz.sh HARNESS SEED_CORPUS WORK_DIR SECONDS [libFuzzer flags]
# The seed corpus (in the repository) is read, never written: what the run finds goes to
# WORK_DIR/corpus, crashes to WORK_DIR/artifacts. Fails on any finding (crash, leak, timeout,
# out of memory, sanitizer report).
set -euo pipefail
harness=$1 seeds=$2 work=$3 seconds=$4
shift 4
mkdir -p "$work/corpus" "$work/artifacts"
# -timeout: one input taking longer than this is a finding (a parser worse than linear shows
# up here); -rss_limit_mb: memory is bounded too. -max_len: inputs as large as the parsers'
# own caps would make a short run spend its time on copying, so short runs stay small; the
# long runs in bench/fuzz_long.sh go up to the caps.
exec "$harness" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=16384 \
  -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$@" "$work/corpus" "$seeds"
