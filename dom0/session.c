/*
 * Sessions (RFC 2205 3.2), keyed by the LSP_TUNNEL_IPv4 SESSION object
 * (RFC 3209 4.6.1.1: endpoint, tunnel ID, extended tunnel ID): a hash
 * table that doubles as it fills, and a list in creation order for show
 * commands.  A session lives while it has path state.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dom0/engine_local.h"

#define SESSION_HASH_MIN	1024

static size_t
session_hash(const struct rsvp_session_lsp *k, size_t size)
{
	uint64_t h = k->endpoint.s_addr;

	h = h * 0x9e3779b97f4a7c15ull ^ k->tunnel_id;
	h = h * 0x9e3779b97f4a7c15ull ^ k->ext_tunnel_id.s_addr;
	h *= 0x9e3779b97f4a7c15ull;
	return (size_t)(h >> 32) & (size - 1);
}

static bool
session_match(const struct session *s, const struct rsvp_session_lsp *k)
{
	return s->endpoint.s_addr == k->endpoint.s_addr &&
	    s->tunnel_id == k->tunnel_id &&
	    s->ext_id.s_addr == k->ext_tunnel_id.s_addr;
}

/* The SESSION object of 's' into 'key_r'. */
void
session_key(const struct session *s, struct rsvp_session_lsp *key_r)
{
	memset(key_r, 0, sizeof(*key_r));
	key_r->endpoint = s->endpoint;
	key_r->tunnel_id = s->tunnel_id;
	key_r->ext_tunnel_id = s->ext_id;
}

/* An empty session table; 0 or -ENOMEM. */
int
session_table_init(struct engine *e)
{
	e->htab = calloc(SESSION_HASH_MIN, sizeof(*e->htab));
	if (e->htab == NULL)
		return -ENOMEM;
	e->hsize = SESSION_HASH_MIN;
	return 0;
}

/* Free the table (its sessions are gone by now). */
void
session_table_dispose(struct engine *e)
{
	free(e->htab);
	e->htab = NULL;
	e->hsize = 0;
}

/* Double the table when it holds as many sessions as buckets. */
static void
session_table_grow(struct engine *e)
{
	size_t size = e->hsize * 2, i;
	struct session **t, *s;

	t = calloc(size, sizeof(*t));
	if (t == NULL)
		return;		/* longer chains, still correct */
	for (i = 0; i < e->hsize; i++) {
		while ((s = e->htab[i]) != NULL) {
			struct rsvp_session_lsp k;
			size_t h;

			e->htab[i] = s->hnext;
			session_key(s, &k);
			h = session_hash(&k, size);
			s->hnext = t[h];
			t[h] = s;
		}
	}
	free(e->htab);
	e->htab = t;
	e->hsize = size;
}

/* The session for 'key', or NULL. */
struct session *
session_find(struct engine *e, const struct rsvp_session_lsp *key)
{
	struct session *s;

	for (s = e->htab[session_hash(key, e->hsize)]; s != NULL; s = s->hnext)
		if (session_match(s, key))
			return s;
	return NULL;
}

static void
session_resv_refresh(struct engine *e, struct etimer *t)
{
	struct session *s = ENGINE_CONTAINER(t, struct session, resv_refresh);
	struct psb *p, *q;
	bool any = false;

	/* One Resv per previous hop (RFC 2205 3.1.4). */
	TAILQ_FOREACH(p, &s->psbs, entry) {
		bool first = true;

		TAILQ_FOREACH(q, &s->psbs, entry) {
			if (q == p)
				break;
			if (q->phop.s_addr == p->phop.s_addr)
				first = false;
		}
		if (first && resv_upstream_send(e, s, p->phop))
			any = true;
	}
	/* Re-armed when a reservation comes back. */
	if (any)
		resv_upstream_arm(e, s);
}

/* The session for 'key', created empty if need be; NULL on ENOMEM. */
struct session *
session_get(struct engine *e, const struct rsvp_session_lsp *key)
{
	struct session *s = session_find(e, key);
	size_t h;

	if (s != NULL)
		return s;
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		engine_count(e, ENGINE_C_NO_MEMORY);
		return NULL;
	}
	s->endpoint = key->endpoint;
	s->tunnel_id = key->tunnel_id;
	s->ext_id = key->ext_tunnel_id;
	TAILQ_INIT(&s->psbs);
	s->created_ms = engine_now(e);
	etimer_init(&s->resv_refresh, session_resv_refresh);
	if (e->nsessions >= e->hsize)
		session_table_grow(e);
	h = session_hash(key, e->hsize);
	s->hnext = e->htab[h];
	e->htab[h] = s;
	TAILQ_INSERT_TAIL(&e->sessions, s, entry);
	e->nsessions++;
	return s;
}

/* Free 's' if it holds no path state any more. */
void
session_put(struct engine *e, struct session *s)
{
	struct rsvp_session_lsp k;
	struct session **pp;

	if (!TAILQ_EMPTY(&s->psbs))
		return;
	session_key(s, &k);
	for (pp = &e->htab[session_hash(&k, e->hsize)]; *pp != NULL;
	    pp = &(*pp)->hnext) {
		if (*pp == s) {
			*pp = s->hnext;
			break;
		}
	}
	etimer_stop(e, &s->resv_refresh);
	TAILQ_REMOVE(&e->sessions, s, entry);
	e->nsessions--;
	free(s);
}
