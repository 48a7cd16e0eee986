#!/bin/bash
# make demo: QuaSAR's isolation experiments, on any Linux box, as root, in
# network namespaces that it makes and removes (about two minutes):
#
#   1. experiment 4 (experiments/run.sh misbehave): three well-behaved QoS
#      flows, one flow sending 10x its reservation on their line card,
#      one sending 10x on another line card, and a best-effort flood;
#   2. a short experiment 2 (experiments/run.sh one-qos): one QoS flow
#      against best-effort load.
#
# Each runs on QuaSAR (quasard with the netns backend: the flows are
# signalled with RSVP-TE by quasar-rsvp, admitted, and each gets a pooled
# routelet, a demux entry and an HTB class) and, in the same run, on a
# plain best-effort router (the same quasard with backend none: dom0
# swaps every label, one queue per line card).  The tables are printed;
# CSV and plots go to results/.  DEMO_SECONDS sets the seconds of traffic
# per phase of experiment 4 (default 8).
set -u
cd "$(dirname "$0")/.." || exit 2
if [ "$(id -u)" -ne 0 ]; then
	echo "demo: needs root (network namespaces, BPF, tc)" >&2
	exit 1
fi
T=${DEMO_SECONDS:-8}
OUT=${DEMO_RESULTS:-results}
trap 'exit 130' INT TERM

echo "QuaSAR demo: per-flow routelets against misbehaving flows"
echo "(every host and router is a network namespace of this machine; the"
echo " hosts' traffic shares its CPUs with the routers, see"
echo " docs/experiments.md for what that does to the numbers)"
echo
experiments/run.sh -T "$T" -o "$OUT" misbehave || exit 1
echo
experiments/run.sh -T $((T / 2 > 3 ? T / 2 : 3)) -o "$OUT" one-qos ||
    exit 1
echo
echo "Under QuaSAR each well-behaved flow keeps its reservation: the flow"
echo "that sends 10x its reservation is policed by its own routelet and"
echo "shaped in its own HTB class, the best-effort flood only gets what the"
echo "reservations leave, and the flow that misbehaves on another line card"
echo "only exhausts its own routelet's CPU.  Through the plain router all"
echo "of them share one queue, and the well-behaved flows lose with the rest."
echo "Run every experiment: experiments/run.sh -h (docs/experiments.md)."
