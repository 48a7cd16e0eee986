/*
 * Following a quasar-rsvp session's label: quasar-rsvp send -j writes one
 * JSON object per event to its standard output (host/cmd_send.c); with
 * that output in a file, the generator reads the label of the session's
 * latest Resv ({"event":"resv", ..., "tunnel_id":N, "label":L}) and
 * forgets it when the reservation goes ({"event":"resv_lost"}).  The file
 * is read incrementally: only whole lines, from where the last read
 * stopped.
 */
#ifndef QUASAR_TRAFFIC_LABELFILE_H
#define QUASAR_TRAFFIC_LABELFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define TR_LABELFILE_LINE_MAX	4096

struct tr_labelfile {
	const char *path;
	int tunnel_id;		/* -1: any session */
	off_t offset;		/* bytes of whole lines consumed */
	bool have_label;
	uint32_t label;
	uint64_t changes;	/* label set, changed or lost */
};

/* Follow 'path' for session 'tunnel_id' (-1: the file's only session). */
void tr_labelfile_init(struct tr_labelfile *lf, const char *path,
    int tunnel_id);

/*
 * Read what was added to the file since the last call.  Returns 1 if the
 * label was set, changed or lost, 0 if not, -1 if the file cannot be read
 * (a file that does not exist yet is 0: the sender may not have started).
 */
int tr_labelfile_poll(struct tr_labelfile *lf);

/*
 * Handle one line of quasar-rsvp send -j output (no newline).  Returns 1
 * if it changed the label, else 0 (other events, other sessions, lines
 * that are not JSON).
 */
int tr_labelfile_line(struct tr_labelfile *lf, const char *line, size_t len);

#endif
