#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fake.h"
#include "flowspec/units.h"
#include "lib/inet.h"

static int
fake_send_fn(void *arg, const struct rsvp_pkt_out *out)
{
	struct fake *f = arg;
	struct fake_pkt *p = &f->sent[f->nsent % FAKE_KEEP];

	ck_assert_uint_le(out->len, sizeof(p->bytes));
	p->out = *out;
	memcpy(p->bytes, out->buf, out->len);
	p->out.buf = p->bytes;
	f->nsent++;
	return f->send_rc;
}

static uint64_t
fake_now_fn(void *arg)
{
	return ((struct fake *)arg)->now;
}

static uint32_t
fake_random_fn(void *arg)
{
	return ((struct fake *)arg)->rnd;
}

struct rsvp_host *
fake_host(struct fake *f, const char *addr)
{
	struct rsvp_host_params p;
	struct rsvp_host *h;

	memset(f, 0, sizeof(*f));
	f->now = 1000000;
	memset(&p, 0, sizeof(p));
	if (addr != NULL)
		p.addr = fake_addr(addr);
	p.send = fake_send_fn;
	p.now_ms = fake_now_fn;
	p.random = fake_random_fn;
	p.arg = f;
	ck_assert_int_eq(rsvp_host_create(&p, &h), 0);
	return h;
}

const struct fake_pkt *
fake_sent(const struct fake *f, size_t i)
{
	ck_assert_uint_lt(i, f->nsent);
	ck_assert_uint_lt(f->nsent - i, FAKE_KEEP + 1);
	return &f->sent[i % FAKE_KEEP];
}

const struct rsvp_msg *
fake_decode(const struct fake *f, size_t i)
{
	static struct rsvp_msg m;
	const struct fake_pkt *p = fake_sent(f, i);
	struct rsvp_error err;
	int r;

	r = rsvp_decode(p->out.buf, p->out.len, &m, &err);
	ck_assert_msg(r == 0, "sent message %zu does not decode: %s", i,
	    err.text);
	return &m;
}

const struct rsvp_msg *
fake_last(const struct fake *f)
{
	ck_assert_uint_gt(f->nsent, 0);
	return fake_decode(f, f->nsent - 1);
}

void
fake_deliver(const struct fake *from, size_t i, struct rsvp_host *h,
    unsigned ifindex)
{
	const struct fake_pkt *p = fake_sent(from, i);
	struct rsvp_pkt_in in;

	memset(&in, 0, sizeof(in));
	in.buf = p->out.buf;
	in.len = p->out.len;
	in.src = p->out.src;
	in.dst = p->out.dst;
	in.ifindex = ifindex;
	in.ip_ttl = p->out.ttl;
	in.router_alert = p->out.router_alert;
	rsvp_host_input(h, &in);
}

void
fake_input(struct rsvp_host *h, const struct rsvp_msg *m, const char *src,
    const char *dst)
{
	static uint8_t buf[4096];
	struct rsvp_pkt_in in;
	ssize_t n;

	n = rsvp_encode(m, buf, sizeof(buf));
	ck_assert_int_gt(n, 0);
	memset(&in, 0, sizeof(in));
	in.buf = buf;
	in.len = (size_t)n;
	in.src = fake_addr(src);
	in.dst = fake_addr(dst);
	in.ifindex = 1;
	in.ip_ttl = 255;
	rsvp_host_input(h, &in);
}

const struct rsvp_obj *
fake_nth(const struct rsvp_msg *m, uint8_t class_num, size_t n)
{
	size_t i;

	for (i = 0; i < m->nobjs; i++)
		if (m->objs[i].class_num == class_num && n-- == 0)
			return &m->objs[i];
	return NULL;
}

const struct rsvp_obj *
fake_obj(const struct rsvp_msg *m, uint8_t class_num)
{
	const struct rsvp_obj *o = fake_nth(m, class_num, 0);

	ck_assert_msg(o != NULL, "no object of class %u", class_num);
	return o;
}

struct in_addr
fake_addr(const char *s)
{
	struct in_addr a;

	ck_assert(ipv4_pton(s, &a));
	return a;
}

void
fake_tspec(struct is_tspec *t, unsigned mbit)
{
	memset(t, 0, sizeof(*t));
	t->rate = units_bits_to_is_rate((uint64_t)mbit * 1000000);
	t->bucket = 10240;
	t->peak = INFINITY;
	t->min_unit = 64;
	t->max_size = 1500;
}
