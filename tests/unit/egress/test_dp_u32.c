#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <netlink/route/act/mirred.h>
#include <netlink/route/action.h>
#include <netlink/route/classifier.h>
#include <netlink/route/cls/u32.h>
#include <netlink/route/link.h>
#include <netlink/route/qdisc.h>

#include "demux/dp.h"
#include "demux/nl_util.h"
#include "lib/mpls.h"
#include "suites.h"

#define INGRESS	TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS)

/*
 * Line cards egru0 and egru2 (peers egru1, egru3: where frames come
 * from), routelet vifs egruv0 and egruv2 (peers egruv1, egruv3).
 */
static void
links_up(void)
{
	sh("for p in egru0:egru1 egru2:egru3 egruv0:egruv1 egruv2:egruv3; do "
	    "a=${p%%:*}; b=${p#*:}; (ip link del $a 2>/dev/null; true); "
	    "ip link add $a type veth peer name $b && "
	    "ip link set $a up && ip link set $b up || exit 1; done");
}

static void
links_down(void)
{
	sh("for l in egru0 egru2 egruv0 egruv2; do ip link del $l; done");
}

/* What one filter of ours looks like, read back through libnl. */
struct u32_seen {
	bool found;
	uint16_t protocol;
	uint16_t prio;
	uint32_t key_val;	/* host order */
	uint32_t key_mask;
	int key_off;
	uint32_t redirect;	/* mirred ifindex, 0 if no action */
};

static int
filters_on(const char *dev, uint32_t handle, struct u32_seen *s_r)
{
	struct nl_sock *sk;
	struct nl_cache *cache;
	struct nl_object *o;
	int n = 0;

	memset(s_r, 0, sizeof(*s_r));
	ck_assert_int_eq(nlu_open(&sk), 0);
	if (rtnl_cls_alloc_cache(sk, (int)ifindex_of(dev), INGRESS,
	    &cache) < 0) {
		/* No clsact at all. */
		nl_socket_free(sk);
		return -1;
	}
	for (o = nl_cache_get_first(cache); o; o = nl_cache_get_next(o)) {
		struct rtnl_cls *cls = (struct rtnl_cls *)o;
		struct rtnl_act *act;
		uint32_t val, mask;
		int off, offmask;

		n++;
		if (rtnl_tc_get_handle(TC_CAST(cls)) != handle)
			continue;
		s_r->found = true;
		s_r->protocol = rtnl_cls_get_protocol(cls);
		s_r->prio = rtnl_cls_get_prio(cls);
		if (rtnl_u32_get_key(cls, 0, &val, &mask, &off, &offmask) == 0) {
			s_r->key_val = ntohl(val);
			s_r->key_mask = ntohl(mask);
			s_r->key_off = off;
		}
		act = rtnl_u32_get_action(cls);
		if (act != NULL)
			s_r->redirect = rtnl_mirred_get_ifindex(act);
	}
	nl_cache_free(cache);
	nl_socket_free(sk);
	return n;
}

static bool
has_clsact(const char *dev)
{
	struct nl_sock *sk;
	struct nl_cache *cache;
	struct rtnl_qdisc *q;

	ck_assert_int_eq(nlu_open(&sk), 0);
	ck_assert_int_eq(rtnl_qdisc_alloc_cache(sk, &cache), 0);
	q = rtnl_qdisc_get_by_parent(cache, (int)ifindex_of(dev), TC_H_CLSACT);
	rtnl_qdisc_put(q);
	nl_cache_free(cache);
	nl_socket_free(sk);
	return q != NULL;
}

/* Send 'n' 60-byte frames with 'ethertype' and top label 'label' on 'dev'. */
static void
inject(const char *dev, uint16_t ethertype, uint32_t label, int n)
{
	struct sockaddr_ll to = { .sll_family = AF_PACKET,
	    .sll_ifindex = (int)ifindex_of(dev), .sll_halen = ETH_ALEN };
	uint8_t f[60] = { 0x02, 0, 0, 0, 0, 0x01, 0x02, 0, 0, 0, 0, 0x02 };
	uint16_t et = htons(ethertype);
	uint32_t lse = htonl(mpls_lse_make(label, 0, 1, 64));
	int fd, i;

	memcpy(f + 12, &et, 2);
	memcpy(f + 14, &lse, 4);
	f[18] = 0x45;
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	ck_assert_int_ge(fd, 0);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(sendto(fd, f, sizeof(f), 0,
		    (struct sockaddr *)&to, sizeof(to)), (int)sizeof(f));
	close(fd);
}

/* Frames 'dev' has received so far. */
static uint64_t
rx_packets(const char *dev)
{
	struct nl_sock *sk;
	struct rtnl_link *link;
	uint64_t n;

	ck_assert_int_eq(nlu_open(&sk), 0);
	ck_assert_int_eq(rtnl_link_get_kernel(sk, 0, dev, &link), 0);
	n = rtnl_link_get_stat(link, RTNL_LINK_RX_PACKETS);
	rtnl_link_put(link);
	nl_socket_free(sk);
	return n;
}

static void *
open_u32(void)
{
	struct dp_params p = { .backend = DP_BACKEND_U32, .instance = "egr" };
	void *st = NULL;

	ck_assert_int_eq(dp_u32_ops.open(&p, &st), 0);
	ck_assert_ptr_nonnull(st);
	return st;
}

static struct dp_ilm
steer(uint32_t label, const char *vif)
{
	struct dp_ilm e = { .in_label = label, .action = DP_ILM_ROUTELET,
	    .vif_ifindex = ifindex_of(vif) };

	return e;
}

/* u32 handle of the first entry in the bucket of 'label'. */
static uint32_t
entry(uint32_t label, uint32_t node)
{
	return (1u << 20) | ((label & 0xff) << 12) | node;
}

START_TEST(attach_builds_hash_tables)
{
	void *st = open_u32();
	struct u32_seen s;

	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru0")),
	    0);
	ck_assert(has_clsact("egru0"));
	/* Table 1: and the hashing filter 800::800, both MPLS only. */
	ck_assert_int_ge(filters_on("egru0", 1u << 20, &s), 2);
	ck_assert(s.found);
	ck_assert_uint_eq(s.protocol, ETH_P_MPLS_UC);
	filters_on("egru0", 0x80000800u, &s);
	ck_assert(s.found);
	ck_assert_uint_eq(s.protocol, ETH_P_MPLS_UC);
	ck_assert_uint_eq(s.key_mask, 0);
	/* Attaching again changes nothing. */
	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru0")),
	    0);
	ck_assert_int_eq(dp_u32_ops.linecard_detach(st, ifindex_of("egru0")),
	    0);
	ck_assert(!has_clsact("egru0"));
	ck_assert_int_eq(dp_u32_ops.linecard_detach(st, ifindex_of("egru0")),
	    -ENOENT);
	dp_u32_ops.close(st, DP_CLOSE_TEARDOWN);
}
END_TEST

START_TEST(entries_added_replaced_removed)
{
	void *st = open_u32();
	struct dp_ilm e = steer(1000, "egruv0");
	struct u32_seen s;

	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru0")),
	    0);
	ck_assert_int_eq(dp_u32_ops.ilm_set(st, &e), 0);
	filters_on("egru0", entry(1000, 1), &s);
	ck_assert(s.found);
	ck_assert_uint_eq(s.key_val, 1000u << 12);
	ck_assert_uint_eq(s.key_mask, 0xfffff000u);
	ck_assert_int_eq(s.key_off, 0);
	ck_assert_uint_eq(s.redirect, ifindex_of("egruv0"));

	/* Same bucket (1000 & 0xff), next node. */
	e = steer(1000 + 256, "egruv2");
	ck_assert_int_eq(dp_u32_ops.ilm_set(st, &e), 0);
	filters_on("egru0", entry(1000, 2), &s);
	ck_assert(s.found);
	ck_assert_uint_eq(s.key_val, (1000u + 256) << 12);

	/* Replace: label 1000 now goes to the other vif. */
	e = steer(1000, "egruv2");
	ck_assert_int_eq(dp_u32_ops.ilm_set(st, &e), 0);
	filters_on("egru0", entry(1000, 1), &s);
	ck_assert_uint_eq(s.redirect, ifindex_of("egruv2"));

	ck_assert_int_eq(dp_u32_ops.ilm_del(st, 1000), 0);
	filters_on("egru0", entry(1000, 1), &s);
	ck_assert(!s.found);
	filters_on("egru0", entry(1000, 2), &s);
	ck_assert(s.found);
	ck_assert_int_eq(dp_u32_ops.ilm_del(st, 1000), -ENOENT);
	dp_u32_ops.close(st, DP_CLOSE_TEARDOWN);
	ck_assert(!has_clsact("egru0"));
}
END_TEST

START_TEST(late_line_card_gets_every_entry)
{
	void *st = open_u32();
	struct dp_ilm e = steer(4242, "egruv0");
	struct u32_seen s;

	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru0")),
	    0);
	ck_assert_int_eq(dp_u32_ops.ilm_set(st, &e), 0);
	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru2")),
	    0);
	filters_on("egru2", entry(4242, 1), &s);
	ck_assert(s.found);
	ck_assert_uint_eq(s.redirect, ifindex_of("egruv0"));
	dp_u32_ops.close(st, DP_CLOSE_TEARDOWN);
}
END_TEST

/* DP_CLOSE_KEEP, then a new instance: the entries and counters stay. */
START_TEST(reopen_keeps_entries)
{
	void *st = open_u32();
	struct dp_ilm e = steer(4242, "egruv0");
	struct dp_counters c;
	struct u32_seen s;

	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru0")),
	    0);
	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru2")),
	    0);
	ck_assert_int_eq(dp_u32_ops.ilm_set(st, &e), 0);
	inject("egru3", ETH_P_MPLS_UC, 4242, 3);
	dp_u32_ops.close(st, DP_CLOSE_KEEP);
	filters_on("egru2", entry(4242, 1), &s);
	ck_assert(s.found);

	/* The first line card gives the new instance its table... */
	st = open_u32();
	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru2")),
	    0);
	ck_assert_int_eq(dp_u32_ops.ilm_counters(st, 4242, &c), 0);
	ck_assert_uint_eq(c.packets, 3);
	/* ...and one holding the same entries is taken as it is. */
	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru0")),
	    0);
	ck_assert_int_eq(dp_u32_ops.ilm_counters(st, 4242, &c), 0);
	ck_assert_uint_eq(c.packets, 3);
	e = steer(4343, "egruv2");
	ck_assert_int_eq(dp_u32_ops.ilm_set(st, &e), 0);
	ck_assert_int_eq(dp_u32_ops.ilm_del(st, 4242), 0);
	filters_on("egru0", entry(4242, 1), &s);
	ck_assert(!s.found);
	dp_u32_ops.close(st, DP_CLOSE_KEEP);

	/* A line card whose entries differ from the table is rebuilt. */
	sh("tc filter del dev egru2 ingress pref %u protocol mpls_uc "
	    "handle 1:%x:1 u32", 0x5132, 4343 & 0xff);
	filters_on("egru2", entry(4343, 1), &s);
	ck_assert(!s.found);
	st = open_u32();
	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru0")),
	    0);
	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru2")),
	    0);
	filters_on("egru2", entry(4343, 1), &s);
	ck_assert(s.found);
	ck_assert_uint_eq(s.redirect, ifindex_of("egruv2"));
	dp_u32_ops.close(st, DP_CLOSE_TEARDOWN);
	/* The clsact an earlier instance made stays, empty. */
	ck_assert_int_eq(filters_on("egru0", 0, &s), 0);
	ck_assert_int_eq(filters_on("egru2", 0, &s), 0);
}
END_TEST

START_TEST(swap_and_pop_are_refused)
{
	void *st = open_u32();
	struct dp_ilm e = { .in_label = 77, .action = DP_ILM_SWAP,
	    .out_label = 78, .out_ifindex = ifindex_of("egru2") };
	struct u32_seen s;

	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru0")),
	    0);
	ck_assert_int_eq(dp_u32_ops.ilm_set(st, &e), -EOPNOTSUPP);
	e.action = DP_ILM_POP;
	ck_assert_int_eq(dp_u32_ops.ilm_set(st, &e), -EOPNOTSUPP);
	/* The filter chain, table 1:, table 800: and 800::800 only. */
	ck_assert_int_eq(filters_on("egru0", entry(77, 1), &s), 4);
	ck_assert(!s.found);
	ck_assert_ptr_null(dp_u32_ops.ftn_set);
	ck_assert_ptr_null(dp_u32_ops.ftn_attach);
	dp_u32_ops.close(st, DP_CLOSE_TEARDOWN);
}
END_TEST

START_TEST(failed_attach_leaves_nothing)
{
	void *st = open_u32();
	struct dp_ilm e = steer(5000, "egruv2");
	struct u32_seen s;

	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru0")),
	    0);
	ck_assert_int_eq(dp_u32_ops.ilm_set(st, &e), 0);
	/* The vif goes away: the entry can no longer be installed. */
	sh("ip link del egruv2 && ip link add egruv2 type veth peer name "
	    "egruv3");
	ck_assert_int_lt(dp_u32_ops.linecard_attach(st, ifindex_of("egru2")),
	    0);
	ck_assert(!has_clsact("egru2"));
	ck_assert_int_eq(filters_on("egru2", 0, &s), 0);
	ck_assert_int_lt(dp_u32_ops.linecard_attach(st, 999999), 0);
	dp_u32_ops.close(st, DP_CLOSE_TEARDOWN);
}
END_TEST

START_TEST(frames_are_steered_and_counted)
{
	void *st = open_u32();
	struct dp_ilm a = steer(1000, "egruv0"), b = steer(2000, "egruv2");
	struct dp_counters c;
	uint64_t v1, v3;

	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru0")),
	    0);
	ck_assert_int_eq(dp_u32_ops.linecard_attach(st, ifindex_of("egru2")),
	    0);
	ck_assert_int_eq(dp_u32_ops.ilm_set(st, &a), 0);
	ck_assert_int_eq(dp_u32_ops.ilm_set(st, &b), 0);
	v1 = rx_packets("egruv1");
	v3 = rx_packets("egruv3");
	inject("egru1", ETH_P_MPLS_UC, 1000, 5);	/* line card egru0 */
	inject("egru3", ETH_P_MPLS_UC, 1000, 2);	/* line card egru2 */
	inject("egru1", ETH_P_MPLS_UC, 2000, 3);
	/* Same bucket as 1000, no entry; and 1000 under other ethertypes. */
	inject("egru1", ETH_P_MPLS_UC, 1000 + 256, 4);
	inject("egru1", ETH_P_MPLS_MC, 1000, 4);
	inject("egru1", ETH_P_IP, 1000, 4);
	ck_assert_uint_eq(rx_packets("egruv1") - v1, 7);
	ck_assert_uint_eq(rx_packets("egruv3") - v3, 3);
	ck_assert_int_eq(dp_u32_ops.ilm_counters(st, 1000, &c), 0);
	ck_assert_uint_eq(c.packets, 7);
	/* Counted from the network header: 60 - 14 bytes a frame. */
	ck_assert_uint_eq(c.bytes, 7 * 46);
	ck_assert_int_eq(dp_u32_ops.ilm_counters(st, 2000, &c), 0);
	ck_assert_uint_eq(c.packets, 3);
	ck_assert_int_eq(dp_u32_ops.ilm_counters(st, 3000, &c), -ENOENT);
	dp_u32_ops.close(st, DP_CLOSE_TEARDOWN);
}
END_TEST

START_TEST(vif_returns_to_line_card)
{
	void *st = open_u32();
	struct dp_vif v = { .vif_ifindex = ifindex_of("egruv0"),
	    .out_ifindex = ifindex_of("egru2") };
	struct dp_counters c;
	uint64_t before;

	ck_assert_int_eq(dp_u32_ops.vif_attach(st, &v), 0);
	before = rx_packets("egru3");
	inject("egruv1", ETH_P_MPLS_UC, 3000, 6);	/* the routelet sends */
	ck_assert_uint_eq(rx_packets("egru3") - before, 6);
	ck_assert_int_eq(dp_u32_ops.vif_counters(st, v.vif_ifindex, &c), 0);
	ck_assert_uint_eq(c.packets, 6);
	ck_assert_uint_eq(c.bytes, 6 * 46);
	/* Moving the vif to another line card replaces its filter. */
	v.out_ifindex = ifindex_of("egru0");
	ck_assert_int_eq(dp_u32_ops.vif_attach(st, &v), 0);
	before = rx_packets("egru1");
	inject("egruv1", ETH_P_MPLS_UC, 3000, 2);
	ck_assert_uint_eq(rx_packets("egru1") - before, 2);
	ck_assert_int_eq(dp_u32_ops.vif_detach(st, v.vif_ifindex), 0);
	ck_assert(!has_clsact("egruv0"));
	ck_assert_int_eq(dp_u32_ops.vif_detach(st, v.vif_ifindex), -ENOENT);
	ck_assert_int_eq(dp_u32_ops.vif_counters(st, v.vif_ifindex, &c),
	    -ENOENT);
	dp_u32_ops.close(st, DP_CLOSE_TEARDOWN);
}
END_TEST

/*
 * Setting skb->priority takes act_skbedit, which these development
 * kernels lack: there the attach fails and leaves nothing; elsewhere the
 * filter is in place.
 */
START_TEST(vif_priority_needs_skbedit)
{
	void *st = open_u32();
	struct dp_vif v = { .vif_ifindex = ifindex_of("egruv0"),
	    .out_ifindex = ifindex_of("egru2"), .priority = 0x10010 };
	struct u32_seen s;
	int rc;

	rc = dp_u32_ops.vif_attach(st, &v);
	ck_assert_msg(rc == 0 || rc == -ENOENT || rc == -EOPNOTSUPP,
	    "rc %d", rc);
	ck_assert(has_clsact("egruv0") == (rc == 0));
	filters_on("egruv0", 0x80000001u, &s);
	ck_assert(s.found == (rc == 0));
	dp_u32_ops.close(st, DP_CLOSE_TEARDOWN);
	ck_assert(!has_clsact("egruv0"));
}
END_TEST

Suite *
dp_u32_suite(void)
{
	Suite *s = suite_create("dp_u32");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, links_up, links_down);
	tcase_add_test(tc, attach_builds_hash_tables);
	tcase_add_test(tc, entries_added_replaced_removed);
	tcase_add_test(tc, late_line_card_gets_every_entry);
	tcase_add_test(tc, reopen_keeps_entries);
	tcase_add_test(tc, swap_and_pop_are_refused);
	tcase_add_test(tc, failed_attach_leaves_nothing);
	tcase_add_test(tc, frames_are_steered_and_counted);
	tcase_add_test(tc, vif_returns_to_line_card);
	tcase_add_test(tc, vif_priority_needs_skbedit);
	suite_add_tcase(s, tc);
	return s;
}
