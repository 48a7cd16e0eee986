#!/bin/bash
# Run every built libFuzzer target ($BUILD/fuzz/fuzz_*) for FUZZ_SECONDS
# (default 30) from a copy of its seed corpus (tests/fuzz/corpus/NAME/), so
# the committed corpus never grows.  One line per fuzzer:
#   PASS: fuzz_rsvp: N execs in 30 s, 0 crashes
#   FAIL: fuzz_rsvp: crash, input kept in build/fuzz/crashes/crash-...
# Exits non-zero if any fuzzer crashed.
set -u
BUILD=${BUILD:-build}
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
cd "$(dirname "$0")/../.." || exit 2

tmp=$(mktemp -d /tmp/quasar-fuzz.XXXXXX) || exit 2
trap 'rm -rf "$tmp"' EXIT

crashdir=$BUILD/fuzz/crashes
rc=0
found=0
for f in "$BUILD"/fuzz/fuzz_*; do
	[ -x "$f" ] && [ -f "$f" ] || continue
	found=1
	name=${f##*/}
	seeds=tests/fuzz/corpus/${name#fuzz_}
	work=$tmp/$name
	mkdir -p "$work/corpus" "$work/artifacts"
	[ -d "$seeds" ] && cp -r "$seeds"/. "$work/corpus/"
	"$f" -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 \
		-artifact_prefix="$work/artifacts/" "$work/corpus" \
		>"$work/log" 2>&1
	r=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" |
		tail -n 1)
	crashes=("$work"/artifacts/*)
	if [ "$r" -eq 0 ] && [ ! -e "${crashes[0]}" ]; then
		echo "PASS: $name: ${execs:-?} execs in $FUZZ_SECONDS s, 0 crashes"
		continue
	fi
	rc=1
	mkdir -p "$crashdir"
	if [ -e "${crashes[0]}" ]; then
		cp "${crashes[@]}" "$crashdir/"
		echo "FAIL: $name: crash, input kept in $crashdir/${crashes[0]##*/}"
	else
		echo "FAIL: $name: exited $r without a crash input"
	fi
	# What the target or the sanitizer said, then the end of the log.
	grep -m 5 -E '^(fuzz_[a-z_]+:|==[0-9]+==ERROR|SUMMARY)' "$work/log"
	tail -n 15 "$work/log"
done
if [ "$found" -eq 0 ]; then
	echo "SKIP: fuzzers (none built in $BUILD/fuzz; run make fuzz)"
fi
exit $rc
