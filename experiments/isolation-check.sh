#!/bin/bash
# experiments/isolation-check.sh: the isolation property of experiment 4
# over its results.csv (experiments/run.sh misbehave).
#
#   isolation-check.sh CSV MODE MIN_DELIVERED_PCT MAX_LOSS_PCT MAX_P99_FACTOR
#                      [P99_FLOOR_MS]
#
# For every well-behaved flow (good*) of router MODE, in phase "loaded":
# delivered >= MIN_DELIVERED_PCT % of its reservation, loss <
# MAX_LOSS_PCT %, and p99 latency <= MAX_P99_FACTOR x its p99 in phase
# "unloaded" or, when P99_FLOOR_MS is given, <= that many ms (a ratio of
# two sub-millisecond p99s is the scheduler's noise).  Prints one line per
# flow and a summary; exits 0 when every flow meets all three, 1 when one
# does not, 2 when the CSV has no such flows.
set -u
[ $# -eq 5 ] || [ $# -eq 6 ] || { sed -n 's/^#   //p' "$0" >&2; exit 2; }
awk -F, -v mode="$2" -v dmin="$3" -v lmax="$4" -v pmax="$5" -v pfloor="${6:--1}" '
NR > 1 && $2 == mode && $4 ~ /^good/ {
	if ($3 == "unloaded") base[$4] = $14
	if ($3 == "loaded") { order[n++] = $4; res[$4] = $7; del[$4] = $9
		loss[$4] = $12; p99[$4] = $14 }
}
END {
	if (n == 0) { printf "%s: no well-behaved flows in the results\n", mode; exit 2 }
	bad = 0
	for (i = 0; i < n; i++) {
		f = order[i]
		dp = res[f] > 0 ? 100 * del[f] / res[f] : 0
		if (p99[f] == "-" || base[f] == "" || base[f] == "-" || base[f] <= 0)
			px = -1
		else
			px = p99[f] / base[f]
		lat = px >= 0 && (px <= pmax || (pfloor >= 0 && p99[f] <= pfloor * 1000))
		ok = dp >= dmin && loss[f] < lmax && lat
		if (!ok) bad++
		printf "  %-7s %-8s delivered %6.2f%% of reserved (>= %s), " \
		    "loss %6.3f%% (< %s), p99 %s x unloaded (<= %s%s): %s\n",
		    mode, f, dp, dmin, loss[f], lmax,
		    px < 0 ? "n/a" : sprintf("%.2f", px), pmax,
		    (pfloor >= 0 ? " or <= " pfloor " ms" : ""), (ok ? "met" : "NOT met")
	}
	printf "%s: isolation target %s: %d of %d well-behaved flows meet it\n",
	    mode, bad ? "NOT met" : "met", n - bad, n
	exit bad ? 1 : 0
}' "$1"
