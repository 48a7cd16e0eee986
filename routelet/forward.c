#include "routelet/forward.h"

#include <string.h>

#include "lib/cursor.h"
#include "lib/inet.h"
#include "lib/mpls.h"

#define ETH_TYPE_OFF	(2 * ETH_ALEN_)

void
rl_fwd_init(struct rl_fwd *f)
{
	memset(f, 0, sizeof(*f));
}

void
rl_fwd_apply(struct rl_fwd *f, const struct rl_config *cfg, uint64_t now)
{
	bool same_tspec = f->configured &&
	    policer_params_equal(&f->cfg.tspec, &cfg->tspec);

	f->cfg = *cfg;
	if (!same_tspec)
		policer_init(&f->pol, &cfg->tspec, now);
	f->configured = true;
}

/* Write the MAC header (next hop, our source, 'ethertype') at 'hdr'. */
static void
write_eth(const struct rl_config *cfg, uint8_t *hdr, uint16_t ethertype)
{
	uint8_t type[2] = { (uint8_t)(ethertype >> 8), (uint8_t)ethertype };

	memcpy(hdr, cfg->nexthop_mac, ETH_ALEN_);
	memcpy(hdr + ETH_ALEN_, cfg->source_mac, ETH_ALEN_);
	memcpy(hdr + ETH_TYPE_OFF, type, sizeof(type));
}

/*
 * Give what a pop leaves on top, at 'p', the TTL 'ttl': the next label
 * entry, or the IPv4 header (checksum updated, RFC 1624).  The caller
 * checked that the bytes are there.
 */
static void
pop_ttl(uint8_t *p, uint16_t ethertype, uint8_t ttl)
{
	uint16_t old, now, sum;
	uint32_t lse;

	if (ethertype == ETH_P_MPLS_UC_) {
		memcpy(&lse, p, sizeof(lse));
		lse = htonl(mpls_lse_set_ttl(ntohl(lse), ttl));
		memcpy(p, &lse, sizeof(lse));
		return;
	}
	old = (uint16_t)(p[IPV4_TTL_OFF] << 8 | p[IPV4_TTL_OFF + 1]);
	p[IPV4_TTL_OFF] = ttl;
	now = (uint16_t)(p[IPV4_TTL_OFF] << 8 | p[IPV4_TTL_OFF + 1]);
	sum = (uint16_t)(p[IPV4_CSUM_OFF] << 8 | p[IPV4_CSUM_OFF + 1]);
	sum = inet_cksum_replace16(sum, old, now);
	p[IPV4_CSUM_OFF] = (uint8_t)(sum >> 8);
	p[IPV4_CSUM_OFF + 1] = (uint8_t)sum;
}

enum rl_verdict
rl_forward(struct rl_fwd *f, uint8_t *frame, size_t len, uint64_t now,
    size_t *off_r, size_t *len_r)
{
	struct rl_counters *cnt = &f->cnt;
	struct cursor c;
	uint32_t lse, out;
	uint16_t ethertype;
	uint8_t ttl, ipver;
	size_t size;

	cnt->rx_packets++;
	cnt->rx_bytes += len;

	cur_init(&c, frame, len);
	if (!cur_skip(&c, ETH_TYPE_OFF) || !cur_u16(&c, &ethertype)) {
		cnt->malformed_packets++;
		return RL_DROP;
	}
	if (ethertype != ETH_P_MPLS_UC_) {
		cnt->not_mpls_packets++;
		return RL_DROP;
	}
	if (!cur_u32(&c, &lse)) {
		cnt->malformed_packets++;
		return RL_DROP;
	}
	if (!f->configured || mpls_lse_label(lse) != f->cfg.in_label) {
		cnt->bad_label_packets++;
		return RL_DROP;
	}
	/* RFC 3032 2.4.1 / RFC 3443: an outgoing TTL of 0 is not forwarded. */
	ttl = mpls_lse_ttl(lse);
	if (ttl <= 1) {
		cnt->ttl_expired_packets++;
		return RL_DROP;
	}

	out = f->cfg.out_label;
	if (out == MPLS_LABEL_IMPLICIT_NULL) {
		/*
		 * Pop (RFC 3031 3.16, penultimate hop popping): below the
		 * bottom of the stack is an IPv4 packet, above it another
		 * label entry.  Uniform model (RFC 3443 3.1), as dom0's own
		 * pop does: what stays takes the popped TTL - 1.
		 */
		if (mpls_lse_bottom(lse)) {
			if (!cur_peek_u8(&c, 0, &ipver) || ipver >> 4 != 4 ||
			    cur_left(&c) < IPV4_HLEN_MIN) {
				cnt->malformed_packets++;
				return RL_DROP;
			}
			ethertype = ETH_P_IPV4_;
		} else if (cur_left(&c) < MPLS_HLEN) {
			cnt->malformed_packets++;
			return RL_DROP;
		}
	}

	/* The IntServ packet size: what follows the link-layer header. */
	size = len - ETH_HLEN_;
	if (size > UINT32_MAX ||
	    !policer_conform(&f->pol, (uint32_t)size, now)) {
		cnt->policed_packets++;
		cnt->policed_bytes += len;
		return RL_DROP;
	}

	if (out == MPLS_LABEL_IMPLICIT_NULL) {
		pop_ttl(frame + ETH_HLEN_ + MPLS_HLEN, ethertype,
		    (uint8_t)(ttl - 1));
		write_eth(&f->cfg, frame + MPLS_HLEN, ethertype);
		*off_r = MPLS_HLEN;
		*len_r = len - MPLS_HLEN;
		return RL_SEND;
	}
	lse = mpls_lse_set_ttl(mpls_lse_set_label(lse, out), (uint8_t)(ttl - 1));
	lse = htonl(lse);
	memcpy(frame + ETH_HLEN_, &lse, sizeof(lse));
	write_eth(&f->cfg, frame, ETH_P_MPLS_UC_);
	*off_r = 0;
	*len_r = len;
	return RL_SEND;
}

void
rl_fwd_sent(struct rl_fwd *f, size_t len, bool ok)
{
	if (ok) {
		f->cnt.tx_packets++;
		f->cnt.tx_bytes += len;
	} else {
		f->cnt.send_error_packets++;
		f->cnt.send_error_bytes += len;
	}
}

void
rl_fwd_drop_truncated(struct rl_fwd *f, size_t len)
{
	f->cnt.rx_packets++;
	f->cnt.rx_bytes += len;
	f->cnt.malformed_packets++;
}
