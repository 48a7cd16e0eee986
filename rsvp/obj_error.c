/*
 * The objects of error and confirmation messages: ERROR_SPEC (RFC 2205
 * A.5), SCOPE (A.6) and RESV_CONFIRM (A.14), all IPv4.
 */
#include "rsvp/rsvp_local.h"

#define ERROR_SPEC_LEN		8
#define RESV_CONFIRM_LEN	4
#define IPV4_LEN		4

/* IPv4 Error Node Address, Flags, Error Code, Error Value. */
int
rsvp_error_spec_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	struct rsvp_error_spec *e = &o->u.error_spec;

	if (rsvp_body_len(c, ERROR_SPEC_LEN, err) == -1)
		return -1;
	(void)cur_bytes(c, &e->node, sizeof(e->node));
	(void)cur_u8(c, &e->flags);
	(void)cur_u8(c, &e->code);
	(void)cur_u16(c, &e->value);
	return 0;
}

bool
rsvp_error_spec_encode(struct writer *w, const struct rsvp_obj *o)
{
	const struct rsvp_error_spec *e = &o->u.error_spec;

	w_bytes(w, &e->node, sizeof(e->node));
	w_u8(w, e->flags);
	w_u8(w, e->code);
	return w_u16(w, e->value);
}

/* A list of IPv4 sender addresses; RFC 2205 A.6 allows no empty list. */
int
rsvp_scope_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	struct rsvp_scope *s = &o->u.scope;

	if (cur_left(c) == 0) {
		rsvp_err_set(err, RSVP_E_OBJ_BODY, c->off, "empty SCOPE");
		return -1;
	}
	if (cur_left(c) / IPV4_LEN > RSVP_SCOPE_MAX) {
		rsvp_err_set(err, RSVP_E_BOUND, c->off,
		    "SCOPE longer than RSVP_SCOPE_MAX addresses");
		return -1;
	}
	s->naddrs = 0;
	while (cur_left(c) > 0)
		(void)cur_bytes(c, &s->addrs[s->naddrs++], IPV4_LEN);
	return 0;
}

bool
rsvp_scope_encode(struct writer *w, const struct rsvp_obj *o)
{
	const struct rsvp_scope *s = &o->u.scope;

	if (s->naddrs == 0 || s->naddrs > RSVP_SCOPE_MAX)
		return false;
	return w_bytes(w, s->addrs, (size_t)s->naddrs * IPV4_LEN);
}

/* IPv4 Receiver Address. */
int
rsvp_resv_confirm_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	if (rsvp_body_len(c, RESV_CONFIRM_LEN, err) == -1)
		return -1;
	(void)cur_bytes(c, &o->u.resv_confirm.receiver, IPV4_LEN);
	return 0;
}

bool
rsvp_resv_confirm_encode(struct writer *w, const struct rsvp_obj *o)
{
	return w_bytes(w, &o->u.resv_confirm.receiver, IPV4_LEN);
}
