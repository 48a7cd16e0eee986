/*
 * FLOWSPEC body (RFC 2210 3): one fragment of service 5, Controlled-Load
 * (RFC 2211: the token bucket TSpec), or service 2, Guaranteed (RFC 2212:
 * the TSpec and the RSpec, parameter 130).  Errors are "Bad Flowspec
 * value" (RFC 2205 App. B, code 21 value 3), and a service we do not
 * know is "Service unsupported" (value 2).
 */
#include "flowspec/wire.h"

#include <string.h>

/* Read the parameters of the fragment 's' of service f->service. */
static int
fs_params(struct is_dec *d, struct is_svc *s, struct is_flowspec *f)
{
	struct is_param p;
	bool tspec = false, rspec = false;

	while (cur_left(&s->data) > 0) {
		if (is_param_next(d, &s->data, &p) == -1)
			return -1;
		if (p.id == IS_PARAM_TOKEN_BUCKET) {
			if (tspec)
				return is_fail(d, IS_E_DUPLICATE, p.at);
			if (is_tspec_param_read(d, &p, &f->tspec) == -1)
				return -1;
			tspec = true;
		} else if (p.id == IS_PARAM_GUAR_RSPEC &&
		    f->service == IS_SVC_GUARANTEED) {
			if (rspec)
				return is_fail(d, IS_E_DUPLICATE, p.at);
			if (is_rspec_param_read(d, &p, &f->rspec) == -1)
				return -1;
			rspec = true;
		}
		/* RFC 2210 3: any other parameter is skipped. */
	}
	if (!tspec || (f->service == IS_SVC_GUARANTEED && !rspec))
		return is_fail(d, IS_E_MISSING, s->at);
	return 0;
}

int
is_flowspec_decode(const void *buf, size_t len, struct is_flowspec *f,
    struct is_err *err)
{
	struct is_dec d;
	struct is_svc s;
	int rc = -1;

	memset(f, 0, sizeof(*f));
	is_dec_init(&d, buf, IS_TC_BAD_FLOWSPEC, err);
	if (is_single_svc(&d, buf, len, &s) == -1)
		goto out;
	if (s.service != IS_SVC_GUARANTEED &&
	    s.service != IS_SVC_CONTROLLED_LOAD) {
		is_fail_value(&d, IS_E_UNSUPPORTED, IS_TC_SERVICE_UNSUPPORTED,
		    s.at);
		goto out;
	}
	f->service = s.service;
	rc = fs_params(&d, &s, f);
out:
	if (rc == -1)
		memset(f, 0, sizeof(*f));
	return rc;
}

int
is_flowspec_encode(const struct is_flowspec *f, void *buf, size_t cap)
{
	struct writer w;
	size_t msg, svc;

	if (f->service != IS_SVC_GUARANTEED &&
	    f->service != IS_SVC_CONTROLLED_LOAD)
		return -1;
	w_init(&w, buf, cap);
	is_msg_begin(&w, &msg);
	is_svc_begin(&w, f->service, 0, &svc);
	is_tspec_param_write(&w, &f->tspec);
	if (f->service == IS_SVC_GUARANTEED)
		is_rspec_param_write(&w, &f->rspec);
	if (!is_hdr_end(&w, svc) || !is_hdr_end(&w, msg))
		return -1;
	return (int)w.len;
}
