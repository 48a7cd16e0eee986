/*
 * The data plane for dom0 kernels without BPF: tc u32 and mirred, driven
 * through libnl-3.  It can steer a label to a routelet and send what the
 * routelet returns to a line card; it cannot swap, pop or push (that needs
 * act_mpls or pedit, which these kernels lack), so those ops say so.
 *
 * On each line card's clsact ingress, at priority U32_PRIO, protocol
 * 0x8847 (the filter only sees frames whose ethertype, skb->protocol, is
 * MPLS unicast, RFC 3032 5):
 *
 *	ht 800:	 one filter: match all, hash on the label's low 8 bits,
 *		 link to ht 1:
 *	ht 1:	 256 buckets; one filter per ILM entry in bucket
 *		 (label & 0xff): match the whole label, mirred egress
 *		 redirect to the routelet's vif
 *
 * On ingress the MAC header is already pulled, so u32 offsets count from
 * the network header: offset 0 is the top label stack entry, whose top 20
 * bits are the label (RFC 3032 2.1).  On each routelet vif's ingress one
 * filter sends every MPLS frame to its line card (with skb->priority set
 * by act_skbedit when an egress class is asked for).
 *
 * The ILM entries are kept here too, to fill line cards attached later.
 * The filters carry everything else, so an instance that reopens after
 * DP_CLOSE_KEEP reads the entries back from the first line card it
 * attaches (see u32_linecard_attach).
 */
#include "demux/dp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/tc_act/tc_mirred.h>
#include <netlink/errno.h>
#include <netlink/route/act/mirred.h>
#include <netlink/route/act/skbedit.h>
#include <netlink/route/action.h>
#include <netlink/route/classifier.h>
#include <netlink/route/cls/u32.h>
#include <netlink/route/qdisc.h>
#include <netlink/route/tc.h>

#include "demux/nl_util.h"
#include "lib/log.h"
#include "lib/mpls.h"

#define U32_PRIO	0x5132		/* our filters' preference */
#define U32_HT		(0x001u << 20)	/* hash table 1: */
#define U32_ROOT_HT	(0x800u << 20)	/* u32's root table 800: */
#define U32_LINK_NODE	0x800u		/* 800::800, the hashing filter */
#define U32_VIF_HANDLE	(U32_ROOT_HT | 1)	/* 800::1 on a vif */
#define U32_BUCKETS	256u
#define U32_NODE_MAX	0xfffu		/* u32 node ids are 12 bits */
#define U32_HASH_MASK	0x000ff000u	/* label bits 0-7 in the LSE */

struct u32_port {
	uint32_t ifindex;
	bool made_clsact;	/* remove clsact again when detached */
};

struct u32_ilm {
	uint32_t label;
	uint32_t vif_ifindex;
	uint32_t node;		/* its filter's node id in its bucket */
};

struct u32_dp {
	struct nl_sock *sk;
	struct u32_port *cards;
	size_t ncards;
	struct u32_port *vifs;
	size_t nvifs;
	struct u32_ilm *ilm;
	size_t nilm;
};

static const char *
ifname(uint32_t ifindex, char *buf)
{
	if (if_indextoname(ifindex, buf) == NULL)
		snprintf(buf, IF_NAMESIZE, "if%u", ifindex);
	return buf;
}

static uint32_t
bucket_of(uint32_t label)
{
	return label & (U32_BUCKETS - 1);
}

static uint32_t
entry_handle(const struct u32_ilm *e)
{
	return U32_HT | (bucket_of(e->label) << 12) | e->node;
}

/* Make sure 'ifindex' has a clsact qdisc; '*made_r' says we added it. */
static int
clsact_ensure(struct u32_dp *st, uint32_t ifindex, bool *made_r)
{
	struct rtnl_qdisc *q;
	int rc;

	*made_r = false;
	q = rtnl_qdisc_alloc();
	if (q == NULL)
		return -NLE_NOMEM;
	rtnl_tc_set_ifindex(TC_CAST(q), (int)ifindex);
	rtnl_tc_set_parent(TC_CAST(q), TC_H_CLSACT);
	rtnl_tc_set_handle(TC_CAST(q), TC_H_MAKE(TC_H_CLSACT, 0));
	if ((rc = rtnl_tc_set_kind(TC_CAST(q), "clsact")) == 0)
		rc = rtnl_qdisc_add(st->sk, q, NLM_F_CREATE | NLM_F_EXCL);
	rtnl_qdisc_put(q);
	/* One there already (clsact or ingress, ffff:) serves as well. */
	if (rc == -NLE_EXIST)
		return 0;
	if (rc == 0)
		*made_r = true;
	return rc;
}

static void
clsact_del(struct u32_dp *st, uint32_t ifindex)
{
	struct rtnl_qdisc *q;
	char name[IF_NAMESIZE];
	int rc;

	q = rtnl_qdisc_alloc();
	if (q == NULL)
		return;
	rtnl_tc_set_ifindex(TC_CAST(q), (int)ifindex);
	rtnl_tc_set_parent(TC_CAST(q), TC_H_CLSACT);
	rtnl_tc_set_handle(TC_CAST(q), TC_H_MAKE(TC_H_CLSACT, 0));
	rc = rtnl_qdisc_delete(st->sk, q);
	if (rc < 0 && rc != -NLE_OBJ_NOTFOUND)
		log_warnx("dp_u32: %s: delete clsact: %s",
		    ifname(ifindex, name), nl_geterror(rc));
	rtnl_qdisc_put(q);
}

/* A u32 filter of ours on the ingress of 'ifindex', to fill in. */
static struct rtnl_cls *
cls_new(uint32_t ifindex)
{
	struct rtnl_cls *cls;

	cls = rtnl_cls_alloc();
	if (cls == NULL)
		return NULL;
	rtnl_tc_set_ifindex(TC_CAST(cls), (int)ifindex);
	rtnl_tc_set_parent(TC_CAST(cls),
	    TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS));
	rtnl_cls_set_prio(cls, U32_PRIO);
	rtnl_cls_set_protocol(cls, ETH_P_MPLS_UC);
	if (rtnl_tc_set_kind(TC_CAST(cls), "u32") < 0) {
		rtnl_cls_put(cls);
		return NULL;
	}
	return cls;
}

/* Append "mirred egress redirect dev 'to'" to the actions of 'cls'. */
static int
cls_add_redirect(struct rtnl_cls *cls, uint32_t to)
{
	struct rtnl_act *act;
	int rc;

	act = rtnl_act_alloc();
	if (act == NULL)
		return -NLE_NOMEM;
	if ((rc = rtnl_tc_set_kind(TC_CAST(act), "mirred")) == 0 &&
	    (rc = rtnl_mirred_set_action(act, TCA_EGRESS_REDIR)) == 0 &&
	    (rc = rtnl_mirred_set_policy(act, TC_ACT_STOLEN)) == 0 &&
	    (rc = rtnl_mirred_set_ifindex(act, to)) == 0)
		rc = rtnl_u32_add_action(cls, act);
	rtnl_act_put(act);
	return rc;
}

/* Append "skbedit priority 'prio'" (then go on) to 'cls'. */
static int
cls_add_priority(struct rtnl_cls *cls, uint32_t prio)
{
	struct rtnl_act *act;
	int rc;

	act = rtnl_act_alloc();
	if (act == NULL)
		return -NLE_NOMEM;
	if ((rc = rtnl_tc_set_kind(TC_CAST(act), "skbedit")) == 0 &&
	    (rc = rtnl_skbedit_set_action(act, TC_ACT_PIPE)) == 0 &&
	    (rc = rtnl_skbedit_set_priority(act, prio)) == 0)
		rc = rtnl_u32_add_action(cls, act);
	rtnl_act_put(act);
	return rc;
}

/* Remove every filter of ours from the ingress of 'ifindex'. */
static int
u32_del_all(struct u32_dp *st, uint32_t ifindex)
{
	struct rtnl_cls *cls;
	int rc;

	if ((cls = cls_new(ifindex)) == NULL)
		return -NLE_NOMEM;
	rc = rtnl_cls_delete(st->sk, cls, 0);
	rtnl_cls_put(cls);
	/* Nothing there (no filter, or no clsact at all) is fine. */
	if (rc == -NLE_OBJ_NOTFOUND || rc == -NLE_INVAL)
		rc = 0;
	return rc;
}

/* Add hash table 1: and the filter in 800: that hashes into it. */
static int
u32_add_tables(struct u32_dp *st, uint32_t ifindex)
{
	struct rtnl_cls *cls;
	int rc;

	if ((cls = cls_new(ifindex)) == NULL)
		return -NLE_NOMEM;
	rtnl_tc_set_handle(TC_CAST(cls), U32_HT);
	if ((rc = rtnl_u32_set_divisor(cls, U32_BUCKETS)) == 0)
		rc = rtnl_cls_add(st->sk, cls, NLM_F_CREATE | NLM_F_EXCL);
	rtnl_cls_put(cls);
	if (rc < 0)
		return rc;

	if ((cls = cls_new(ifindex)) == NULL)
		return -NLE_NOMEM;
	rtnl_tc_set_handle(TC_CAST(cls), U32_ROOT_HT | U32_LINK_NODE);
	if ((rc = rtnl_u32_set_hashtable(cls, U32_ROOT_HT)) == 0 &&
	    (rc = rtnl_u32_add_key_uint32(cls, 0, 0, 0, 0)) == 0 &&
	    (rc = rtnl_u32_set_hashmask(cls, U32_HASH_MASK, 0)) == 0 &&
	    (rc = rtnl_u32_set_link(cls, U32_HT)) == 0)
		rc = rtnl_cls_add(st->sk, cls, NLM_F_CREATE | NLM_F_EXCL);
	rtnl_cls_put(cls);
	return rc;
}

/* Add (or, 'replace', change) the filter of ILM entry 'e' on 'ifindex'. */
static int
u32_put_entry(struct u32_dp *st, uint32_t ifindex, const struct u32_ilm *e,
    bool replace)
{
	struct rtnl_cls *cls;
	int rc;

	if ((cls = cls_new(ifindex)) == NULL)
		return -NLE_NOMEM;
	rtnl_tc_set_handle(TC_CAST(cls), entry_handle(e));
	if ((rc = rtnl_u32_set_hashtable(cls,
	    U32_HT | (bucket_of(e->label) << 12))) == 0 &&
	    (rc = rtnl_u32_add_key_uint32(cls, e->label << MPLS_LS_LABEL_SHIFT,
	    MPLS_LS_LABEL_MASK, 0, 0)) == 0 &&
	    (rc = rtnl_u32_set_cls_terminal(cls)) == 0 &&
	    (rc = cls_add_redirect(cls, e->vif_ifindex)) == 0)
		rc = rtnl_cls_add(st->sk, cls, NLM_F_CREATE |
		    (replace ? NLM_F_REPLACE : NLM_F_EXCL));
	rtnl_cls_put(cls);
	return rc;
}

static int
u32_del_entry(struct u32_dp *st, uint32_t ifindex, const struct u32_ilm *e)
{
	struct rtnl_cls *cls;
	int rc;

	if ((cls = cls_new(ifindex)) == NULL)
		return -NLE_NOMEM;
	rtnl_tc_set_handle(TC_CAST(cls), entry_handle(e));
	rc = rtnl_cls_delete(st->sk, cls, 0);
	rtnl_cls_put(cls);
	return rc;
}

static struct u32_port *
port_find(struct u32_port *ports, size_t n, uint32_t ifindex)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ports[i].ifindex == ifindex)
			return &ports[i];
	return NULL;
}

static int
port_add(struct u32_port **ports, size_t *n, uint32_t ifindex, bool made)
{
	struct u32_port *p;

	p = reallocarray(*ports, *n + 1, sizeof(**ports));
	if (p == NULL)
		return -ENOMEM;
	p[*n].ifindex = ifindex;
	p[*n].made_clsact = made;
	*ports = p;
	(*n)++;
	return 0;
}

static void
port_remove(struct u32_port *ports, size_t *n, struct u32_port *p)
{
	*p = ports[*n - 1];
	(*n)--;
}

static struct u32_ilm *
ilm_find(struct u32_dp *st, uint32_t label)
{
	size_t i;

	for (i = 0; i < st->nilm; i++)
		if (st->ilm[i].label == label)
			return &st->ilm[i];
	return NULL;
}

/* The lowest node id no entry in the bucket of 'label' uses, or 0. */
static uint32_t
ilm_free_node(struct u32_dp *st, uint32_t label)
{
	uint32_t node;
	size_t i;

	for (node = 1; node <= U32_NODE_MAX; node++) {
		for (i = 0; i < st->nilm; i++)
			if (bucket_of(st->ilm[i].label) == bucket_of(label) &&
			    st->ilm[i].node == node)
				break;
		if (i == st->nilm)
			return node;
	}
	return 0;
}

static int
u32_open(const struct dp_params *p, void **state_r)
{
	struct u32_dp *st;
	int rc;

	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return -ENOMEM;
	if ((rc = nlu_open(&st->sk)) < 0) {
		log_warnx("dp_u32: %s: netlink socket: %s", p->instance,
		    strerror(-rc));
		free(st);
		return rc;
	}
	*state_r = st;
	return 0;
}

static int u32_linecard_detach(void *state, uint32_t ifindex);
static int u32_vif_detach(void *state, uint32_t vif_ifindex);

static void
u32_close(void *state, enum dp_close_mode mode)
{
	struct u32_dp *st = state;

	if (st == NULL)
		return;
	if (mode == DP_CLOSE_TEARDOWN) {
		while (st->ncards > 0)
			if (u32_linecard_detach(st, st->cards[0].ifindex) < 0)
				port_remove(st->cards, &st->ncards,
				    &st->cards[0]);
		while (st->nvifs > 0)
			if (u32_vif_detach(st, st->vifs[0].ifindex) < 0)
				port_remove(st->vifs, &st->nvifs, &st->vifs[0]);
	}
	nl_socket_free(st->sk);
	free(st->cards);
	free(st->vifs);
	free(st->ilm);
	free(st);
}

/* Our filters found on one line card. */
struct u32_scan {
	bool table;		/* hash table 1: */
	bool link;		/* 800::800, hashing into it */
	bool odd;		/* a filter of ours that is no ILM entry */
	struct u32_ilm *ilm;	/* the ILM entries, as read back */
	size_t nilm;
};

/* Read filter 'cls' (handle 'h') as an ILM entry into '*e', if it is one. */
static bool
scan_entry(struct rtnl_cls *cls, uint32_t h, struct u32_ilm *e)
{
	struct rtnl_act *act;
	uint32_t val, mask;
	int off, offmask;
	const char *kind;

	if (rtnl_u32_get_key(cls, 0, &val, &mask, &off, &offmask) < 0 ||
	    ntohl(mask) != MPLS_LS_LABEL_MASK || off != 0)
		return false;
	e->label = ntohl(val) >> MPLS_LS_LABEL_SHIFT;
	e->node = h & U32_NODE_MAX;
	if (((h >> 12) & (U32_BUCKETS - 1)) != bucket_of(e->label))
		return false;
	act = rtnl_u32_get_action(cls);
	kind = act != NULL ? rtnl_tc_get_kind(TC_CAST(act)) : NULL;
	if (kind == NULL || strcmp(kind, "mirred") != 0)
		return false;
	e->vif_ifindex = rtnl_mirred_get_ifindex(act);
	return true;
}

/* Dump the ingress filters of 'ifindex' and keep ours in '*s'. */
static int
u32_scan_card(struct u32_dp *st, uint32_t ifindex, struct u32_scan *s)
{
	struct nl_cache *cache = NULL;
	struct nl_object *o;
	struct u32_ilm e, *grown;
	int rc;

	memset(s, 0, sizeof(*s));
	rc = rtnl_cls_alloc_cache(st->sk, (int)ifindex,
	    TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS), &cache);
	if (rc < 0)
		return rc;
	for (o = nl_cache_get_first(cache); o != NULL; o = nl_cache_get_next(o)) {
		struct rtnl_cls *cls = (struct rtnl_cls *)o;
		uint32_t h = rtnl_tc_get_handle(TC_CAST(cls));
		const char *kind = rtnl_tc_get_kind(TC_CAST(cls));

		if (rtnl_cls_get_prio(cls) != U32_PRIO || kind == NULL ||
		    strcmp(kind, "u32") != 0)
			continue;
		if (h == U32_HT)
			s->table = true;
		else if (h == (U32_ROOT_HT | U32_LINK_NODE))
			s->link = true;
		else if ((h & 0xfff00000u) == U32_HT && (h & U32_NODE_MAX)) {
			if (!scan_entry(cls, h, &e)) {
				s->odd = true;
				continue;
			}
			grown = reallocarray(s->ilm, s->nilm + 1,
			    sizeof(*s->ilm));
			if (grown == NULL) {
				rc = -NLE_NOMEM;
				break;
			}
			s->ilm = grown;
			s->ilm[s->nilm++] = e;
		} else if (h != 0 && h != U32_ROOT_HT)
			/* Not the chain itself, nor table 800: */
			s->odd = true;
	}
	nl_cache_free(cache);
	return rc;
}

/* True if 's' holds exactly the ILM entries of 'st'. */
static bool
scan_matches(const struct u32_dp *st, const struct u32_scan *s)
{
	size_t i, j;

	if (s->nilm != st->nilm)
		return false;
	for (i = 0; i < s->nilm; i++) {
		for (j = 0; j < st->nilm; j++)
			if (memcmp(&s->ilm[i], &st->ilm[j],
			    sizeof(s->ilm[i])) == 0)
				break;
		if (j == st->nilm)
			return false;
	}
	return true;
}

/*
 * Attach line card 'ifindex'.  What an earlier instance left there (it
 * closed with DP_CLOSE_KEEP) is kept: the first line card of a new
 * instance gives its ILM entries to the table, a later one that holds the
 * same entries is left untouched.  Anything else there is replaced.
 */
static int
u32_linecard_attach(void *state, uint32_t ifindex)
{
	struct u32_dp *st = state;
	struct u32_scan scan = { .ilm = NULL };
	char name[IF_NAMESIZE];
	const char *step;
	bool made = false, rebuilt = false;
	size_t i;
	int rc;

	if (port_find(st->cards, st->ncards, ifindex) != NULL)
		return 0;
	step = "add clsact";
	if ((rc = clsact_ensure(st, ifindex, &made)) < 0)
		goto fail;
	step = "read filters";
	if ((rc = u32_scan_card(st, ifindex, &scan)) < 0)
		goto fail;
	if (scan.table && scan.link && !scan.odd && st->ncards == 0 &&
	    st->nilm == 0) {
		free(st->ilm);
		st->ilm = scan.ilm;
		st->nilm = scan.nilm;
		scan.ilm = NULL;
		log_info("dp_u32: line card %s: kept %zu ILM entries",
		    ifname(ifindex, name), st->nilm);
	} else if (!(scan.table && scan.link && !scan.odd &&
	    scan_matches(st, &scan))) {
		rebuilt = true;
		step = "clear old filters";
		if ((rc = u32_del_all(st, ifindex)) < 0)
			goto fail;
		step = "add hash tables";
		if ((rc = u32_add_tables(st, ifindex)) < 0)
			goto fail;
		step = "add ILM entries";
		for (i = 0; i < st->nilm; i++)
			if ((rc = u32_put_entry(st, ifindex, &st->ilm[i],
			    false)) < 0)
				goto fail;
	}
	free(scan.ilm);
	scan.ilm = NULL;
	if ((rc = port_add(&st->cards, &st->ncards, ifindex, made)) < 0) {
		rc = -NLE_NOMEM;
		step = "remember line card";
		goto fail;
	}
	return 0;
fail:
	free(scan.ilm);
	log_warnx("dp_u32: line card %s: %s: %s", ifname(ifindex, name), step,
	    nl_geterror(rc));
	if (rebuilt)
		u32_del_all(st, ifindex);
	if (made)
		clsact_del(st, ifindex);
	return nlu_errno(rc);
}

static int
u32_linecard_detach(void *state, uint32_t ifindex)
{
	struct u32_dp *st = state;
	struct u32_port *p;
	char name[IF_NAMESIZE];
	int rc;

	if ((p = port_find(st->cards, st->ncards, ifindex)) == NULL)
		return -ENOENT;
	if ((rc = u32_del_all(st, ifindex)) < 0) {
		log_warnx("dp_u32: line card %s: delete filters: %s",
		    ifname(ifindex, name), nl_geterror(rc));
		return nlu_errno(rc);
	}
	if (p->made_clsact)
		clsact_del(st, ifindex);
	port_remove(st->cards, &st->ncards, p);
	return 0;
}

static int
u32_vif_attach(void *state, const struct dp_vif *v)
{
	struct u32_dp *st = state;
	struct rtnl_cls *cls = NULL;
	struct u32_port *p;
	char name[IF_NAMESIZE], out[IF_NAMESIZE];
	bool made = false;
	int rc;

	p = port_find(st->vifs, st->nvifs, v->vif_ifindex);
	if (p == NULL && (rc = clsact_ensure(st, v->vif_ifindex, &made)) < 0)
		goto fail;
	if ((cls = cls_new(v->vif_ifindex)) == NULL) {
		rc = -NLE_NOMEM;
		goto fail;
	}
	rtnl_tc_set_handle(TC_CAST(cls), U32_VIF_HANDLE);
	if ((rc = rtnl_u32_set_hashtable(cls, U32_ROOT_HT)) < 0 ||
	    (rc = rtnl_u32_add_key_uint32(cls, 0, 0, 0, 0)) < 0 ||
	    (rc = rtnl_u32_set_cls_terminal(cls)) < 0 ||
	    (v->priority != 0 && (rc = cls_add_priority(cls, v->priority)) < 0) ||
	    (rc = cls_add_redirect(cls, v->out_ifindex)) < 0)
		goto fail;
	/* Replace: attaching an attached vif moves it. */
	if ((rc = rtnl_cls_add(st->sk, cls, NLM_F_CREATE | NLM_F_REPLACE)) < 0)
		goto fail;
	if (p == NULL &&
	    (rc = port_add(&st->vifs, &st->nvifs, v->vif_ifindex, made)) < 0) {
		rc = -NLE_NOMEM;
		u32_del_all(st, v->vif_ifindex);
		goto fail;
	}
	rtnl_cls_put(cls);
	return 0;
fail:
	log_warnx("dp_u32: vif %s: redirect to %s%s: %s",
	    ifname(v->vif_ifindex, name), ifname(v->out_ifindex, out),
	    v->priority != 0 ? " with skb->priority (needs act_skbedit)" : "",
	    nl_geterror(rc));
	rtnl_cls_put(cls);
	if (made)
		clsact_del(st, v->vif_ifindex);
	return nlu_errno(rc);
}

static int
u32_vif_detach(void *state, uint32_t vif_ifindex)
{
	struct u32_dp *st = state;
	struct u32_port *p;
	char name[IF_NAMESIZE];
	int rc;

	if ((p = port_find(st->vifs, st->nvifs, vif_ifindex)) == NULL)
		return -ENOENT;
	if ((rc = u32_del_all(st, vif_ifindex)) < 0) {
		log_warnx("dp_u32: vif %s: delete filter: %s",
		    ifname(vif_ifindex, name), nl_geterror(rc));
		return nlu_errno(rc);
	}
	if (p->made_clsact)
		clsact_del(st, vif_ifindex);
	port_remove(st->vifs, &st->nvifs, p);
	return 0;
}

static int
u32_ilm_set(void *state, const struct dp_ilm *e)
{
	struct u32_dp *st = state;
	struct u32_ilm *old, n;
	struct u32_ilm *grown;
	char name[IF_NAMESIZE];
	size_t i;
	int rc = 0;

	if (e->action != DP_ILM_ROUTELET) {
		log_warnx("dp_u32: label %u: u32 can only steer to a routelet; "
		    "swap and pop need the bpf data plane", e->in_label);
		return -EOPNOTSUPP;
	}
	old = ilm_find(st, e->in_label);
	if (old != NULL && old->vif_ifindex == e->vif_ifindex)
		return 0;
	n.label = e->in_label;
	n.vif_ifindex = e->vif_ifindex;
	n.node = old != NULL ? old->node : ilm_free_node(st, e->in_label);
	if (n.node == 0) {
		log_warnx("dp_u32: label %u: bucket %u is full", e->in_label,
		    bucket_of(e->in_label));
		return -ENOSPC;
	}
	if (old == NULL) {
		grown = reallocarray(st->ilm, st->nilm + 1, sizeof(*st->ilm));
		if (grown == NULL)
			return -ENOMEM;
		st->ilm = grown;
	}
	for (i = 0; i < st->ncards; i++)
		if ((rc = u32_put_entry(st, st->cards[i].ifindex, &n,
		    old != NULL)) < 0)
			break;
	if (rc < 0) {
		log_warnx("dp_u32: line card %s: label %u to vif %u: %s",
		    ifname(st->cards[i].ifindex, name), n.label, n.vif_ifindex,
		    nl_geterror(rc));
		/* Put back what the other line cards had. */
		while (i-- > 0) {
			if (old != NULL)
				u32_put_entry(st, st->cards[i].ifindex, old,
				    true);
			else
				u32_del_entry(st, st->cards[i].ifindex, &n);
		}
		return nlu_errno(rc);
	}
	if (old != NULL)
		*old = n;
	else
		st->ilm[st->nilm++] = n;
	return 0;
}

static int
u32_ilm_del(void *state, uint32_t in_label)
{
	struct u32_dp *st = state;
	struct u32_ilm *e;
	char name[IF_NAMESIZE];
	size_t i;
	int rc = 0;

	if ((e = ilm_find(st, in_label)) == NULL)
		return -ENOENT;
	for (i = 0; i < st->ncards; i++) {
		rc = u32_del_entry(st, st->cards[i].ifindex, e);
		if (rc < 0 && rc != -NLE_OBJ_NOTFOUND)
			break;
		rc = 0;
	}
	if (rc < 0) {
		log_warnx("dp_u32: line card %s: delete label %u: %s",
		    ifname(st->cards[i].ifindex, name), in_label,
		    nl_geterror(rc));
		while (i-- > 0)
			u32_put_entry(st, st->cards[i].ifindex, e, false);
		return nlu_errno(rc);
	}
	*e = st->ilm[--st->nilm];
	return 0;
}

static int
u32_ilm_counters(void *state, uint32_t in_label, struct dp_counters *c_r)
{
	struct u32_dp *st = state;
	struct u32_ilm *e;
	struct nlu_filter_id id = {
		.parent = TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS),
		.prio = U32_PRIO,
		.protocol = ETH_P_MPLS_UC,
		.kind = "u32",
	};
	struct dp_counters sum = { 0, 0 };
	char name[IF_NAMESIZE];
	uint64_t packets, bytes;
	size_t i;
	int rc;

	if ((e = ilm_find(st, in_label)) == NULL)
		return -ENOENT;
	id.handle = entry_handle(e);
	for (i = 0; i < st->ncards; i++) {
		id.ifindex = st->cards[i].ifindex;
		if ((rc = nlu_filter_stats(st->sk, &id, &packets, &bytes)) < 0) {
			log_warnx("dp_u32: line card %s: counters of label %u: "
			    "%s", ifname(id.ifindex, name), in_label,
			    nl_geterror(rc));
			return nlu_errno(rc);
		}
		sum.packets += packets;
		sum.bytes += bytes;
	}
	*c_r = sum;
	return 0;
}

/* What the vif's one filter counted: every frame the routelet sent back. */
static int
u32_vif_counters(void *state, uint32_t vif_ifindex, struct dp_counters *c_r)
{
	struct u32_dp *st = state;
	struct nlu_filter_id id = {
		.ifindex = vif_ifindex,
		.parent = TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS),
		.prio = U32_PRIO,
		.protocol = ETH_P_MPLS_UC,
		.handle = U32_VIF_HANDLE,
		.kind = "u32",
	};
	char name[IF_NAMESIZE];
	uint64_t packets, bytes;
	int rc;

	if (port_find(st->vifs, st->nvifs, vif_ifindex) == NULL)
		return -ENOENT;
	if ((rc = nlu_filter_stats(st->sk, &id, &packets, &bytes)) < 0) {
		log_warnx("dp_u32: vif %s: counters: %s",
		    ifname(vif_ifindex, name), nl_geterror(rc));
		return nlu_errno(rc);
	}
	c_r->packets = packets;
	c_r->bytes = bytes;
	return 0;
}

/*
 * FTN (push) and the per-reason counters need programs u32 cannot be:
 * those ops stay NULL, and dp.c answers -EOPNOTSUPP for them.
 */
const struct dp_ops dp_u32_ops = {
	.name = "u32",
	.open = u32_open,
	.close = u32_close,
	.linecard_attach = u32_linecard_attach,
	.linecard_detach = u32_linecard_detach,
	.vif_attach = u32_vif_attach,
	.vif_detach = u32_vif_detach,
	.ilm_set = u32_ilm_set,
	.ilm_del = u32_ilm_del,
	.ilm_counters = u32_ilm_counters,
	.vif_counters = u32_vif_counters,
};
