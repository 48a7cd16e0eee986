#!/bin/bash
# QoS flows end to end through quasard's libvirt backend (docs/flows.md):
# the first parts of qos_flows.sh with `backend virt` on the LXC URI of a
# private libvirtd (tests/integration/lib/libvirtd.sh) that runs in R1's
# network namespace, so that the containers' veth dom0 ends are R1's.
# A -> R1 -> R2 -> B, quasard on R1 (pool of 3, min-idle 2), R2 best
# effort.  A 2 Mbit/s Controlled-Load flow signalled with quasar-rsvp is
# admitted on R1 and gets a libvirt LXC routelet (quasar-rl-N style names,
# seen with virsh); libvirt's scheduler parameters carry the CPU quota the
# model derives from the flowspec; labelled traffic passes through the
# container (its veth counters move, B gets B's label); PathTear gives the
# routelet back (quota lifted); quasard's exit leaves no domain.  SKIP only
# when libvirtd cannot run.
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_WHAT="QoS flows through quasard's virt backend (LXC)"
TOPO_PREFIX=qv$$
. tests/integration/lib/topo.sh
. tests/integration/qos_lib.sh
. tests/integration/lib/libvirtd.sh

if why=$(libvirtd_missing); then
	echo "SKIP: $TOPO_WHAT ($why)"
	trap topo_down EXIT
	exit 0
fi
DOMP=$R1I-rl-			# R1's routelet domains
URI=
vsh() { virsh -q -c "$URI" "$@"; }
our_domains() { vsh list --all --name 2>/dev/null | grep "^$DOMP"; }
virt_cleanup() {
	local d
	if [ -n "${QPID[R1]:-}" ]; then
		kill -TERM "${QPID[R1]}" 2>/dev/null
		wait "${QPID[R1]}" 2>/dev/null
	fi
	if [ -n "$URI" ]; then
		for d in $(our_domains); do vsh destroy "$d" >/dev/null 2>&1; done
	fi
	libvirtd_stop
	rm -f /run/quasar/"$DOMP"*.sock /run/quasar/"$DOMP"*.log
}
trap 'virt_cleanup; topo_down' EXIT

if ! topo_up; then
	fail "topology A - R1 - R2 - B"
	exit 1
fi
if ! libvirtd_start "$TOPO_DIR/lv" "${NS[R1]}"; then
	echo "SKIP: $TOPO_WHAT ($LIBVIRTD_WHY)"
	exit 0
fi
URI=$LIBVIRTD_URI
qos_conf_r1 "pool min-idle 2 max-idle 3 max-total 3" "reservable 0.5" \
    "virt-uri $URI" "virt-memory 64m"
sed -i 's/^backend netns$/backend virt/' "$TOPO_DIR/R1.conf"
quasard_conf R2 "refresh-interval 1s" "label-range 2000 2999"
if ! quasard_start R1 || ! quasard_start R2; then
	fail "quasard on R1 and R2 ($(cat "$TOPO_DIR"/R?.log | tail -20))"
	exit 1
fi
check "R1's pool warms up: 2 LXC domains running (virsh list)" wait_for 20 \
    sh -c "[ \$(virsh -q -c '$URI' list --name | grep -c '^$DOMP') -ge 2 ]"

# routelet list of R1: the assigned one's field F (jq path)
rl_assigned() { ctl R1 routelet list | jq -r ".[] | select(.state == \"assigned\") | $1"; }

# --- a 2 Mbit/s Controlled-Load flow -------------------------------------
spawn B "$TOPO_DIR/recv1" "$Q" recv --label 3333 --reserve 2mbit \
    --refresh 1 -j
RECV=$BG_PID
listening "$TOPO_DIR/recv1" || fail "receiver listens"
spawn A "$TOPO_DIR/send" "$Q" send 10.0.2.2 --tunnel-id 11 --rate 8mbit \
    --burst 64k --name qos-a --refresh 1 -j
SEND=$BG_PID
if jwait "$TOPO_DIR/send" '.event == "resv"' 150; then
	pass "the sender gets its Resv through R1 (flow admitted)"
else
	fail "the sender gets its Resv ($(tail -30 "$TOPO_DIR/R1.log"))"
fi
r1_up() { [ "$(lsp_r1 '.[0].state')" = '"up"' ]; }
wait_for 5 r1_up
L1=$(lsp_r1 '.[0].in_label')
check "R1's lsp list shows a QoS flow" test "$(lsp_r1 '.[0].qos')" = true
desc=$(rl_assigned .backend)
dom=$(awk '{ print $2 }' <<<"$desc")
rl=$(rl_assigned .interface)
check "one routelet took the flow; routelet list shows libvirt's domain and state ($desc)" \
    test "$(wc -l <<<"$desc")" = 1 -a "${desc%% *}" = virt -a \
    "${desc##* }" = running
check "virsh lists $dom running" \
    sh -c "virsh -q -c '$URI' list --name | grep -qx '$dom'"
q2=$(qos_expect_quota 2000000 65536 64)
sched_is() {	# sched_is DOMAIN QUOTA PERIOD: virsh schedinfo says so
	local s
	s=$(vsh schedinfo "$1" 2>&1)
	grep -q "vcpu_quota *: $2\$" <<<"$s" &&
	    grep -q "vcpu_period *: $3\$" <<<"$s"
}
check "libvirt's vcpu_quota is the model's ($q2 us per 100 ms)" \
    sched_is "$dom" "$q2" 100000
mexp=$(( (12 << 20) + 65536 + 1500 ))
mkib=$(vsh dommemstat "$dom" 2>/dev/null | awk '$1 == "actual" { print $2 }')
check "its memory is base + rings + b + M ($((${mkib:-0} * 1024)) ~ $mexp, virsh dommemstat)" \
    test $(( ${mkib:-0} * 1024 >= mexp - 4096 && ${mkib:-0} * 1024 <= mexp + 4096 )) = 1
check "an HTB class of 2 Mbit/s on r1-r2" sh -c \
    "nsenter --net=/run/netns/${NS[R1]} tc class show dev r1-r2 |
     grep -q 'rate 2Mbit ceil 2Mbit'"
check "R1's ILM holds the flow's label $L1 (one entry)" \
    test "$(ilm_entries)" = 1

# --- traffic through the container -------------------------------------
rx_before=$(on R1 ip -s -j link show "$rl" | jq '.[0].stats64.rx.packets')
count_label B b-r2 3333 62 "$TOPO_DIR/count"
SINK=$BG_PID
sleep 0.5
spawn A "$TOPO_DIR/gen" "$BIN/bench-gen" -i a-r1 -d "$(mac R1 r1-a)" \
    -s "$(mac A a-r1)" -m "$L1" -l 128 -r 1000 -b 8 -T 3
GEN=$BG_PID
wait "$GEN"
wait "$SINK"
sent=$(awk '/^sent/ { print $2 }' "$TOPO_DIR/gen")
read -r got other <"$TOPO_DIR/count"
check "B gets every frame with label 3333 TTL 62 ($got of $sent)" \
    test "${got:-0}" = "${sent:-x}"
check "no frame with another label or TTL ($other)" test "${other:-x}" = 0
rx_after=$(on R1 ip -s -j link show "$rl" | jq '.[0].stats64.rx.packets')
check "the frames went through the container on $rl (its veth got $((rx_after - rx_before)) back)" \
    test $((rx_after - rx_before)) -ge "${sent:-1}"
fl=$(ctl R1 flow list)
check "the routelet's own counters: it delivered every frame ($(jq '.[0].delivered_packets' <<<"$fl"))" \
    test "$(jq '.[0].delivered_packets' <<<"$fl")" -ge "${sent:-1}"

# --- teardown: PathTear gives the routelet back -------------------------
{ kill -TERM "$SEND"; wait "$SEND"; } 2>/dev/null
none_assigned() { [ -z "$(rl_assigned .id)" ]; }
check "PathTear: no routelet assigned on R1" wait_for 5 none_assigned
check "$dom is idle again, its quota lifted (vcpu_quota -1)" \
    sched_is "$dom" -1 100000
no_class() { [ "$(flow_classes)" = 0 ]; }
check "its class is gone from r1-r2" wait_for 3 no_class
check "its ILM entry is gone" test "$(ilm_entries)" = 0

# --- quasard's exit leaves nothing -------------------------------------
quasard_stop R1
check "R1 exits 0" test $? = 0
QPID[R1]=
check "no routelet domain left (virsh list --all)" \
    test "$(our_domains | grep -c .)" = 0
check "no routelet veth left in R1" \
    test "$(on R1 ip -o link show | grep -c ": ${R1I:0:8}r")" = 0
exit $((fails > 0))
