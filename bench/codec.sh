#!/bin/bash
# RSVP codec rates (bench/codec.c): Path and Resv decode and encode, with
# a baseline measured in the same run.  BENCH_RUNS sets the repeats.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/.." || exit 2
bin=$BUILD/bench/codec
if [ ! -x "$bin" ]; then
	echo "bench/codec.sh: $bin not built (make bench)" >&2
	exit 1
fi
exec "$bin" "${BENCH_RUNS:-7}"
