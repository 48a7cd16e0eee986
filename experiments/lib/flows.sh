# experiments/lib/flows.sh, sourced by experiments/run.sh: the flows of an
# experiment, their signalling and their traffic.
#
# An experiment file declares its flows (rates in tc units, sizes in bytes
# on the wire, Ethernet header included):
#
#   qos NAME SRC DST RESERVE OFFER SIZE     a QoS flow: an RSVP-TE LSP
#                                           from SRC to DST reserving
#                                           RESERVE, labelled frames at OFFER
#   qos_many PREFIX N SRC DST RESERVE OFFER SIZE
#                                           N such flows PREFIX1..PREFIXN,
#                                           signalled by one quasar-rsvp send
#   be NAME SRC DST OFFER SIZE              best effort: UDP to DST, routed
#
# and then, in its run function, measures with
#
#   signal            signal every QoS flow (quasar-rsvp recv on each
#                     receiver, quasar-rsvp send on each sender) and wait
#                     for their Resv; under "kernel" mode there are none
#   phase NAME FLOW...  one measurement: every FLOW (a name, or a PREFIX*
#                     of qos_many) sends for $DURATION s; a sink on each
#                     receiver counts; one CSV row per flow
#   unsignal          tear the LSPs down (PathTear)
#
# A QoS flow keeps its LSP across phases; a phase only chooses who sends.

FLOWS=()
declare -A F_KIND F_SRC F_DST F_RESV F_OFFER F_SIZE F_GROUP F_TUN F_ID
SENDERS=()
declare -A G_SRC G_DST G_RESV G_SIZE G_COUNT G_TUN0 G_NAME
SIG_PIDS=
BURST_MS=200		# reservation bucket: this long at the rate,
BURST_FRAMES_MIN=4	# and at least this many frames
UDP_PORT=5001
# The hosts' programs share the CPU with the router here, where they
# would have machines of their own: they yield to the router's processes
# (quasard, routelets) in both modes (docs/experiments.md).
HOST_NICE=${HOST_NICE:-10}

# rate_bps RATE: tc units (bit, kbit, mbit, gbit) to bits/s.
rate_bps() {
	awk -v r="$1" 'BEGIN {
		n = r + 0; u = tolower(r); sub(/^[0-9.]+/, "", u)
		if (u == "kbit") m = 1e3
		else if (u == "mbit") m = 1e6
		else if (u == "gbit") m = 1e9
		else if (u == "bit" || u == "") m = 1
		else exit 1
		printf "%.0f\n", n * m }'
}

# Add a flow; ids start at 1 in declaration order.
flow_add() {
	local name=$1 kind=$2 src=$3 dst=$4 resv=$5 offer=$6 size=$7 group=$8
	[ -z "${F_KIND[$name]:-}" ] || { echo "flow $name twice" >&2; exit 2; }
	rate_bps "$offer" >/dev/null && rate_bps "$resv" >/dev/null ||
	    { echo "flow $name: bad rate" >&2; exit 2; }
	FLOWS+=("$name")
	F_KIND[$name]=$kind F_SRC[$name]=$src F_DST[$name]=$dst
	F_RESV[$name]=$resv F_OFFER[$name]=$offer F_SIZE[$name]=$size
	F_GROUP[$name]=$group F_ID[$name]=${#FLOWS[@]}
}

# group_add SRC DST RESERVE SIZE N NAME: one quasar-rsvp send for N LSPs
# named NAME (its SESSION_ATTRIBUTE);
# sets GROUP (its index) and TUN0 (its first tunnel id).
group_add() {
	local i
	GROUP=${#SENDERS[@]}
	TUN0=1
	for i in "${SENDERS[@]}"; do
		TUN0=$((TUN0 + G_COUNT[$i]))
	done
	SENDERS+=("$GROUP")
	G_SRC[$GROUP]=$1 G_DST[$GROUP]=$2 G_RESV[$GROUP]=$3 G_SIZE[$GROUP]=$4
	G_COUNT[$GROUP]=$5 G_TUN0[$GROUP]=$TUN0 G_NAME[$GROUP]=$6
}

qos_many() {
	[ $# -eq 7 ] || { echo "usage: qos_many PREFIX N SRC DST RESERVE" \
	    "OFFER SIZE" >&2; exit 2; }
	local prefix=$1 n=$2 src=$3 dst=$4 resv=$5 offer=$6 size=$7 i
	group_add "$src" "$dst" "$resv" "$size" "$n" "$prefix"
	for ((i = 1; i <= n; i++)); do
		flow_add "$prefix$i" qos "$src" "$dst" "$resv" "$offer" \
		    "$size" "$GROUP"
		F_TUN[$prefix$i]=$((TUN0 + i - 1))
	done
}

qos() {
	[ $# -eq 6 ] || { echo "usage: qos NAME SRC DST RESERVE OFFER" \
	    "SIZE" >&2; exit 2; }
	group_add "$2" "$3" "$4" "$6" 1 "$1"
	flow_add "$1" qos "$2" "$3" "$4" "$5" "$6" "$GROUP"
	F_TUN[$1]=$TUN0
}

be() {
	[ $# -eq 5 ] || { echo "usage: be NAME SRC DST OFFER SIZE" >&2; exit 2; }
	flow_add "$1" be "$2" "$3" 0 "$4" "$5" ""
}

# The file where group G's sender writes its events.
send_file() { echo "$EXP_TMP/$TB_PFX.send.$1"; }

# resv_count FILE: how many LSPs of the file have their Resv.
resv_count() {
	jq -s '[.[] | select(.event == "resv") | .tunnel_id] | unique |
	    length' "$1" 2>/dev/null || echo 0
}
lsps_up() { [ "$(resv_count "$1")" -ge "$2" ]; }

signal() {
	local g dst bytes burst want got f
	declare -A recv_on=()
	[ "$MODE" = kernel ] && return 0
	for g in "${SENDERS[@]}"; do
		dst=${G_DST[$g]}
		[ -n "${recv_on[$dst]:-}" ] && continue
		recv_on[$dst]=1
		f=$EXP_TMP/$TB_PFX.recv.$dst
		tb_bg "$dst" "$f" "$BIN/quasar-rsvp" recv --php -j
		SIG_PIDS="$SIG_PIDS $BG_PID"
		tb_wait_for 10 grep -qs '"listening"' "$f" ||
		    { echo "quasar-rsvp recv on $dst did not start" >&2; return 1; }
	done
	for g in "${SENDERS[@]}"; do
		bytes=$(( $(rate_bps "${G_RESV[$g]}") / 8 ))
		burst=$((bytes * BURST_MS / 1000))
		[ "$burst" -ge $((G_SIZE[$g] * BURST_FRAMES_MIN)) ] ||
		    burst=$((G_SIZE[$g] * BURST_FRAMES_MIN))
		tb_bg "${G_SRC[$g]}" "$(send_file "$g")" "$BIN/quasar-rsvp" send \
		    "${TB_ADDR[${G_DST[$g]}]}" --tunnel-id "${G_TUN0[$g]}" \
		    --count "${G_COUNT[$g]}" --rate "${bytes}bps" \
		    --burst "$burst" --max-size 1500 --name "${G_NAME[$g]}" -j
		SIG_PIDS="$SIG_PIDS $BG_PID"
	done
	for g in "${SENDERS[@]}"; do
		want=${G_COUNT[$g]}
		f=$(send_file "$g")
		tb_wait_for "${SIGNAL_WAIT:-20}" lsps_up "$f" "$want"
		got=$(resv_count "$f")
		[ "$got" = "$want" ] ||
			echo "  $MODE: $got of $want LSPs from ${G_SRC[$g]} have" \
			    "a Resv (the others are measured without one)" >&2
	done
	# What the router under test made of them (QuaSAR: its admitted
	# flows, each with its routelet and class).
	if [ "$MODE" = quasar ]; then
		"$BIN/quasarctl" -s "$TB_RUN/$ROUTER.sock" flow list \
		    >"$OUT_DIR/flows-$MODE.txt" 2>&1
		echo "   $ROUTER# quasarctl flow list"
		head -n 12 "$OUT_DIR/flows-$MODE.txt" | sed 's/^/   /'
		[ "$(wc -l <"$OUT_DIR/flows-$MODE.txt")" -le 12 ] ||
			echo "   ... ($OUT_DIR/flows-$MODE.txt)"
	fi
}

unsignal() {
	local pid
	for pid in $SIG_PIDS; do
		kill -TERM "$pid" 2>/dev/null
	done
	for pid in $SIG_PIDS; do
		wait "$pid" 2>/dev/null
	done
	SIG_PIDS=
}

# phase_flows PATTERN...: the flow names the patterns select, in order.
phase_flows() {
	local f p
	for f in "${FLOWS[@]}"; do
		for p in "$@"; do
			# shellcheck disable=SC2053  # a glob on purpose
			if [[ $f == $p ]]; then
				echo "$f"
				break
			fi
		done
	done
}

# gen_args FLOW: the quasar-gen arguments of FLOW, one a line.
gen_args() {
	local f=$1 src=${F_SRC[$1]} dst=${F_DST[$1]}
	if [ "${F_KIND[$f]}" = be ] || [ "$MODE" = kernel ]; then
		printf '%s\n' -u "${TB_ADDR[$dst]}:$UDP_PORT"
	else
		printf '%s\n' -i "${TB_IF[$src]}" --dst-mac "${TB_PEER_MAC[$src]}" \
		    --dst "${TB_ADDR[$dst]}" \
		    --label-from "$(send_file "${F_GROUP[$f]}")" \
		    --tunnel-id "${F_TUN[$f]}" --label-wait 3
	fi
	printf '%s\n' -b "${F_OFFER[$f]}" -s "${F_SIZE[$f]}" -T "$DURATION" \
	    -f "${F_ID[$f]}" -j
}

# phase NAME PATTERN...: run the selected flows together, then append
# their rows to $RESULTS_CSV.
phase() {
	local name=$1 f dst pids='' gpids='' out t0 spread
	local -a sel args
	declare -A sink_on=() gen_argv=()
	shift
	mapfile -t sel < <(phase_flows "$@")
	for f in "${sel[@]}"; do
		sink_on[${F_DST[$f]}]=1
		gen_argv[$f]=$(gen_args "$f")
	done
	# The sinks stop 2 s after the last packet (or at the latest when
	# generators started that late could not have sent anything more).
	for dst in "${!sink_on[@]}"; do
		tb_bg "$dst" "$EXP_TMP/$TB_PFX.$name.sink.$dst.json" \
		    nice -n "$HOST_NICE" "$BIN/quasar-sink" -u $UDP_PORT \
		    -T $((DURATION * 2 + 30)) --idle 2 -q -j -
		pids="$pids $BG_PID"
	done
	sleep 0.5
	t0=$EPOCHREALTIME
	for f in "${sel[@]}"; do
		mapfile -t args <<<"${gen_argv[$f]}"
		tb_bg "${F_SRC[$f]}" "$EXP_TMP/$TB_PFX.$name.gen.${F_ID[$f]}" \
		    nice -n "$HOST_NICE" "$BIN/quasar-gen" "${args[@]}"
		gpids="$gpids $BG_PID"
	done
	spread=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
	echo "$MODE $name ${#sel[@]} $spread" >>"$OUT_DIR/phases.txt"
	awk -v s="$spread" -v d="$DURATION" 'BEGIN { exit !(s > d / 10) }' &&
		echo "  $MODE/$name: starting ${#sel[@]} generators took" \
		    "$spread s, over 10% of the phase: they overlap less" >&2
	# shellcheck disable=SC2086
	wait $gpids
	# shellcheck disable=SC2086
	wait $pids
	tb_stats "$OUT_DIR/tc-$MODE-$name.txt"
	for f in "${sel[@]}"; do
		out=$EXP_TMP/$TB_PFX.$name.gen.${F_ID[$f]}
		report_row "$name" "$f" "$(tail -1 "$out")" \
		    "$EXP_TMP/$TB_PFX.$name.sink.${F_DST[$f]}.json"
	done
}
