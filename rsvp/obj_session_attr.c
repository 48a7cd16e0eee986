/*
 * SESSION_ATTRIBUTE (RFC 3209 4.7): C-Type 7 (4.7.1) and C-Type 1 with
 * resource affinities (4.7.2).  Setup and Holding Priority, Flags, Name
 * Length and the Session Name, padded with NULs to a multiple of 4.
 */
#include "rsvp/rsvp_local.h"

#include <string.h>

#define SA_AFFINITY_LEN		12
#define SA_FIXED_LEN		4
#define SA_PRIO_MAX		7

/* Round 'n' up to a multiple of 4. */
static size_t
pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/*
 * RFC 3209 4.7.1: Name Length is the length of the string before padding.
 * Some peers send the padded length; accept any Name Length that pads to
 * the bytes present, and drop the trailing NULs.
 */
int
rsvp_session_attr_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err)
{
	struct rsvp_session_attr *sa = &o->u.session_attr;
	size_t fixed, n;

	fixed = SA_FIXED_LEN;
	if (o->c_type == RSVP_CTYPE_SA_LSP_TUNNEL_RA)
		fixed += SA_AFFINITY_LEN;
	if (cur_left(c) < fixed) {
		rsvp_err_set(err, RSVP_E_OBJ_BODY, c->off,
		    "SESSION_ATTRIBUTE shorter than its fixed part");
		return -1;
	}
	if (o->c_type == RSVP_CTYPE_SA_LSP_TUNNEL_RA) {
		(void)cur_u32(c, &sa->exclude_any);
		(void)cur_u32(c, &sa->include_any);
		(void)cur_u32(c, &sa->include_all);
	}
	(void)cur_u8(c, &sa->setup_prio);
	(void)cur_u8(c, &sa->hold_prio);
	(void)cur_u8(c, &sa->flags);
	(void)cur_u8(c, &sa->name_len);
	if (sa->setup_prio > SA_PRIO_MAX || sa->hold_prio > SA_PRIO_MAX) {
		rsvp_err_set(err, RSVP_E_OBJ_BODY, c->off - 4,
		    "SESSION_ATTRIBUTE priority over 7");
		return -1;
	}
	if (pad4(sa->name_len) != cur_left(c)) {
		rsvp_err_set(err, RSVP_E_OBJ_BODY, c->off - 1,
		    "SESSION_ATTRIBUTE Name Length does not match the object");
		return -1;
	}
	n = sa->name_len;
	(void)cur_bytes(c, sa->name, n);
	(void)cur_skip(c, cur_left(c));
	while (n > 0 && sa->name[n - 1] == '\0')
		n--;
	if (memchr(sa->name, '\0', n) != NULL) {
		rsvp_err_set(err, RSVP_E_OBJ_BODY, c->off - pad4(sa->name_len),
		    "SESSION_ATTRIBUTE name holds a NUL");
		return -1;
	}
	sa->name[n] = '\0';
	sa->name_len = (uint8_t)n;
	return 0;
}

bool
rsvp_session_attr_encode(struct writer *w, const struct rsvp_obj *o)
{
	const struct rsvp_session_attr *sa = &o->u.session_attr;
	size_t n;

	n = strnlen(sa->name, sizeof(sa->name));
	if (n > RSVP_NAME_MAX || n != sa->name_len ||
	    sa->setup_prio > SA_PRIO_MAX || sa->hold_prio > SA_PRIO_MAX)
		return false;
	if (o->c_type == RSVP_CTYPE_SA_LSP_TUNNEL_RA) {
		w_u32(w, sa->exclude_any);
		w_u32(w, sa->include_any);
		w_u32(w, sa->include_all);
	}
	w_u8(w, sa->setup_prio);
	w_u8(w, sa->hold_prio);
	w_u8(w, sa->flags);
	w_u8(w, (uint8_t)n);
	w_bytes(w, sa->name, n);
	return w_zero(w, pad4(n) - n);
}
