#!/bin/bash
# make demo, part 1: a best-effort LSP signalled with RSVP-TE through two
# QuaSAR routers, in network namespaces (needs root):
#
#   hostA ---- R1 (quasard) ---- R2 (quasard) ---- hostB
#
# hostB runs `quasar-rsvp recv`; hostA runs `quasar-rsvp send`, which prints
# the label and the recorded route when the Resv comes back; quasarctl shows
# the LSP on both routers; the sender then stops (PathTear) and the state is
# gone.  The topology is the integration tests' (tests/integration/lib).
set -u
cd "$(dirname "$0")/.." || exit 2
TOPO_PREFIX=qdemo-lsp
TOPO_WHAT="demo LSP"
. tests/integration/lib/topo.sh
trap topo_down EXIT
trap 'exit 130' INT TERM

Q=$BIN/quasar-rsvp
die() { echo "demo: $*" >&2; exit 1; }

topo_up || die "cannot build the topology"
quasard_conf R1 "label-range 1000 1999"
quasard_conf R2 "label-range 2000 2999"
quasard_start R1 && quasard_start R2 ||
	die "quasard did not start: $(cat "$TOPO_DIR"/R?.log)"
echo "quasard runs on R1 and R2; hostB listens, hostA asks for an LSP to it"
spawn B "$TOPO_DIR/recv" "$Q" recv --refresh 5
listening "$TOPO_DIR/recv" ||
	die "the receiver did not start: $(cat "$TOPO_DIR/recv")"
spawn A "$TOPO_DIR/send" "$Q" send 10.0.2.2 --tunnel-id 1 --rate 2mbit \
	--burst 20k --name demo-lsp --record-route --refresh 5
SEND=$BG_PID
wait_for 20 grep -q "label" "$TOPO_DIR/send" ||
	die "no Resv reached hostA: $(cat "$TOPO_DIR/send" "$TOPO_DIR"/R?.log)"
sleep 0.5
echo
echo "hostA\$ quasar-rsvp send 10.0.2.2 --tunnel-id 1 --rate 2mbit --burst 20k --name demo-lsp --record-route --refresh 5"
sed 's/^/  /' "$TOPO_DIR/send"
for n in R1 R2; do
	echo
	echo "$n\$ quasarctl lsp list"
	"$BIN/quasarctl" -s "$TOPO_DIR/$n.sock" lsp list | sed 's/^/  /'
done
kill -INT "$SEND"
wait "$SEND"
wait_for 5 sh -c "[ \"\$($BIN/quasarctl -s $TOPO_DIR/R1.sock -j lsp list)\" = '[]' ]" ||
	die "the LSP outlived its PathTear on R1"
echo
echo "hostA stopped (PathTear); R1\$ quasarctl lsp list"
"$BIN/quasarctl" -s "$TOPO_DIR/R1.sock" lsp list | sed 's/^/  /'
