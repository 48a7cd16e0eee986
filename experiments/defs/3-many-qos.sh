# Experiment 3 (seed 002, section 4): several QoS flows plus best effort,
# for 1, 4, 16 and 64 flows (-n chooses).  Each flow reserves 150 kbit/s
# and sends it in 250-byte frames (75 frames/s); 64 of them reserve
# 9.6 Mbit/s of the 20 Mbit/s line, and a best-effort load of 20 Mbit/s
# fills the rest and more.  The rates are small on purpose: this is a
# 2-core machine that also runs one quasar-gen per flow, 64 routelets and
# the sink.  All flows are signalled once (so 64 routelets are assigned
# throughout); each phase makes the first N of them send.
EXP_NAME=many-qos
EXP_TITLE="N QoS flows plus best effort, N in $FLOW_COUNTS"
TOPO=experiments/topologies/line.topo
IFS=, read -r -a COUNTS <<<"$FLOW_COUNTS"
MAX_FLOWS=0
for n in "${COUNTS[@]}"; do
	[ "$n" -ge 1 ] && [ "$n" -le 64 ] || { echo "-n: 1 to 64 flows" >&2; exit 2; }
	[ "$n" -gt "$MAX_FLOWS" ] && MAX_FLOWS=$n
done
POOL_CONF=("pool min-idle $MAX_FLOWS max-idle $MAX_FLOWS max-total $((MAX_FLOWS + 2))"
    "memory-budget 2g" "pkt-cost-ns 4000")
POOL_READY=$MAX_FLOWS
SIGNAL_WAIT=60

qos_many q "$MAX_FLOWS" A B 150kbit 150kbit 250
be be-load A B 20mbit 1000

run_experiment() {
	local n
	signal || return 1
	for n in "${COUNTS[@]}"; do
		phase "N=$n" $(seq -f "q%g" 1 "$n") be-load
	done
}

# 64 rows a phase is too long to read: the QoS flows summed up per phase,
# then the best-effort load (every row is in results.csv).
report() {
	echo
	echo "$EXP_NAME, ${DURATION} s per phase: the QoS flows (each 150 kbit/s" \
	    "reserved and offered)"
	awk -F, -f "$EXP_ROOT/lib/qos-summary.awk" "$RESULTS_CSV"
	echo "the best-effort load (20 Mbit/s offered)"
	awk -F, 'NR > 1 && $5 == "be" { printf "  %-7s %-6s delivered %6.3f Mbit/s, loss %6.2f%%, p50 %9.3fms, p99 %9.3fms\n",
	    $2, $3, $9 / 1e6, $12, $13 / 1000, $14 / 1000 }' "$RESULTS_CSV"
}

# One plot row per N for the QoS flows together (their total delivered
# rate against their total reservation, their worst p99), one for the
# best-effort load.
plot_data() {
	awk -F, -v a="$1" -v b="$2" '
	NR > 1 {
		k = $3 " " ($5 == "qos" ? "qos(all)" : $4)
		if (!(k in seen)) { seen[k] = 1; order[n++] = k }
		if ($2 == a) res[k] += $7 / 1e6
		cnt[k, $2]++
		del[k, $2] += $9 / 1e6
		if ($14 != "-" && $14 / 1000 > p99[k, $2]) p99[k, $2] = $14 / 1000
	}
	END {
		for (i = 0; i < n; i++) {
			k = order[i]; lab = k; gsub(/ /, "/", lab)
			printf "%s %.3f %s %s %s %s\n", lab, res[k],
			    t(k, a), t(k, b), v(p99[k, a]), v(p99[k, b])
		}
	}
	function t(k, s) { return cnt[k, s] ? sprintf("%.3f", del[k, s]) : "-" }
	function v(x) { return x == "" ? "-" : x }
	' "$RESULTS_CSV"
}
