#!/bin/bash
# quasar-testbed leaves nothing behind when `up` fails: a namespace of the
# same name that it did not make (left alone), a step the kernel refuses
# halfway, SIGINT and SIGTERM during `up`, a delay on a kernel without
# sch_netem; after an `up` killed outright, `up` again finishes the job
# and `down` removes everything.
TOPO_WHAT="testbed cleanup"
. "$(dirname "$0")/lib/topo.sh"

TB=$BIN/quasar-testbed
if [ ! -x "$TB" ]; then
	echo "FAIL: $TB not built"
	exit 1
fi
PFX=tbc$$
RUN=/run/quasar-testbed/$PFX

cleanup() {
	local f
	for f in "$TOPO_DIR"/*.topo; do
		[ -e "$f" ] && "$TB" -p "$PFX" down "$f" >/dev/null 2>&1
	done
	ip netns del "$PFX-B" 2>/dev/null
	topo_down
}
trap cleanup EXIT

# nothing_left: no namespace of the run and no run directory.
nothing_left() {
	[ -z "$(ip netns list | grep "^$PFX-")" ] && [ ! -e "$RUN" ]
}

line3() {
	cat <<'EOF'
node A
router R router-id 10.9.9.1
node B
link A:a0 R:r0
link R:r1 B:b0 rate 10mbit
addr A:a0 10.1.1.1/24
addr R:r0 10.1.1.2/24
addr R:r1 10.1.2.1/24
addr B:b0 10.1.2.2/24
route A default via 10.1.1.2
route B default via 10.1.2.1
EOF
}

# 1. A namespace of the run's name that the run did not make.
line3 >"$TOPO_DIR/conflict.topo"
ip netns add "$PFX-B"
"$TB" -p "$PFX" up "$TOPO_DIR/conflict.topo" 2>"$TOPO_DIR/err1"
check "up refuses a namespace it did not make" [ $? -ne 0 ]
check "and says why" grep -q "namespace $PFX-B exists and was not made by \
this run" "$TOPO_DIR/err1"
check "what it made before is gone" \
	[ ! -e "/run/netns/$PFX-A" -a ! -e "/run/netns/$PFX-R" -a ! -e "$RUN" ]
check "the other namespace is left alone" [ -e "/run/netns/$PFX-B" ]
"$TB" -p "$PFX" down "$TOPO_DIR/conflict.topo"
check "down does not remove it either" [ -e "/run/netns/$PFX-B" ]
ip netns del "$PFX-B"

# 2. A step the kernel refuses after the namespaces, veths, shaping and
#    addresses are made: a gateway that is the subnet's broadcast address.
{ line3; echo "route R 10.9.0.0/16 via 10.1.1.255"; } >"$TOPO_DIR/bad.topo"
"$TB" -p "$PFX" up "$TOPO_DIR/bad.topo" 2>"$TOPO_DIR/err2"
check "up fails on a route the kernel refuses" [ $? -ne 0 ]
check "and names the command" grep -q "failed: ip -n $PFX-R route replace \
10.9.0.0/16 via 10.1.1.255" "$TOPO_DIR/err2"
check "a failed up leaves nothing" nothing_left

# 3. Signals during up: a chain of 40 nodes takes long enough to be
#    interrupted once the first namespaces are there.
{
	for ((i = 0; i < 40; i++)); do echo "node n$i forward"; done
	for ((i = 1; i < 40; i++)); do
		echo "link n$((i - 1)):r$i n$i:l$i rate 100mbit"
		echo "addr n$((i - 1)):r$i 10.$((i / 200)).$((i % 200)).1/30"
		echo "addr n$i:l$i 10.$((i / 200)).$((i % 200)).2/30"
	done
} >"$TOPO_DIR/chain.topo"
for sig in INT TERM; do
	"$TB" -p "$PFX" up "$TOPO_DIR/chain.topo" 2>"$TOPO_DIR/err3" &
	pid=$!
	wait_for 10 test -e "/run/netns/$PFX-n3"
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	check "SIG$sig during up makes it fail" [ "$rc" -ne 0 ]
	check "SIG$sig during up: it says so" grep -q "interrupted: removing" \
	    "$TOPO_DIR/err3"
	check "SIG$sig during up leaves nothing" nothing_left
done

# 4. An up killed outright (SIGKILL: no cleanup) is recorded: up again
#    completes it, down removes all of it.
"$TB" -p "$PFX" up "$TOPO_DIR/chain.topo" &
pid=$!
wait_for 10 test -e "/run/netns/$PFX-n5"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
check "a killed up leaves its record" grep -q "^$PFX-n0$" "$RUN/netns"
"$TB" -p "$PFX" up "$TOPO_DIR/chain.topo"
check "up after a killed up completes the run" [ $? -eq 0 ]
check "status says up" sh -c "'$TB' -p $PFX status '$TOPO_DIR/chain.topo' >/dev/null"
check "the last link works" sh -c "nsenter --net=/run/netns/$PFX-n39 \
    ping -c 1 -W 2 -q 10.0.39.1 >/dev/null"
"$TB" -p "$PFX" down "$TOPO_DIR/chain.topo"
check "down after it leaves nothing" nothing_left
"$TB" -p "$PFX" up "$TOPO_DIR/chain.topo" &
pid=$!
wait_for 10 test -e "/run/netns/$PFX-n5"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
"$TB" -p "$PFX" down "$TOPO_DIR/chain.topo"
check "down right after a killed up leaves nothing" nothing_left

# 5. Delay needs sch_netem.
{ line3 | sed 's/^link R:r1 B:b0 rate 10mbit$/& delay 5ms/'; } \
    >"$TOPO_DIR/delay.topo"
if unshare -n tc qdisc add dev lo root netem delay 1ms 2>/dev/null; then
	"$TB" -p "$PFX" up "$TOPO_DIR/delay.topo"
	check "a delayed link gets tbf with netem under it" sh -c "tc -n \
	    $PFX-R qdisc show dev r1 | grep -q 'netem 10: parent 1:1'"
	"$TB" -p "$PFX" down "$TOPO_DIR/delay.topo"
else
	"$TB" -p "$PFX" up "$TOPO_DIR/delay.topo" 2>"$TOPO_DIR/err5"
	check "without sch_netem up refuses a delay" [ $? -ne 0 ]
	check "and says so" grep -q "line 5 asks for a delay, but this kernel \
has no sch_netem" "$TOPO_DIR/err5"
fi
check "nothing left after the delay test" nothing_left

[ "$fails" -eq 0 ]
