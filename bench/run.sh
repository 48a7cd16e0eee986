#!/bin/bash
# Run every benchmark script in bench/ (bench/*.sh); each prints its own
# figures and its ratios against a baseline measured in the same run.
set -u
BUILD=${BUILD:-build}
export BUILD
cd "$(dirname "$0")/.." || exit 2
rc=0
for b in bench/*.sh; do
	[ "$b" = bench/run.sh ] && continue
	[ -x "$b" ] || continue
	echo "== $b"
	"$b" || rc=1
done
exit $rc
