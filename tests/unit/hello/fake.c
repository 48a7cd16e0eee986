#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include <check.h>

#include "fake.h"
#include "rsvp/rsvp.h"

static int
f_send(void *arg, const struct rsvp_pkt_out *out)
{
	struct fake *f = arg;
	struct fake_sent *s;
	struct rsvp_msg *msg = malloc(sizeof(*msg));
	struct rsvp_error err;
	const struct rsvp_obj *obj;

	ck_assert_int_lt(f->nsent, FAKE_MAX);
	ck_assert_int_eq(rsvp_decode(out->buf, out->len, msg, &err), 0);
	ck_assert_int_eq(msg->type, RSVP_MSG_HELLO);
	obj = rsvp_msg_find(msg, RSVP_CLASS_HELLO);
	ck_assert_ptr_nonnull(obj);
	if (f->send_rc != 0) {
		free(msg);
		return f->send_rc;
	}
	s = &f->sent[f->nsent++];
	s->out = *out;
	s->out.buf = NULL;
	s->c_type = obj->c_type;
	s->send_ttl = msg->send_ttl;
	s->src_instance = obj->u.hello.src_instance;
	s->dst_instance = obj->u.hello.dst_instance;
	free(msg);
	return 0;
}

static uint64_t
f_now(void *arg)
{
	return ((struct fake *)arg)->now;
}

static int
f_if_addr(void *arg, unsigned ifindex, struct in_addr *addr_r)
{
	(void)arg;
	if (ifindex == 99)
		return -19;
	addr_r->s_addr = htonl(0x0a000001 | (ifindex << 8));
	return 0;
}

static void
f_event(void *arg, struct in_addr nbr, unsigned ifindex, enum hello_event ev)
{
	struct fake *f = arg;

	ck_assert_int_lt(f->nevents, FAKE_MAX);
	f->events[f->nevents].nbr = nbr;
	f->events[f->nevents].ifindex = ifindex;
	f->events[f->nevents].ev = ev;
	f->nevents++;
	if (f->del_on_event != NULL)
		ck_assert_int_eq(hello_nbr_del(f->del_on_event, nbr), 0);
}

void
fake_env(struct fake *f, struct hello_env *env)
{
	memset(f, 0, sizeof(*f));
	f->now = 1000;
	memset(env, 0, sizeof(*env));
	env->send = f_send;
	env->send_arg = f;
	env->now_ms = f_now;
	env->now_arg = f;
	env->if_addr = f_if_addr;
	env->event = f_event;
	env->event_arg = f;
}

struct in_addr
fake_addr(unsigned n)
{
	struct in_addr a;

	a.s_addr = htonl(0x0a000c00 | n);
	return a;
}

int
fake_hello(struct hello *h, struct in_addr src, unsigned ifindex,
    uint8_t c_type, uint32_t src_inst, uint32_t dst_inst, uint8_t ip_ttl,
    uint8_t send_ttl)
{
	struct rsvp_msg *msg = malloc(sizeof(*msg));
	struct rsvp_pkt_in in;
	struct rsvp_obj *obj;
	int rc;

	rsvp_msg_init(msg, RSVP_MSG_HELLO);
	msg->send_ttl = send_ttl;
	obj = rsvp_msg_add(msg, RSVP_CLASS_HELLO, c_type);
	obj->u.hello.src_instance = src_inst;
	obj->u.hello.dst_instance = dst_inst;
	memset(&in, 0, sizeof(in));
	in.src = src;
	in.dst.s_addr = htonl(0x0a000c01);
	in.ifindex = ifindex;
	in.ip_ttl = ip_ttl;
	rc = hello_input(h, &in, msg);
	free(msg);
	return rc;
}

int
fake_if_name(void *arg, unsigned ifindex, char *name_r, size_t len)
{
	(void)arg;
	if (ifindex != 3)
		return -19;
	snprintf(name_r, len, "r1-r2");
	return 0;
}
