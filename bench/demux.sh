#!/bin/bash
# Per-frame cost of each demux BPF program through BPF_PROG_TEST_RUN
# ($BUILD/demux/bench_dp, built by demux/module.mk; see docs/demux.md,
# "Cost").  BENCH_DP_RUNS timed runs per program (default 50000, a few
# seconds in all).  Needs root.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/.." || exit 2
bin=$BUILD/demux/bench_dp
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: demux program cost (needs root for BPF)"
	exit 0
fi
if [ ! -x "$bin" ]; then
	echo "bench/demux.sh: $bin not built (make bench)" >&2
	exit 1
fi
exec "$bin" -n "${BENCH_DP_RUNS:-50000}"
