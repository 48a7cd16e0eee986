#!/bin/bash
# make demo: what QuaSAR shows today, on any Linux box, as root, in network
# namespaces that it makes and removes (about a minute):
#   1. scripts/demo-lsp.sh: an LSP signalled with RSVP-TE through two
#      quasard routers;
#   2. scripts/demo-isolation.sh: two QoS flows, one sending 10x its
#      reservation, and a best-effort flood, through per-flow routelets and
#      through a plain best-effort router.
set -u
cd "$(dirname "$0")/.." || exit 2
if [ "$(id -u)" -ne 0 ]; then
	echo "demo: needs root (network namespaces, BPF, tc)" >&2
	exit 1
fi
echo "== 1. RSVP-TE: an LSP from hostA to hostB through two QuaSAR routers"
scripts/demo-lsp.sh || exit 1
echo
echo "== 2. Isolation: two QoS flows and a best-effort flood, QuaSAR vs a plain router"
scripts/demo-isolation.sh
