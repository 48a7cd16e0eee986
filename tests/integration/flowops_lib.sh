# Helpers of qos_rehome.sh, qos_restart.sh and qos_ctl.sh (sourced after
# lib/topo.sh, not run by itself): R1 runs quasard with the netns backend,
# R2 best effort, flows go A -> R1 -> R2 -> B.  fo_conf_r1 [lines] writes
# R1's config; fo_flow starts a 2 Mbit/s Controlled-Load reservation
# (receiver on B labels 3333) and sets L1 to R1's in label; assigned lists
# R1's routelets that have a CPU cap (a flow), rl_pid RL the pid of one;
# fo_traffic PPS SECONDS starts quasar-gen on A with sequence numbers and
# quasar-sink on B (report in $TOPO_DIR/sink.json).

for b in quasar-rsvp quasar-routelet quasar-gen quasar-sink; do
	if [ ! -x "$BIN/$b" ]; then
		echo "FAIL: $BIN/$b not built"
		exit 1
	fi
done
Q=$BIN/quasar-rsvp
ROUTELET=$(realpath "$BIN/quasar-routelet")
R1I=${P}R1			# R1's data plane instance
NSP=$R1I-rl-			# its routelets' namespaces
CGP=quasar-$R1I			# and cgroups, $CGP/rl<n>

# cgroupfs, v1 or v2, found as the backend finds it
if awk '$3 == "cgroup" && $4 ~ /(^|,)cpu(,|$)/ { f = 1 } END { exit !f }' \
    /proc/mounts; then
	CG_CPU=$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpu(,|$)/ { print $2; exit }' /proc/mounts)
	capped() { local q; q=$(cat "$CG_CPU/$CGP/$1/cpu.cfs_quota_us" 2>/dev/null) &&
		[ "$q" != -1 ]; }
else
	CG_CPU=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	capped() { local q; q=$(cat "$CG_CPU/$CGP/$1/cpu.max" 2>/dev/null) &&
		[ "${q%% *}" != max ]; }
fi

fo_conf_r1() {
	cat >"$TOPO_DIR/R1.conf" <<CONF
router-id ${ROUTER_ID[R1]}
interface r1-a rate 100mbit
interface r1-r2 rate 20mbit
dataplane bpf
dataplane-instance $R1I
control-socket $TOPO_DIR/R1.sock
state-dir $TOPO_DIR/R1
log-level debug
refresh-interval 1s
label-range 1000 1999
backend netns
cpu-budget 1
dom0-reserve 0
memory-budget 1g
pkt-cost-ns 2000
routelet $ROUTELET
CONF
	printf '%s\n' "$@" >>"$TOPO_DIR/R1.conf"
}

# Routelets of R1 holding a flow (a CPU cap), by dom0 name.
assigned() {
	local d
	for d in "$CG_CPU/$CGP"/rl*; do
		[ -d "$d" ] && capped "${d##*/}" && echo "${d##*/}"
	done
}
idle_count() {
	local n=0 d
	for d in "$CG_CPU/$CGP"/rl*; do
		[ -d "$d" ] && ! capped "${d##*/}" && n=$((n + 1))
	done
	echo $n
}
rl_pid() { head -1 "$CG_CPU/$CGP/$1/cgroup.procs" 2>/dev/null; }
mac() { on "$1" ip -br link show dev "$2" | awk '{print $3}'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# jwait FILE JQ-FILTER [TENTHS]: until a JSON line of FILE matches.
jwait() {
	local i
	for ((i = 0; i < ${3:-50}; i++)); do
		jq -e -s "any(.[]; $2)" "$1" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

# A 2 Mbit/s Controlled-Load reservation A -> B; 0 when R1's LSP is up,
# with its in label in L1.
fo_flow() {
	spawn B "$TOPO_DIR/recv" "$Q" recv --label 3333 --reserve 2mbit \
	    --refresh 1 -j
	listening "$TOPO_DIR/recv" || return 1
	spawn A "$TOPO_DIR/send" "$Q" send 10.0.2.2 --tunnel-id 11 \
	    --rate 8mbit --burst 10k --name rehome --refresh 1 -j
	SEND=$BG_PID
	jwait "$TOPO_DIR/send" '.event == "resv"' 100 || return 1
	wait_for 5 sh -c "[ \"\$($BIN/quasarctl -s $TOPO_DIR/R1.sock -j \
	    lsp list | jq -r '.[0].state')\" = up ]" || return 1
	L1=$(ctl R1 lsp list | jq '.[0].in_label')
	[ -n "$L1" ] && [ "$L1" != null ]
}

# fo_traffic PPS SECONDS: labelled frames A -> R1 with sequence numbers,
# counted at B after R2's swap to 3333 (the sink runs 2 s longer).
fo_traffic() {
	spawn B "$TOPO_DIR/sink.log" "$BIN/quasar-sink" -i b-r2 \
	    --label 3333 -T $(($2 + 2)) -j "$TOPO_DIR/sink.json" -q
	SINK=$BG_PID
	sleep 0.5
	spawn A "$TOPO_DIR/gen.log" "$BIN/quasar-gen" -i a-r1 \
	    --dst-mac "$(mac R1 r1-a)" --src-mac "$(mac A a-r1)" \
	    --dst 10.0.2.2 --label "$L1" -r "$1" -T "$2" -s 128 -j
	GEN=$BG_PID
}

# What R1's routelets leave when quasard keeps them at exit (on-exit
# keep) and the test ends early: processes, namespaces, cgroups.
fo_cleanup() {
	local m d n
	for m in $(awk '$3 == "cgroup" || $3 == "cgroup2" { print $2 }' \
	    /proc/mounts); do
		for d in "$m/$CGP"/*/; do
			[ -f "$d/cgroup.procs" ] || continue
			xargs -r kill -KILL <"$d/cgroup.procs" 2>/dev/null
		done
	done
	for n in $(ip netns list | awk -v p="^$NSP" '$1 ~ p { print $1 }'); do
		ip netns del "$n" 2>/dev/null
	done
	sleep 0.2
	for m in $(awk '$3 == "cgroup" || $3 == "cgroup2" { print $2 }' \
	    /proc/mounts); do
		[ -d "$m/$CGP" ] || continue
		rmdir "$m/$CGP"/*/ "$m/$CGP" 2>/dev/null
	done
}

# sink FIELD: the first flow's FIELD in the sink's report.
sink() { jq ".flows[0].$1 // 0" "$TOPO_DIR/sink.json"; }
