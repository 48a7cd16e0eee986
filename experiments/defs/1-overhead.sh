# Experiment 1 (seed 002, section 4): the overhead QuaSAR adds to best
# effort.  The same UDP traffic crosses R running quasard with its data
# plane on every line card and a pool of idle routelets (best effort never
# enters a routelet: dom0 routes it), then R as a plain Linux router
# (kernel IPv4 forwarding, no quasard).  Phase "light": small and large
# packets at 10 Mbit/s together; phase "busy": 20,000 small frames a
# second (16 Mbit/s).  Both stay below the 20 Mbit/s line rate, so the
# difference is the cost of the path, not queueing.
EXP_NAME=overhead
EXP_TITLE="best effort through QuaSAR vs a plain router"
TOPO=experiments/topologies/line.topo
MODES=(quasar kernel)
POOL_CONF=("pool min-idle 2 max-idle 4 max-total 4")
POOL_READY=2

be small A B 2mbit 100
be large A B 8mbit 1400
be busy A B 16mbit 100

run_experiment() {
	phase light small large
	phase busy busy
}
