#!/bin/bash
# experiments/run.sh: run one of QuaSAR's isolation experiments (seed 002,
# section 4; docs/experiments.md) on QuaSAR and, in the same run, on a
# plain best-effort router with the same topology and traffic; print a
# table per router and write results.csv, plot.dat and plot.png under
# results/NAME-TIMESTAMP/.  Needs root (namespaces, BPF, tc), jq, and
# gnuplot for the plot.
#
#   experiments/run.sh [-T SECONDS] [-o DIR] [-m MODE,...] [-n N,...] [-v] NAME
#
#   NAME   1 | overhead    best effort through QuaSAR vs the plain router
#          2 | one-qos     one QoS flow against best-effort load
#          3 | many-qos    1, 4, 16, 64 QoS flows plus best effort
#          4 | misbehave   flows sending 10x their reservation, on the
#                          shared line card and on another, plus a flood
#   -T     seconds of traffic per phase (default 8)
#   -o     where results go (default results/)
#   -m     run only these router modes (quasar, plain, kernel)
#   -n     experiment 3: these numbers of flows (default 1,4,16,64)
#   -v     say what happens
#
# Everything it makes (namespaces, quasard, routelets, BPF pins) is
# removed when it ends, fails, or is interrupted.
# shellcheck source-path=SCRIPTDIR
set -u
EXP_ROOT=$(cd "$(dirname "$0")" && pwd)
cd "$EXP_ROOT/.." || exit 2
BUILD=${BUILD:-build}
BIN=${BIN:-$BUILD/bin}
DURATION=8
OUT_ROOT=results
ONLY_MODES=
FLOW_COUNTS=1,4,16,64
VERBOSE=

usage() {
	sed -n '/^#   experiments/,/^#   -v/s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

while getopts "T:o:m:n:vh" ch; do
	case $ch in
	T) DURATION=$OPTARG ;;
	o) OUT_ROOT=$OPTARG ;;
	m) ONLY_MODES=$OPTARG ;;
	n) FLOW_COUNTS=$OPTARG ;;
	v) VERBOSE=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
if ! [[ $DURATION =~ ^[0-9]+$ ]] || [ "$DURATION" -lt 1 ]; then
	usage
fi
[[ $FLOW_COUNTS =~ ^[0-9]+(,[0-9]+)*$ ]] || usage
case $1 in
1 | overhead) EXP_FILE=1-overhead ;;
2 | one-qos) EXP_FILE=2-one-qos ;;
3 | many-qos) EXP_FILE=3-many-qos ;;
4 | misbehave) EXP_FILE=4-misbehave ;;
*) usage ;;
esac

if [ "$(id -u)" -ne 0 ]; then
	echo "experiments: needs root (network namespaces, BPF, tc)" >&2
	exit 1
fi
for b in quasar-testbed quasar-gen quasar-sink quasar-rsvp quasard \
    quasarctl quasar-routelet; do
	if [ ! -x "$BIN/$b" ]; then
		echo "experiments: $BIN/$b is not built (make)" >&2
		exit 1
	fi
done
command -v jq >/dev/null || { echo "experiments: needs jq" >&2; exit 1; }

# shellcheck source=lib/testbed.sh
. "$EXP_ROOT/lib/testbed.sh"
# shellcheck source=lib/flows.sh
. "$EXP_ROOT/lib/flows.sh"
# shellcheck source=lib/report.sh
. "$EXP_ROOT/lib/report.sh"

ROUTER=R
MODES=(quasar plain)
POOL_CONF=()
POOL_READY=1
# shellcheck source=/dev/null  # one of experiments/defs/*.sh
. "$EXP_ROOT/defs/$EXP_FILE.sh"

EXP_TMP=$(mktemp -d "/tmp/experiments.$$.XXXXXX") || exit 1
OUT_DIR=$OUT_ROOT/$EXP_NAME-$(date -u +%Y%m%dT%H%M%SZ)
RESULTS_CSV=$OUT_DIR/results.csv
MODE=

cleanup() {
	trap '' INT TERM
	unsignal
	tb_down
	if [ -n "${KEEP_TMP:-}" ]; then
		echo "scratch files kept in $EXP_TMP" >&2
	else
		rm -rf "$EXP_TMP"
	fi
}
trap cleanup EXIT
trap 'echo "experiments: interrupted, cleaning up" >&2; exit 130' INT TERM

mkdir -p "$OUT_DIR" || exit 1
echo "$CSV_HEADER" >"$RESULTS_CSV"
echo "== experiment $EXP_NAME: $EXP_TITLE"
ran=()
for MODE in "${MODES[@]}"; do
	if [ -n "$ONLY_MODES" ] && [[ ,$ONLY_MODES, != *,$MODE,* ]]; then
		continue
	fi
	echo "-- $(mode_title "$MODE")"
	if ! tb_up "$MODE"; then
		echo "experiments: cannot set up the $MODE router" >&2
		exit 1
	fi
	run_experiment || { echo "experiments: $MODE run failed" >&2; exit 1; }
	if [ "$MODE" = quasar ]; then
		"$BIN/quasarctl" -s "$TB_RUN/$ROUTER.sock" flow list \
		    >"$OUT_DIR/flows-$MODE-after.txt" 2>&1
	fi
	unsignal
	cp "$EXP_TMP/$TB_PFX.$ROUTER.quasard.log" "$OUT_DIR/quasard-$MODE.log" \
	    2>/dev/null
	tb_down
	ran+=("$MODE")
done
if declare -F report >/dev/null; then
	report
else
	for MODE in "${ran[@]}"; do
		report_table "$MODE"
	done
fi
if [ ${#ran[@]} -eq 2 ]; then
	report_plot "${ran[0]}" "${ran[1]}"
fi
if declare -F verdict >/dev/null; then
	echo
	verdict "${ran[@]}"
fi
echo
echo "results: $RESULTS_CSV"
[ -f "$OUT_DIR/plot.png" ] && echo "plot:    $OUT_DIR/plot.png"
exit 0
