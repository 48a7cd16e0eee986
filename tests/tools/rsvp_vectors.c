/*
 * rsvp-vectors: write the test messages of vectors.h as a pcap file, each
 * in IPv4 (with Router Alert for Path and PathTear, RFC 2205 3.1.3) and
 * Ethernet, or, with -m, a capture of malformed packets made from them.
 *
 *   rsvp-vectors [-m] [-l LINK] [-s DIR] FILE
 *   rsvp-vectors [-m] -o IFACE
 *
 * -l LINK writes the frames with another link layer instead of Ethernet:
 * vlan (Ethernet with an 802.1Q tag, VLAN 100), raw (DLT_RAW), ipv4
 * (LINKTYPE_IPV4), sll, sll2 (Linux cooked), null, loop (BSD loopback).
 * -s DIR also writes each RSVP message alone to DIR/NAME.bin (the fuzz
 * seed corpus).  -o IFACE sends the Ethernet frames out of IFACE instead
 * (pcap_inject), for the live capture test.  Not installed; used by
 * tests/integration/.
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pcap/pcap.h>

#include "lib/inet.h"
#include "lib/writer.h"
#include "tests/tools/vectors.h"

#define FRAME_MAX	(ETH_HLEN_ + 24 + RSVP_MSG_MAX_LEN)
#define IP_TTL_DEFAULT	64
#define VEC_EPOCH	1700000000	/* timestamps start here */

enum out_link {
	OUT_ETHER,
	OUT_VLAN,
	OUT_RAW,
	OUT_IPV4,
	OUT_SLL,
	OUT_SLL2,
	OUT_NULL,
	OUT_LOOP,
};

static const struct {
	const char *name;
	int dlt;
} out_links[] = {
	[OUT_ETHER] = { "ether", DLT_EN10MB },
	[OUT_VLAN] = { "vlan", DLT_EN10MB },
	[OUT_RAW] = { "raw", DLT_RAW },
	[OUT_IPV4] = { "ipv4", DLT_IPV4 },
	[OUT_SLL] = { "sll", DLT_LINUX_SLL },
	[OUT_SLL2] = { "sll2", DLT_LINUX_SLL2 },
	[OUT_NULL] = { "null", DLT_NULL },
	[OUT_LOOP] = { "loop", DLT_LOOP },
};

struct out {
	pcap_dumper_t *dumper;	/* to a file, or */
	pcap_t *live;		/* out of an interface */
	enum out_link link;
	unsigned npkts;
	unsigned send_errors;
};

/* Ethernet + IPv4 (+ Router Alert) around 'len' bytes of 'payload'. */
static size_t
frame_build(uint8_t *frame, size_t cap, struct in_addr src,
    struct in_addr dst, uint8_t ttl, bool ra, uint16_t frag,
    const uint8_t *payload, size_t len)
{
	static const uint8_t macs[12] = { 0x02, 0, 0, 0, 0, 0x02,
	    0x02, 0, 0, 0, 0, 0x01 };
	struct writer w;
	size_t hlen = ra ? 24 : 20, ip_at;
	uint16_t c;

	w_init(&w, frame, cap);
	w_bytes(&w, macs, sizeof(macs));
	w_u16(&w, ETH_P_IPV4_);
	ip_at = w.len;
	w_u8(&w, (uint8_t)(0x40 | hlen / 4));
	w_u8(&w, 0xc0);			/* DSCP CS6, network control */
	w_u16(&w, (uint16_t)(hlen + len));
	w_u16(&w, 1);
	w_u16(&w, frag);
	w_u8(&w, ttl);
	w_u8(&w, IPPROTO_RSVP_);
	w_u16(&w, 0);
	w_bytes(&w, &src, 4);
	w_bytes(&w, &dst, 4);
	if (ra) {
		/* RFC 2113 2.1: type 148, length 4, value 0 */
		w_u8(&w, 148);
		w_u8(&w, 4);
		w_u16(&w, 0);
	}
	w_bytes(&w, payload, len);
	if (!w_ok(&w))
		return 0;
	c = inet_cksum(frame + ip_at, hlen);
	memcpy(frame + ip_at + 10, &c, 2);
	return w.len;
}

/* The link header of o->link in front of an IPv4 packet; its length. */
static size_t
link_header(const struct out *o, const uint8_t *eth, uint8_t *hdr)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	struct writer w;
	uint32_t af = 2;	/* AF_INET */

	w_init(&w, hdr, 32);
	switch (o->link) {
	case OUT_ETHER:
		w_bytes(&w, eth, ETH_HLEN_);
		break;
	case OUT_VLAN:
		w_bytes(&w, eth, 2 * ETH_ALEN_);
		w_u16(&w, 0x8100);
		w_u16(&w, 100);
		w_u16(&w, ETH_P_IPV4_);
		break;
	case OUT_RAW:
	case OUT_IPV4:
		break;
	case OUT_SLL:
		w_u16(&w, 0);		/* to us */
		w_u16(&w, 1);		/* ARPHRD_ETHER */
		w_u16(&w, 6);
		w_bytes(&w, mac, 6);
		w_u16(&w, 0);
		w_u16(&w, ETH_P_IPV4_);
		break;
	case OUT_SLL2:
		w_u16(&w, ETH_P_IPV4_);
		w_u16(&w, 0);
		w_u32(&w, 2);		/* ifindex */
		w_u16(&w, 1);
		w_u8(&w, 0);
		w_u8(&w, 6);
		w_bytes(&w, mac, 6);
		w_u16(&w, 0);
		break;
	case OUT_NULL:
		w_bytes(&w, &af, 4);	/* host order */
		break;
	case OUT_LOOP:
		w_u32(&w, af);
		break;
	}
	return w.len;
}

/*
 * Write the Ethernet 'frame' of 'len' captured bytes (of a packet of
 * 'wirelen' bytes) with the link layer of o->link.
 */
static void
out_frame(struct out *o, const uint8_t *frame, size_t len, size_t wirelen)
{
	static uint8_t buf[FRAME_MAX + 32];
	struct pcap_pkthdr h;
	size_t hl = link_header(o, frame, buf);

	memcpy(buf + hl, frame + ETH_HLEN_, len - ETH_HLEN_);
	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = VEC_EPOCH + o->npkts;
	h.caplen = (bpf_u_int32)(len - ETH_HLEN_ + hl);
	h.len = (bpf_u_int32)(wirelen - ETH_HLEN_ + hl);
	if (o->live != NULL) {
		if (pcap_inject(o->live, buf, h.caplen) < 0)
			o->send_errors++;
	} else
		pcap_dump((u_char *)o->dumper, &h, buf);
	o->npkts++;
}

/* Wrap the RSVP 'msg' of 'kind' in IPv4 and Ethernet and write it. */
static int
out_msg(struct out *o, enum vec_kind kind, const uint8_t *msg, size_t len,
    uint8_t ttl, uint16_t frag)
{
	static uint8_t frame[FRAME_MAX];
	struct in_addr src, dst;
	size_t n;

	vec_addrs(kind, &src, &dst);
	n = frame_build(frame, sizeof(frame), src, dst, ttl,
	    vec_router_alert(kind), frag, msg, len);
	if (n == 0)
		return -1;
	out_frame(o, frame, n, n);
	return 0;
}

static ssize_t
encode(enum vec_kind kind, uint8_t *buf, size_t cap)
{
	static struct rsvp_msg m;

	if (vec_build(kind, &m) < 0) {
		fprintf(stderr, "rsvp-vectors: cannot build %s\n",
		    vec_name(kind));
		return -1;
	}
	return rsvp_encode(&m, buf, cap);
}

static uint8_t
ttl_of(enum vec_kind kind)
{
	return kind == VEC_HELLO_REQUEST || kind == VEC_HELLO_ACK ? 1 :
	    IP_TTL_DEFAULT;
}

static int
write_seed(const char *dir, const char *name, const uint8_t *buf,
    size_t len)
{
	char path[4096];
	FILE *fp;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/%s.bin", dir, name);
	fp = fopen(path, "wb");
	if (fp == NULL) {
		perror(path);
		return -1;
	}
	if (fwrite(buf, 1, len, fp) == len)
		rc = 0;
	if (fclose(fp) != 0)
		rc = -1;
	return rc;
}

static int
write_good(struct out *o, const char *seed_dir)
{
	static uint8_t buf[RSVP_MSG_MAX_LEN];
	enum vec_kind k;
	ssize_t n;

	for (k = 0; k < VEC_COUNT; k++) {
		n = encode(k, buf, sizeof(buf));
		if (n < 0)
			return -1;
		if (out_msg(o, k, buf, (size_t)n, ttl_of(k), 0) < 0)
			return -1;
		if (seed_dir != NULL &&
		    write_seed(seed_dir, vec_name(k), buf, (size_t)n) < 0)
			return -1;
	}
	return 0;
}

/* Recompute the RSVP checksum of a message edited by hand. */
static void
fix_cksum(uint8_t *msg, size_t len)
{
	uint16_t c;

	msg[2] = msg[3] = 0;
	c = inet_cksum(msg, len);
	memcpy(msg + 2, &c, 2);
}

/* Set the IntServ version of the first SENDER_TSPEC in 'msg' to 15. */
static int
corrupt_tspec(uint8_t *msg, size_t len)
{
	size_t off = RSVP_HDR_LEN, olen;

	while (off + RSVP_OBJ_HDR_LEN <= len) {
		olen = (size_t)msg[off] << 8 | msg[off + 1];
		if (olen < RSVP_OBJ_HDR_LEN)
			break;
		if (msg[off + 2] == RSVP_CLASS_SENDER_TSPEC) {
			msg[off + RSVP_OBJ_HDR_LEN] = 0xf0;
			fix_cksum(msg, len);
			return 0;
		}
		off += olen;
	}
	return -1;
}

/*
 * The Path with an unknown class 200 object (encoded by rsvp/ as one to
 * forward) and a class 150 object appended by hand (rsvp/ encodes no
 * object that 3.10 says to drop).
 */
static ssize_t
encode_with_unknown(uint8_t *buf, size_t cap)
{
	static const uint8_t ignored[] = { 0, 8, 150, 1, 0xca, 0xfe, 0xba,
	    0xbe };
	static struct rsvp_msg m;
	struct rsvp_obj *ob;
	ssize_t n;
	size_t len;

	if (vec_build(VEC_PATH, &m) < 0)
		return -1;
	ob = rsvp_msg_add(&m, 200, 1);
	if (ob == NULL)
		return -1;
	ob->kind = RSVP_OBJ_FORWARD;
	ob->u.opaque.len = 4;
	memcpy(ob->u.opaque.data, "\xde\xad\xbe\xef", 4);
	n = rsvp_encode(&m, buf, cap);
	if (n < 0 || (size_t)n + sizeof(ignored) > cap)
		return -1;
	memcpy(buf + n, ignored, sizeof(ignored));
	len = (size_t)n + sizeof(ignored);
	buf[6] = (uint8_t)(len >> 8);
	buf[7] = (uint8_t)len;
	fix_cksum(buf, len);
	return (ssize_t)len;
}

/*
 * The malformed set, in this order (tests/integration/dump_malformed.sh
 * relies on it): each is made from the Path vector unless it says not.
 */
static int
write_malformed(struct out *o)
{
	static uint8_t path[RSVP_MSG_MAX_LEN], m[RSVP_MSG_MAX_LEN];
	static uint8_t frame[FRAME_MAX];
	struct in_addr src, dst;
	ssize_t n;
	size_t len, fl;

	n = encode(VEC_PATH, path, sizeof(path));
	if (n < 0)
		return -1;
	len = (size_t)n;
	vec_addrs(VEC_PATH, &src, &dst);

	/* 1. cut at 50 bytes: the length field runs past the bytes */
	if (out_msg(o, VEC_PATH, path, 50, IP_TTL_DEFAULT, 0) < 0)
		return -1;
	/* 2. a wrong checksum */
	memcpy(m, path, len);
	m[2] ^= 0x5a;
	if (out_msg(o, VEC_PATH, m, len, IP_TTL_DEFAULT, 0) < 0)
		return -1;
	/* 3. the first object's length 0 (RFC 2205 3.1.2: a multiple of 4,
	 * at least 4) */
	memcpy(m, path, len);
	m[8] = m[9] = 0;
	fix_cksum(m, len);
	if (out_msg(o, VEC_PATH, m, len, IP_TTL_DEFAULT, 0) < 0)
		return -1;
	/* 4. the first object's length runs past the message */
	memcpy(m, path, len);
	m[8] = 0x40;
	m[9] = 0x00;
	fix_cksum(m, len);
	if (out_msg(o, VEC_PATH, m, len, IP_TTL_DEFAULT, 0) < 0)
		return -1;
	/* 5. SESSION's class changed to 100, unknown 0bbbbbbb (3.10) */
	memcpy(m, path, len);
	m[10] = 100;
	fix_cksum(m, len);
	if (out_msg(o, VEC_PATH, m, len, IP_TTL_DEFAULT, 0) < 0)
		return -1;
	/* 6. RSVP version 2 */
	memcpy(m, path, len);
	m[0] = 0x20;
	fix_cksum(m, len);
	if (out_msg(o, VEC_PATH, m, len, IP_TTL_DEFAULT, 0) < 0)
		return -1;
	/* 7. four bytes, shorter than the common header */
	if (out_msg(o, VEC_PATH, path, 4, IP_TTL_DEFAULT, 0) < 0)
		return -1;
	/* 8. the first fragment of a Path (MF set) */
	if (out_msg(o, VEC_PATH, path, 64, IP_TTL_DEFAULT, 0x2000) < 0)
		return -1;
	/* 9. captured with a snap length that cuts the IPv4 header */
	fl = frame_build(frame, sizeof(frame), src, dst, IP_TTL_DEFAULT, true,
	    0, path, len);
	out_frame(o, frame, ETH_HLEN_ + 16, fl);
	/* 10. an IPv4 option whose length runs past the header */
	fl = frame_build(frame, sizeof(frame), src, dst, IP_TTL_DEFAULT, true,
	    0, path, len);
	frame[ETH_HLEN_ + 21] = 12;
	out_frame(o, frame, fl, fl);
	/* 11. SENDER_TSPEC whose IntServ header says version 15: rsvp/
	 * keeps the body opaque, flowspec/ refuses it (RFC 2210 3.1) */
	memcpy(m, path, len);
	if (corrupt_tspec(m, len) < 0)
		return -1;
	if (out_msg(o, VEC_PATH, m, len, IP_TTL_DEFAULT, 0) < 0)
		return -1;
	/* 12. unknown objects: class 200 (11bbbbbb, forwarded) and class
	 * 150 (10bbbbbb, ignored), RFC 2205 3.10 */
	n = encode_with_unknown(m, sizeof(m));
	if (n < 0 || out_msg(o, VEC_PATH, m, (size_t)n, IP_TTL_DEFAULT,
	    0) < 0)
		return -1;
	/* 13. a good Resv: the dump goes on after all of these */
	n = encode(VEC_RESV_FF, m, sizeof(m));
	if (n < 0 || out_msg(o, VEC_RESV_FF, m, (size_t)n, IP_TTL_DEFAULT,
	    0) < 0)
		return -1;
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: rsvp-vectors [-m] [-l LINK] [-s DIR] FILE\n"
	    "       rsvp-vectors [-m] -o IFACE\n"
	    "LINK: ether vlan raw ipv4 sll sll2 null loop\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *seed_dir = NULL;
	bool malformed = false;
	struct out o = { NULL, NULL, OUT_ETHER, 0, 0 };
	const char *iface = NULL;
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *p;
	size_t i;
	int ch, rc = 1;

	while ((ch = getopt(argc, argv, "ml:o:s:")) != -1) {
		switch (ch) {
		case 'o':
			iface = optarg;
			break;
		case 'l':
			for (i = 0; i < sizeof(out_links) /
			    sizeof(out_links[0]); i++)
				if (strcmp(optarg, out_links[i].name) == 0)
					break;
			if (i == sizeof(out_links) / sizeof(out_links[0]))
				usage();
			o.link = (enum out_link)i;
			break;
		case 'm':
			malformed = true;
			break;
		case 's':
			seed_dir = optarg;
			break;
		default:
			usage();
		}
	}
	if (iface != NULL) {
		if (optind != argc || o.link != OUT_ETHER || seed_dir != NULL)
			usage();
		p = o.live = pcap_open_live(iface, 65535, 0, 100, errbuf);
		if (p == NULL) {
			fprintf(stderr, "rsvp-vectors: %s\n", errbuf);
			return 1;
		}
	} else {
		if (optind != argc - 1)
			usage();
		p = pcap_open_dead(out_links[o.link].dlt, 65535);
		if (p == NULL) {
			fprintf(stderr, "rsvp-vectors: pcap_open_dead "
			    "failed\n");
			return 1;
		}
		o.dumper = pcap_dump_open(p, argv[optind]);
		if (o.dumper == NULL) {
			fprintf(stderr, "rsvp-vectors: %s\n", pcap_geterr(p));
			goto out;
		}
	}
	if ((malformed ? write_malformed(&o) : write_good(&o, seed_dir)) < 0) {
		fprintf(stderr, "rsvp-vectors: cannot encode the vectors\n");
		goto out;
	}
	if (o.send_errors > 0) {
		fprintf(stderr, "rsvp-vectors: %u of %u frames not sent: %s\n",
		    o.send_errors, o.npkts, pcap_geterr(p));
		goto out;
	}
	rc = 0;
out:
	if (o.dumper != NULL)
		pcap_dump_close(o.dumper);
	pcap_close(p);
	return rc;
}
