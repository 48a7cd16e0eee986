#!/bin/bash
# Run QuaSAR's tests and print one closing line over all of them:
#   N passed, N failed
#
#   tests/run.sh [unit|integration|fuzz|xen ...]     (default: all four)
#
# Unit tests are Check binaries (build/tests/unit/test_*); their summary
# lines ("Checks: N, Failures: F, Errors: E") are added up.  Integration and
# fuzz scripts print one "PASS: what" or "FAIL: what" line per check (and
# "SKIP: what (why)" for a check that cannot run here); those are counted.
# xen boots Xen under QEMU (tests/xen/run.sh, its images made by "make
# images"); with SAN=1 it is skipped, the guest image has no sanitized
# routelet.
set -u
BUILD=${BUILD:-build}
export BUILD
cd "$(dirname "$0")/.." || exit 2

kinds=("$@")
[ ${#kinds[@]} -eq 0 ] && kinds=(unit integration fuzz xen)

passed=0
failed=0
skipped=0

run_unit() {
	local t out checks fails errs
	for t in "$BUILD"/tests/unit/test_*; do
		[ -x "$t" ] || continue
		echo "== $t"
		out=$("$t" 2>&1)
		printf '%s\n' "$out"
		if [[ $out =~ Checks:\ ([0-9]+),\ Failures:\ ([0-9]+),\ Errors:\ ([0-9]+) ]]; then
			checks=${BASH_REMATCH[1]}
			fails=${BASH_REMATCH[2]}
			errs=${BASH_REMATCH[3]}
			passed=$((passed + checks - fails - errs))
			failed=$((failed + fails + errs))
		else
			echo "FAIL: $t printed no Check summary"
			failed=$((failed + 1))
		fi
	done
}

# Run a script that prints PASS:/FAIL:/SKIP: lines and count them.
run_script() {
	local s=$1 out p f k rc
	echo "== $s"
	out=$("$s" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	p=$(grep -c '^PASS:' <<<"$out")
	f=$(grep -c '^FAIL:' <<<"$out")
	k=$(grep -c '^SKIP:' <<<"$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL: $s exited $rc"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + k))
}

run_dir() {
	local s
	for s in "$1"/*.sh; do
		[ -x "$s" ] || continue
		run_script "$s"
	done
}

for kind in "${kinds[@]}"; do
	case $kind in
	unit) run_unit ;;
	integration) run_dir tests/integration ;;
	fuzz) run_dir tests/fuzz ;;
	xen)
		if [ "${SAN:-}" = 1 ]; then
			echo "SKIP: tests/xen (SAN=1: the guest image needs the static routelet)"
			skipped=$((skipped + 1))
		else
			run_script tests/xen/run.sh
		fi
		;;
	*) echo "tests/run.sh: unknown kind '$kind'" >&2; exit 2 ;;
	esac
done

echo
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
