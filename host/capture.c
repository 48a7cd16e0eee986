#include "host/capture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pcap/pcap.h>

#define CAPTURE_SNAPLEN		65535
#define CAPTURE_TIMEOUT_MS	200

struct capture {
	pcap_t *pcap;
	enum link_kind link;
};

/* Check that 'cap' has a link type we decode; fill 'err' if not. */
static int
capture_set_link(struct capture *cap, char *err, size_t errlen)
{
	int dlt = pcap_datalink(cap->pcap);

	if (!link_kind_from_dlt(dlt, &cap->link)) {
		snprintf(err, errlen, "unsupported link type %s (%d)",
		    pcap_datalink_val_to_name(dlt) ?
		    pcap_datalink_val_to_name(dlt) : "?", dlt);
		return -1;
	}
	return 0;
}

struct capture *
capture_open_file(const char *path, char *err, size_t errlen)
{
	char pcap_err[PCAP_ERRBUF_SIZE] = "";
	struct capture *cap;

	cap = calloc(1, sizeof(*cap));
	if (cap == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	cap->pcap = pcap_open_offline(path, pcap_err);
	if (cap->pcap == NULL) {
		snprintf(err, errlen, "%s", pcap_err);
		goto fail;
	}
	if (capture_set_link(cap, err, errlen) < 0)
		goto fail;
	return cap;
fail:
	capture_close(cap);
	return NULL;
}

struct capture *
capture_open_live(const char *ifname, char *err, size_t errlen)
{
	char pcap_err[PCAP_ERRBUF_SIZE] = "";
	struct bpf_program prog;
	struct capture *cap;
	int r;

	cap = calloc(1, sizeof(*cap));
	if (cap == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	cap->pcap = pcap_create(ifname, pcap_err);
	if (cap->pcap == NULL) {
		snprintf(err, errlen, "%s", pcap_err);
		goto fail;
	}
	pcap_set_snaplen(cap->pcap, CAPTURE_SNAPLEN);
	pcap_set_timeout(cap->pcap, CAPTURE_TIMEOUT_MS);
	pcap_set_immediate_mode(cap->pcap, 1);
	r = pcap_activate(cap->pcap);
	if (r < 0) {
		snprintf(err, errlen, "%s: %s", ifname,
		    pcap_geterr(cap->pcap));
		goto fail;
	}
	if (capture_set_link(cap, err, errlen) < 0)
		goto fail;
	if (pcap_compile(cap->pcap, &prog, CAPTURE_FILTER, 1,
	    PCAP_NETMASK_UNKNOWN) < 0) {
		snprintf(err, errlen, "filter \"%s\": %s", CAPTURE_FILTER,
		    pcap_geterr(cap->pcap));
		goto fail;
	}
	r = pcap_setfilter(cap->pcap, &prog);
	pcap_freecode(&prog);
	if (r < 0) {
		snprintf(err, errlen, "filter \"%s\": %s", CAPTURE_FILTER,
		    pcap_geterr(cap->pcap));
		goto fail;
	}
	return cap;
fail:
	capture_close(cap);
	return NULL;
}

enum link_kind
capture_link(const struct capture *cap)
{
	return cap->link;
}

int
capture_next(struct capture *cap, struct capture_pkt *pkt_r)
{
	struct pcap_pkthdr *hdr;
	const u_char *data;
	int r;

	do
		r = pcap_next_ex(cap->pcap, &hdr, &data);
	while (r == 0);		/* live timeout with nothing captured */
	switch (r) {
	case 1:
		pkt_r->ts = hdr->ts;
		pkt_r->data = data;
		pkt_r->caplen = hdr->caplen;
		pkt_r->wirelen = hdr->len;
		return 1;
	case PCAP_ERROR_BREAK:
		return 0;
	}
	return -1;
}

void
capture_interrupt(struct capture *cap)
{
	pcap_breakloop(cap->pcap);
}

const char *
capture_error(struct capture *cap)
{
	return pcap_geterr(cap->pcap);
}

void
capture_close(struct capture *cap)
{
	if (cap == NULL)
		return;
	if (cap->pcap != NULL)
		pcap_close(cap->pcap);
	free(cap);
}
