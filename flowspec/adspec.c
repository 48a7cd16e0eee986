/*
 * ADSPEC body (RFC 2210 3, ADSPEC): the default general parameters
 * fragment (service 1: IS hop count, path bandwidth, minimum path latency,
 * composed MTU; RFC 2215 3.2-3.5), then optionally the Guaranteed fragment
 * (service 2: Ctot, Dtot, Csum, Dsum; RFC 2212) and the Controlled-Load
 * fragment (service 5; RFC 2211).  A service fragment may also carry
 * general parameters that override the defaults for that service.
 * Errors are "Bad Adspec value" (RFC 2205 App. B, code 21 value 5).
 *
 * Rules kept here: every length fits its container; each known fragment
 * and parameter appears at most once; the general fragment and its four
 * parameters are present; the Guaranteed fragment carries its four
 * composed values unless its break bit says a hop on the path does not
 * support the service (a sender that does not offer it sends the header
 * alone, with the break bit set); a float is a number, not below zero,
 * possibly +infinity (an unlimited path bandwidth), unless its parameter
 * is flagged not valid.  Unknown parameters are skipped by their length,
 * and fragments of unknown services are kept, to be passed on.
 */
#include "flowspec/wire.h"

#include <math.h>
#include <string.h>

static int
ad_u32_read(struct is_dec *d, const struct is_param *p, struct is_ad_u32 *v)
{
	if (v->present)
		return is_fail(d, IS_E_DUPLICATE, p->at);
	if (is_param_words(d, p, &v->value, 1) == -1)
		return -1;
	v->present = true;
	v->flags = p->flags;
	return 0;
}

static int
ad_float_read(struct is_dec *d, const struct is_param *p,
    struct is_ad_float *v)
{
	uint32_t bits;

	if (v->present)
		return is_fail(d, IS_E_DUPLICATE, p->at);
	if (is_param_words(d, p, &bits, 1) == -1)
		return -1;
	v->value = is_float_from_bits(bits);
	v->present = true;
	v->flags = p->flags;
	if (p->flags & IS_PARAM_INVALID)
		return 0;
	if (isnan(v->value))
		return is_fail(d, IS_E_NAN, p->at);
	if (v->value < 0)
		return is_fail(d, IS_E_NEGATIVE, p->at);
	return 0;
}

/* Read 'p' into 'g' if it is a general characterization parameter;
 * anything else is skipped (RFC 2210 3). */
static int
ad_general_param(struct is_dec *d, const struct is_param *p,
    struct is_ad_general *g)
{
	switch (p->id) {
	case IS_PARAM_HOP_COUNT:
		return ad_u32_read(d, p, &g->hop_count);
	case IS_PARAM_PATH_BW:
		return ad_float_read(d, p, &g->path_bw);
	case IS_PARAM_MIN_LATENCY:
		return ad_u32_read(d, p, &g->min_latency);
	case IS_PARAM_PATH_MTU:
		return ad_u32_read(d, p, &g->path_mtu);
	}
	return 0;
}

static int
ad_general_frag(struct is_dec *d, struct is_svc *s, struct is_adspec *a,
    bool *seen)
{
	struct is_ad_general *g = &a->general;
	struct is_param p;

	if (*seen)
		return is_fail(d, IS_E_DUPLICATE, s->at);
	*seen = true;
	a->gen_brk = s->flags & IS_SVC_BREAK;
	while (cur_left(&s->data) > 0) {
		if (is_param_next(d, &s->data, &p) == -1 ||
		    ad_general_param(d, &p, g) == -1)
			return -1;
	}
	if (!g->hop_count.present || !g->path_bw.present ||
	    !g->min_latency.present || !g->path_mtu.present)
		return is_fail(d, IS_E_MISSING, s->at);
	return 0;
}

static int
ad_guaranteed_frag(struct is_dec *d, struct is_svc *s,
    struct is_ad_guaranteed *g)
{
	struct is_param p;
	int rc;

	if (g->present)
		return is_fail(d, IS_E_DUPLICATE, s->at);
	g->present = true;
	g->brk = s->flags & IS_SVC_BREAK;
	while (cur_left(&s->data) > 0) {
		if (is_param_next(d, &s->data, &p) == -1)
			return -1;
		switch (p.id) {
		case IS_PARAM_GUAR_CTOT:
			rc = ad_u32_read(d, &p, &g->ctot);
			break;
		case IS_PARAM_GUAR_DTOT:
			rc = ad_u32_read(d, &p, &g->dtot);
			break;
		case IS_PARAM_GUAR_CSUM:
			rc = ad_u32_read(d, &p, &g->csum);
			break;
		case IS_PARAM_GUAR_DSUM:
			rc = ad_u32_read(d, &p, &g->dsum);
			break;
		default:
			rc = ad_general_param(d, &p, &g->override);
			break;
		}
		if (rc == -1)
			return -1;
	}
	if (!g->brk && (!g->ctot.present || !g->dtot.present ||
	    !g->csum.present || !g->dsum.present))
		return is_fail(d, IS_E_MISSING, s->at);
	return 0;
}

static int
ad_cl_frag(struct is_dec *d, struct is_svc *s, struct is_ad_cl *cl)
{
	struct is_param p;

	if (cl->present)
		return is_fail(d, IS_E_DUPLICATE, s->at);
	cl->present = true;
	cl->brk = s->flags & IS_SVC_BREAK;
	while (cur_left(&s->data) > 0) {
		if (is_param_next(d, &s->data, &p) == -1 ||
		    ad_general_param(d, &p, &cl->override) == -1)
			return -1;
	}
	return 0;
}

static int
ad_other_frag(struct is_dec *d, struct is_svc *s, struct is_adspec *a)
{
	struct is_ad_other *o;
	size_t len = cur_left(&s->data);

	if (a->n_other == IS_AD_MAX_OTHER || len > IS_AD_OTHER_MAX_LEN)
		return is_fail(d, IS_E_TOO_MANY, s->at);
	o = &a->other[a->n_other++];
	o->service = s->service;
	o->brk = s->flags & IS_SVC_BREAK;
	o->len = (uint16_t)len;
	memcpy(o->data, cur_pos(&s->data), len);
	return 0;
}

int
is_adspec_decode(const void *buf, size_t len, struct is_adspec *a,
    struct is_err *err)
{
	struct is_dec d;
	struct cursor c, msg;
	struct is_svc s;
	bool general = false;
	int rc = -1;

	memset(a, 0, sizeof(*a));
	is_dec_init(&d, buf, IS_TC_BAD_ADSPEC, err);
	cur_init(&c, buf, len);
	if ((rc = is_msg_open(&d, &c, &msg)) == -1)
		goto out;
	while (cur_left(&msg) > 0) {
		if ((rc = is_svc_next(&d, &msg, &s)) == -1)
			goto out;
		switch (s.service) {
		case IS_SVC_GENERAL:
			rc = ad_general_frag(&d, &s, a, &general);
			break;
		case IS_SVC_GUARANTEED:
			rc = ad_guaranteed_frag(&d, &s, &a->guaranteed);
			break;
		case IS_SVC_CONTROLLED_LOAD:
			rc = ad_cl_frag(&d, &s, &a->cl);
			break;
		default:
			rc = ad_other_frag(&d, &s, a);
			break;
		}
		if (rc == -1)
			goto out;
	}
	rc = general ? 0 : is_fail(&d, IS_E_MISSING, d.body);
out:
	if (rc == -1)
		memset(a, 0, sizeof(*a));
	return rc;
}

static void
ad_u32_write(struct writer *w, uint8_t id, const struct is_ad_u32 *v)
{
	if (!v->present)
		return;
	is_param_hdr(w, id, v->flags, 1);
	w_u32(w, v->value);
}

static void
ad_general_write(struct writer *w, const struct is_ad_general *g)
{
	ad_u32_write(w, IS_PARAM_HOP_COUNT, &g->hop_count);
	if (g->path_bw.present) {
		is_param_hdr(w, IS_PARAM_PATH_BW, g->path_bw.flags, 1);
		is_w_float(w, g->path_bw.value);
	}
	ad_u32_write(w, IS_PARAM_MIN_LATENCY, &g->min_latency);
	ad_u32_write(w, IS_PARAM_PATH_MTU, &g->path_mtu);
}

static uint8_t
ad_brk(bool brk)
{
	return brk ? IS_SVC_BREAK : 0;
}

/* Fragments of unknown services must be whole words, fit what the
 * decoder keeps, and not be of a service that has its own member. */
static bool
ad_other_ok(const struct is_adspec *a)
{
	const struct is_ad_other *o;
	unsigned i;

	if (a->n_other > IS_AD_MAX_OTHER)
		return false;
	for (i = 0; i < a->n_other; i++) {
		o = &a->other[i];
		if (o->len > IS_AD_OTHER_MAX_LEN || o->len % 4 != 0 ||
		    o->service == IS_SVC_GENERAL ||
		    o->service == IS_SVC_GUARANTEED ||
		    o->service == IS_SVC_CONTROLLED_LOAD)
			return false;
	}
	return true;
}

int
is_adspec_encode(const struct is_adspec *a, void *buf, size_t cap)
{
	const struct is_ad_guaranteed *g = &a->guaranteed;
	struct writer w;
	size_t msg, svc;
	unsigned i;

	if (!ad_other_ok(a))
		return -1;
	w_init(&w, buf, cap);
	is_msg_begin(&w, &msg);
	is_svc_begin(&w, IS_SVC_GENERAL, ad_brk(a->gen_brk), &svc);
	ad_general_write(&w, &a->general);
	is_hdr_end(&w, svc);
	if (g->present) {
		is_svc_begin(&w, IS_SVC_GUARANTEED, ad_brk(g->brk), &svc);
		ad_u32_write(&w, IS_PARAM_GUAR_CTOT, &g->ctot);
		ad_u32_write(&w, IS_PARAM_GUAR_DTOT, &g->dtot);
		ad_u32_write(&w, IS_PARAM_GUAR_CSUM, &g->csum);
		ad_u32_write(&w, IS_PARAM_GUAR_DSUM, &g->dsum);
		ad_general_write(&w, &g->override);
		is_hdr_end(&w, svc);
	}
	if (a->cl.present) {
		is_svc_begin(&w, IS_SVC_CONTROLLED_LOAD, ad_brk(a->cl.brk),
		    &svc);
		ad_general_write(&w, &a->cl.override);
		is_hdr_end(&w, svc);
	}
	for (i = 0; i < a->n_other; i++) {
		is_svc_begin(&w, a->other[i].service, ad_brk(a->other[i].brk),
		    &svc);
		w_bytes(&w, a->other[i].data, a->other[i].len);
		is_hdr_end(&w, svc);
	}
	/* The writer's overflow is sticky: the last call reports any. */
	if (!is_hdr_end(&w, msg))
		return -1;
	return (int)w.len;
}
