#!/bin/bash
# Forwarding rate of the data plane (issue 4), in one run, on one veth
# topology in network namespaces bch<pid>-*, at 64 and 1500 bytes:
#
#   sender --s/la--> dom0 --lb/k--> sink          (a), (b)
#                     |  \
#                     v/r  routelet               (c): la -> v -> r,
#                                                  r -> v -> lb -> k
#
#  (a) kernel IPv4 forwarding in dom0 (ip_forward), the baseline;
#  (b) the line-card program's best-effort SWAP in dom0;
#  (c) the line-card program steers to the routelet's vif, quasar-routelet
#      (configured over its socket) swaps, the vif program returns the
#      frame into the flow's HTB class on line card B.
# (b) and (c) are measured with 1 label and again with 10,000 more labels
# installed.  bench-gen sends as fast as it can from the sender (CPU 0);
# bench-sink counts what reaches the sink over BENCH_WINDOW seconds after
# BENCH_WARMUP seconds (CPU 1, with the routelet).  Each figure is the
# best of BENCH_REPS runs, taken interleaved (interference from other
# work only lowers a rate, so the best run is the least disturbed).
# (a0), IPv4 forwarding before dom0 has any program or qdisc, is measured
# first for reference.  See docs/bench.md.
#
# Prints the figures, their ratios to (a) and the targets met or not met;
# exits non-zero only if the set-up or a measurement is broken.
set -u
cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
GEN=$BUILD/bin/bench-gen
SINK=$BUILD/bin/bench-sink
TOOL=$BUILD/bin/quasar-egress
RL=$BUILD/bin/quasar-routelet
REPS=${BENCH_REPS:-7}
WARMUP=${BENCH_WARMUP:-0.3}
WINDOW=${BENCH_WINDOW:-0.7}
CASES=${BENCH_CASES:-a0 a b1 c1 bN cN}
# How bench-sink counts: bpf (a tc program that counts, samples and drops,
# bench-sink -b) or socket (its TPACKET_V3 ring).
SINK_MODE=${BENCH_SINK:-bpf}
NLABELS=10000
SIZES="64 1500"
P=bch$$
NS_S=$P-s NS_D=$P-d NS_R=$P-r NS_K=$P-k
TMP=$(mktemp -d "/tmp/$P.XXXXXX")
RPID= SPID=

cleanup() {
	[ -n "$SPID" ] && kill "$SPID" 2>/dev/null
	[ -n "${TOOLP_PID:-}" ] && kill "$TOOLP_PID" 2>/dev/null
	[ -n "$RPID" ] && kill "$RPID" 2>/dev/null && wait "$RPID" 2>/dev/null
	for ns in "$NS_S" "$NS_D" "$NS_R" "$NS_K"; do
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

broken() {
	echo "FAIL: data-plane bench: $*"
	exit 1
}

case $SINK_MODE in
bpf)	SINK_OPT=(-b) ;;
socket)	SINK_OPT=() ;;
*)	broken "BENCH_SINK is bpf or socket, not $SINK_MODE" ;;
esac
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: data-plane bench (needs root for namespaces and BPF)"
	exit 0
fi
command -v python3 >/dev/null ||
	broken "python3 is needed to configure the routelet over its socket"
for b in "$GEN" "$SINK" "$TOOL" "$RL"; do
	[ -x "$b" ] || broken "$b is not built (make bench)"
done

# Pinning (BENCH_CPUS="GEN SINK ROUTELET", CPU numbers or - for none): by
# default the sender (and the softirq work its sends trigger) on CPU 0,
# the sink and the routelet on CPU 1; nothing pinned on one CPU.
if [ "$(nproc)" -ge 2 ]; then
	read -r PIN_GEN PIN_SINK PIN_RL <<<"${BENCH_CPUS:-0 1 1}"
else
	read -r PIN_GEN PIN_SINK PIN_RL <<<"- - -"
fi
# pin CPU: the taskset words for CPU, none for -.
pin() {
	[ "${1:--}" = - ] || echo "taskset -c $1"
}
CPU_GEN=($(pin "$PIN_GEN")) CPU_SINK=($(pin "$PIN_SINK"))
CPU_RL=($(pin "$PIN_RL"))
PINNING="CPUs: bench-gen ${PIN_GEN:--}, bench-sink ${PIN_SINK:--}, quasar-routelet ${PIN_RL:--}"

MAC_S=02:62:63:00:00:01	MAC_LA=02:62:63:00:00:02
MAC_V=02:62:63:00:00:03	MAC_R=02:62:63:00:00:04
MAC_LB=02:62:63:00:00:05	MAC_K=02:62:63:00:00:06
IP_S=10.201.1.2 IP_K=10.201.2.2

# --- topology ---------------------------------------------------------
for ns in "$NS_S" "$NS_D" "$NS_R" "$NS_K"; do
	ip netns add "$ns" || broken "ip netns add $ns"
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
done
# link NS1 IF1 MAC1 NS2 IF2 MAC2
link() {
	ip link add "$2" netns "$1" address "$3" type veth \
		peer name "$5" netns "$4" address "$6" ||
		broken "veth $2/$5"
	ip -n "$1" link set "$2" up && ip -n "$4" link set "$5" up ||
		broken "link up $2/$5"
}
link "$NS_S" "${P}s" $MAC_S "$NS_D" "${P}la" $MAC_LA
link "$NS_D" "${P}v" $MAC_V "$NS_R" "${P}r" $MAC_R
link "$NS_D" "${P}lb" $MAC_LB "$NS_K" "${P}k" $MAC_K

# (a): dom0 routes 10.201.2.0/24 to the sink, whose MAC it knows.
ip -n "$NS_D" addr add 10.201.1.1/24 dev "${P}la" &&
	ip -n "$NS_D" addr add 10.201.2.1/24 dev "${P}lb" &&
	ip -n "$NS_D" neigh add $IP_K lladdr $MAC_K nud permanent \
		dev "${P}lb" &&
	ip netns exec "$NS_D" sysctl -qw net.ipv4.ip_forward=1 &&
	ip netns exec "$NS_D" sysctl -qw net.ipv4.conf.all.rp_filter=0 &&
	ip netns exec "$NS_D" sysctl -qw \
		"net.ipv4.conf.${P}la.rp_filter=0" ||
	broken "dom0 IPv4 forwarding"
# The sink's kernel drops every frame at tc ingress (classic BPF returning
# TC_ACT_SHOT; bench-sink's socket sees it before), so IPv4 and MPLS cost
# the sink's namespace the same.
ip netns exec "$NS_K" tc qdisc add dev "${P}k" clsact &&
	ip netns exec "$NS_K" tc filter add dev "${P}k" ingress \
		bpf da bytecode "1,6 0 0 2," ||
	broken "drop filter at the sink"

# cpu_busy FILE: each CPU's busy share (user, system, softirq...) since
# the /proc/stat lines in FILE.
cpu_busy() {
	grep '^cpu[0-9]' /proc/stat | paste "$1" - | awk '{
		n = (NF - 2) / 2; idle = 0; all = 0
		for (i = 2; i <= n + 1; i++) {
			d = $(i + n + 1) - $i; all += d
			if (i == 5 || i == 6) idle += d
		}
		printf "%s %.0f%% ", $1, all ? 100 * (all - idle) / all : 0
	}'
}

# --- measurement -------------------------------------------------------
# sink_rx: frames that arrived at the sink's interface so far.
sink_rx() {
	ip netns exec "$NS_K" cat "/sys/class/net/${P}k/statistics/rx_packets"
}

# rl_ticks: the routelet's user and system time so far, in clock ticks.
rl_ticks() {
	awk '{ print $14 + $15 }' "/proc/$RPID/stat"
}

# rl_per_frame TICKS FRAMES: microseconds of CPU per frame.
rl_per_frame() {
	awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" \
		'BEGIN { printf "%.2f", n ? t / hz / n * 1e6 : 0 }'
}

# gen_per_frame: bench-gen's CPU time (from $TMP/gen.cpu) per frame it
# sent (from $TMP/gen.out), in microseconds.
gen_per_frame() {
	awk -v n="$(awk '$1 == "sent" { print $2 }' "$TMP/gen.out")" \
		'{ printf "%.2f", n ? ($1 + $2) / n * 1e6 : 0 }' "$TMP/gen.cpu"
}

# quiet: wait until frames stop arriving at the sink's interface (a case
# can leave frames queued behind it, in the routelet's ring for one), so
# that each run counts and checks only its own.
quiet() {
	local last now
	now=$(sink_rx)
	for _ in $(seq 30); do
		sleep 0.1
		last=$now
		now=$(sink_rx)
		[ "$now" = "$last" ] && return 0
	done
	broken "frames still arriving at the sink 3 s after a run"
}

# run CASE SIZE: one measurement; appends "CASE SIZE PPS" to $TMP/runs.
run() {
	local c=$1 size=$2 gen sink out pps secs rl0= rx0 gen_us rl_us=-
	[[ " $CASES " == *" $c "* ]] || return 0
	quiet
	case $c in
	a|a0)	gen=(-a $IP_S,$IP_K) sink=() ;;
	b1)	gen=(-m 100000) sink=(-m 200000) ;;
	bN)	gen=(-m 100000:$NLABELS) sink=(-m 200000:$NLABELS) ;;
	c1|cN)	gen=(-m 1000) sink=(-m 2000) ;;
	esac
	"${CPU_SINK[@]}" ip netns exec "$NS_K" "$SINK" -i "${P}k" \
		"${SINK_OPT[@]}" "${sink[@]}" -t 63 -d $MAC_K -w "$WARMUP" -T "$WINDOW" \
		>"$TMP/sink.out" 2>&1 &
	SPID=$!
	sleep 0.2
	[ -n "$RPID" ] && rl0=$(rl_ticks)
	rx0=$(sink_rx)
	[ -n "${BENCH_VERBOSE:-}" ] && grep '^cpu[0-9]' /proc/stat >"$TMP/stat0"
	secs=$(awk -v w="$WARMUP" -v t="$WINDOW" 'BEGIN { print w + t + 0.3 }')
	# bash's time: bench-gen's user and system CPU, softirqs it ran
	# included (see docs/bench.md).
	{ TIMEFORMAT="%U %S"; time "${CPU_GEN[@]}" ip netns exec "$NS_S" \
		"$GEN" -i "${P}s" -s $MAC_S -d $MAC_LA -l "$size" -t 64 \
		"${gen[@]}" -T "$secs" >"$TMP/gen.out" 2>&1; } 2>"$TMP/gen.cpu" ||
		broken "bench-gen ($c, $size bytes): $(cat "$TMP/gen.out")"
	wait "$SPID" ||
		broken "bench-sink ($c, $size bytes): $(cat "$TMP/sink.out")"
	SPID=
	out=$(cat "$TMP/sink.out")
	pps=$(awk '{ for (i = 1; i < NF; i++) if ($i == "rx_pps") print $(i + 1) }' \
		<<<"$out")
	[ -n "$pps" ] || broken "bench-sink ($c, $size bytes) said: $out"
	echo "$c $size $pps" >>"$TMP/runs"
	# CPU per frame of each stage: bench-gen's (CPU 0), and for (c) the
	# routelet's (CPU 1).
	gen_us=$(gen_per_frame)
	[[ $c == c* ]] && rl_us=$(rl_per_frame $(($(rl_ticks) - rl0)) \
		$(($(sink_rx) - rx0)))
	echo "$c $size $gen_us $rl_us" >>"$TMP/cpu"
	if [ -n "${BENCH_VERBOSE:-}" ]; then
		echo "  $c $size: sink: $out"
		echo "  $c $size: gen: $(cat "$TMP/gen.out")"
		echo "  $c $size: bench-gen CPU $gen_us us per frame it sent"
		echo "  $c $size: busy (whole machine, during the run):" \
			"$(cpu_busy "$TMP/stat0")"
		[[ $c == c* ]] && echo "  $c $size: quasar-routelet CPU" \
			"$rl_us us per frame that reached the sink"
	fi
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $PINNING;" \
	"sink: $SINK_MODE"
echo "best of $REPS runs, ${WINDOW} s counted after ${WARMUP} s warm-up"
: >"$TMP/runs"
: >"$TMP/cpu"
# (a0) before dom0 has any program or qdisc.
for _ in $(seq "$REPS"); do
	for size in $SIZES; do
		run a0 "$size"
	done
done

# --- dom0's data plane: quasar-egress as a coprocess, private bpffs ----
coproc TOOLP { ip netns exec "$NS_D" sh -c \
	'mount -t bpf bpf /sys/fs/bpf && exec "$0"' "$TOOL" \
	2>"$TMP/egress.log"; }
# tool CMD...: one command; prints its answer, fails unless "ok".
tool() {
	local line
	echo "$*" >&"${TOOLP[1]}"
	if ! read -r -t 20 line <&"${TOOLP[0]}"; then
		echo "no answer to: $*"
		return 1
	fi
	echo "$line"
	[[ $line == ok* ]]
}
step() {
	local out
	out=$(tool "$@") || broken "quasar-egress $*: $out"
	echo "$out"
}
# Line card B at 10 GB/s and the flow at 8 GB/s: HTB is on the path of
# every case but never the limit.
step classes "${P}lb" 10000000000 >/dev/null
flow=$(step flow-add "${P}lb" 8000000000 10000000)
CLASS=${flow#ok }
step dp-open bpf "$P" >/dev/null
step dp-linecard "${P}la" >/dev/null
step dp-vif "${P}v" "${P}lb" "$CLASS" >/dev/null
step dp-steer 1000 "${P}v" >/dev/null
step dp-swap 100000 200000 "${P}lb" $MAC_K >/dev/null

# --- the routelet, configured over its socket --------------------------
"${CPU_RL[@]}" ip netns exec "$NS_R" "$RL" -i "${P}r" \
	-s "$TMP/routelet.sock" -d 2>"$TMP/routelet.log" &
RPID=$!
for _ in $(seq 50); do
	[ -S "$TMP/routelet.sock" ] && break
	sleep 0.1
done
kill -0 "$RPID" 2>/dev/null ||
	broken "quasar-routelet did not start: $(cat "$TMP/routelet.log")"
python3 - "$TMP/routelet.sock" <<EOF || broken "routelet configuration"
import socket, struct, sys
conf = b"""generation 1
in-label 1000
out-label 2000
nexthop-mac $MAC_K
source-mac $MAC_LB
rate 1000000000000
bucket 4000000000
peak inf
min-unit 1
max-size 1500
"""
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(5)
s.connect(sys.argv[1])
s.sendall(struct.pack("!BBHI", 1, 1, 0, len(conf)) + conf)
def recvall(n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            raise EOFError
        b += c
    return b
while True:
    v, t, r, n = struct.unpack("!BBHI", recvall(8))
    text = recvall(n).decode()
    if t in (2, 3):
        break
if t != 2:
    sys.exit("routelet: " + text)
EOF
sleep 0.5
RSS_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$RPID/status")
[ -n "$RSS_KB" ] || broken "no VmRSS for the routelet (pid $RPID)"

for _ in $(seq "$REPS"); do
	for size in $SIZES; do
		for c in a b1 c1; do
			run $c "$size"
		done
	done
done
# 9,999 more best-effort LSPs: labels 100001.. -> 200001.. (10,001 ILM
# entries with the routelet's 1000).
[[ " $CASES " == *" bN "* || " $CASES " == *" cN "* ]] || NLABELS=1
for i in $(seq 1 $((NLABELS - 1))); do
	out=$(tool dp-swap $((100000 + i)) $((200000 + i)) "${P}lb" $MAC_K) ||
		broken "installing label $((100000 + i)): $out"
done
for _ in $(seq "$REPS"); do
	for size in $SIZES; do
		for c in bN cN; do
			run $c "$size"
		done
	done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The report: best runs, every run, ratios, targets.
awk -v rss="$RSS_KB" -v n="$NLABELS" '
function best(k,   i, b) {
	b = 0
	for (i = 1; i <= cnt[k]; i++)
		if (pps[k, i] > b)
			b = pps[k, i]
	return b
}
function all(k,   i, s) {
	s = ""
	for (i = 1; i <= cnt[k]; i++)
		s = s (i > 1 ? " " : "") pps[k, i]
	return s
}
# target WHAT X Y MIN: the ratio X/Y against MIN, or why there is none.
function target(what, x, y, min) {
	if (x == 0 || y == 0)
		printf "  %s >= %.2f: not measured\n", what, min
	else
		printf "  %s >= %.2f: %.3f, %s\n", what, min, x / y,
		    (x / y >= min ? "met" : "NOT MET")
}
{ k = $1 SUBSEP $2; pps[k, ++cnt[k]] = $3 }
END {
	name["a0"] = "(a0) IPv4 forwarding, no demux, no HTB"
	name["a"] = "(a) kernel IPv4 forwarding"
	name["b1"] = "(b) BPF swap, 1 label"
	name["bN"] = "(b) BPF swap, " n " labels"
	name["c1"] = "(c) demux-routelet-egress, 1 label"
	name["cN"] = "(c) demux-routelet-egress, " n " labels"
	n_order = split("a0 a b1 bN c1 cN", order, " ")
	split("64 1500", sizes, " ")
	printf "%-40s %6s %10s %6s  %s\n", "case", "bytes", "pps",
	    "/(a)", "runs"
	for (o = 1; o <= n_order; o++)
		for (s = 1; s <= 2; s++) {
			k = order[o] SUBSEP sizes[s]
			top[order[o], sizes[s]] = best(k)
		}
	for (o = 1; o <= n_order; o++)
		for (s = 1; s <= 2; s++) {
			k = order[o] SUBSEP sizes[s]
			if (cnt[k] == 0)
				continue
			a = top["a", sizes[s]]
			printf "%-40s %6s %10.0f %6s  %s\n", name[order[o]],
			    sizes[s], top[order[o], sizes[s]],
			    a ? sprintf("%.2f", top[order[o], sizes[s]] / a) : "-",
			    all(k)
		}
	print "targets:"
	target("(c)/(a) at 64 bytes", top["c1", 64], top["a", 64], 1.3)
	for (s = 1; s <= 2; s++)
		target("(b) " n " labels / 1 label at " sizes[s] " bytes",
		    top["bN", sizes[s]], top["b1", sizes[s]], 0.95)
	for (s = 1; s <= 2; s++)
		target("(c) " n " labels / 1 label at " sizes[s] " bytes",
		    top["cN", sizes[s]], top["c1", sizes[s]], 0.95)
	printf "  routelet idle RSS <= 4 MiB: %.1f MiB, %s\n", rss / 1024,
	    (rss <= 4096 ? "met" : "NOT MET")
}' "$TMP/runs"
# The two stages' CPU per frame (median of the runs): what sets (c)/(a).
awk '
function median(k,   n, i, j, t, v) {
	n = split(list[k], v, " ")
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) {
			t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
		}
	return n ? v[int((n + 1) / 2)] : "-"
}
{ list[$1 " " $2 " gen"] = list[$1 " " $2 " gen"] " " $3
  if ($4 != "-") list[$1 " " $2 " rl"] = list[$1 " " $2 " rl"] " " $4 }
END {
	print "CPU per frame, median of the runs (us; docs/bench.md):"
	for (s = 1; s <= 2; s++) {
		z = s == 1 ? 64 : 1500
		if (list["a " z " gen"] != "")
			printf "  (a) %4d bytes: bench-gen (everything, CPU 0) %s\n",
			    z, median("a " z " gen")
		if (list["c1 " z " gen"] != "")
			printf "  (c) %4d bytes: bench-gen (CPU 0 stage) %s, " \
			    "quasar-routelet (CPU 1 stage) %s\n", z,
			    median("c1 " z " gen"), median("c1 " z " rl")
		if (list["a " z " gen"] == "" || list["c1 " z " gen"] == "")
			continue
		# An upper bound, not the target figure: (a) takes all of
		# its CPU per frame on one CPU, (c) that of its slower stage,
		# and CPU 1 also runs bench-sink and the work of others.
		a = median("a " z " gen"); g = median("c1 " z " gen")
		r = median("c1 " z " rl"); m = g + 0 > r + 0 ? g : r
		if (m > 0)
			printf "  upper bound of (c)/(a) at %d bytes from these " \
			    "(bench-sink and all else on CPU 1 left out): " \
			    "%.2f\n", z, a / m
	}
}' "$TMP/cpu"
