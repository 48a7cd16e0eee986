# Experiment 4 (seed 002, section 4): misbehaving flows.  Three
# well-behaved flows from A to B reserve 2 Mbit/s each and send exactly
# that.  Flow bad-line, also A to B, reserves 2 Mbit/s and sends 20: it
# shares the outgoing line card (bandwidth).  Flow bad-cpu, from C to D,
# reserves 1 Mbit/s and sends 10 in 100-byte frames (12,500 frames/s): it
# shares no line card with them, only the router's CPU (its routelet's,
# under QuaSAR).  A best-effort flood of 30 Mbit/s goes from A to B.  The
# line to B carries 20 Mbit/s.
#
# Phase "unloaded": the well-behaved flows alone (their unloaded p99);
# phase "loaded": everything at once.  The target (issue 8): under QuaSAR
# every well-behaved flow delivers at least 99% of its reservation with
# under 0.1% loss and a p99 at most twice its unloaded p99.
EXP_NAME=misbehave
EXP_TITLE="flows sending 10x their reservation, plus a best-effort flood"
TOPO=experiments/topologies/star.topo
POOL_CONF=("pool min-idle 5 max-idle 6 max-total 8" "pkt-cost-ns 4000")
POOL_READY=5

qos good1 A B 2mbit 2mbit 1000
qos good2 A B 2mbit 2mbit 1000
qos good3 A B 2mbit 2mbit 1000
qos bad-line A B 2mbit 20mbit 1000
qos bad-cpu C D 1mbit 10mbit 100
be flood A B 30mbit 1000

run_experiment() {
	signal || return 1
	phase unloaded 'good*'
	phase loaded 'good*' bad-line bad-cpu flood
}

verdict() {
	local mode
	for mode in "$@"; do
		"$EXP_ROOT/isolation-check.sh" "$RESULTS_CSV" "$mode" \
		    99 0.1 2
	done
}
