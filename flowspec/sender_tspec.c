/*
 * SENDER_TSPEC body (RFC 2210 3.1): one service 1 (general) fragment
 * holding the token bucket TSpec, parameter 127.  Errors are "Bad Tspec
 * value" (RFC 2205 App. B, code 21 value 4).
 */
#include "flowspec/wire.h"

#include <string.h>

int
is_sender_tspec_decode(const void *buf, size_t len, struct is_tspec *t,
    struct is_err *err)
{
	struct is_dec d;
	struct is_svc s;
	struct is_param p;
	bool seen = false;
	int rc = -1;

	memset(t, 0, sizeof(*t));
	is_dec_init(&d, buf, IS_TC_BAD_TSPEC, err);
	if (is_single_svc(&d, buf, len, &s) == -1)
		goto out;
	if (s.service != IS_SVC_GENERAL) {
		is_fail(&d, IS_E_SERVICE, s.at);
		goto out;
	}
	while (cur_left(&s.data) > 0) {
		if (is_param_next(&d, &s.data, &p) == -1)
			goto out;
		/* RFC 2210 3: parameters we do not know are skipped. */
		if (p.id != IS_PARAM_TOKEN_BUCKET)
			continue;
		if (seen) {
			is_fail(&d, IS_E_DUPLICATE, p.at);
			goto out;
		}
		if (is_tspec_param_read(&d, &p, t) == -1)
			goto out;
		seen = true;
	}
	if (!seen) {
		is_fail(&d, IS_E_MISSING, s.at);
		goto out;
	}
	rc = 0;
out:
	if (rc == -1)
		memset(t, 0, sizeof(*t));
	return rc;
}

int
is_sender_tspec_encode(const struct is_tspec *t, void *buf, size_t cap)
{
	struct writer w;
	size_t msg, svc;

	w_init(&w, buf, cap);
	is_msg_begin(&w, &msg);
	is_svc_begin(&w, IS_SVC_GENERAL, 0, &svc);
	is_tspec_param_write(&w, t);
	if (!is_hdr_end(&w, svc) || !is_hdr_end(&w, msg))
		return -1;
	return (int)w.len;
}
