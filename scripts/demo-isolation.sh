#!/bin/bash
# make demo, part 2: per-flow isolation in the data plane, in network
# namespaces (needs root).  One dom0 with two line cards, two QoS flows
# each with its own routelet (quasar-routelet in its own namespace,
# policing to its reservation) and its own egress class, and a best-effort
# flood.  Flow 1 behaves (90% of its reservation); flow 2 sends 10x its
# reservation; the flood is best effort.  The same traffic then goes
# through a plain best-effort router (dom0 swaps every label itself, one
# queue).  Both tables are printed.
#
# The flows are set up by hand (quasar-egress drives the data plane, each
# routelet reads a config file): admission control and the routelet pool,
# which will do this from a Resv's flowspec, are not built yet
# (docs/architecture.md).
set -u
cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
BIN=$BUILD/bin
SECONDS_PER_RUN=${DEMO_SECONDS:-8}

if [ "$(id -u)" -ne 0 ]; then
	echo "demo: needs root (network namespaces, BPF, tc)" >&2
	exit 1
fi
for b in quasar-egress quasar-routelet bench-gen bench-sink; do
	if [ ! -x "$BIN/$b" ]; then
		echo "demo: $BIN/$b is not built (run make)" >&2
		exit 1
	fi
done

P=qdemo
NS_A=$P-a NS_D=$P-d NS_R1=$P-r1 NS_R2=$P-r2 NS_B=$P-b
TMP=$(mktemp -d /tmp/$P.XXXXXX)
PIDS=

cleanup() {
	local pid
	[ -n "${TOOLP_PID:-}" ] && kill "$TOOLP_PID" 2>/dev/null
	for pid in $PIDS; do
		kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	for ns in "$NS_A" "$NS_D" "$NS_R1" "$NS_R2" "$NS_B"; do
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "demo: $*" >&2; exit 1; }

# Line card B runs at 10 Mbit/s; each QoS flow reserves 2 Mbit/s.
LINE_RATE=1250000	# bytes/s
RESV_RATE=250000	# bytes/s
RESV_BURST=20000	# bytes
FRAME=1000		# bytes on the wire, Ethernet header included

MAC_A=02:71:64:00:00:aa  MAC_LA=02:71:64:00:00:0a
MAC_V1=02:71:64:00:01:0c MAC_R1=02:71:64:00:01:cc
MAC_V2=02:71:64:00:02:0c MAC_R2=02:71:64:00:02:cc
MAC_LB=02:71:64:00:00:0b MAC_B=02:71:64:00:00:bb

for ns in "$NS_A" "$NS_D" "$NS_R1" "$NS_R2" "$NS_B"; do
	ip netns del "$ns" 2>/dev/null
	ip netns add "$ns" || die "cannot create namespace $ns"
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
done
# link NS1 IF1 MAC1 NS2 IF2 MAC2
link() {
	ip link add "$2" netns "$1" address "$3" type veth \
		peer name "$5" netns "$4" address "$6" ||
		die "cannot create veth $2"
	ip -n "$1" link set "$2" up
	ip -n "$4" link set "$5" up
}
link "$NS_A" a0 $MAC_A "$NS_D" la $MAC_LA
link "$NS_D" v1 $MAC_V1 "$NS_R1" r1 $MAC_R1
link "$NS_D" v2 $MAC_V2 "$NS_R2" r2 $MAC_R2
link "$NS_D" lb $MAC_LB "$NS_B" b0 $MAC_B

# routelet N IN OUT: one routelet, policing to the reservation.
routelet() {
	cat >"$TMP/rl$1.conf" <<EOF
generation 1
name flow-$1
in-label $2
out-label $3
nexthop-mac $MAC_B
source-mac $MAC_LB
rate $RESV_RATE
bucket $RESV_BURST
peak inf
min-unit 64
max-size 1500
EOF
	ip netns exec "$P-r$1" "$BIN/quasar-routelet" -i "r$1" \
		-s "$TMP/rl$1.sock" -c "$TMP/rl$1.conf" -d 2>"$TMP/rl$1.log" &
	PIDS="$PIDS $!"
}

coproc TOOLP { ip netns exec "$NS_D" sh -c \
	'mount -t bpf bpf /sys/fs/bpf && exec "$0"' "$BIN/quasar-egress"; }
tool() {
	local line
	echo "$*" >&"${TOOLP[1]}"
	read -r -t 20 line <&"${TOOLP[0]}" || die "quasar-egress: no answer to: $*"
	[[ $line == ok* ]] || die "quasar-egress $*: $line"
	echo "${line#ok}"
}

# Offered rates in frames/s: flow 1 at 90% of its reservation, flow 2 at
# 10x, the best-effort flood at 10x a reservation too.
PPS_RESV=$((RESV_RATE / FRAME))
PPS1=$((PPS_RESV * 9 / 10))
PPS2=$((PPS_RESV * 10))
PPSBE=$((PPS_RESV * 10))

# run NAME IN1 IN2 INBE OUT1 OUT2 OUTBE: the three streams through dom0,
# one paced generator each (frame by frame, no bursts) and one sink each
# (a socket filter counts only its flow's label), then one table.  A sink
# counts for as long as the generators send, from its first frame, so that
# offered and delivered cover the same time; what is still queued in dom0
# when the senders stop counts as lost.
run() {
	local name=$1 i spids= gpids=
	local ins=("$2" "$3" "$4") outs=("$5" "$6" "$7")
	local pps=("$PPS1" "$PPS2" "$PPSBE")
	for i in 0 1 2; do
		ip netns exec "$NS_B" "$BIN/bench-sink" -i b0 -m "${outs[i]}" -f \
			-t 63 -w 0 -W 10 -T "$SECONDS_PER_RUN" \
			>"$TMP/got.$i" 2>&1 &
		spids="$spids $!"
	done
	sleep 0.5
	for i in 0 1 2; do
		ip netns exec "$NS_A" "$BIN/bench-gen" -i a0 -d $MAC_LA \
			-s $MAC_A -m "${ins[i]}" -l $FRAME -b 1 -r "${pps[i]}" \
			-T "$SECONDS_PER_RUN" >"$TMP/sent.$i" 2>&1 &
		gpids="$gpids $!"
	done
	wait $gpids
	wait $spids
	echo
	echo "$name (line card B: $((LINE_RATE * 8 / 1000000)) Mbit/s, ${SECONDS_PER_RUN} s)"
	printf '  %-22s %10s %10s %10s %8s\n' flow reserved offered delivered loss
	local what=("flow 1 (behaves)" "flow 2 (10x)" "best-effort flood")
	local resv=("$RESV_RATE" "$RESV_RATE" 0) sent got
	for i in 0 1 2; do
		sent=$(sed -n 's/^sent \([0-9]*\) frames.*/\1/p' "$TMP/sent.$i")
		got=$(sed -n 's/.* frames \([0-9]*\) .*/\1/p' "$TMP/got.$i")
		[ -n "$sent" ] || die "generator: $(cat "$TMP/sent.$i")"
		awk -v n="${what[i]}" -v r="${resv[i]}" -v s="$sent" \
		    -v g="${got:-0}" -v f=$FRAME -v t="$SECONDS_PER_RUN" 'BEGIN {
			mb = 8 * f / t / 1e6
			printf "  %-22s %10s %10s %10s %7.1f%%\n", n,
			    r ? sprintf("%.1fMbit", r * 8 / 1e6) : "-",
			    sprintf("%.1fMbit", s * mb), sprintf("%.1fMbit", g * mb),
			    s ? 100 * (s - g) / s : 0 }'
	done
}

tool classes lb $LINE_RATE >/dev/null
C1=$(tool flow-add lb $RESV_RATE $RESV_BURST)
C2=$(tool flow-add lb $RESV_RATE $RESV_BURST)
tool dp-open bpf qdemo >/dev/null
tool dp-linecard la >/dev/null
routelet 1 1001 2001
routelet 2 1002 2002
for i in $(seq 50); do
	[ -S "$TMP/rl1.sock" ] && [ -S "$TMP/rl2.sock" ] && break
	sleep 0.1
done
[ -S "$TMP/rl1.sock" ] && [ -S "$TMP/rl2.sock" ] ||
	die "routelets did not start: $(cat "$TMP"/rl*.log)"
tool dp-steer 1001 v1 >/dev/null
tool dp-steer 1002 v2 >/dev/null
tool dp-vif v1 lb $C1 >/dev/null
tool dp-vif v2 lb $C2 >/dev/null
tool dp-swap 3000 4000 lb $MAC_B >/dev/null
echo "QuaSAR: flow 1 -> routelet 1 (label 1001->2001, class$C1)," \
	"flow 2 -> routelet 2 (1002->2002, class$C2), flood swapped by dom0 (3000->4000)"
run "QuaSAR" 1001 1002 3000 2001 2002 4000

# The plain router: the same labels, all swapped by dom0 into one queue.
tool dp-swap 1001 2001 lb $MAC_B >/dev/null
tool dp-swap 1002 2002 lb $MAC_B >/dev/null
run "Plain best-effort router" 1001 1002 3000 2001 2002 4000

tool dp-close teardown >/dev/null
tool teardown lb >/dev/null
echo
echo "Under QuaSAR flow 1 keeps its rate whatever flow 2 and the flood do:"
echo "flow 2's excess is dropped by its own routelet's policer, and each"
echo "flow has its own class on the outgoing line card. Through the plain"
echo "router the three streams share one queue and flow 1 loses with them."
