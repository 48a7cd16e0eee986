/*
 * This hop's part of the ADSPEC a Path carries on (RFC 2210 3 ADSPEC,
 * RFC 2215 3.2-3.5, RFC 2212 "Exported Information"): the general
 * characterization parameters composed with the out line card, and the
 * Guaranteed service's C and D error terms of a routelet on it.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "dom0/flows_local.h"
#include "lib/log.h"

/* RFC 2215 3.2: one more IS-aware hop. */
static void
hop_add(struct is_ad_u32 *v)
{
	if (v->present && v->value < UINT32_MAX)
		v->value++;
}

/* RFC 2215 3.3, 3.5: the path's value is the minimum over its links. */
static void
min_u32(struct is_ad_u32 *v, uint32_t link)
{
	if (v->present && link < v->value)
		v->value = link;
}

static void
min_float(struct is_ad_float *v, double link)
{
	if (v->present && link < v->value)
		v->value = (float)link;
}

/* RFC 2215 3.4: latencies add; indeterminate stays so. */
static void
latency_add(struct is_ad_u32 *v, uint32_t us)
{
	if (!v->present || v->value == IS_LATENCY_INDETERMINATE)
		return;
	v->value = v->value > IS_LATENCY_INDETERMINATE - 1 - us ?
	    IS_LATENCY_INDETERMINATE - 1 : v->value + us;
}

static void
general_compose(struct is_ad_general *g, const struct flows_link *l,
    uint32_t latency_us)
{
	hop_add(&g->hop_count);
	min_float(&g->path_bw, l->rate);
	latency_add(&g->min_latency, latency_us);
	min_u32(&g->path_mtu, l->mtu);
}

/* Compose ADSPEC 'buf' ('*len' of 'cap' bytes) with this hop. */
int
flows_adspec_update(struct flows *flows, unsigned out_ifindex,
    const uint8_t *tspec, size_t tspec_len, uint8_t *buf, size_t *len,
    size_t cap)
{
	const struct rs_params *p = &flows->conf.params;
	const struct flows_link *l;
	struct is_flowspec fs;
	struct is_adspec ad;
	struct rs_need need;
	struct rs_link link;
	struct is_err ie;
	uint32_t c, d;
	int idx, n;

	if ((idx = flows_link_index(flows, out_ifindex)) < 0)
		return -ENOENT;
	l = &flows->conf.links[idx];
	if (is_adspec_decode(buf, *len, &ad, &ie) < 0)
		return -EINVAL;
	general_compose(&ad.general, l, p->hop_latency_us);
	if (ad.guaranteed.present) {
		general_compose(&ad.guaranteed.override, l,
		    p->hop_latency_us);
		/* The terms of a routelet serving the sender's TSpec at
		 * R = r, the least the receiver may ask (RFC 2212). */
		memset(&fs, 0, sizeof(fs));
		fs.service = IS_SVC_GUARANTEED;
		if (tspec == NULL || is_sender_tspec_decode(tspec, tspec_len,
		    &fs.tspec, &ie) < 0)
			return -EINVAL;
		fs.rspec.rate = fs.tspec.rate;
		if (rs_need_compute(p, NULL, &fs, &need) != 0)
			return -EINVAL;
		link.rate = l->rate;
		link.mtu = l->mtu;
		rs_guaranteed_terms(p, &link, &need, &c, &d);
		rs_adspec_add(&ad.guaranteed, c, d);
	}
	if (ad.cl.present)
		general_compose(&ad.cl.override, l, p->hop_latency_us);
	if ((n = is_adspec_encode(&ad, buf, cap)) < 0)
		return -EOVERFLOW;
	*len = (size_t)n;
	return 0;
}
