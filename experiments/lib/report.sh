# experiments/lib/report.sh, sourced by experiments/run.sh: one CSV row
# per flow and phase, the tables, the plot.
#
# $RESULTS_CSV columns:
#   experiment,router,phase,flow,kind,lsp,reserved_bps,offered_bps,
#   delivered_bps,sent,received,loss_pct,p50_us,p99_us
# "lsp" is the label the flow's frames left the sender with ("-" for best
# effort, "none" for a QoS flow whose LSP got no Resv); delivered_bps is
# the frames received (duplicates not counted) at the frame size over the
# sender's time, loss_pct what the sender sent and the sink did not count,
# p50/p99 the one-way latency of what arrived ("-" when nothing did).

CSV_HEADER=experiment,router,phase,flow,kind,lsp,reserved_bps,offered_bps,delivered_bps,sent,received,loss_pct,p50_us,p99_us

# report_row PHASE FLOW GEN_JSON_LINE SINK_JSON_FILE
report_row() {
	local phase=$1 f=$2 gen=$3 sink=$4 row lsp
	if ! jq -e . >/dev/null 2>&1 <<<"$gen"; then
		echo "  $MODE/$phase: quasar-gen of $f reported nothing" >&2
		gen='{"sent":0,"bps":0,"size":0,"elapsed_s":1}'
	fi
	lsp=-
	if [ "${F_KIND[$f]}" = qos ] && [ "$MODE" != kernel ]; then
		lsp=$(jq -r '.label // "none"' <<<"$gen")
	fi
	row=$(jq -r --argjson id "${F_ID[$f]}" --argjson g "$gen" '
	    ([.flows[]? | select(.flow == $id)][0] // {}) as $s |
	    (($s.packets // 0) - ($s.duplicates // 0)) as $rx |
	    [ $g.bps, ($rx * $g.size * 8 / $g.elapsed_s), $g.sent, $rx,
	      (if $g.sent > 0 then ([($g.sent - $rx), 0] | max) * 100 / $g.sent
	       else 0 end),
	      ($s.latency_us.p50 // "-"), ($s.latency_us.p99 // "-") ] |
	    map(if type == "number" then (. * 1000 | round / 1000) else . end) |
	    @csv' "$sink" 2>/dev/null) || row='0,0,0,0,100,"-","-"'
	echo "$EXP_NAME,$MODE,$phase,$f,${F_KIND[$f]},$lsp,$(rate_bps \
	    "${F_RESV[$f]}"),${row//\"/}" >>"$RESULTS_CSV"
}

# mode_title MODE: what the router of MODE is, for the tables.
mode_title() {
	case $1 in
	quasar) echo "QuaSAR (quasard, netns routelets, HTB classes)" ;;
	plain)	echo "plain router (quasard, backend none: dom0 swaps every" \
		    "label, one queue per line card)" ;;
	kernel)	echo "plain router (kernel IPv4 forwarding, no quasard)" ;;
	esac
}

# report_table MODE: the rows of MODE from $RESULTS_CSV, phase by phase
# (rates in Mbit/s, latency in ms).
report_table() {
	echo
	echo "$EXP_NAME on the $(mode_title "$1"), ${DURATION} s per phase"
	awk -F, -v mode="$1" '
	NR > 1 && $2 == mode {
		if ($3 != phase) {
			phase = $3
			printf "  phase %s\n", phase
			printf "    %-12s %-4s %6s %9s %9s %9s %8s %9s %9s\n",
			    "flow", "kind", "lsp", "reserved", "offered",
			    "delivered", "loss", "p50", "p99"
		}
		printf "    %-12s %-4s %6s %9s %9.3f %9.3f %7.2f%% %9s %9s\n",
		    $4, $5, $6, ($7 > 0 ? sprintf("%.3f", $7 / 1e6) : "-"),
		    $8 / 1e6, $9 / 1e6, $12, ms($13), ms($14)
	}
	function ms(v) { return v == "-" ? "-" : sprintf("%.3fms", v / 1000) }
	' "$RESULTS_CSV"
}

# report_plot_data: the default plot rows, one per phase and flow present
# on both routers (an experiment may define plot_data instead).
report_plot_data() {
	awk -F, -v a="$1" -v b="$2" '
	NR > 1 {
		k = $3 "/" $4
		if (!(k in seen)) { seen[k] = 1; order[n++] = k }
		res[k] = $7 / 1e6
		del[k, $2] = $9 / 1e6
		p99[k, $2] = $14 == "-" ? "-" : $14 / 1000
	}
	END {
		for (i = 0; i < n; i++) {
			k = order[i]
			printf "%s %.3f %s %s %s %s\n", k, res[k],
			    v(del[k, a]), v(del[k, b]), v(p99[k, a]), v(p99[k, b])
		}
	}
	function v(x) { return x == "" ? "-" : x }
	' "$RESULTS_CSV"
}

# report_plot QUASAR_MODE PLAIN_MODE: plot.dat and plot.png in $OUT_DIR.
report_plot() {
	if declare -F plot_data >/dev/null; then
		plot_data "$1" "$2"
	else
		report_plot_data "$1" "$2"
	fi >"$OUT_DIR/plot.dat"
	if ! command -v gnuplot >/dev/null; then
		echo "no gnuplot (apt-get install gnuplot-nox): no plot" >&2
		return 0
	fi
	gnuplot -e "data='$OUT_DIR/plot.dat'; out='$OUT_DIR/plot.png'; \
	    title='$EXP_NAME: $(date -u +%F\ %T) UTC, $DURATION s per phase'" \
	    "$EXP_ROOT/plot.gp" 2>"$EXP_TMP/gnuplot.err" ||
	    { echo "gnuplot failed: $(cat "$EXP_TMP/gnuplot.err")" >&2; return 1; }
}
