# Experiment 2 (seed 002, section 4): one QoS flow against best-effort
# load.  A flow reserving 4 Mbit/s and a best-effort flow of the same rate
# and packet size share the 20 Mbit/s line with a best-effort load of
# 24 Mbit/s: the line is oversubscribed by half.  On QuaSAR the QoS flow
# has its routelet and its HTB class; on the plain router all three share
# one queue.
EXP_NAME=one-qos
EXP_TITLE="one QoS flow against best-effort load"
TOPO=experiments/topologies/line.topo
POOL_CONF=("pool min-idle 2 max-idle 4 max-total 4" "pkt-cost-ns 4000")
POOL_READY=1

qos qos A B 4mbit 4mbit 1000
be be-same A B 4mbit 1000
be be-load A B 24mbit 1000

run_experiment() {
	signal || return 1
	phase alone qos be-same
	phase loaded qos be-same be-load
}
