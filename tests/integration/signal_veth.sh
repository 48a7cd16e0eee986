#!/bin/bash
# quasar-rsvp send and recv over a veth pair between two network
# namespaces, no router between: a one-hop LSP comes up (the sender
# learns the receiver's label and recorded route), survives refreshes,
# and goes down by PathTear, by ResvTear, and by timeout when the sender
# dies without a word.  R is 1 s here, so L = (3 + 0.5) x 1.5 x 1 = 5.25 s.
set -u
BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.." || exit 2

q=$BUILD/bin/quasar-rsvp
. tests/integration/lib/check.sh

if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null ||
	! command -v jq >/dev/null; then
	echo "SKIP: send/recv over veth (needs root, iproute2 and jq)"
	exit 0
fi
if [ ! -x "$q" ]; then
	fail "$q is built"
	exit 1
fi

nsa=sig-a-$$
nsb=sig-b-$$
va=sig$$a
vb=sig$$b
tmp=$(mktemp -d /tmp/quasar-sig.XXXXXX) || exit 2
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do
		kill -KILL "$p" 2>/dev/null
	done
	ip netns del "$nsa" 2>/dev/null
	ip netns del "$nsb" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
if ! ip netns add "$nsa" || ! ip netns add "$nsb" ||
	! ip link add "$va" netns "$nsa" type veth peer name "$vb" \
		netns "$nsb" ||
	! ip -n "$nsa" addr add 10.0.1.1/24 dev "$va" ||
	! ip -n "$nsb" addr add 10.0.1.2/24 dev "$vb" ||
	! ip -n "$nsa" link set "$va" up || ! ip -n "$nsb" link set "$vb" up
then
	fail "namespaces $nsa, $nsb with veth $va/$vb"
	exit 1
fi

# start NS OUT ARGS...: quasar-rsvp in NS, JSON lines to OUT; sets $pid.
start() {
	local ns=$1 out=$2
	shift 2
	ip netns exec "$ns" "$q" "$@" -j >"$out" 2>"$out.err" &
	pid=$!
	pids+=("$pid")
}

# wait_for FILE JQ-FILTER [TENTHS]: until a line of FILE matches.
wait_for() {
	local i
	for ((i = 0; i < ${3:-50}; i++)); do
		if jq -e -s "any(.[]; $2)" "$1" >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.1
	done
	return 1
}

# stop PID: SIGTERM, and its exit status.
stop() {
	kill -TERM "$1" 2>/dev/null
	wait "$1"
}

send_args=(send 10.0.1.2 --tunnel-id 7 --rate 10mbit --burst 10k
	--name sig-test --record-route --refresh 1)

# 1. The LSP comes up.
start "$nsb" "$tmp/recv1" recv --label 1000 --refresh 1
recv=$pid
wait_for "$tmp/recv1" '.event == "listening"' ||
	fail "recv listens ($(cat "$tmp/recv1.err"))"
start "$nsa" "$tmp/send1" "${send_args[@]}"
send=$pid
if wait_for "$tmp/send1" '.event == "resv" and .label == 1000 and
	.style == "FF" and .nhop == "10.0.1.2"'; then
	pass "sender learns label 1000 from the receiver's Resv"
else
	fail "sender learns label 1000 ($(cat "$tmp/send1" "$tmp/send1.err"))"
fi
if wait_for "$tmp/send1" '.event == "resv" and
	.rro == [{"addr": "10.0.1.2", "label": 1000}]'; then
	pass "recorded route lists the receiver and its label"
else
	fail "recorded route in the Resv ($(cat "$tmp/send1"))"
fi
if wait_for "$tmp/recv1" '.event == "path" and .tunnel_id == 7 and
	.lsp_id == 1 and .sender == "10.0.1.1" and .name == "sig-test" and
	.rate == "10Mbit" and .label == 1000'; then
	pass "receiver sees the Path: tunnel, LSP, sender, name, rate"
else
	fail "receiver sees the Path ($(cat "$tmp/recv1"))"
fi

# 2. Refreshes keep it past L with nothing said.
sleep 6
if jq -e -s 'all(.[]; .event != "path_gone" and .event != "resv_lost")' \
	"$tmp/recv1" "$tmp/send1" >/dev/null &&
	[ "$(jq -s 'map(select(.event == "resv")) | length' \
		"$tmp/send1")" = 1 ]; then
	pass "refreshes keep the LSP for 6 s > L, one resv event"
else
	fail "refreshes keep the LSP ($(cat "$tmp/recv1" "$tmp/send1"))"
fi

# 3. SIGTERM on the sender: PathTear, exit 0; the receiver lets go at once.
stop "$send"
rc=$?
if [ "$rc" = 0 ] && wait_for "$tmp/send1" '.event == "pathtear"' 1; then
	pass "send exits 0 on SIGTERM after its PathTear"
else
	fail "send exits 0 on SIGTERM (rc $rc)"
fi
if wait_for "$tmp/recv1" '.event == "path_gone" and .reason == "pathtear"' \
	20; then
	pass "PathTear removes the receiver's state within 2 s"
else
	fail "PathTear reaches the receiver ($(cat "$tmp/recv1"))"
fi

# 4. SIGTERM on the receiver: ResvTear; the sender hears it.
start "$nsa" "$tmp/send2" "${send_args[@]}" --lsp-id 2 --ero 10.0.1.2
send=$pid
if wait_for "$tmp/send2" '.event == "resv" and .lsp_id == 2'; then
	pass "LSP with a strict explicit route to the receiver up"
else
	fail "LSP with an explicit route up ($(cat "$tmp/send2"))"
fi
stop "$recv"
rc=$?
if [ "$rc" = 0 ] && wait_for "$tmp/recv1" '.event == "resvtear" and
	.lsps == 1' 1; then
	pass "recv exits 0 on SIGTERM after ResvTear for its one LSP"
else
	fail "recv exits 0 on SIGTERM (rc $rc, $(cat "$tmp/recv1"))"
fi
if wait_for "$tmp/send2" '.event == "resv_lost" and .reason == "resvtear"' \
	20; then
	pass "sender hears the ResvTear"
else
	fail "sender hears the ResvTear ($(cat "$tmp/send2"))"
fi

# 5. A new receiver answers the Paths that still come; then the sender
# dies without PathTear and the path state times out after L.
start "$nsb" "$tmp/recv2" recv --php --style se --refresh 1
recv=$pid
if wait_for "$tmp/send2" '.event == "resv" and .label == 3 and
	.style == "SE"' 30; then
	pass "refreshed Path finds the new receiver: implicit null, SE"
else
	fail "new receiver answers ($(cat "$tmp/send2"))"
fi
kill -KILL "$send"
wait "$send" 2>/dev/null
start_s=$SECONDS
if wait_for "$tmp/recv2" '.event == "path_gone" and .reason == "timeout"' \
	90; then
	pass "silent sender's path state expires after L ($((SECONDS - start_s)) s)"
else
	fail "silent sender's path state expires ($(cat "$tmp/recv2"))"
fi
stop "$recv"

# 6. --push: the label rides on the sender's own traffic (ICMP here),
# the Path refreshes and the PathTear stay unlabelled, and the FTN filter
# goes with the sender.
if command -v tshark >/dev/null; then
	start "$nsb" "$tmp/recv3" recv --label 2000 --refresh 1
	recv=$pid
	wait_for "$tmp/recv3" '.event == "listening"'
	start "$nsa" "$tmp/send3" "${send_args[@]}" --lsp-id 3 --push "$va"
	send=$pid
	wait_for "$tmp/send3" '.event == "resv" and .label == 2000' ||
		fail "LSP with --push up ($(cat "$tmp/send3" "$tmp/send3.err"))"
	ip netns exec "$nsb" timeout 15 tshark -i "$vb" -c 2 -f mpls \
		-T fields -e mpls.label -e ip.dst >"$tmp/cap" 2>/dev/null &
	cap=$!
	pids+=("$cap")
	for ((i = 0; i < 10; i++)); do
		ip netns exec "$nsa" ping -c 1 -W 1 10.0.1.2 >/dev/null 2>&1
		[ -s "$tmp/cap" ] && break
	done
	wait "$cap"
	if grep -q "^2000	10.0.1.2" "$tmp/cap"; then
		pass "--push labels the sender's ICMP to DST with 2000"
	else
		fail "--push labels traffic ($(cat "$tmp/cap"))"
	fi
	sleep 6
	if jq -e -s 'all(.[]; .event != "path_gone")' "$tmp/recv3" \
		>/dev/null; then
		pass "--push leaves the Path refreshes unlabelled (6 s > L)"
	else
		fail "Path refreshes reach the receiver ($(cat "$tmp/recv3"))"
	fi
	stop "$send"
	if wait_for "$tmp/recv3" '.event == "path_gone" and
		.reason == "pathtear"' 20 &&
		! tc -n "$nsa" filter show dev "$va" egress | grep -q bpf; then
		pass "--push: PathTear arrives, FTN filter removed on exit"
	else
		fail "--push teardown ($(cat "$tmp/recv3");" \
			"$(tc -n "$nsa" filter show dev "$va" egress))"
	fi
	stop "$recv"
else
	echo "SKIP: --push (needs tshark)"
fi

# 7. --count: 2000 LSPs from one process, all up, all torn down.
start "$nsb" "$tmp/recv4" recv --label 5000 --refresh 1
recv=$pid
wait_for "$tmp/recv4" '.event == "listening"'
start "$nsa" "$tmp/send4" send 10.0.1.2 --tunnel-id 100 --count 2000 \
	--rate 1mbit --burst 10k --refresh 1
send=$pid
if wait_for "$tmp/send4" '.event == "all_up" and .lsps == 2000' 150; then
	pass "--count 2000: all up ($(jq -s -r 'map(select(.event ==
		"all_up"))[0] | "\(.ms) ms, \(.setups_per_s | floor)/s"' \
		"$tmp/send4"))"
else
	fail "--count 2000 all up ($(tail -3 "$tmp/send4"))"
fi
labels=$(jq -s '[.[] | select(.event == "resv") | .label] | unique | length' \
	"$tmp/send4")
check_labels=$(jq -s '[.[] | select(.event == "resv") | .label] | min' \
	"$tmp/send4")
if [ "$labels" = 2000 ] && [ "$check_labels" = 5000 ]; then
	pass "--count: 2000 distinct labels from 5000 up"
else
	fail "--count: distinct labels ($labels, lowest $check_labels)"
fi
stop "$send"
gone() {
	[ "$(jq -s 'map(select(.event == "path_gone" and
		.reason == "pathtear")) | length' "$tmp/recv4")" = 2000 ]
}
for ((i = 0; i < 50; i++)); do
	gone && break
	sleep 0.1
done
if gone; then
	pass "--count: 2000 PathTears reach the receiver"
else
	fail "--count: PathTears ($(jq -s 'map(select(.event ==
		"path_gone")) | length' "$tmp/recv4") of 2000)"
fi
stop "$recv"

# 8. Usage errors exit 2.
"$q" send 10.0.1.2 --tunnel-id 1 --burst 1k >/dev/null 2>&1
rc1=$?
"$q" send 10.0.1.2 --tunnel-id 1 --rate 1mbit --burst 1k \
	--ero 10.0.1.2/33 >/dev/null 2>&1
rc2=$?
"$q" recv --label 3 >/dev/null 2>&1
rc3=$?
"$q" send 10.0.1.2 --tunnel-id 65535 --lsp-id 65535 --count 2 \
	--rate 1mbit --burst 1k >/dev/null 2>&1
rc4=$?
if [ "$rc1" = 2 ] && [ "$rc2" = 2 ] && [ "$rc3" = 2 ] && [ "$rc4" = 2 ]; then
	pass "usage errors exit 2 (no rate, bad ERO hop, reserved label," \
		"--count past LSP id 65535)"
else
	fail "usage errors exit 2 ($rc1 $rc2 $rc3 $rc4)"
fi

exit $((fails > 0))
