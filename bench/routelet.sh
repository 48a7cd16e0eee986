#!/bin/bash
# The routelet element's cost per frame, without I/O
# ($BUILD/bin/bench-routelet, built by routelet/module.mk; see
# docs/routelet.md): BENCH_RL_RUNS interleaved runs (default 5) of
# BENCH_RL_FRAMES frames each (default 5000000), median; a few seconds.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/.." || exit 2
bin=$BUILD/bin/bench-routelet
if [ ! -x "$bin" ]; then
	echo "bench/routelet.sh: $bin not built (make bench)" >&2
	exit 1
fi
exec "$bin" "${BENCH_RL_RUNS:-5}" "${BENCH_RL_FRAMES:-5000000}"
