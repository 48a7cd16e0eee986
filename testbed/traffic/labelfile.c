/*
 * Following the label of a quasar-rsvp session (labelfile.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <string.h>
#include <unistd.h>

#include "lib/log.h"
#include "lib/mpls.h"
#include "testbed/traffic/labelfile.h"

void
tr_labelfile_init(struct tr_labelfile *lf, const char *path, int tunnel_id)
{
	memset(lf, 0, sizeof(*lf));
	lf->path = path;
	lf->tunnel_id = tunnel_id;
}

int
tr_labelfile_line(struct tr_labelfile *lf, const char *line, size_t len)
{
	json_t *o, *tid, *lab;
	const char *event;
	json_int_t label;
	int changed = 0;

	if ((o = json_loadb(line, len, 0, NULL)) == NULL)
		return 0;
	event = json_string_value(json_object_get(o, "event"));
	tid = json_object_get(o, "tunnel_id");
	if (event == NULL || (lf->tunnel_id >= 0 && (!json_is_integer(tid) ||
	    json_integer_value(tid) != lf->tunnel_id)))
		goto out;
	if (strcmp(event, "resv") == 0) {
		lab = json_object_get(o, "label");
		if (!json_is_integer(lab))
			goto out;
		label = json_integer_value(lab);
		if (label < 0 || label > MPLS_LABEL_MAX)
			goto out;
		if (!lf->have_label || lf->label != (uint32_t)label) {
			lf->have_label = true;
			lf->label = (uint32_t)label;
			changed = 1;
		}
	} else if (strcmp(event, "resv_lost") == 0 && lf->have_label) {
		lf->have_label = false;
		changed = 1;
	}
out:
	lf->changes += (uint64_t)changed;
	json_decref(o);
	return changed;
}

int
tr_labelfile_poll(struct tr_labelfile *lf)
{
	char buf[TR_LABELFILE_LINE_MAX];
	size_t have = 0, start, i;
	ssize_t r;
	int fd, changed = 0;

	if ((fd = open(lf->path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return 0;
		log_warn("%s", lf->path);
		return -1;
	}
	for (;;) {
		r = pread(fd, buf + have, sizeof(buf) - have,
		    lf->offset + (off_t)have);
		if (r < 0) {
			log_warn("%s", lf->path);
			changed = -1;
			break;
		}
		have += (size_t)r;
		if (have == 0)
			break;
		/* Whole lines only; a line too long for buf is skipped. */
		for (start = i = 0; i < have; i++) {
			if (buf[i] != '\n')
				continue;
			if (tr_labelfile_line(lf, buf + start, i - start))
				changed = 1;
			start = i + 1;
		}
		if (start == 0 && have == sizeof(buf))
			start = have;
		lf->offset += (off_t)start;
		memmove(buf, buf + start, have - start);
		have -= start;
		if (r == 0)
			break;
	}
	close(fd);
	return changed;
}
