#include "testbed/gen/frame.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cursor.h"
#include "lib/mpls.h"
#include "lib/writer.h"

#define UDP_HLEN	8
#define UDP_PORT	9	/* discard (RFC 863) */
#define IPV4_TOTLEN_AT	2	/* offsets in the IPv4 header */
#define IPV4_CKSUM_AT	10
#define IPV4_TTL_AT	8

static const char *const check_names[GEN_CHECK_MAX] = {
	[GEN_CHECK_OK] = "ok",
	[GEN_CHECK_SHORT] = "short",
	[GEN_CHECK_DST] = "destination-mac",
	[GEN_CHECK_ETHERTYPE] = "ethertype",
	[GEN_CHECK_LABEL] = "label",
	[GEN_CHECK_TTL] = "ttl",
	[GEN_CHECK_IPV4] = "ipv4-header",
};

const char *
gen_check_name(enum gen_check c)
{
	return c < GEN_CHECK_MAX ? check_names[c] : "?";
}

static int
label_range_ok(uint32_t label, uint32_t n)
{
	return n >= 1 && label >= MPLS_LABEL_FIRST_UNRESERVED &&
	    label <= MPLS_LABEL_MAX && n - 1 <= MPLS_LABEL_MAX - label;
}

/* IPv4 (20 bytes, no options) and UDP with 'len' bytes from the IPv4 header on. */
static void
write_ipv4_udp(struct writer *w, const struct gen_frame_spec *spec,
    uint32_t index, size_t len)
{
	size_t at = w->len;
	uint16_t ck;

	w_u8(w, 0x45);
	w_u8(w, 0);
	w_u16(w, (uint16_t)len);
	w_u16(w, 0);				/* identification */
	w_u16(w, 0x4000);			/* DF, offset 0 */
	w_u8(w, spec->ttl);
	w_u8(w, IPPROTO_UDP);
	w_u16(w, 0);				/* checksum, below */
	w_bytes(w, &spec->ip_src, 4);
	w_bytes(w, &spec->ip_dst, 4);
	if (w_ok(w)) {
		/* inet_cksum's result is in network order already. */
		ck = inet_cksum(w->buf + at, IPV4_HLEN_MIN);
		memcpy(w->buf + at + IPV4_CKSUM_AT, &ck, sizeof(ck));
	}
	w_u16(w, UDP_PORT);
	w_u16(w, UDP_PORT);
	w_u16(w, (uint16_t)(len - IPV4_HLEN_MIN));
	w_u16(w, 0);				/* no UDP checksum */
	w_u32(w, index);			/* sequence number */
	w_zero(w, len - IPV4_HLEN_MIN - UDP_HLEN - 4);
}

int
gen_frame_build(const struct gen_frame_spec *spec, uint32_t index,
    uint8_t *buf, size_t cap)
{
	struct writer w;
	size_t l3;
	uint32_t label;

	if (spec->size < GEN_FRAME_MIN || spec->size > GEN_FRAME_MAX)
		return -1;
	if (spec->kind == GEN_MPLS &&
	    !label_range_ok(spec->label, spec->nlabels))
		return -1;
	w_init(&w, buf, cap);
	w_bytes(&w, spec->dst, ETH_ALEN_);
	w_bytes(&w, spec->src, ETH_ALEN_);
	l3 = spec->size - ETH_HLEN_;
	if (spec->kind == GEN_MPLS) {
		label = spec->label + index % spec->nlabels;
		w_u16(&w, ETH_P_MPLS_UC_);
		w_u32(&w, mpls_lse_make(label, 0, 1, spec->ttl));
		l3 -= MPLS_HLEN;
	} else
		w_u16(&w, ETH_P_IPV4_);
	write_ipv4_udp(&w, spec, index, l3);
	return w_ok(&w) ? (int)w.len : -1;
}

int
gen_frame_stamp(const struct gen_frame_spec *spec, uint32_t index,
    uint8_t *buf, size_t len)
{
	struct writer w;
	size_t seq_at = ETH_HLEN_ + IPV4_HLEN_MIN + UDP_HLEN;

	if (len != spec->size)
		return -1;
	if (spec->kind == GEN_MPLS) {
		w_init(&w, buf + ETH_HLEN_, len - ETH_HLEN_);
		w_u32(&w, mpls_lse_make(spec->label + index % spec->nlabels,
		    0, 1, spec->ttl));
		seq_at += MPLS_HLEN;
	}
	w_init(&w, buf + seq_at, len - seq_at);
	w_u32(&w, index);
	return w_ok(&w) ? 0 : -1;
}

static enum gen_check
check_ipv4(struct cursor *c, int check_ttl, uint8_t ttl)
{
	uint8_t hdr[IPV4_HLEN_MIN];

	if (!cur_bytes(c, hdr, sizeof(hdr)))
		return GEN_CHECK_SHORT;
	if (hdr[0] != 0x45 || inet_cksum(hdr, sizeof(hdr)) != 0)
		return GEN_CHECK_IPV4;
	if (check_ttl && hdr[IPV4_TTL_AT] != ttl)
		return GEN_CHECK_TTL;
	return GEN_CHECK_OK;
}

enum gen_check
gen_frame_check(const struct gen_frame_expect *exp, const uint8_t *buf,
    size_t len)
{
	struct cursor c;
	uint8_t dst[ETH_ALEN_];
	uint16_t type;
	uint32_t lse, label;

	cur_init(&c, buf, len);
	if (!cur_bytes(&c, dst, sizeof(dst)) || !cur_skip(&c, ETH_ALEN_) ||
	    !cur_u16(&c, &type))
		return GEN_CHECK_SHORT;
	if (exp->check_dst && memcmp(dst, exp->dst, sizeof(dst)) != 0)
		return GEN_CHECK_DST;
	if (exp->kind == GEN_IPV4) {
		if (type != ETH_P_IPV4_)
			return GEN_CHECK_ETHERTYPE;
		return check_ipv4(&c, 1, exp->ttl);
	}
	if (type != ETH_P_MPLS_UC_)
		return GEN_CHECK_ETHERTYPE;
	if (!cur_u32(&c, &lse))
		return GEN_CHECK_SHORT;
	label = mpls_lse_label(lse);
	if (!mpls_lse_bottom(lse) || label < exp->label ||
	    label - exp->label >= exp->nlabels)
		return GEN_CHECK_LABEL;
	if (mpls_lse_ttl(lse) != exp->ttl)
		return GEN_CHECK_TTL;
	/* Under the label the IPv4 header is ours, untouched (short pipe). */
	return check_ipv4(&c, 0, 0);
}

int
gen_parse_labels(const char *s, uint32_t *label_r, uint32_t *n_r)
{
	unsigned long label, n = 1;
	char *end;

	errno = 0;
	label = strtoul(s, &end, 10);
	if (end == s || errno != 0)
		return -1;
	if (*end == ':') {
		s = end + 1;
		n = strtoul(s, &end, 10);
		if (end == s || errno != 0)
			return -1;
	}
	if (*end != '\0' || label > MPLS_LABEL_MAX || n > MPLS_LABEL_MAX + 1ul ||
	    !label_range_ok((uint32_t)label, (uint32_t)n))
		return -1;
	*label_r = (uint32_t)label;
	*n_r = (uint32_t)n;
	return 0;
}
