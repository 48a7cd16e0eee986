#!/bin/bash
# quasard with `backend xen` in dom0, end to end: hosts A and B are
# network namespaces whose veths' dom0 ends (qa0, qb0) are quasard's line
# cards.  The pool makes a routelet domain; a 2 Mbit/s Controlled-Load
# flow signalled with quasar-rsvp from A to B gets it, with the credit cap
# the resource model derives from the flowspec (xl sched-credit); labelled
# frames from A reach B swapped to B's label, having passed the routelet
# domain (its vif's and its xenstore counters move); PathTear gives the
# routelet back (cap lifted); a second flow's routelet killed with
# xl destroy is replaced (the flow re-homed to another domain); quasard's
# exit leaves no routelet domain.  Reports flow_setup_ms (Path sent to
# Resv received at A: RSVP both ways, admission and the pool's assign,
# an upper bound of the assign time) as pool_assign_ms too, for the
# harness's comparison with xl create.
# shellcheck source=tests/xen/checks/lib/common.sh
. "$(dirname "$0")/lib/common.sh"

OUT=/tmp/quasard-xen
# shellcheck source=tests/xen/checks/lib/quasard.sh
. "$(dirname "$0")/lib/quasard.sh"

qx_hosts
check "hosts A and B as namespaces on dom0's line cards qa0, qb0" test $? = 0
qx_conf
check "quasard starts with backend xen" qx_start
idle_ready() { [ -n "$(rl_field idle id)" ]; }
t0=$(now_ms)
check "its pool makes an idle routelet domain" wait_for 300 idle_ready
report quasard_pool_warm_ms $(($(now_ms) - t0))
desc=$(rl_field idle backend)
check "routelet list shows the domain and its domid ($desc)" \
    sh -c "echo '$desc' | grep -qE '^xen ${PREFIX}[0-9]+ domid [0-9]+ '"

idle_domid=$(awk '{print $4}' <<<"$desc")
idle_avail=$(xenstore-read "/local/domain/$idle_domid/quasar/counters/mem-available-kb" 2>/dev/null)
check "the idle routelet reports its guest's free memory (${idle_avail:-none} KiB)" \
    test -n "$idle_avail"

# --- a 2 Mbit/s Controlled-Load flow ------------------------------------
# (ip netns exec execs the program: $! is its pid, for the kill below)
ip netns exec "$NB" quasar-rsvp recv --label 3333 --reserve 2mbit \
    --refresh 1 -j >"$OUT/recv" 2>&1 &
RECVPID=$!
wait_for 10 has_event "$OUT/recv" listening
t0=$(now_ms)
ip netns exec "$NA" quasar-rsvp send 10.9.2.2 --tunnel-id 11 --rate 8mbit \
    --burst 64k --name qos-x --refresh 1 -j >"$OUT/send" 2>&1 &
SENDPID=$!
if wait_for 60 has_event "$OUT/send" resv; then
	setup=$(($(now_ms) - t0))
	pass "A gets its Resv through dom0's quasard (flow admitted, $setup ms)"
	report flow_setup_ms "$setup"
	report pool_assign_ms "$setup"
else
	fail "A gets its Resv ($(tail -5 "$OUT/send" | tr '\n' ' '))"
fi
lsp=$(qctl lsp list)
L1=$(json_num "$lsp" in_label)
check "quasard's lsp list shows a QoS flow (in label ${L1:-none})" \
    sh -c "echo '$lsp' | grep -qE '\"qos\": *true'"
id=$(rl_field assigned id)
desc=$(rl_field assigned backend)
name=$(awk '{print $2}' <<<"$desc")
domid=$(awk '{print $4}' <<<"$desc")
vif=$(rl_field assigned interface)
check "routelet $id took it: $desc, vif $vif" \
    test -n "$name" -a "$vif" = "vif$domid.0"
quota=$(rl_field assigned cpu_quota_us)
period=$(rl_field assigned cpu_period_us)
# docs/admission.md: pps = (b + r T) / (max(m, 64) T), T = 100 ms,
# cpu = (0.01 + pps * cost) * 1.25, quota = ceil(cpu * T) >= 1000 us
want=$(awk -v c="$PKT_COST" 'BEGIN { r = 2000000 / 8; b = 65536; m = 64;
    pps = (b + r * 0.1) / (m * 0.1); q = (0.01 + pps * c / 1e9) * 1.25 * 100000;
    qi = int(q); if (qi < q - q * 1e-9) qi++; print (qi < 1000 ? 1000 : qi) }')
check "its CPU quota is the model's ($quota of $period us; model $want)" \
    test "$quota" = "$want" -a "$period" = 100000
cap=$(( (quota * 100 + period - 1) / period ))
line=$(xl sched-credit -d "$name" 2>/dev/null | awk -v n="$name" '$1 == n')
check "xl sched-credit shows cap $cap on $name ($line)" \
    test "$(awk '{print $4}' <<<"$line")" = "$cap"

# The guest's memory: its own system's share (96 MiB booted less what it
# reported free while idle, at full memory) + the flow's memory + 4 MiB.
con_lines=$(wc -l <"$(guest_log "$name")" 2>/dev/null)
mem=$(rl_field assigned mem_bytes)
tgt=$(xenstore-read "/local/domain/$domid/memory/target" 2>/dev/null)
if [ "$domid" = "${idle_domid:-}" ] && [ -n "${idle_avail:-}" ]; then
	want=$((98304 - idle_avail + (${mem:-0} + 1023) / 1024 + 4096))
	[ "$want" -gt 98304 ] && want=98304
	# the free memory moves by a few pages between readings
	check "its memory target is the guest's share + the flow's ${mem:-?} B + 4 MiB ($tgt KiB, about $want)" \
	    test "$((tgt - want))" -le 2048 -a "$((want - tgt))" -le 2048
else
	fail "its memory target (the routelet that took the flow, domid $domid, is not the idle one seen before, ${idle_domid:-none})"
fi

# --- labelled frames from A through the routelet domain to B -----------
xs=/local/domain/$domid/quasar/counters
vif_rx0=$(cat "/sys/class/net/$vif/statistics/rx_packets" 2>/dev/null)
vif_tx0=$(cat "/sys/class/net/$vif/statistics/tx_packets" 2>/dev/null)
xs_rx0=$(xenstore-read "$xs/rx-packets" 2>/dev/null)
# B's label: quasar-rsvp recv hands out a new one per Resv from 3333 up
L2=$(json_num "$(qctl flow list)" out_label)
got=$(qx_frames "${L1:-0}" "${L2:-3333}")
check "$name still runs after the traffic (domid $domid: $(domid "$name"))" \
    test "$(domid "$name")" = "$domid"
# (the console log is per name: earlier domains of this name are above)
oom=$(tail -n "+$((${con_lines:-0} + 1))" "$(guest_log "$name")" 2>/dev/null |
    grep -c 'Out of memory')
check "its guest never ran out of memory (OOM lines in its console since the flow: ${oom:-?})" \
    test "${oom:-1}" = 0
check "200 frames labelled ${L1:-?} from A reach B labelled ${L2:-?} (B's), TTL 63 (bench-sink: $(tr '\n' ' ' <"$OUT/sink"))" \
    test "$got" -ge 195
vif_rx=$(( $(cat "/sys/class/net/$vif/statistics/rx_packets" 2>/dev/null || echo 0) - ${vif_rx0:-0} ))
vif_tx=$(( $(cat "/sys/class/net/$vif/statistics/tx_packets" 2>/dev/null || echo 0) - ${vif_tx0:-0} ))
check "they passed the routelet domain: $vif sent it $vif_tx and got $vif_rx back" \
    test "$vif_tx" -ge 195 -a "$vif_rx" -ge 195
xs_moved() {
	local n
	n=$(xenstore-read "$xs/rx-packets" 2>/dev/null) &&
	    [ $((n - ${xs_rx0:-0})) -ge 195 ]
}
check "its xenstore counters moved ($xs/rx-packets ${xs_rx0:-?} -> $(xenstore-read "$xs/rx-packets" 2>/dev/null))" \
    wait_for 5 xs_moved

# --- teardown: PathTear gives the routelet back -------------------------
kill -TERM "$SENDPID" 2>/dev/null
wait "$SENDPID" 2>/dev/null
SENDPID=
none_assigned() {
	[ -z "$(rl_field assigned id)" ] && ! qctl flow list | grep -q '"name"'
}
check "PathTear: no flow, no routelet assigned" wait_for 10 none_assigned
line=$(xl sched-credit -d "$name" 2>/dev/null | awk -v n="$name" '$1 == n')
check "$name is idle again, no cap left (${line:-no such domain}; idle: $(rl_field idle backend))" \
    test "$(awk '{print $4}' <<<"$line")" = 0

# --- xl destroy of an assigned routelet re-homes its flow ---------------
wait_for 300 idle_ready
: >"$OUT/send"
ip netns exec "$NA" quasar-rsvp send 10.9.2.2 --tunnel-id 12 --rate 8mbit \
    --burst 64k --name qos-y --refresh 1 -j >"$OUT/send" 2>&1 &
SENDPID=$!
check "a second flow is admitted" wait_for 60 has_event "$OUT/send" resv
# flow_routelet NAME: the routelet number of flow NAME (flow list)
flow_routelet() {
	qctl flow list | tr '{' '\n' | grep -E "\"name\": *\"$1\"" | head -1 |
	    sed -n 's/.*"routelet": *\([0-9]*\).*/\1/p'
}
id2=$(flow_routelet qos-y)
name2=$PREFIX$id2
spare() { [ -n "$(rl_field idle id)" ]; }
check "the pool has a spare idle routelet for it (min-idle 1)" wait_for 300 spare
if [ -n "$id2" ]; then
	xl destroy "$name2"
	rehomed() {
		local n
		n=$(flow_routelet qos-y)
		[ -n "$n" ] && [ "$n" != "$id2" ]
	}
	check "xl destroy $name2: flow qos-y is re-homed to another routelet" \
	    wait_for 30 rehomed
	check "the flow is still up" \
	    sh -c "quasarctl -s '$SOCK' -j lsp list | grep -qE '\"state\": *\"up\"'"
else
	fail "xl destroy of the second flow's routelet (none assigned)"
fi
kill -TERM "$SENDPID" 2>/dev/null
wait "$SENDPID" 2>/dev/null
SENDPID=

# --- quasard's exit leaves nothing --------------------------------------
kill -TERM "$QPID"
wait "$QPID"
check "quasard exits 0" test $? = 0
QPID=
check "no ${PREFIX}<n> domain left (xl list)" test -z "$(our_domains)"
qx_show_on_failure
if [ "$fails" -ne 0 ]; then
	for f in /var/log/xen/console/guest-"$PREFIX"*.log; do
		[ -f "$f" ] || continue
		echo "--- $f (last 20 lines):"
		tail -n 20 "$f" | sed 's/^/  | /'
	done
fi
[ "$fails" -eq 0 ]
