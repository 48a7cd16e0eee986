/*
 * The state directory of the flows (dom0/flows_state.h, docs/flowops.md).
 *
 * One file per flow, "flow-<in label>", holding its record
 * (dom0/flows_rec.h); written as ".flow-<in label>.tmp", made durable and
 * renamed over the old one, then the directory fsync'ed, so a crash at
 * any moment leaves either the old record or the new one.  A cache of
 * what each file holds (a hash of its text) makes a sync write only the
 * records that changed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <event2/event.h>

#include "dom0/flows_local.h"
#include "dom0/flows_rec.h"
#include "dom0/flows_state.h"
#include "lib/log.h"
#include "routelet/config.h"

#define STATE_NAME_MAX	32
/* Up to this many changed records a sync fdatasyncs each; above, one
 * syncfs. */
#define SYNC_EACH_MAX	4

/* What the file of one in label holds. */
struct st_file {
	uint32_t	label;
	uint64_t	hash;		/* of the text in the file, 0: unknown */
	uint64_t	next_hash;	/* sync: of the text to write */
	bool		seen;		/* sync: a flow has this label */
	bool		dirty;		/* sync: its text changed */
};

struct flows_state {
	struct flows	*flows;
	char		*dir;
	int		dfd;
	struct event	*ev_sync;
	struct event	*ev_expire;
	unsigned	sync_ms;
	uint64_t	seq;		/* of restored keys */
	struct st_file	*files;
	size_t		nfiles;
	size_t		capfiles;
};

/* FNV-1a, 64 bits: enough to tell a record changed. */
static uint64_t
text_hash(const char *s, size_t n)
{
	uint64_t h = UINT64_C(14695981039346656037);
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (uint8_t)s[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

/* The file name of the record of in label 'label'. */
static void
file_name(char *buf, size_t cap, uint32_t label)
{
	snprintf(buf, cap, "flow-%" PRIu32, label);
}

/* The in label of a record's file name "flow-<label>", or -1. */
static int64_t
file_label(const char *name)
{
	char *end;
	unsigned long v;

	if (strncmp(name, "flow-", 5) != 0 || name[5] < '0' || name[5] > '9')
		return -1;
	errno = 0;
	v = strtoul(name + 5, &end, 10);
	if (errno != 0 || *end != '\0' || v > 0xfffff)
		return -1;
	return (int64_t)v;
}

/* The cache entry of 'label', or NULL. */
static struct st_file *
cache_find(struct flows_state *st, uint32_t label)
{
	size_t i;

	for (i = 0; i < st->nfiles; i++)
		if (st->files[i].label == label)
			return &st->files[i];
	return NULL;
}

/* The cache entry of 'label', made if new; NULL when out of memory. */
static struct st_file *
cache_get(struct flows_state *st, uint32_t label)
{
	struct st_file *f = cache_find(st, label), *n;

	if (f != NULL)
		return f;
	if (st->nfiles == st->capfiles) {
		size_t cap = st->capfiles == 0 ? 16 : 2 * st->capfiles;

		if ((n = realloc(st->files, cap * sizeof(*n))) == NULL)
			return NULL;
		st->files = n;
		st->capfiles = cap;
	}
	f = &st->files[st->nfiles++];
	memset(f, 0, sizeof(*f));
	f->label = label;
	return f;
}

/*
 * Write 'text' as the temporary file of 'name' (fsync'ed if 'sync');
 * 0 or -errno with nothing left.
 */
static int
write_tmp(struct flows_state *st, const char *name, const char *text,
    size_t len, bool sync)
{
	char tmp[STATE_NAME_MAX + 8];
	size_t off = 0;
	ssize_t r;
	int fd, rc = 0;

	snprintf(tmp, sizeof(tmp), ".%s.tmp", name);
	fd = openat(st->dfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600);
	if (fd == -1)
		return -errno;
	while (off < len) {
		r = write(fd, text + off, len - off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = -errno;
			break;
		}
		off += (size_t)r;
	}
	if (rc == 0 && sync && fdatasync(fd) == -1)
		rc = -errno;
	if (close(fd) == -1 && rc == 0)
		rc = -errno;
	if (rc != 0)
		(void)unlinkat(st->dfd, tmp, 0);
	return rc;
}

/* The temporary file of 'name' replaces it; 0 or -errno. */
static int
commit_tmp(struct flows_state *st, const char *name)
{
	char tmp[STATE_NAME_MAX + 8];
	int rc = 0;

	snprintf(tmp, sizeof(tmp), ".%s.tmp", name);
	if (renameat(st->dfd, tmp, st->dfd, name) == -1) {
		rc = -errno;
		(void)unlinkat(st->dfd, tmp, 0);
	}
	return rc;
}

/* The record of flow 'f'; false if it has no routelet (being torn down). */
static bool
rec_of(const struct flow *f, struct flows_rec *r)
{
	struct pool_rl_info info;

	if (f->rl == NULL)
		return false;
	pool_rl_info(f->rl, &info);
	memset(r, 0, sizeof(*r));
	r->session = f->session;
	memcpy(r->name, f->name, sizeof(r->name));
	r->setup_prio = f->setup_prio;
	r->hold_prio = f->hold_prio;
	r->in_label = f->in_label;
	r->out_label = f->out_label;
	r->out_ifindex = f->out_ifindex;
	memcpy(r->nexthop_mac, f->nexthop_mac, 6);
	memcpy(r->source_mac, f->source_mac, 6);
	r->rl_id = info.id;
	r->vif_ifindex = f->vif_ifindex;
	r->classid = f->classid;
	r->generation = f->generation;
	r->fs = f->fs;
	r->has_sender = f->has_sender;
	r->sender = f->sender;
	return true;
}

/* Keep the first error in '*first'; log it. */
static void
sync_err(struct flows_state *st, const char *what, const char *name, int rc,
    int *first)
{
	log_warnx("flows: state: %s %s/%s: %s", what, st->dir, name,
	    strerror(-rc));
	if (*first == 0)
		*first = rc;
}

/*
 * Write the records that changed, remove those of flows gone.  The new
 * texts go to temporary files first; those are made durable (each with
 * fdatasync when few changed, else one syncfs of the directory's file
 * system) before any is renamed over its record, so a crash leaves every
 * record whole, old or new; then the directory is fsync'ed.
 */
int
flows_state_sync(struct flows_state *st)
{
	char text[FLOWS_REC_TEXT_MAX], name[STATE_NAME_MAX];
	struct flows_rec r;
	struct st_file *sf;
	struct flow *f;
	size_t i, dirty = 0;
	bool wrote = false, each;
	int n, rc, first = 0;

	for (i = 0; i < st->nfiles; i++)
		st->files[i].seen = st->files[i].dirty = false;
	TAILQ_FOREACH(f, &st->flows->list, entry) {
		if (!rec_of(f, &r))
			continue;
		if ((n = flows_rec_format(&r, text, sizeof(text))) < 0) {
			log_warnx("flows: state: label %u: record too long",
			    f->in_label);
			continue;
		}
		if ((sf = cache_get(st, f->in_label)) == NULL) {
			if (first == 0)
				first = -ENOMEM;
			continue;
		}
		sf->seen = true;
		sf->next_hash = text_hash(text, (size_t)n);
		if (sf->hash != sf->next_hash) {
			sf->dirty = true;
			dirty++;
		}
	}
	each = dirty <= SYNC_EACH_MAX;
	TAILQ_FOREACH(f, &st->flows->list, entry) {
		if ((sf = cache_find(st, f->in_label)) == NULL || !sf->dirty ||
		    !rec_of(f, &r) ||
		    (n = flows_rec_format(&r, text, sizeof(text))) < 0)
			continue;
		file_name(name, sizeof(name), f->in_label);
		if ((rc = write_tmp(st, name, text, (size_t)n, each)) < 0) {
			sync_err(st, "write", name, rc, &first);
			sf->dirty = false;
			sf->hash = 0;
		}
	}
	if (dirty > 0 && !each && syncfs(st->dfd) == -1)
		sync_err(st, "sync", ".", -errno, &first);
	for (i = 0; i < st->nfiles; i++) {
		sf = &st->files[i];
		if (!sf->dirty)
			continue;
		file_name(name, sizeof(name), sf->label);
		if ((rc = commit_tmp(st, name)) < 0) {
			sync_err(st, "rename", name, rc, &first);
			sf->hash = 0;
			continue;
		}
		sf->hash = sf->next_hash;
		wrote = true;
	}
	for (i = 0; i < st->nfiles; ) {
		if (st->files[i].seen) {
			i++;
			continue;
		}
		file_name(name, sizeof(name), st->files[i].label);
		if (unlinkat(st->dfd, name, 0) == -1 && errno != ENOENT) {
			sync_err(st, "remove", name, -errno, &first);
			i++;
			continue;
		}
		wrote = true;
		st->files[i] = st->files[--st->nfiles];
	}
	if (wrote && fsync(st->dfd) == -1 && first == 0)
		first = -errno;
	return first;
}

/* The periodic sync. */
static void
on_sync(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)flows_state_sync(arg);
}

/* Restored flows nobody claimed in time: their LSPs ended. */
static void
on_expire(evutil_socket_t fd, short what, void *arg)
{
	struct flows_state *st = arg;
	struct flow *f, *next;

	(void)fd;
	(void)what;
	for (f = TAILQ_FIRST(&st->flows->list); f != NULL; f = next) {
		next = TAILQ_NEXT(f, entry);
		if (!(f->key & FLOWS_STATE_KEY_RESTORED))
			continue;
		log_info("flows: restored label %u (%s): no refresh came, "
		    "taken down", f->in_label, f->name);
		(void)flows_del(st->flows, f->key);
	}
	(void)flows_state_sync(st);
}

/*
 * Make directory 'dir' (mode 0700) and its missing parents (0755, as
 * quasard makes its state directory); 0 or -errno.
 */
static int
make_dirs(const char *dir)
{
	char path[PATH_MAX];
	size_t i;

	if (snprintf(path, sizeof(path), "%s", dir) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	for (i = 1; path[i] != '\0'; i++) {
		if (path[i] != '/')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST)
			return -errno;
		path[i] = '/';
	}
	if (mkdir(path, 0700) == -1 && errno != EEXIST)
		return -errno;
	return 0;
}

/* Open the state directory 'dir' for 'flows'. */
int
flows_state_open(struct flows *flows, const char *dir,
    struct event_base *base, unsigned sync_ms, struct flows_state **st_r)
{
	struct flows_state *st;
	struct timeval tv;
	int rc;

	*st_r = NULL;
	if ((rc = make_dirs(dir)) < 0) {
		log_warnx("flows: state directory %s: %s", dir, strerror(-rc));
		return rc;
	}
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return -ENOMEM;
	st->dfd = -1;
	if ((st->dir = strdup(dir)) == NULL) {
		rc = -ENOMEM;
		goto out;
	}
	st->flows = flows;
	st->sync_ms = sync_ms;
	st->dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (st->dfd == -1) {
		rc = -errno;
		log_warn("flows: state directory %s", dir);
		goto out;
	}
	st->ev_expire = evtimer_new(base, on_expire, st);
	if (st->ev_expire == NULL) {
		rc = -ENOMEM;
		goto out;
	}
	if (sync_ms > 0) {
		st->ev_sync = event_new(base, -1, EV_PERSIST, on_sync, st);
		tv.tv_sec = sync_ms / 1000;
		tv.tv_usec = (sync_ms % 1000) * 1000;
		if (st->ev_sync == NULL || event_add(st->ev_sync, &tv) != 0) {
			rc = -ENOMEM;
			goto out;
		}
	}
	*st_r = st;
	return 0;
out:
	flows_state_close(st);
	return rc;
}

/* Stop syncing and free 'st'; the records stay. */
void
flows_state_close(struct flows_state *st)
{
	if (st == NULL)
		return;
	if (st->ev_sync != NULL)
		event_free(st->ev_sync);
	if (st->ev_expire != NULL)
		event_free(st->ev_expire);
	if (st->dfd != -1)
		close(st->dfd);
	free(st->files);
	free(st->dir);
	free(st);
}

/* Read file 'name' into 'buf' ('cap' bytes); the length, or -errno. */
static ssize_t
read_file(struct flows_state *st, const char *name, char *buf, size_t cap)
{
	ssize_t n, total = 0;
	int fd, rc;

	if ((fd = openat(st->dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW))
	    == -1)
		return -errno;
	for (;;) {
		n = read(fd, buf + total, cap - (size_t)total);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		total += n;
		if ((size_t)total == cap) {
			close(fd);
			return -EFBIG;
		}
	}
	rc = n < 0 ? -errno : 0;
	close(fd);
	return rc < 0 ? rc : total;
}

/* The admission request of flow 'f'. */
static void
adm_req_of(const struct flow *f, struct adm_request *ar)
{
	memset(ar, 0, sizeof(*ar));
	ar->key = f->key;
	ar->link = f->link;
	ar->setup_prio = f->setup_prio;
	ar->hold_prio = f->hold_prio;
	ar->sender = f->has_sender ? &f->sender : NULL;
	ar->flowspec = &f->fs;
}

/*
 * Admit 'f' again with its own priorities.  Capacity that shrank since
 * (a new config) may preempt flows of worse holding priority, which are
 * taken down as flows_set does it.
 */
static enum adm_reason
readmit(struct flows *flows, struct flow *f)
{
	struct adm_victims v = { 0, NULL };
	struct adm_request ar;
	enum adm_reason reason;
	struct flow *vf;
	size_t i;

	adm_req_of(f, &ar);
	reason = adm_admit(&flows->adm, &ar, &v);
	for (i = 0; i < v.n; i++) {
		if ((vf = flows_find(flows, v.key[i])) == NULL)
			continue;
		log_info("flows: label %u (%s) preempted", vf->in_label,
		    vf->name);
		flows->st.preempted++;
		flow_remove(flows, vf, true, ADM_RSVP_ERR_POLICY,
		    ADM_POLICY_PREEMPTED);
	}
	adm_victims_dispose(&v);
	return reason;
}

/* What is left of a record that cannot be restored leaves the plane. */
static void
drop_remains(struct flows *flows, const struct flows_rec *r, int link)
{
	int rc;

	if ((rc = flows->plane->ilm_del(flows->plane_arg, r->in_label)) < 0 &&
	    rc != -ENOENT)
		log_warnx("flows: state: label %u: remove ILM entry: %s",
		    r->in_label, strerror(-rc));
	if (r->vif_ifindex != 0 &&
	    (rc = flows->plane->vif_detach(flows->plane_arg,
	    r->vif_ifindex)) < 0 && rc != -ENOENT && rc != -ENODEV)
		log_warnx("flows: state: label %u: detach vif %u: %s",
		    r->in_label, r->vif_ifindex, strerror(-rc));
	if (link >= 0 && r->classid != 0 &&
	    (rc = flows->plane->class_del(flows->plane_arg, (unsigned)link,
	    r->classid)) < 0 && rc != -ENOENT)
		log_warnx("flows: state: label %u: remove class %x: %s",
		    r->in_label, r->classid, strerror(-rc));
}

/*
 * Take back the flow of record 'r': admission, its routelet, its vif and
 * ILM entry asserted again.  0, or -1 with 'why' and nothing kept.
 */
static int
restore_one(struct flows_state *st, const struct flows_rec *r, int link,
    const char **why)
{
	struct flows *flows = st->flows;
	char text[RL_CONFIG_TEXT_MAX];
	struct pool_rl_info info;
	struct pool_caps caps;
	struct dp_vif v;
	struct flow *f;
	enum adm_reason reason;
	int len, rc;

	if ((f = calloc(1, sizeof(*f))) == NULL) {
		*why = "out of memory";
		return -1;
	}
	f->flows = flows;
	f->key = FLOWS_STATE_KEY_RESTORED | ++st->seq;
	f->session = r->session;
	memcpy(f->name, r->name, sizeof(f->name));
	f->setup_prio = r->setup_prio;
	f->hold_prio = r->hold_prio;
	f->in_label = r->in_label;
	f->out_label = r->out_label;
	f->out_ifindex = r->out_ifindex;
	f->link = (unsigned)link;
	memcpy(f->nexthop_mac, r->nexthop_mac, 6);
	memcpy(f->source_mac, r->source_mac, 6);
	f->has_sender = r->has_sender;
	f->sender = r->sender;
	f->fs = r->fs;
	if ((reason = readmit(flows, f)) != ADM_OK) {
		*why = adm_reason_str(reason);
		goto fail;
	}
	f->need = adm_flow_find(&flows->adm, f->key)->need;
	if (flows->generation < r->generation)
		flows->generation = r->generation;
	if ((len = flow_config_text(flows, f, text, sizeof(text))) < 0) {
		*why = "config text too long";
		goto fail_adm;
	}
	f->generation = r->generation;	/* what the routelet runs */
	flow_caps(f, &caps);
	rc = pool_claim(flows->conf.pool, r->rl_id, &caps, text, (size_t)len,
	    flow_rl_dead, f, &f->rl);
	if (rc < 0) {
		*why = rc == -ENOENT ? "its routelet is gone" :
		    "its routelet refused its caps";
		goto fail_adm;
	}
	/* Its vif as the backend knows it now (the record's may be stale). */
	pool_rl_info(f->rl, &info);
	memset(&v, 0, sizeof(v));
	v.vif_ifindex = info.ifindex != 0 ? info.ifindex : r->vif_ifindex;
	v.out_ifindex = r->out_ifindex;
	v.priority = r->classid;
	f->classid = r->classid;
	if (flows->plane->vif_attach(flows->plane_arg, &v) < 0) {
		*why = "its vif cannot be attached";
		goto fail_rl;
	}
	f->vif_ifindex = v.vif_ifindex;
	if (flow_ilm_steer(flows, f, v.vif_ifindex) < 0) {
		*why = "its ILM entry cannot be set";
		goto fail_rl;
	}
	TAILQ_INSERT_TAIL(&flows->list, f, entry);
	flows->n++;
	return 0;
fail_rl:
	pool_release(flows->conf.pool, f->rl);
fail_adm:
	(void)adm_release(&flows->adm, f->key);
fail:
	free(f);
	return -1;
}

/* Take back the flows of the records (flows_state.h). */
int
flows_state_restore(struct flows_state *st, unsigned timeout_ms)
{
	char text[FLOWS_REC_TEXT_MAX], err[128];
	struct flows_rec r;
	struct st_file *sf;
	struct dirent *de;
	struct timeval tv;
	const char *why;
	ssize_t n;
	int64_t label;
	int dfd, link, count = 0;
	DIR *d;

	if ((dfd = dup(st->dfd)) == -1 || (d = fdopendir(dfd)) == NULL) {
		int rc = -errno;

		if (dfd != -1)
			close(dfd);
		log_warnx("flows: state: read %s: %s", st->dir,
		    strerror(-rc));
		pool_claim_done(st->flows->conf.pool);
		return rc;
	}
	rewinddir(d);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' && strstr(de->d_name, ".tmp") != NULL) {
			(void)unlinkat(st->dfd, de->d_name, 0);	/* a crash's */
			continue;
		}
		if ((label = file_label(de->d_name)) < 0)
			continue;
		n = read_file(st, de->d_name, text, sizeof(text));
		if (n < 0) {
			log_warnx("flows: state: %s/%s: %s", st->dir,
			    de->d_name, strerror((int)-n));
			continue;
		}
		err[0] = '\0';
		if (flows_rec_parse(text, (size_t)n, &r, err,
		    sizeof(err)) == 0 && r.in_label != (uint32_t)label)
			snprintf(err, sizeof(err), "name and in-label differ");
		if (err[0] != '\0') {
			log_warnx("flows: state: %s/%s: %s; not restored",
			    st->dir, de->d_name, err);
			(void)unlinkat(st->dfd, de->d_name, 0);
			continue;
		}
		link = flows_link_index(st->flows, r.out_ifindex);
		if (link < 0)
			why = "its line card is not configured";
		else if (restore_one(st, &r, link, &why) == 0) {
			log_info("flows: restored label %u (%s) on routelet "
			    "%u, vif %u, class %x", r.in_label, r.name,
			    r.rl_id, r.vif_ifindex, r.classid);
			if ((sf = cache_get(st, r.in_label)) != NULL)
				sf->hash = text_hash(text, (size_t)n);
			count++;
			continue;
		}
		log_warnx("flows: state: label %u (%s) not restored: %s",
		    r.in_label, r.name, why);
		drop_remains(st->flows, &r, link);
		(void)unlinkat(st->dfd, de->d_name, 0);
	}
	closedir(d);
	pool_claim_done(st->flows->conf.pool);
	if (count > 0) {
		tv.tv_sec = timeout_ms / 1000;
		tv.tv_usec = (timeout_ms % 1000) * 1000;
		evtimer_add(st->ev_expire, &tv);
	}
	return count;
}

/* Remove every record file of the directory. */
int
flows_state_clear(struct flows_state *st)
{
	struct dirent *de;
	int dfd, first = 0;
	DIR *d;

	st->nfiles = 0;
	if ((dfd = dup(st->dfd)) == -1 || (d = fdopendir(dfd)) == NULL) {
		first = -errno;
		if (dfd != -1)
			close(dfd);
		return first;
	}
	rewinddir(d);
	while ((de = readdir(d)) != NULL) {
		if (file_label(de->d_name) < 0 && !(de->d_name[0] == '.' &&
		    strstr(de->d_name, ".tmp") != NULL))
			continue;
		if (unlinkat(st->dfd, de->d_name, 0) == -1 &&
		    errno != ENOENT && first == 0)
			first = -errno;
	}
	closedir(d);
	if (fsync(st->dfd) == -1 && first == 0)
		first = -errno;
	return first;
}

/* The restored flow of LSP 's', or NULL. */
static struct flow *
restored_of(const struct flows *flows, const struct flow_session *s)
{
	struct flow *f;

	TAILQ_FOREACH(f, &flows->list, entry)
		if ((f->key & FLOWS_STATE_KEY_RESTORED) &&
		    flows_rec_same_lsp(&f->session, s))
			return f;
	return NULL;
}

/* Free 'flows' leaving every flow running. */
void
flows_state_forget(struct flows *flows)
{
	struct flow *f;

	if (flows == NULL)
		return;
	while ((f = TAILQ_FIRST(&flows->list)) != NULL) {
		TAILQ_REMOVE(&flows->list, f, entry);
		free(f);
	}
	adm_dispose(&flows->adm);
	free(flows);
}

/* cb(arg, label) for each restored, unclaimed flow. */
void
flows_state_labels(const struct flows *flows,
    void (*cb)(void *arg, uint32_t label), void *arg)
{
	const struct flow *f;

	TAILQ_FOREACH(f, &flows->list, entry)
		if (f->key & FLOWS_STATE_KEY_RESTORED)
			cb(arg, f->in_label);
}

/* The in label of the restored flow of LSP 's'. */
int
flows_state_label(const struct flows *flows, const struct flow_session *s,
    uint32_t *label_r)
{
	const struct flow *f = restored_of(flows, s);

	if (f == NULL)
		return -ENOENT;
	*label_r = f->in_label;
	return 0;
}

/*
 * Move restored flow 'f' to in label 'label': the routelet first (it then
 * swaps the new label), the new ILM entry, then the old one goes.
 */
static int
move_label(struct flows *flows, struct flow *f, uint32_t label)
{
	char text[RL_CONFIG_TEXT_MAX];
	struct pool_caps caps;
	uint32_t old = f->in_label;
	int len, rc, rc2;

	f->in_label = label;
	flow_caps(f, &caps);
	if ((len = flow_config_text(flows, f, text, sizeof(text))) < 0 ||
	    pool_reconfigure(flows->conf.pool, f->rl, &caps, text,
	    (size_t)len) < 0) {
		f->in_label = old;
		return -1;
	}
	rc = flow_ilm_steer(flows, f, f->vif_ifindex);
	if ((rc2 = flows->plane->ilm_del(flows->plane_arg, old)) < 0 &&
	    rc2 != -ENOENT)
		log_warnx("flows: label %u: remove old ILM entry: %s", old,
		    strerror(-rc2));
	return rc < 0 ? -1 : 0;
}

/*
 * Another restored flow that still holds 'label' (the engine gave it to
 * another LSP): taken down, or its frames would reach the wrong routelet.
 */
static void
drop_label_holder(struct flows *flows, const struct flow *f, uint32_t label)
{
	struct flow *g;

	TAILQ_FOREACH(g, &flows->list, entry)
		if (g != f && (g->key & FLOWS_STATE_KEY_RESTORED) &&
		    g->in_label == label)
			break;
	if (g == NULL)
		return;
	log_warnx("flows: restored label %u (%s): the label went to another "
	    "LSP; taken down", g->in_label, g->name);
	(void)flows_del(flows, g->key);
}

/* The restored flow of req's LSP, re-keyed for flows_set. */
struct flow *
flows_state_claim(struct flows *flows, const struct flow_req *req)
{
	struct flow *f = restored_of(flows, &req->session);
	uint64_t old_key;

	drop_label_holder(flows, f, req->in_label);
	if (f == NULL)
		return NULL;
	old_key = f->key;
	(void)adm_release(&flows->adm, old_key);
	f->key = req->key;
	if (readmit(flows, f) != ADM_OK) {
		log_warnx("flows: restored label %u: admission refused it "
		    "again; taken down", f->in_label);
		(void)flows_del(flows, f->key);
		return NULL;
	}
	if (req->in_label != f->in_label &&
	    move_label(flows, f, req->in_label) < 0) {
		log_warnx("flows: restored label %u: cannot move to label %u; "
		    "taken down", f->in_label, req->in_label);
		(void)flows_del(flows, f->key);
		return NULL;
	}
	log_info("flows: restored label %u (%s) claimed by its refresh",
	    f->in_label, f->name);
	return f;
}
