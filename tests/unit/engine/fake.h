/*
 * A recording environment for the engine: router R1 between host A and
 * R2 (tests/integration's topology), a clock the test moves, the real
 * label allocator, a data plane that records ILM entries, and builders
 * for the messages its neighbours send.
 *
 *   ifindex 1: 10.0.1.1/24, host A 10.0.1.2
 *   ifindex 2: 10.0.12.1/24, R2 10.0.12.2; 10.0.2.0/24 (host B) via R2
 */
#ifndef TEST_ENGINE_FAKE_H
#define TEST_ENGINE_FAKE_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>

#include "dom0/engine.h"
#include "rsvp/rsvp.h"

#define IF_A		1
#define IF_R2		2
#define ADDR_R1_A	"10.0.1.1"
#define ADDR_A		"10.0.1.2"
#define ADDR_R1_R2	"10.0.12.1"
#define ADDR_R2		"10.0.12.2"
#define ADDR_B		"10.0.2.2"
#define FAKE_R_MS	30000u
#define FAKE_K		3u
#define FAKE_SENT_MAX	64
#define FAKE_ILM_MAX	4096

struct sent {
	struct rsvp_pkt_out	out;	/* buf points to nothing kept */
	struct rsvp_msg		*msg;	/* decoded */
};

struct fake {
	struct engine	*e;
	struct labels	*labels;
	uint64_t	now;
	struct sent	sent[FAKE_SENT_MAX];
	unsigned	nsent;
	struct dp_ilm	ilm[FAKE_ILM_MAX];
	unsigned	nilm;
	bool		neigh_pending;	/* neigh_mac answers -EAGAIN */
	unsigned	nbr_added;
	/*
	 * feed() rewrites objects of class 'patch_from' on the wire to
	 * 'patch_to' (and drops the checksum): classes the encoder will
	 * not write.
	 */
	uint8_t		patch_from;
	uint8_t		patch_to;
	/* When the record is full: forget it (true) or fail (false). */
	bool		ring;
	/* Host B's network: via R2 (0), via 10.0.12.3 (1), unreachable (2). */
	int		route_b;
};

extern struct fake F;

struct in_addr A(const char *s);

/* Fill 'env' with the fake's functions (labels F.labels). */
void fake_env(struct engine_env *env);
/* Create F.e with a fresh environment; destroy everything. */
void fake_setup(void);
void fake_teardown(void);

/* Move the clock by 'ms' and run the due timers. */
void fake_advance(uint64_t ms);
/* Forget what was sent. */
void fake_clear_sent(void);
/* The last message of 'type' sent, or NULL; how many of them. */
const struct sent *fake_last(uint8_t type);
unsigned fake_count(uint8_t type);
/* The ILM entry for 'label', or NULL. */
const struct dp_ilm *fake_ilm(uint32_t label);

/* What a Path from host A looks like; fields a test may change. */
struct path_spec {
	uint16_t	tunnel_id;
	uint16_t	lsp_id;
	struct in_addr	endpoint;
	struct in_addr	sender;
	struct in_addr	phop;
	unsigned	ifindex;
	uint8_t		ip_ttl;
	uint8_t		send_ttl;
	const char	*ero;	/* "10.0.1.1,~10.0.2.2": ~ marks loose */
	bool		rro;
	bool		sa;	/* SESSION_ATTRIBUTE */
	uint8_t		sa_flags;
	const char	*name;
	uint8_t		extra_class;	/* an object of this class, or 0 */
};

/* A Resv from R2; one flow descriptor per sender. */
struct resv_spec {
	uint16_t	tunnel_id;
	struct in_addr	endpoint;
	struct in_addr	sender;
	uint32_t	style;
	unsigned	nflows;
	uint16_t	lsp_id[4];
	uint32_t	label[4];
	bool		rro;
	struct in_addr	nhop;
	unsigned	ifindex;
	uint8_t		extra_class;
	struct in_addr	confirm;	/* RESV_CONFIRM; 0.0.0.0: none */
	float		rate;		/* FLOWSPEC r; 0: 125000 bytes/s */
};

void path_spec_default(struct path_spec *ps);
void resv_spec_default(struct resv_spec *rs);
/* Build the message of 'ps' / 'rs' into 'm'. */
void build_path(const struct path_spec *ps, struct rsvp_msg *m);
void build_resv(const struct resv_spec *rs, struct rsvp_msg *m);
/* Encode 'm' and give it to the engine as arriving per 'in'. */
void feed(const struct rsvp_msg *m, struct in_addr src, unsigned ifindex,
    uint8_t ip_ttl);
/* Build and feed. */
void send_path(const struct path_spec *ps);
void send_resv(const struct resv_spec *rs);
/* A PathTear from A / ResvTear from R2 for one sender, built or sent. */
void build_pathtear(uint16_t tunnel_id, uint16_t lsp_id, struct rsvp_msg *m);
void build_resvtear(uint16_t tunnel_id, uint16_t lsp_id, struct rsvp_msg *m);
void send_pathtear(uint16_t tunnel_id, uint16_t lsp_id);
void send_resvtear(uint16_t tunnel_id, uint16_t lsp_id);

/* The engine's counter 'c'. */
uint64_t counter(enum engine_counter c);

#endif
