# experiments/lib/testbed.sh, sourced by experiments/run.sh: the topology
# of one router mode (quasar-testbed up/down) and the router in it.
#
#   tb_up MODE       build the topology under a prefix of its own and start
#                    the router: "quasar" (quasard, netns backend: QoS
#                    flows get routelets and HTB classes), "plain" (quasard,
#                    backend none: every LSP is swapped by dom0, one queue
#                    per line card, the link's tbf) or "kernel" (no
#                    quasard: kernel IPv4 forwarding only)
#   tb_down          stop everything of the current mode, leave nothing
#   tb_exec NODE CMD...          run CMD in NODE's namespace
#   tb_bg NODE OUT CMD...        the same in the background, BG_PID set
#   TB_ADDR[NODE], TB_IF[NODE], TB_PEER_MAC[NODE]: a host's address,
#                    interface and the router's MAC on its link
#
# Globals read: BIN, TOPO (file), EXP_TMP (scratch), POOL_CONF (the pool
# statements for quasar mode), POOL_READY (idle routelets to wait for),
# ROUTER (the router under test; other routers of the topology run
# quasard with backend none in every mode but kernel).

TB_PFX=
TB_JSON=
TB_PIDS=
TB_QPIDS=

tb_log() { [ -n "${VERBOSE:-}" ] && echo "  [$*]" >&2; return 0; }

# tb_q FILTER: jq over the current run's show -j.
tb_q() { jq -r "$1" "$TB_JSON"; }

# The hosts' first interface, its address and the MAC at its other end,
# read once per run (tb_cache): a phase starts its generators without
# running jq for each.
declare -A TB_ADDR TB_IF TB_PEER_MAC
tb_cache() {
	local name ifc addr mac
	TB_ADDR=() TB_IF=() TB_PEER_MAC=()
	while read -r name ifc addr mac; do
		TB_ADDR[$name]=${addr%/*} TB_IF[$name]=$ifc TB_PEER_MAC[$name]=$mac
	done < <(tb_q '.nodes[] | [.name, .interfaces[0].name,
	    .interfaces[0].addrs[0] // "-", .interfaces[0].peer.mac] | join(" ")')
}
tb_netns() { tb_q ".nodes[] | select(.name == \"$1\") | .netns"; }

tb_exec() {
	local node=$1; shift
	"$BIN/quasar-testbed" -p "$TB_PFX" exec "$TOPO" "$node" "$@"
}

# tb_bg NODE OUT CMD...: quasar-testbed exec becomes CMD, so BG_PID is
# CMD's own pid (a signal to it reaches the program, not a wrapper).
tb_bg() {
	local node=$1 out=$2; shift 2
	"$BIN/quasar-testbed" -p "$TB_PFX" exec "$TOPO" "$node" "$@" \
	    >"$out" 2>&1 &
	BG_PID=$!
	TB_PIDS="$TB_PIDS $BG_PID"
}

# tb_wait_for SECONDS CMD...: retry CMD every 0.1 s.
tb_wait_for() {
	local secs=$1 i; shift
	for ((i = 0; i < secs * 10; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

# tb_conf MODE NODE: the quasard.conf of router NODE, the testbed's plus
# the QoS statements: the router under test ($ROUTER) as MODE says, any
# other router (the egress P) always best effort.
tb_conf() {
	local mode=$1 node=$2 backend
	cat "$TB_RUN/$node.conf"
	echo "log-level info"
	if [ "$node" = "$ROUTER" ] && [ "$mode" = quasar ]; then
		# The topology's backend (netns in ours; quasard refuses the
		# backends it was built without).
		backend=$(tb_q ".nodes[] | select(.name == \"$node\") |
		    .router.backend")
		echo "backend $backend"
		[ "$backend" = netns ] &&
			echo "routelet $(realpath "$BIN/quasar-routelet")"
		printf '%s\n' "${POOL_CONF[@]}"
	else
		echo "backend none"
	fi
}

# tb_quasard MODE NODE: start quasard on router NODE, wait for its pid file.
tb_quasard() {
	local mode=$1 node=$2 log=$EXP_TMP/$TB_PFX.$2.quasard.log
	tb_conf "$mode" "$node" >"$EXP_TMP/$TB_PFX.$node.conf"
	tb_bg "$node" "$log" "$BIN/quasard" -d -f "$EXP_TMP/$TB_PFX.$node.conf"
	TB_QPIDS="$TB_QPIDS $BG_PID"
	if ! tb_wait_for 20 test -s "$TB_RUN/$node/quasard.pid"; then
		echo "quasard did not start on $node:" >&2
		tail -5 "$log" >&2
		return 1
	fi
}

# tb_pool_ready N: quasarctl pool show counts N idle routelets, or the
# daemon has no pool show to ask (then admission says what is missing).
tb_pool_ready() {
	local j
	j=$("$BIN/quasarctl" -s "$TB_RUN/$ROUTER.sock" -j pool show \
	    2>/dev/null) || return 0
	[ "$(jq -r '.routelets.idle // 0' <<<"$j")" -ge "$1" ]
}

tb_up() {
	local mode=$1 ns ifc rate want node
	TB_PFX=e$$${mode:0:1}
	TB_JSON=$EXP_TMP/$TB_PFX.json
	"$BIN/quasar-testbed" -p "$TB_PFX" -j show "$TOPO" >"$TB_JSON" ||
	    return 1
	TB_RUN=$(tb_q .run_dir)
	tb_cache
	"$BIN/quasar-testbed" -p "$TB_PFX" up "$TOPO" >/dev/null || return 1
	if [ "$mode" = kernel ]; then
		tb_warm
		return 0
	fi
	ns=$(tb_netns "$ROUTER")
	if [ "$mode" = quasar ]; then
		# The link's tbf gives way to quasard's HTB tree at the same
		# rate (quasard.conf has it): egress_open refuses a root
		# qdisc that someone else configured.
		while read -r ifc rate; do
			[ "$rate" -gt 0 ] || continue
			tc -n "$ns" qdisc del dev "$ifc" root || return 1
		done < <(tb_q ".nodes[] | select(.name == \"$ROUTER\") |
		    .interfaces[] | \"\(.name) \(.rate_bps)\"")
	fi
	for node in $(tb_q '.nodes[] | select(.router != null) | .name'); do
		tb_quasard "$mode" "$node" || return 1
	done
	if [ "$mode" = quasar ]; then
		want=${POOL_READY:-1}
		if ! tb_wait_for 90 tb_pool_ready "$want"; then
			echo "the pool did not make $want idle routelets:" >&2
			tail -5 "$EXP_TMP/$TB_PFX.$ROUTER.quasard.log" >&2
			return 1
		fi
	fi
	tb_warm
	tb_log "$mode router up: $TB_PFX"
}

# Every host pings every other host once, so that no measured packet
# waits for ARP.
tb_warm() {
	local a b
	for a in $(tb_q '.nodes[] | select(.router == null) | .name'); do
		for b in $(tb_q '.nodes[] | select(.router == null) | .name'); do
			[ "$a" = "$b" ] && continue
			tb_exec "$a" ping -q -c 1 -W 2 "${TB_ADDR[$b]}" \
			    >/dev/null 2>&1
		done
	done
}

# tb_stats FILE: the router's qdiscs and classes with their counters,
# and its routelets, for explaining a phase's numbers afterwards.
tb_stats() {
	local ns ifc
	[ -n "$TB_PFX" ] || return 0
	ns=$(tb_netns "$ROUTER")
	{
		for ifc in $(tb_q ".nodes[] | select(.name == \"$ROUTER\") |
		    .interfaces[].name"); do
			echo "== $ifc"
			tc -n "$ns" -s qdisc show dev "$ifc"
			tc -n "$ns" -s class show dev "$ifc"
		done
		if [ -n "$TB_QPIDS" ]; then
			echo "== routelets"
			"$BIN/quasarctl" -s "$TB_RUN/$ROUTER.sock" routelet list
		fi
	} >"$1" 2>&1
}

# Stop the background programs, then quasard (it destroys its routelets
# on SIGTERM), then the topology; any routelet namespace left by a
# quasard that could not finish goes too.
tb_down() {
	local pid n
	[ -n "$TB_PFX" ] || return 0
	for pid in $TB_PIDS; do
		[[ " $TB_QPIDS " == *" $pid "* ]] || kill -TERM "$pid" 2>/dev/null
	done
	for pid in $TB_PIDS; do
		[[ " $TB_QPIDS " == *" $pid "* ]] || wait "$pid" 2>/dev/null
	done
	for pid in $TB_QPIDS; do
		kill -TERM "$pid" 2>/dev/null
	done
	for pid in $TB_QPIDS; do
		tb_wait_for 30 tb_gone "$pid"
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	"$BIN/quasar-testbed" -p "$TB_PFX" down "$TOPO" >/dev/null 2>&1
	for n in /run/netns/"$TB_PFX"-*-rl-*; do
		[ -e "$n" ] && ip netns del "${n##*/}" 2>/dev/null
	done
	rm -rf /sys/fs/bpf/quasar/"$TB_PFX"-*
	TB_PFX='' TB_PIDS='' TB_QPIDS=''
}
tb_gone() { ! kill -0 "$1" 2>/dev/null; }
