#!/bin/bash
# QoS flows refused (docs/flows.md): R1 runs quasard with the netns
# backend, a pool of at most 2 routelets and 10 of r1-r2's 20 Mbit/s
# reservable.  Two 3 Mbit/s flows get a routelet each; a 6 Mbit/s one
# does not fit: the receiver gets a ResvErr (code 1 Admission Control
# Failure, value 2 bandwidth) from R1, the sender no Resv but a PathErr
# with the same ERROR_SPEC from R1's address towards it (crankback, RFC
# 4920), again at the receiver's next refresh, printed by quasar-rsvp
# send in JSON and in text, its path state kept on R1 and R2; nothing of
# it is left (no third class, routelet or ILM entry); a 1 Mbit/s one fits
# the bandwidth but not the pool: ResvErr code 1 value 0x8003 (the pool's
# own), PathErr too; when a flow goes, the receiver's next refresh gets
# it in.
set -u
cd "$(dirname "$0")/../.." || exit 2
TOPO_WHAT="QoS flows refused by quasard's admission control"
TOPO_PREFIX=qr$$
. tests/integration/lib/topo.sh
. tests/integration/qos_lib.sh

if ! topo_up; then
	fail "topology A - R1 - R2 - B"
	exit 1
fi
qos_conf_r1 "pool min-idle 2 max-idle 2 max-total 2" "reservable 0.5"
quasard_conf R2 "refresh-interval 1s" "label-range 2000 2999"
if ! quasard_start R1 || ! quasard_start R2; then
	fail "quasard on R1 and R2 ($(cat "$TOPO_DIR"/R?.log | tail -20))"
	exit 1
fi
check "R1's pool warms up: 2 idle routelets" wait_for 10 \
    sh -c "[ \$(ip netns list | grep -c '^$NSP') -ge 2 ]"

spawn B "$TOPO_DIR/recv" "$Q" recv --label 3000 --refresh 1 -j
listening "$TOPO_DIR/recv" || fail "receiver listens"
declare -A SEND
sender() {	# sender TUNNEL RATE [text]: quasar-rsvp send's output in send<N>
	local json=-j
	[ "${3-}" = text ] && json=
	spawn A "$TOPO_DIR/send$1" "$Q" send 10.0.2.2 --tunnel-id "$1" \
	    --rate "$2" --burst 10k --name "qos-$1" --refresh 1 ${json:+"$json"}
	SEND[$1]=$BG_PID
}
patherrs() {	# patherrs TUNNEL: the sender's PathErr events, JSON lines
	jq -c 'select(.event == "patherr")' "$TOPO_DIR/send$1" 2>/dev/null
}
lsps_of() {	# lsps_of NODE TUNNEL: how many LSPs of TUNNEL NODE has
	ctl "$1" "lsp list" | jq "[.[] | select(.tunnel_id == $2)] | length"
}
not() { ! "$@"; }
up_r1() {	# up_r1 TUNNEL: its LSP is up on R1
	[ "$(lsp_r1 "[.[] | select(.tunnel_id == $1) | .state][0]")" = '"up"' ]
}

# --- (b) two flows, two routelets -----------------------------------
sender 21 3mbit
sender 22 3mbit
check "flow 21 admitted" jwait "$TOPO_DIR/send21" '.event == "resv"' 100
check "flow 22 admitted" jwait "$TOPO_DIR/send22" '.event == "resv"' 100
wait_for 5 sh -c "[ \$(ls -d $CG_CPU/$CGP/rl* | wc -l) -ge 2 ]"
check "each has its own routelet ($(assigned | tr '\n' ' '))" \
    test "$(assigned | sort -u | wc -l)" = 2
check "two flow classes on r1-r2" test "$(flow_classes)" = 2
check "two ILM entries on R1" test "$(ilm_entries)" = 2

# --- over the bandwidth ----------------------------------------------
sender 23 6mbit
check "flow 23 (6 Mbit/s, 12 of 10 reservable): ResvErr at the receiver" \
    jwait "$TOPO_DIR/recv" '.event == "resverr" and .tunnel_id == 23' 100
err=$(jq -s -c '[.[] | select(.event == "resverr" and .tunnel_id == 23)][0] |
    [.code, .value, .node]' "$TOPO_DIR/recv")
check "it says Admission Control Failure / bandwidth, from R1 ($err)" \
    test "$err" = '[1,2,"10.0.12.1"]'
check "the sender of flow 23 gets no Resv" \
    sh -c "! jq -e -s 'any(.[]; .event == \"resv\")' $TOPO_DIR/send23 \
	>/dev/null"
check "the sender of flow 23 gets a PathErr (RFC 4920 crankback)" \
    jwait "$TOPO_DIR/send23" '.event == "patherr"' 100
err=$(patherrs 23 | head -1 | jq -c '[.code, .value, .node]')
check "it says Admission Control Failure / bandwidth, from R1 towards A ($err)" \
    test "$err" = '[1,2,"10.0.1.2"]'
check "and again at the receiver's next refresh (soft state)" \
    wait_for 5 sh -c "[ \$(jq -c 'select(.event == \"patherr\")' \
	$TOPO_DIR/send23 | wc -l) -ge 2 ]"
check "its path state is kept on R1 and R2 (no Path_State_Removed)" \
    test "$(lsps_of R1 23) $(lsps_of R2 23)" = "1 1"
sender 25 6mbit text
check "quasar-rsvp send without -j prints the PathErr: code, value, R1" \
    wait_for 10 grep -q "^patherr: tunnel 25 lsp 1: Admission Control failure (1) / Requested bandwidth unavailable (2) from 10.0.1.2\$" \
    "$TOPO_DIR/send25"
{ kill -TERM "${SEND[25]}"; wait "${SEND[25]}"; } 2>/dev/null
check "nothing half-built: 2 routelets, 2 classes, 2 ILM entries" \
    test "$(assigned | wc -l) $(flow_classes) $(ilm_entries)" = "2 2 2"
check "flow 23 is not up on R1" not up_r1 23
check "R1 counts the refusals" \
    test "$(ctl R1 stats | jq .drops.admission_refused)" -ge 1
{ kill -TERM "${SEND[23]}"; wait "${SEND[23]}"; } 2>/dev/null

# --- pool exhaustion -------------------------------------------------
sender 24 1mbit
check "flow 24 (1 Mbit/s, pool of 2 taken): ResvErr at the receiver" \
    jwait "$TOPO_DIR/recv" '.event == "resverr" and .tunnel_id == 24' 100
err=$(jq -s -c '[.[] | select(.event == "resverr" and .tunnel_id == 24)][0] |
    [.code, .value]' "$TOPO_DIR/recv")
check "it says Admission Control Failure / pool ($err)" \
    test "$err" = "[1,$((0x8003))]"
check "its sender gets the PathErr with the pool's value" \
    wait_for 5 sh -c "jq -e -s 'any(.[]; .event == \"patherr\" and
	.code == 1 and .value == $((0x8003)))' $TOPO_DIR/send24 >/dev/null"
check "nothing half-built: still 2 routelets, 2 classes, 2 ILM entries" \
    test "$(assigned | wc -l) $(flow_classes) $(ilm_entries)" = "2 2 2"

# --- a flow goes: the refused one gets in at the next refresh ----------
{ kill -TERM "${SEND[21]}"; wait "${SEND[21]}"; } 2>/dev/null
check "flow 24 admitted at a refresh once flow 21 is gone" \
    jwait "$TOPO_DIR/send24" '.event == "resv"' 100
wait_for 5 up_r1 24
check "2 routelets, 2 classes, 2 ILM entries again" \
    test "$(assigned | wc -l) $(flow_classes) $(ilm_entries)" = "2 2 2"

quasard_stop R1
check "R1 exits 0" test $? = 0
check "no routelet namespace or cgroup left" test \
    "$(ip netns list | grep -c "^$NSP") $(find "$CG_CPU/$CGP" -mindepth 1 -type d 2>/dev/null | wc -l)" = "0 0"
rmdir "$CG_CPU/$CGP" "$CG_MEM/$CGP" 2>/dev/null
exit $((fails > 0))
