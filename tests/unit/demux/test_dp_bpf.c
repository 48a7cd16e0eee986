/*
 * dp_bpf end to end: the API on veth pairs in a private network namespace
 * (interface names start with "dmx"), frames sent and received through
 * AF_PACKET sockets.
 *
 *   dmxup -- dmxlc [line card]      [vif] dmxvif -- dmxrt (routelet)
 *                   [out line card] dmxout -- dmxdn
 */
#include <arpa/inet.h>

#include <sys/mount.h>
#include <sys/statfs.h>

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "lib/mpls.h"
#include "demux/dp_bpf.h"
#include "demux/veth_peer.h"
#include "harness.h"
#include "veth.h"
#include "suites.h"

#define ETH_P_ALL_	0x0003
#define WAIT_MS		1000
#define ABSENT_MS	200

static const char *const PAIRS[] = { "dmxup", "dmxlc", "dmxvif", "dmxrt",
    "dmxout", "dmxdn", NULL };

static struct dp *dp;
static char pin_dir[128];
static uint32_t lc, vif, out;
static int up_fd, rt_fd, dn_fd;
static uint8_t frame[128], got[2048];
static size_t frame_len;

static void
open_dp(void)
{
	struct dp_params p = { .backend = DP_BACKEND_BPF, .instance = "dmx",
	    .pin_dir = pin_dir };

	ck_assert_int_eq(dp_open(&p, &dp), 0);
}

static void
setup(void)
{
	snprintf(pin_dir, sizeof(pin_dir), "%s/dmx-e2e-%d", DP_PIN_ROOT,
	    (int)getpid());
	veth_netns(PAIRS);
	lc = veth_ifindex("dmxlc");
	vif = veth_ifindex("dmxvif");
	out = veth_ifindex("dmxout");
	up_fd = pkt_open("dmxup", ETH_P_ALL_);
	rt_fd = pkt_open("dmxrt", ETH_P_ALL_);
	dn_fd = pkt_open("dmxdn", ETH_P_ALL_);
	open_dp();
}

static void
teardown(void)
{
	dp_close(dp, DP_CLOSE_TEARDOWN);
	close(up_fd);
	close(rt_fd);
	close(dn_fd);
}

static void
mpls_frame(uint32_t label, uint8_t ttl)
{
	struct writer w;

	w_init(&w, frame, sizeof(frame));
	put_eth(&w, MAC_B, MAC_A, 0, ETH_P_MPLS_UC_);
	put_lse(&w, label, 0, 1, ttl);
	put_ipv4(&w, 0, 64, 17, 0x0a000001, 0x0a000002, 26);
	put_ports(&w, 1, 2, 26);
	ck_assert(w_ok(&w));
	frame_len = w.len;
}

static bool
filter_on(uint32_t ifindex, bool ingress)
{
	DECLARE_LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = (int)ifindex,
	    .attach_point = ingress ? BPF_TC_INGRESS : BPF_TC_EGRESS);
	DECLARE_LIBBPF_OPTS(bpf_tc_opts, opts, .handle = DPB_TC_HANDLE,
	    .priority = DPB_TC_PRIO);

	return bpf_tc_query(&hook, &opts) == 0;
}

static void
set_routelet(uint32_t label)
{
	struct dp_ilm e = { .in_label = label, .action = DP_ILM_ROUTELET,
	    .vif_ifindex = vif };

	ck_assert_int_eq(dp_ilm_set(dp, &e), 0);
}

static uint32_t
got_lse(void)
{
	return (uint32_t)got[14] << 24 | (uint32_t)got[15] << 16 |
	    (uint32_t)got[16] << 8 | got[17];
}

START_TEST(steer_return_swap_drop)
{
	struct dp_vif v = { .vif_ifindex = vif, .out_ifindex = out,
	    .priority = 0x10002 };
	struct dp_ilm swap = { .in_label = 101, .action = DP_ILM_SWAP,
	    .out_label = 201, .out_ifindex = out };
	struct dp_counters c;
	uint64_t nent[DP_R_MAX];
	size_t n;

	ck_assert_int_eq(dp_linecard_attach(dp, lc), 0);
	ck_assert_int_eq(dp_vif_attach(dp, &v), 0);
	ck_assert(filter_on(lc, true));
	ck_assert(filter_on(vif, true));
	set_routelet(100);
	memcpy(swap.dst_mac, MAC_C, 6);
	memcpy(swap.src_mac, MAC_D, 6);
	ck_assert_int_eq(dp_ilm_set(dp, &swap), 0);

	/* Line card -> routelet, unchanged. */
	mpls_frame(100, 64);
	pkt_send(up_fd, "dmxup", frame, frame_len, ETH_P_MPLS_UC_);
	n = pkt_recv(rt_fd, ETH_P_MPLS_UC_, got, sizeof(got), WAIT_MS);
	ck_assert_uint_eq(n, frame_len);
	ck_assert_mem_eq(got, frame, frame_len);
	ck_assert_int_eq(dp_ilm_counters(dp, 100, &c), 0);
	ck_assert_uint_eq(c.packets, 1);

	/* Routelet -> its line card, into the flow's HTB class 1:2. */
	sh("tc qdisc add dev dmxout root handle 1: htb default 1 && "
	    "tc class add dev dmxout parent 1: classid 1:1 htb rate 10mbit && "
	    "tc class add dev dmxout parent 1: classid 1:2 htb rate 10mbit");
	mpls_frame(300, 63);
	pkt_send(rt_fd, "dmxrt", frame, frame_len, ETH_P_MPLS_UC_);
	n = pkt_recv(dn_fd, ETH_P_MPLS_UC_, got, sizeof(got), WAIT_MS);
	ck_assert_uint_eq(n, frame_len);
	ck_assert_mem_eq(got, frame, frame_len);
	ck_assert_int_eq(dp_vif_counters(dp, vif, &c), 0);
	ck_assert_uint_eq(c.packets, 1);
	ck_assert_uint_eq(htb_class_packets("dmxout", "1:2"), 1);

	/* dom0's own swap. */
	mpls_frame(101, 64);
	pkt_send(up_fd, "dmxup", frame, frame_len, ETH_P_MPLS_UC_);
	n = pkt_recv(dn_fd, ETH_P_MPLS_UC_, got, sizeof(got), WAIT_MS);
	ck_assert_uint_eq(n, frame_len);
	ck_assert_mem_eq(got, MAC_C, 6);
	ck_assert_mem_eq(got + 6, MAC_D, 6);
	ck_assert_uint_eq(got_lse(), mpls_lse_make(201, 0, 1, 63));

	/* No entry: dropped and counted. */
	ck_assert_int_eq(dp_reason_counters(dp, nent), 0);
	mpls_frame(555, 64);
	pkt_send(up_fd, "dmxup", frame, frame_len, ETH_P_MPLS_UC_);
	ck_assert_uint_eq(pkt_recv(rt_fd, ETH_P_MPLS_UC_, got, sizeof(got),
	    ABSENT_MS), 0);
	ck_assert_uint_eq(pkt_recv(dn_fd, ETH_P_MPLS_UC_, got, sizeof(got),
	    ABSENT_MS), 0);
	{
		uint64_t after[DP_R_MAX];

		ck_assert_int_eq(dp_reason_counters(dp, after), 0);
		ck_assert_uint_eq(after[DP_R_NO_ENTRY],
		    nent[DP_R_NO_ENTRY] + 1);
	}
}
END_TEST

START_TEST(ftn_push_then_steer)
{
	struct dp_ftn f = { .dst = htonl(0x0a000000), .plen = 8, .proto = 17,
	    .port_min = 2, .port_max = 2, .label = 100 };
	uint32_t up = veth_ifindex("dmxup");
	struct writer w;
	size_t n;

	ck_assert_int_eq(dp_linecard_attach(dp, lc), 0);
	ck_assert_int_eq(dp_ftn_attach(dp, up), 0);
	ck_assert(filter_on(up, false));
	set_routelet(100);
	ck_assert_int_eq(dp_ftn_set(dp, &f), 0);
	w_init(&w, frame, sizeof(frame));
	put_eth(&w, MAC_B, MAC_A, 0, 0x0800);
	put_ipv4(&w, 0, 64, 17, 0x0b000001, 0x0a000002, 26);
	put_ports(&w, 1, 2, 26);
	ck_assert(w_ok(&w));
	pkt_send(up_fd, "dmxup", frame, w.len, 0x0800);
	n = pkt_recv(rt_fd, ETH_P_MPLS_UC_, got, sizeof(got), WAIT_MS);
	ck_assert_uint_eq(n, w.len + 4);
	ck_assert_uint_eq(got_lse(), mpls_lse_make(100, 0, 1, 64));
	ck_assert_mem_eq(got + 18, frame + 14, w.len - 14);
	ck_assert_int_eq(dp_ftn_detach(dp, up), 0);
	ck_assert(!filter_on(up, false));
}
END_TEST

START_TEST(keep_reopen_detach_teardown)
{
	struct dp_counters c;

	ck_assert_int_eq(dp_linecard_attach(dp, lc), 0);
	set_routelet(100);
	mpls_frame(100, 64);
	pkt_send(up_fd, "dmxup", frame, frame_len, ETH_P_MPLS_UC_);
	ck_assert_uint_eq(pkt_recv(rt_fd, ETH_P_MPLS_UC_, got, sizeof(got),
	    WAIT_MS), frame_len);

	/* Closed with "keep": the box forwards on without us. */
	dp_close(dp, DP_CLOSE_KEEP);
	dp = NULL;
	ck_assert_int_eq(access(pin_dir, F_OK), 0);
	ck_assert(filter_on(lc, true));
	pkt_send(up_fd, "dmxup", frame, frame_len, ETH_P_MPLS_UC_);
	ck_assert_uint_eq(pkt_recv(rt_fd, ETH_P_MPLS_UC_, got, sizeof(got),
	    WAIT_MS), frame_len);

	/* Re-open: the entry and its counters are still there. */
	open_dp();
	ck_assert_int_eq(dp_ilm_counters(dp, 100, &c), 0);
	ck_assert_uint_eq(c.packets, 2);
	ck_assert_int_eq(dp_linecard_detach(dp, lc), 0);
	ck_assert(!filter_on(lc, true));
	ck_assert_int_eq(dp_linecard_detach(dp, lc), -ENOENT);
	pkt_send(up_fd, "dmxup", frame, frame_len, ETH_P_MPLS_UC_);
	ck_assert_uint_eq(pkt_recv(rt_fd, ETH_P_MPLS_UC_, got, sizeof(got),
	    ABSENT_MS), 0);

	/* Teardown takes off what the record names, and the pins. */
	ck_assert_int_eq(dp_linecard_attach(dp, lc), 0);
	dp_close(dp, DP_CLOSE_TEARDOWN);
	ck_assert(!filter_on(lc, true));
	ck_assert_int_eq(access(pin_dir, F_OK), -1);
	open_dp();
	ck_assert_int_eq(dp_ilm_counters(dp, 100, &c), -ENOENT);
}
END_TEST

START_TEST(failed_attach_leaves_nothing)
{
	struct dp_vif v = { .vif_ifindex = lc, .out_ifindex = out };
	struct dp_vif gone = { .vif_ifindex = 9999, .out_ifindex = out };
	struct dp_counters c;

	ck_assert_int_eq(dp_linecard_attach(dp, lc), 0);
	/* One ingress hook: a line card cannot also be a vif. */
	ck_assert_int_eq(dp_vif_attach(dp, &v), -EBUSY);
	ck_assert_int_eq(dp_vif_counters(dp, lc, &c), -ENOENT);
	ck_assert_int_lt(dp_vif_attach(dp, &gone), 0);
	ck_assert_int_eq(dp_vif_counters(dp, 9999, &c), -ENOENT);
	ck_assert_int_lt(dp_linecard_attach(dp, 9999), 0);
	ck_assert_int_eq(dp_linecard_detach(dp, 9999), -ENOENT);
	ck_assert(filter_on(lc, true));
}
END_TEST

/*
 * A tagged frame on a real link: the kernel moves the tag to
 * skb->vlan_tci before tc sees it (unlike BPF_PROG_TEST_RUN, where it
 * stays in the data).  Swapped and popped frames leave untagged.
 */
START_TEST(vlan_tag_from_the_wire)
{
	struct dp_ilm swap = { .in_label = 101, .action = DP_ILM_SWAP,
	    .out_label = 201, .out_ifindex = out };
	struct dp_ilm pop = { .in_label = 102, .action = DP_ILM_POP,
	    .out_ifindex = out };
	struct writer w;
	size_t n, len;

	ck_assert_int_eq(dp_linecard_attach(dp, lc), 0);
	memcpy(swap.dst_mac, MAC_C, 6);
	memcpy(swap.src_mac, MAC_D, 6);
	memcpy(pop.dst_mac, MAC_C, 6);
	memcpy(pop.src_mac, MAC_D, 6);
	ck_assert_int_eq(dp_ilm_set(dp, &swap), 0);
	ck_assert_int_eq(dp_ilm_set(dp, &pop), 0);

	w_init(&w, frame, sizeof(frame));
	put_eth(&w, MAC_B, MAC_A, 7, ETH_P_MPLS_UC_);
	put_lse(&w, 101, 0, 1, 64);
	put_ipv4(&w, 0, 64, 17, 0x0a000001, 0x0a000002, 26);
	put_ports(&w, 1, 2, 26);
	ck_assert(w_ok(&w));
	len = w.len;
	pkt_send(up_fd, "dmxup", frame, len, 0x8100);
	n = pkt_recv(dn_fd, ETH_P_MPLS_UC_, got, sizeof(got), WAIT_MS);
	ck_assert_uint_eq(n, len - 4);
	ck_assert_uint_eq(got_lse(), mpls_lse_make(201, 0, 1, 63));

	w_init(&w, frame, sizeof(frame));
	put_eth(&w, MAC_B, MAC_A, 7, ETH_P_MPLS_UC_);
	put_lse(&w, 102, 0, 1, 64);
	put_ipv4(&w, 0, 64, 17, 0x0a000001, 0x0a000002, 26);
	put_ports(&w, 1, 2, 26);
	pkt_send(up_fd, "dmxup", frame, len, 0x8100);
	n = pkt_recv(dn_fd, 0x0800, got, sizeof(got), WAIT_MS);
	ck_assert_uint_eq(n, len - 8);
	ck_assert_mem_eq(got, MAC_C, 6);
	ck_assert_uint_eq(got[14 + 8], 63);
}
END_TEST

/*
 * The exception path: what the line card program lets up the stack
 * reaches a control plane socket for ETH_P_MPLS_UC on the line card; what
 * it drops or steers does not.
 */
START_TEST(exceptions_reach_control_socket)
{
	uint8_t ra[128];
	size_t ra_len, n;
	struct writer w;
	int cp;

	ck_assert_int_eq(dp_linecard_attach(dp, lc), 0);
	set_routelet(100);
	cp = pkt_open("dmxlc", ETH_P_MPLS_UC_);
	w_init(&w, ra, sizeof(ra));
	put_eth(&w, MAC_B, MAC_A, 0, ETH_P_MPLS_UC_);
	put_lse(&w, MPLS_LABEL_ROUTER_ALERT, 0, 0, 64);
	put_lse(&w, 100, 0, 1, 64);
	w_zero(&w, 42);
	ck_assert(w_ok(&w));
	ra_len = w.len;

	mpls_frame(555, 64);		/* no entry: dropped */
	pkt_send(up_fd, "dmxup", frame, frame_len, ETH_P_MPLS_UC_);
	mpls_frame(100, 64);		/* steered to the routelet */
	pkt_send(up_fd, "dmxup", frame, frame_len, ETH_P_MPLS_UC_);
	pkt_send(up_fd, "dmxup", ra, ra_len, ETH_P_MPLS_UC_);
	n = pkt_recv(cp, ETH_P_MPLS_UC_, got, sizeof(got), WAIT_MS);
	ck_assert_uint_eq(n, ra_len);
	ck_assert_mem_eq(got, ra, ra_len);

	mpls_frame(100, 1);		/* TTL expires here */
	pkt_send(up_fd, "dmxup", frame, frame_len, ETH_P_MPLS_UC_);
	n = pkt_recv(cp, ETH_P_MPLS_UC_, got, sizeof(got), WAIT_MS);
	ck_assert_uint_eq(n, frame_len);
	ck_assert_mem_eq(got, frame, frame_len);
	ck_assert_uint_eq(pkt_recv(cp, ETH_P_MPLS_UC_, got, sizeof(got),
	    ABSENT_MS), 0);
	close(cp);
}
END_TEST

/* Filters that vanished under us (qdisc or interface gone) detach fine. */
START_TEST(detach_after_filters_vanished)
{
	uint32_t up = veth_ifindex("dmxup");

	ck_assert_int_eq(dp_linecard_attach(dp, lc), 0);
	ck_assert_int_eq(dp_ftn_attach(dp, up), 0);
	sh("tc qdisc del dev dmxlc clsact");
	ck_assert_int_eq(dp_linecard_detach(dp, lc), 0);
	ck_assert_int_eq(dp_linecard_detach(dp, lc), -ENOENT);
	sh("ip link del dmxup");
	ck_assert_int_eq(dp_ftn_detach(dp, up), 0);
}
END_TEST

/*
 * No bpffs on /sys/fs/bpf: dp_open mounts one.  Done in a mount namespace
 * of the test's own, so the machine's bpffs is not touched.
 */
START_TEST(mounts_bpffs_when_missing)
{
	struct dp_params p = { .backend = DP_BACKEND_BPF, .instance = "dmx",
	    .pin_dir = pin_dir };
	struct statfs st;

	snprintf(pin_dir, sizeof(pin_dir), "%s/dmx-mnt-%d", DP_PIN_ROOT,
	    (int)getpid());
	ck_assert_int_eq(unshare(CLONE_NEWNS), 0);
	ck_assert_int_eq(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), 0);
	ck_assert_int_eq(umount2("/sys/fs/bpf", MNT_DETACH), 0);
	ck_assert_int_eq(statfs("/sys/fs/bpf", &st), 0);
	ck_assert_uint_ne((unsigned long)st.f_type, 0xcafe4a11ul);
	ck_assert_int_eq(dp_open(&p, &dp), 0);
	ck_assert_int_eq(statfs("/sys/fs/bpf", &st), 0);
	ck_assert_uint_eq((unsigned long)st.f_type, 0xcafe4a11ul);
	ck_assert_int_eq(access(pin_dir, F_OK), 0);
	dp_close(dp, DP_CLOSE_TEARDOWN);
	ck_assert_int_eq(access(pin_dir, F_OK), -1);
}
END_TEST

/* dp_ilm_walk callback: the entry of label 100. */
static int
keep_100(const struct dp_ilm *e, const struct dp_counters *cnt, void *arg)
{
	(void)cnt;
	if (e->in_label == 100)
		*(struct dp_ilm *)arg = *e;
	return 0;
}

/*
 * A netns routelet: its end of the vif in another namespace.  The line
 * card hands the frame to that end directly (bpf_redirect_peer); the
 * entry still reads back as ROUTELET to the vif.
 */
START_TEST(steer_into_netns_routelet)
{
	struct dp_ilm back = { 0 };
	char cmd[128];
	bool peer;
	int nsfd, fd;
	size_t n;

	ck_assert_int_eq(dp_veth_peer_elsewhere(vif, &peer), 0);
	ck_assert(!peer);
	nsfd = netns_new();
	snprintf(cmd, sizeof(cmd), "ip link set dmxrt netns /proc/%d/fd/%d",
	    (int)getpid(), nsfd);
	sh(cmd);
	netns_sh(nsfd, "ip link set dmxrt up");
	netns_enter(nsfd);
	fd = pkt_open("dmxrt", ETH_P_ALL_);
	netns_leave();
	ck_assert_int_eq(dp_veth_peer_elsewhere(vif, &peer), 0);
	ck_assert(peer);
	ck_assert_int_eq(dp_veth_peer_elsewhere(lc, &peer), 0);
	ck_assert(!peer);
	ck_assert_int_eq(dp_veth_peer_elsewhere(1, &peer), 0);
	ck_assert(!peer);
	ck_assert_int_eq(dp_veth_peer_elsewhere(99999, &peer), 0);
	ck_assert(!peer);

	ck_assert_int_eq(dp_linecard_attach(dp, lc), 0);
	set_routelet(100);
	ck_assert_int_eq(dp_ilm_walk(dp, keep_100, &back), 0);
	ck_assert_int_eq(back.action, DP_ILM_ROUTELET);
	ck_assert_uint_eq(back.vif_ifindex, vif);
	mpls_frame(100, 64);
	pkt_send(up_fd, "dmxup", frame, frame_len, ETH_P_MPLS_UC_);
	n = pkt_recv(fd, ETH_P_MPLS_UC_, got, sizeof(got), WAIT_MS);
	ck_assert_uint_eq(n, frame_len);
	ck_assert_mem_eq(got, frame, frame_len);
	close(fd);
	close(nsfd);
}
END_TEST

Suite *
dp_bpf_suite(void)
{
	Suite *s = suite_create("dp_bpf");
	TCase *tc = tcase_create("veth");
	TCase *pins = tcase_create("pins");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, steer_return_swap_drop);
	tcase_add_test(tc, steer_into_netns_routelet);
	tcase_add_test(tc, ftn_push_then_steer);
	tcase_add_test(tc, keep_reopen_detach_teardown);
	tcase_add_test(tc, failed_attach_leaves_nothing);
	tcase_add_test(tc, exceptions_reach_control_socket);
	tcase_add_test(tc, vlan_tag_from_the_wire);
	tcase_add_test(tc, detach_after_filters_vanished);
	suite_add_tcase(s, tc);
	tcase_add_test(pins, mounts_bpffs_when_missing);
	suite_add_tcase(s, pins);
	return s;
}
