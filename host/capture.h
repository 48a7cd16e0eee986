/*
 * Packets from a capture file (pcap or pcapng) or a live interface, through
 * libpcap.  Live captures see only RSVP: the BPF filter "ip proto 46".
 */
#ifndef QUASAR_HOST_CAPTURE_H
#define QUASAR_HOST_CAPTURE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "host/link.h"

#define CAPTURE_FILTER	"ip proto 46"

struct capture;

struct capture_pkt {
	struct timeval ts;
	const uint8_t *data;
	size_t caplen;		/* bytes captured */
	size_t wirelen;		/* bytes on the wire */
};

/*
 * Open the capture file 'path' ("-" for standard input).  NULL on failure,
 * with the reason in 'err' (of 'errlen' bytes).
 */
struct capture *capture_open_file(const char *path, char *err,
    size_t errlen);
/* Start capturing RSVP on interface 'ifname'; NULL and 'err' on failure. */
struct capture *capture_open_live(const char *ifname, char *err,
    size_t errlen);
/* The link type of 'cap'. */
enum link_kind capture_link(const struct capture *cap);
/*
 * Read the next packet of 'cap' into '*pkt_r', valid until the next call.
 * Returns 1 for a packet, 0 at the end of a file (or after
 * capture_interrupt), -1 on an I/O error (see capture_error).
 */
int capture_next(struct capture *cap, struct capture_pkt *pkt_r);
/* Make capture_next return 0 soon; safe in a signal handler. */
void capture_interrupt(struct capture *cap);
/* The last error of 'cap'. */
const char *capture_error(struct capture *cap);
/* Close 'cap' and free it; NULL is allowed. */
void capture_close(struct capture *cap);

#endif
