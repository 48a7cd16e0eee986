# shellcheck shell=bash
# quasard with `backend xen` in dom0 (checks 60 and up; sourced after
# common.sh): hosts A and B are network namespaces whose veths' dom0 ends
# (qa0, qb0) are quasard's line cards.
#
#   qx_hosts                  make A - dom0 - B
#   qx_conf [LINE...]         write $OUT/quasard.conf, with extra lines
#   qx_start                  start quasard on it (QPID), wait for its pid file
#   qx_frames L1 L2           200 frames labelled L1 from A; prints how many
#                             reach B labelled L2 with TTL 63
#   qx_show_on_failure        quasard's log, if a check failed
# and helpers: inA, inB, qctl, rl_field, json_num, has_event, our_domains.
# The caller sets OUT first; cleanup (on EXIT) kills SENDPID, RECVPID and
# quasard and destroys every quasar-rl-<n>.

IMGS=/quasar/images
PREFIX=quasar-rl-
SOCK=$OUT/quasard.sock
NA=qxA NB=qxB
# The routelet's cost per frame in this emulated guest (TCG: tens of
# times the 3000 ns of a real box); with 3000 a 2 Mbit/s flow's cap of 7%
# let a routelet domain here forward 67 of 300 frames at 100/s.
PKT_COST=50000
QPID=
SENDPID=
RECVPID=
rm -rf "$OUT"
mkdir -p "$OUT/state"

our_domains() { xl list | awk '{print $1}' | grep -E "^${PREFIX}[0-9]+\$"; }
cleanup() {
	local p n
	for p in $SENDPID $RECVPID; do kill "$p" 2>/dev/null; done
	if [ -n "$QPID" ]; then
		kill -TERM "$QPID" 2>/dev/null
		wait "$QPID" 2>/dev/null
	fi
	for n in $(our_domains); do xl destroy "$n" 2>/dev/null; done
	ip netns del "$NA" 2>/dev/null
	ip netns del "$NB" 2>/dev/null
}
trap cleanup EXIT

inA() { ip netns exec "$NA" "$@"; }
inB() { ip netns exec "$NB" "$@"; }
qctl() { quasarctl -s "$SOCK" -j "$@"; }
# rl_field STATE KEY: KEY of the first routelet in STATE (routelet list)
rl_field() {
	qctl routelet list | tr '{' '\n' | grep -E "\"state\": *\"$1\"" |
	    head -1 | sed -n "s/.*\"$2\": *\"\{0,1\}\([^\",}]*\).*/\1/p"
}
# json_num FILE-OR-TEXT KEY: the first number under KEY
json_num() { grep -oE "\"$2\": *[0-9]+" <<<"$1" | head -1 | grep -oE '[0-9]+$'; }
has_event() { grep -qE "\"event\": *\"$2\"" "$1" 2>/dev/null; }

qx_hosts() {
	ip netns add "$NA" && ip netns add "$NB" &&
	    ip link add qa0 type veth peer name a0 netns "$NA" &&
	    ip link add qb0 type veth peer name b0 netns "$NB" &&
	    ip addr add 10.9.1.1/24 dev qa0 && ip link set qa0 up &&
	    ip addr add 10.9.2.1/24 dev qb0 && ip link set qb0 up &&
	    inA ip addr add 10.9.1.2/24 dev a0 && inA ip link set a0 up &&
	    inA ip link set lo up && inA ip route add default via 10.9.1.1 &&
	    inB ip addr add 10.9.2.2/24 dev b0 && inB ip link set b0 up &&
	    inB ip link set lo up && inB ip route add default via 10.9.2.1 &&
	    sysctl -qw net.ipv4.ip_forward=1
}

qx_conf() {
	cat >"$OUT/quasard.conf" <<EOC
router-id 10.9.1.1
interface qa0 rate 100mbit
interface qb0 rate 20mbit
dataplane bpf
control-socket $SOCK
state-dir $OUT/state
log-level info
refresh-interval 1s
label-range 1000 1999
backend xen
xen-kernel $IMGS/routelet-vmlinux
xen-ramdisk $IMGS/routelet.cpio.gz
xen-memory 96m
pool min-idle 1 max-idle 2 max-total 3
reservable 0.5
cpu-budget 2
dom0-reserve 0
memory-budget 256m
pkt-cost-ns $PKT_COST
EOC
	local l
	for l in "$@"; do echo "$l" >>"$OUT/quasard.conf"; done
}

qx_start() {
	rm -f "$OUT/state/quasard.pid"
	quasard -d -f "$OUT/quasard.conf" >>"$OUT/quasard.log" 2>&1 &
	QPID=$!
	wait_for 60 test -s "$OUT/state/quasard.pid"
}

qx_show_on_failure() {
	[ "$fails" -eq 0 ] && return 0
	echo "--- quasard's log without libxl's lines (last 60):"
	grep -vE 'libxl: |xencall:' "$OUT/quasard.log" | tail -n 60 |
	    sed 's/^/  | /'
}

qx_frames() {
	local sink got
	inB bench-sink -i b0 -m "$2" -f -t 63 \
	    -d "$(inB cat /sys/class/net/b0/address)" -w 0 -W 20 -T 8 \
	    >"$OUT/sink" 2>&1 &
	sink=$!
	sleep 1
	inA bench-gen -i a0 -d "$(cat /sys/class/net/qa0/address)" \
	    -s "$(inA cat /sys/class/net/a0/address)" -m "$1" -t 64 -l 128 \
	    -r 50 -b 1 -T 4 >"$OUT/gen" 2>&1
	wait "$sink"
	got=$(sed -n 's/.*frames \([0-9]*\).*/\1/p' "$OUT/sink")
	echo "${got:-0}"
}
