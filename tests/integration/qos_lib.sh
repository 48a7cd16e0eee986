# Helpers of the QoS flow tests (qos_*.sh; sourced after lib/topo.sh, not
# run by itself): R1 runs quasard with the netns backend, R2 best effort,
# the flows go A -> R1 -> R2 -> B.  qos_conf_r1 [extra lines] writes R1's
# config; qos_expect_quota RATE BUCKET MINUNIT gives the CPU quota (us per
# 100 ms) rs_need_compute() makes of a Controlled-Load FLOWSPEC at
# pkt-cost-ns $PKT_COST (docs/admission.md); assigned, flow_classes,
# ilm_entries, idle_rls count what R1 holds; quota/mem RL read one
# routelet's cgroup.

for b in quasar-rsvp quasar-routelet bench-gen; do
	if [ ! -x "$BIN/$b" ]; then
		echo "FAIL: $BIN/$b not built"
		exit 1
	fi
done
if ! command -v bpftool >/dev/null; then
	echo "SKIP: $TOPO_WHAT (needs bpftool to read the ILM map)"
	exit 0
fi
Q=$BIN/quasar-rsvp
ROUTELET=$(realpath "$BIN/quasar-routelet")
R1I=${P}R1			# R1's data plane instance
NSP=$R1I-rl-			# its routelets' namespaces
CGP=quasar-$R1I			# and cgroups, $CGP/rl<n>
ILM_MAP=/sys/fs/bpf/quasar/$R1I/dp_ilm
# The per-packet cost the config fixes, so that the quotas are known (the
# model's default; a calibrated box would have its own).
PKT_COST=${QOS_PKT_COST:-3000}

# cgroupfs files, v1 or v2, from the mount table as the backend reads it
if awk '$3 == "cgroup" && $4 ~ /(^|,)cpu(,|$)/ { f = 1 } END { exit !f }' \
    /proc/mounts; then
	CG_CPU=$(awk '$3 == "cgroup" && $4 ~ /(^|,)cpu(,|$)/ { print $2; exit }' /proc/mounts)
	CG_MEM=$(awk '$3 == "cgroup" && $4 ~ /(^|,)memory(,|$)/ { print $2; exit }' /proc/mounts)
	quota() { local q; q=$(cat "$CG_CPU/$CGP/$1/cpu.cfs_quota_us" 2>/dev/null) &&
		[ "$q" != -1 ] && echo "$q"; }
	mem() { cat "$CG_MEM/$CGP/$1/memory.limit_in_bytes" 2>/dev/null; }
else
	CG_CPU=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	CG_MEM=$CG_CPU
	quota() { local q; q=$(cat "$CG_CPU/$CGP/$1/cpu.max" 2>/dev/null) &&
		[ "${q%% *}" != max ] && echo "${q%% *}"; }
	mem() { cat "$CG_MEM/$CGP/$1/memory.max" 2>/dev/null; }
fi

qos_conf_r1() {
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
pkt-cost-ns $PKT_COST
routelet $ROUTELET
CONF
	printf '%s\n' "$@" >>"$TOPO_DIR/R1.conf"
}

# The quota of docs/admission.md: pps = (b + r T) / (max(m, 64) T) with T
# the 100 ms period, cpu = (0.01 + pps * cost) * 1.25 (a fixed 1% of a
# core for the routelet's wake-ups), quota = ceil(cpu * T), at least
# 1000 us.  RATE in bits/s, BUCKET and MINUNIT in bytes.
qos_expect_quota() {
	python3 -c "
import math, struct
f = lambda x: struct.unpack('f', struct.pack('f', x))[0]
r, b, m = f($1 / 8.0), f($2), max($3, 64)
pps = (b + r * 0.1) / (m * 0.1)
q = (0.01 + pps * $PKT_COST / 1e9) * 1.25 * 100000
q = math.ceil(q - q * 1e-9)
print(max(q, 1000))"
}

# Routelets of R1 with a CPU cap (assigned to a flow), by dom0 name.
assigned() {
	local d
	for d in "$CG_CPU/$CGP"/rl*; do
		[ -d "$d" ] && quota "${d##*/}" >/dev/null && echo "${d##*/}"
	done
}
idle_rls() {
	local n=0 d
	for d in "$CG_CPU/$CGP"/rl*; do
		[ -d "$d" ] && ! quota "${d##*/}" >/dev/null && n=$((n + 1))
	done
	echo $n
}
flow_classes() {
	on R1 tc class show dev r1-r2 | awk '$3 ~ /^1:/ && $3 != "1:1" &&
	    $3 != "1:2" && $3 != "1:3" { n++ } END { print n + 0 }'
}
ilm_entries() { bpftool -j map dump pinned "$ILM_MAP" | jq length; }

# jwait FILE JQ-FILTER [TENTHS]: until a JSON line of FILE matches.
jwait() {
	local i
	for ((i = 0; i < ${3:-50}; i++)); do
		jq -e -s "any(.[]; $2)" "$1" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}
mac() { on "$1" ip -br link show dev "$2" | awk '{print $3}'; }

# count_label NODE IFACE LABEL TTL OUT: in the background, count the MPLS
# frames with LABEL and TTL arriving on IFACE until 1.5 s pass without
# one (or 30 s in all); "N OTHER" into OUT (OTHER: MPLS frames with
# another label or TTL).  count_ipv4 NODE IFACE SRC TTL OUT does the same
# for IPv4/UDP frames from SRC (OTHER: those with another TTL).  bench-sink
# measures rates; these count all.
count_label() { count_frames "$1" "$2" mpls "$3" "$4" "$5"; }
count_ipv4() { count_frames "$1" "$2" ipv4 "$3" "$4" "$5"; }
count_frames() {
	on "$1" python3 - "$2" "$3" "$4" "$5" "$6" <<'PY' &
import ipaddress, socket, struct, sys, time
ifname, kind, what, ttl, out = sys.argv[1:6]
mpls = kind == "mpls"
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                  socket.htons(0x8847 if mpls else 0x0800))
s.bind((ifname, 0))
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
ttl = int(ttl)
src = b"" if mpls else ipaddress.IPv4Address(what).packed
n = other = 0
end = time.time() + 30
s.settimeout(10)
while time.time() < end:
    try:
        f = s.recv(2048)
    except socket.timeout:
        break
    if mpls:
        if len(f) < 18 or f[12:14] != b"\x88\x47":
            continue
        lse = struct.unpack("!I", f[14:18])[0]
        ok = lse >> 12 == int(what) and lse & 0xff == ttl
    else:
        if len(f) < 34 or f[23] != 17 or f[26:30] != src:
            continue
        ok = f[22] == ttl
    if ok:
        n += 1
    else:
        other += 1
    s.settimeout(1.5)
open(out, "w").write("%d %d\n" % (n, other))
PY
	BG_PID=$!
	TOPO_PIDS="$TOPO_PIDS $!"
}
lsp_r1() { ctl R1 "lsp list" | jq -c "$1"; }

# What a routelet of R1 may leave if the test dies half-way (a quasard
# killed, or one that keeps its flows at exit): processes, namespaces,
# cgroups.  Then the topology goes as lib/topo.sh takes it down.
qos_cleanup() {
	local n d
	for n in $(ip netns list | awk -v p="$NSP" 'index($1, p) == 1 { print $1 }'); do
		ip netns pids "$n" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$n" 2>/dev/null
	done
	for d in "$CG_CPU/$CGP" "$CG_MEM/$CGP"; do
		[ -d "$d" ] || continue
		cat "$d"/*/cgroup.procs 2>/dev/null | xargs -r kill -9 2>/dev/null
		sleep 0.1
		rmdir "$d"/* "$d" 2>/dev/null
	done
	rm -f /run/quasar/"$NSP"*.sock
}
trap 'qos_cleanup; topo_down' EXIT
