/*
 * Text for people: errors, recorded routes and styles as quasar-rsvp and
 * the traffic tools print them, with the codec's name tables.
 */
#include <stdio.h>

#include "host/rsvp_api.h"
#include "lib/inet.h"

const char *
rsvp_api_error_text(const struct rsvp_error_spec *e, char *buf, size_t len)
{
	const char *code = rsvp_error_code_name(e->code);
	const char *value = rsvp_error_value_name(e->code, e->value);
	char node[INET_ADDRSTRLEN];

	ipv4_ntop(e->node, node, sizeof(node));
	if (value != NULL)
		snprintf(buf, len, "%s (%u) / %s (%u) from %s",
		    code != NULL ? code : "unknown error", e->code, value,
		    e->value, node);
	else
		snprintf(buf, len, "%s (%u) / value %u from %s",
		    code != NULL ? code : "unknown error", e->code, e->value,
		    node);
	return buf;
}

const char *
rsvp_api_route_text(const struct rsvp_api_rr_hop *hops, size_t n, char *buf,
    size_t len)
{
	char addr[INET_ADDRSTRLEN];
	size_t i, off = 0;
	int w;

	buf[0] = '\0';
	for (i = 0; i < n && off < len; i++) {
		ipv4_ntop(hops[i].addr, addr, sizeof(addr));
		if (hops[i].has_label)
			w = snprintf(buf + off, len - off, "%s%s label %u",
			    i > 0 ? ", " : "", addr, hops[i].label);
		else
			w = snprintf(buf + off, len - off, "%s%s",
			    i > 0 ? ", " : "", addr);
		if (w < 0)
			break;
		off += (size_t)w;
	}
	return buf;
}

const char *
rsvp_api_style_text(uint32_t style, char *buf, size_t len)
{
	const char *name = rsvp_style_name(style);

	if (name != NULL)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "0x%x", style);
	return buf;
}
