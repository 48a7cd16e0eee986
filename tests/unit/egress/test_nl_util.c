#include <errno.h>
#include <string.h>

#include <linux/gen_stats.h>
#include <linux/pkt_cls.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/msg.h>

#include "demux/nl_util.h"
#include "suites.h"

/*
 * An RTM_NEWTFILTER as the kernel sends it for a u32 filter with one
 * action whose basic counters are 'packets' and 'bytes'; 'with_stats'
 * false leaves TCA_ACT_STATS out.
 */
static struct nl_msg *
filter_msg(uint32_t packets, uint64_t bytes, bool with_stats)
{
	struct tcmsg t = { .tcm_family = AF_UNSPEC };
	struct gnet_stats_basic basic;
	struct nlattr *opt, *acts, *act, *st;
	struct nl_msg *msg;

	memset(&basic, 0, sizeof(basic));
	basic.packets = packets;
	basic.bytes = bytes;
	msg = nlmsg_alloc_simple(RTM_NEWTFILTER, 0);
	ck_assert_ptr_nonnull(msg);
	ck_assert_int_eq(nlmsg_append(msg, &t, sizeof(t), NLMSG_ALIGNTO), 0);
	ck_assert_int_eq(nla_put_string(msg, TCA_KIND, "u32"), 0);
	opt = nla_nest_start(msg, TCA_OPTIONS);
	acts = nla_nest_start(msg, TCA_U32_ACT);
	act = nla_nest_start(msg, 1);
	ck_assert_int_eq(nla_put_string(msg, TCA_ACT_KIND, "mirred"), 0);
	if (with_stats) {
		st = nla_nest_start(msg, TCA_ACT_STATS);
		ck_assert_int_eq(nla_put(msg, TCA_STATS_BASIC, sizeof(basic),
		    &basic), 0);
		nla_nest_end(msg, st);
	}
	nla_nest_end(msg, act);
	nla_nest_end(msg, acts);
	nla_nest_end(msg, opt);
	return msg;
}

START_TEST(decodes_action_counters)
{
	struct nl_msg *msg = filter_msg(7, UINT64_C(0x1122334455), true);
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	uint64_t p = 0, b = 0;

	ck_assert_int_eq(nlu_filter_stats_decode(nlh, nlh->nlmsg_len, &p, &b),
	    0);
	ck_assert_uint_eq(p, 7);
	ck_assert_uint_eq(b, UINT64_C(0x1122334455));
	nlmsg_free(msg);
}
END_TEST

START_TEST(rejects_truncated_messages)
{
	struct nl_msg *msg = filter_msg(7, 9, true);
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	uint8_t buf[512];
	size_t len = nlh->nlmsg_len, cut;
	uint64_t p = 0, b = 0;

	ck_assert_uint_le(len, sizeof(buf));
	/* Every shorter buffer is refused: the header's length lies. */
	for (cut = 0; cut < len; cut++) {
		memcpy(buf, nlh, cut);
		ck_assert_int_lt(nlu_filter_stats_decode(buf, cut, &p, &b), 0);
	}
	/* A header that claims less than a tcmsg. */
	memcpy(buf, nlh, len);
	((struct nlmsghdr *)(void *)buf)->nlmsg_len = NLMSG_LENGTH(2);
	ck_assert_int_eq(nlu_filter_stats_decode(buf, len, &p, &b),
	    -NLE_MSG_TOOSHORT);
	ck_assert_uint_eq(p, 0);
	nlmsg_free(msg);
}
END_TEST

START_TEST(missing_stats_are_an_error)
{
	struct nl_msg *msg = filter_msg(7, 9, false);
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	uint64_t p = 0, b = 0;

	ck_assert_int_eq(nlu_filter_stats_decode(nlh, nlh->nlmsg_len, &p, &b),
	    -NLE_NOATTR);
	nlmsg_free(msg);
}
END_TEST

START_TEST(errors_map_to_errno)
{
	ck_assert_int_eq(nlu_errno(-NLE_EXIST), -EEXIST);
	ck_assert_int_eq(nlu_errno(-NLE_OBJ_NOTFOUND), -ENOENT);
	ck_assert_int_eq(nlu_errno(-NLE_NODEV), -ENODEV);
	ck_assert_int_eq(nlu_errno(-NLE_OPNOTSUPP), -EOPNOTSUPP);
	ck_assert_int_eq(nlu_errno(-NLE_FAILURE), -EIO);
}
END_TEST

Suite *
nl_util_suite(void)
{
	Suite *s = suite_create("nl_util");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, decodes_action_counters);
	tcase_add_test(tc, rejects_truncated_messages);
	tcase_add_test(tc, missing_stats_are_an_error);
	tcase_add_test(tc, errors_map_to_errno);
	suite_add_tcase(s, tc);
	return s;
}
