/*
 * The flowops tests' flows over fakes (rig.h).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include <check.h>

#include "dom0/flows_state.h"
#include "lib/log.h"
#include "rig.h"

struct pool_backend_ops rig_ops;
static struct rig *rig_now;

/* The fake's configure, the whole text kept in the rig. */
static int
rig_configure(void *be, void *h, const char *text, size_t len)
{
	const struct fake_rl *rl = h;
	size_t keep = len < 63 ? len : 63;
	int rc;

	if ((rc = fake_ops.configure(be, h, text, keep)) != 0)
		return rc;
	if (len >= sizeof(rig_now->config[0]))
		return -EMSGSIZE;
	memcpy(rig_now->config[rl->id], text != NULL ? text : "", len);
	rig_now->config[rl->id][len] = '\0';
	return 0;
}

static void
rig_gone(void *arg, uint64_t key, uint8_t code, uint16_t value)
{
	struct rig *r = arg;

	r->gone_calls++;
	r->gone_key = key;
	r->gone_code = code;
	r->gone_value = value;
}

unsigned
rig_in_state(struct rig *r, enum pool_rl_state s)
{
	struct pool_counters c;

	pool_counters(r->pool, &c);
	return c.in_state[s];
}

static bool
rig_quiet(void *arg)
{
	struct rig *r = arg;

	return rig_in_state(r, POOL_RL_CREATING) == 0 &&
	    rig_in_state(r, POOL_RL_DRAINING) == 0 &&
	    rig_in_state(r, POOL_RL_DEAD) == 0;
}

void
rig_settle(struct rig *r)
{
	ck_assert(fake_run(r->base, rig_quiet, r, 2000));
}

void
rig_up(struct rig *r, unsigned min_idle, unsigned max_idle,
    unsigned max_total, bool adopt)
{
	struct pool_conf pc = {
		.min_idle = min_idle, .max_idle = max_idle,
		.max_total = max_total, .retry_ms = 50,
		.idle_caps = { .cpu_quota_us = 1000, .cpu_period_us = 100000 },
		.hold_adopted = adopt,
	};
	struct flows_conf fc;
	char err[160];

	log_init("test_flowops", LOG_LVL_WARN, false);
	rig_ops = fake_ops;
	rig_ops.configure = rig_configure;
	rig_now = r;
	ck_assert_ptr_nonnull(r->base = event_base_new());
	ck_assert_int_eq(pool_create(r->base, &rig_ops, &r->f, &pc, adopt,
	    &r->pool), 0);
	rig_settle(r);
	memset(&fc, 0, sizeof(fc));
	fc.n_links = 1;
	fc.links[0].ifindex = RIG_LINK_IFINDEX;
	snprintf(fc.links[0].name, sizeof(fc.links[0].name), "r1-b");
	fc.links[0].rate = 125000000;
	fc.links[0].reservable = 0.9;
	fc.links[0].mtu = 1500;
	fc.cores = 8;
	fc.dom0_reserve = 1;
	fc.mem_budget = 1ULL << 32;
	fc.pool_size = max_total;
	rs_params_default(&fc.params);
	fc.pool = r->pool;
	fc.plane = &plane_ops;
	fc.plane_arg = &r->plane;
	fc.gone = rig_gone;
	fc.gone_arg = r;
	ck_assert_int_eq(flows_init(&fc, &r->flows, err, sizeof(err)), 0);
}

void
rig_down(struct rig *r, bool keep)
{
	unsigned id;

	if (keep)
		flows_state_forget(r->flows);
	else
		flows_free(r->flows);
	r->flows = NULL;
	pool_free(r->pool, keep);
	/* What stays (creates that finished meanwhile too) is listed. */
	if (keep)
		for (id = 0; id < FAKE_MAX; id++)
			r->f.seeded[id] = r->f.rl[id] != NULL;
	r->pool = NULL;
	event_base_free(r->base);
	r->base = NULL;
}

void
rig_req(struct rig *r, struct flow_req *req, uint64_t key, uint16_t lsp_id,
    uint32_t in_label, unsigned kbps)
{
	struct is_flowspec fs = {
		.service = IS_SVC_CONTROLLED_LOAD,
		.tspec = { .rate = kbps * 125.0f, .bucket = 3000,
		    .peak = INFINITY, .min_unit = 64, .max_size = 1500 },
	};
	int n;

	n = is_flowspec_encode(&fs, r->fs_body, sizeof(r->fs_body));
	ck_assert_int_gt(n, 0);
	r->fs_len = (size_t)n;
	memset(req, 0, sizeof(*req));
	req->key = key;
	inet_pton(AF_INET, "10.0.2.2", &req->session.endpoint);
	inet_pton(AF_INET, "10.0.0.1", &req->session.ext_id);
	inet_pton(AF_INET, "10.0.0.1", &req->session.sender);
	req->session.tunnel_id = 7;
	req->session.lsp_id = lsp_id;
	snprintf(req->name, sizeof(req->name), "flow%u", lsp_id);
	req->in_label = in_label;
	req->out_label = 3;
	req->out_ifindex = RIG_LINK_IFINDEX;
	memcpy(req->nexthop_mac, "\x02\x00\x00\x00\x00\x02", 6);
	memcpy(req->source_mac, "\x02\x00\x00\x00\x00\x01", 6);
	req->setup_prio = 7;
	req->hold_prio = 7;
	req->flowspec = r->fs_body;
	req->flowspec_len = r->fs_len;
}
