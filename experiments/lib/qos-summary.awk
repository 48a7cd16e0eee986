# experiments/lib/qos-summary.awk: the QoS flows of a results.csv summed
# up per router and phase (experiment 3's table):
#   awk -F, -f qos-summary.awk results.csv
# delivered is per cent of the reservation; p99 in ms.
NR > 1 && $5 == "qos" {
	k = $2 " " $3
	if (!(k in n)) order[m++] = k
	n[k]++; d = $9 / $7; sd[k] += d
	if (!(k in mind) || d < mind[k]) mind[k] = d
	if ($12 > maxl[k]) maxl[k] = $12
	if ($14 != "-") { if ($14 > maxp[k]) maxp[k] = $14; sp[k] += $14; np[k]++ }
}
END {
	printf "  %-7s %-6s %5s %14s %14s %9s %12s %12s\n", "router", "phase",
	    "flows", "mean deliv.%", "worst deliv.%", "worst loss", "mean p99", "worst p99"
	for (i = 0; i < m; i++) {
		k = order[i]; split(k, a, " ")
		printf "  %-7s %-6s %5d %13.2f%% %13.2f%% %8.2f%% %10.3fms %10.3fms\n",
		    a[1], a[2], n[k], 100 * sd[k] / n[k], 100 * mind[k], maxl[k],
		    np[k] ? sp[k] / np[k] / 1000 : 0, maxp[k] / 1000
	}
}
