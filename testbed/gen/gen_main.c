/*
 * bench-gen: send labelled or plain IPv4/UDP frames out of one interface,
 * as fast as possible or at a fixed rate, for a duration; print what was
 * sent.  The sending half of the data-plane benchmark (bench/dataplane.sh).
 *
 *   bench-gen -i IFACE -d DSTMAC -s SRCMAC [-m LABEL[:COUNT]] [-a SRC,DST]
 *             [-l SIZE] [-t TTL] [-r PPS] [-b BATCH] -T SECONDS
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/log.h"
#include "testbed/gen/frame.h"
#include "testbed/gen/tx.h"

static void
usage(void)
{
	fprintf(stderr, "usage: bench-gen -i IFACE -d DSTMAC -s SRCMAC "
	    "[-m LABEL[:COUNT]] [-a SRC,DST]\n"
	    "                 [-l SIZE] [-t TTL] [-r PPS] [-b BATCH] "
	    "-T SECONDS\n");
	exit(2);
}

/* "SRC,DST": two dotted quads. */
static int
parse_addrs(const char *s, struct in_addr *src, struct in_addr *dst)
{
	char buf[2 * INET_ADDRSTRLEN + 1], *comma;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	if ((comma = strchr(buf, ',')) == NULL)
		return -1;
	*comma = '\0';
	return ipv4_pton(buf, src) && ipv4_pton(comma + 1, dst) ? 0 : -1;
}

static int
parse_num(const char *s, double min, double max, double *v)
{
	char *end;

	*v = strtod(s, &end);
	return end != s && *end == '\0' && *v >= min && *v <= max ? 0 : -1;
}

int
main(int argc, char *argv[])
{
	struct gen_frame_spec spec = { .kind = GEN_IPV4, .ttl = 64,
	    .size = 64, .nlabels = 1 };
	struct gen_tx_plan plan = { .batch = 64 };
	struct gen_tx_result res;
	struct gen_tx tx;
	const char *ifname = NULL;
	double v, secs = 0;
	int ch, have_dst = 0, have_src = 0, rc = 1;

	log_init("bench-gen", LOG_LVL_WARN, false);
	ipv4_pton("10.0.0.1", &spec.ip_src);
	ipv4_pton("10.0.0.2", &spec.ip_dst);
	while ((ch = getopt(argc, argv, "a:b:d:i:l:m:r:s:t:T:")) != -1) {
		switch (ch) {
		case 'a':
			if (parse_addrs(optarg, &spec.ip_src, &spec.ip_dst) < 0)
				usage();
			break;
		case 'b':
			if (parse_num(optarg, 1, GEN_TX_BATCH_MAX, &v) < 0)
				usage();
			plan.batch = (unsigned)v;
			break;
		case 'd':
			if (!mac_parse(optarg, spec.dst))
				usage();
			have_dst = 1;
			break;
		case 'i':
			ifname = optarg;
			break;
		case 'l':
			if (parse_num(optarg, GEN_FRAME_MIN, GEN_FRAME_MAX,
			    &v) < 0)
				usage();
			spec.size = (size_t)v;
			break;
		case 'm':
			if (gen_parse_labels(optarg, &spec.label,
			    &spec.nlabels) < 0)
				usage();
			spec.kind = GEN_MPLS;
			break;
		case 'r':
			if (parse_num(optarg, 0, 1e9, &v) < 0)
				usage();
			plan.rate = (uint64_t)v;
			break;
		case 's':
			if (!mac_parse(optarg, spec.src))
				usage();
			have_src = 1;
			break;
		case 't':
			if (parse_num(optarg, 1, 255, &v) < 0)
				usage();
			spec.ttl = (uint8_t)v;
			break;
		case 'T':
			if (parse_num(optarg, 0.001, 3600, &secs) < 0)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind != argc || ifname == NULL || !have_dst || !have_src ||
	    secs == 0)
		usage();
	plan.duration_ns = (uint64_t)(secs * 1e9);

	if (gen_tx_open(&tx, ifname, &spec) < 0)
		return 1;
	if (gen_tx_run(&tx, &plan, &res) < 0)
		goto out;
	printf("sent %llu frames of %zu bytes in %.3f s: %.0f pps, "
	    "%llu refused\n", (unsigned long long)res.sent, spec.size,
	    res.elapsed_ns / 1e9, res.sent / (res.elapsed_ns / 1e9),
	    (unsigned long long)res.refused);
	rc = 0;
out:
	gen_tx_close(&tx);
	return rc;
}
