/*
 * IntServ data in RSVP objects (RFC 2210): the bodies of SENDER_TSPEC
 * (class 12), FLOWSPEC (class 9) and ADSPEC (class 13), that is the bytes
 * after the 4-byte RSVP object header.  Wire format, validation and error
 * reasons only; admission control lives elsewhere.
 *
 * Units on the wire (RFC 2210 3.1, RFC 2215 3): rates r, p, R and the path
 * bandwidth are IEEE single floats in BYTES per second; bucket depth b and
 * packet sizes m, M, MTU are bytes; latencies, D and S are microseconds.
 * flowspec/units.h converts to and from the bit/s that tc users write.
 *
 * Decoders take (buf, len), accept exactly one object body and return 0,
 * or -1 with 'err' filled in and the output struct zeroed.  Encoders write
 * into (buf, cap) and return the number of bytes written, or -1 when the
 * body does not fit or the struct cannot be expressed (a service other
 * than 2 or 5 in a FLOWSPEC; in an ADSPEC, too many unknown fragments, one
 * too long or not whole words, or one that names service 1, 2 or 5).
 * They do not check the values: they encode NaN or m > M as given, so
 * that tests can build bad vectors.
 *
 * Unknown parameters inside a known service are skipped by their length
 * (RFC 2210 3).  A FLOWSPEC for a service other than 2 or 5 is refused as
 * "Service unsupported" (RFC 2205 App. B, code 21 value 2).  ADSPEC
 * fragments of other services are kept as bytes so that they can be sent
 * on; setting their break bit at a hop that does not implement them is
 * the forwarder's part.
 */
#ifndef QUASAR_INTSERV_H
#define QUASAR_INTSERV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* RFC 2210 3: message header, per-service header, parameter header. */
#define IS_HDR_LEN		4
#define IS_VERSION		0	/* the 4-bit version in the message header */
#define IS_SVC_BREAK		0x80	/* per-service flags: break bit */
#define IS_PARAM_INVALID	0x80	/* per-parameter flags: value not valid */

/* Service numbers (RFC 2210 3.1, RFC 2212, RFC 2211). */
#define IS_SVC_GENERAL		1
#define IS_SVC_GUARANTEED	2
#define IS_SVC_CONTROLLED_LOAD	5

/* General characterization parameters (RFC 2215 3). */
#define IS_PARAM_HOP_COUNT	4	/* NUMBER_OF_IS_HOPS, uint32 */
#define IS_PARAM_PATH_BW	6	/* AVAILABLE_PATH_BANDWIDTH, float */
#define IS_PARAM_MIN_LATENCY	8	/* MINIMUM_PATH_LATENCY, uint32 us */
#define IS_PARAM_PATH_MTU	10	/* PATH_MTU, uint32 bytes */
#define IS_PARAM_TOKEN_BUCKET	127	/* TOKEN_BUCKET_TSPEC (RFC 2215 3.6) */

/* Guaranteed service parameters (RFC 2212, "Invocation Information"). */
#define IS_PARAM_GUAR_RSPEC	130
#define IS_PARAM_GUAR_CTOT	133
#define IS_PARAM_GUAR_DTOT	134
#define IS_PARAM_GUAR_CSUM	135
#define IS_PARAM_GUAR_DSUM	136

/* RFC 2215 3.4: minimum path latency that is not known. */
#define IS_LATENCY_INDETERMINATE	0xffffffffU

/* Body lengths in bytes (RFC 2210 3.1 SENDER_TSPEC, 3 FLOWSPEC). */
#define IS_SENDER_TSPEC_LEN	32
#define IS_FLOWSPEC_CL_LEN	32
#define IS_FLOWSPEC_GUAR_LEN	44

/* RFC 2205 Appendix B: error code 21, Traffic Control Error, and values. */
#define IS_RSVP_ERR_TRAFFIC_CONTROL	21
#define IS_TC_SERVICE_CONFLICT		1
#define IS_TC_SERVICE_UNSUPPORTED	2
#define IS_TC_BAD_FLOWSPEC		3
#define IS_TC_BAD_TSPEC			4
#define IS_TC_BAD_ADSPEC		5

/* Token bucket TSpec, parameter 127 (RFC 2210 3.1, RFC 2215 3.6). */
struct is_tspec {
	float		rate;		/* r, bytes/s */
	float		bucket;		/* b, bytes */
	float		peak;		/* p, bytes/s; +infinity: no peak */
	uint32_t	min_unit;	/* m, minimum policed unit, bytes */
	uint32_t	max_size;	/* M, maximum packet size, bytes */
};

/* Guaranteed service RSpec, parameter 130 (RFC 2212, RFC 2210 3 FLOWSPEC). */
struct is_rspec {
	float		rate;		/* R, bytes/s */
	uint32_t	slack;		/* S, microseconds */
};

/*
 * A FLOWSPEC body: Controlled-Load (TSpec only) or Guaranteed (TSpec and
 * RSpec).  'rspec' is meaningful for IS_SVC_GUARANTEED only.
 */
struct is_flowspec {
	uint8_t		service;	/* IS_SVC_GUARANTEED or _CONTROLLED_LOAD */
	struct is_tspec	tspec;
	struct is_rspec	rspec;
};

/* One ADSPEC parameter value, as carried or absent. */
struct is_ad_u32 {
	bool		present;
	uint8_t		flags;		/* IS_PARAM_INVALID: value not valid */
	uint32_t	value;
};

struct is_ad_float {
	bool		present;
	uint8_t		flags;
	float		value;
};

/*
 * General characterization parameters: the defaults in the general
 * fragment, or a service fragment's overrides of them (RFC 2210 3,
 * ADSPEC; RFC 2215 3.2-3.5).
 */
struct is_ad_general {
	struct is_ad_u32	hop_count;	/* 4: IS-aware hops */
	struct is_ad_float	path_bw;	/* 6: bytes/s */
	struct is_ad_u32	min_latency;	/* 8: us, or INDETERMINATE */
	struct is_ad_u32	path_mtu;	/* 10: bytes */
};

/* Guaranteed service ADSPEC fragment (RFC 2210 3 ADSPEC, RFC 2212). */
struct is_ad_guaranteed {
	bool			present;
	bool			brk;		/* break bit */
	struct is_ad_u32	ctot;		/* bytes */
	struct is_ad_u32	dtot;		/* us */
	struct is_ad_u32	csum;
	struct is_ad_u32	dsum;
	struct is_ad_general	override;
};

/* Controlled-Load ADSPEC fragment (RFC 2210 3 ADSPEC, RFC 2211). */
struct is_ad_cl {
	bool			present;
	bool			brk;
	struct is_ad_general	override;
};

/*
 * A fragment of a service this codec does not know, kept as it came so
 * that it can be sent on (RFC 2210 3, ADSPEC: an element passes on the
 * fragments of services it does not implement, with the break bit set).
 */
#define IS_AD_MAX_OTHER		4
#define IS_AD_OTHER_MAX_LEN	64	/* bytes of fragment data */
struct is_ad_other {
	uint8_t		service;
	bool		brk;
	uint16_t	len;		/* bytes in 'data', a multiple of 4 */
	uint8_t		data[IS_AD_OTHER_MAX_LEN];
};

/* An ADSPEC body (RFC 2210 3, ADSPEC). */
struct is_adspec {
	bool			gen_brk;	/* general fragment's break bit */
	struct is_ad_general	general;
	struct is_ad_guaranteed	guaranteed;
	struct is_ad_cl		cl;
	unsigned		n_other;
	struct is_ad_other	other[IS_AD_MAX_OTHER];
};

/* Why a body was refused. */
enum is_reason {
	IS_OK = 0,
	IS_E_TRUNCATED,		/* a header or value runs past the bytes */
	IS_E_LENGTH,		/* a length field disagrees with its container */
	IS_E_VERSION,		/* message header version is not 0 */
	IS_E_SERVICE,		/* service not allowed in this object */
	IS_E_UNSUPPORTED,	/* FLOWSPEC asks for a service we do not know */
	IS_E_MISSING,		/* a required parameter or fragment is absent */
	IS_E_DUPLICATE,		/* a parameter or fragment appears twice */
	IS_E_PARAM_LEN,		/* known parameter with the wrong length */
	IS_E_NAN,		/* a float is NaN */
	IS_E_NEGATIVE,		/* a float is negative */
	IS_E_INFINITE,		/* a float is infinite where it may not be */
	IS_E_MIN_GT_MAX,	/* m > M */
	IS_E_PEAK_LT_RATE,	/* p < r */
	IS_E_TOO_MANY,		/* more unknown ADSPEC fragments than we keep */
};

struct is_err {
	enum is_reason	reason;
	uint16_t	tc_value;	/* RFC 2205 App. B value for code 21 */
	size_t		offset;		/* byte in the body where it was found */
};

/* A short English description of 'reason'. */
const char *is_reason_str(enum is_reason reason);

/*
 * Check a TSpec's values (RFC 2210 3.1, RFC 2215 3.6): finite,
 * non-negative floats except p, which may be +infinity; m <= M; p >= r.
 * Returns IS_OK or the first rule broken.
 */
enum is_reason is_tspec_check(const struct is_tspec *t);

/* Check an RSpec's values: R finite and non-negative.  R >= r is an
 * admission rule (RFC 2212), not a wire rule, and is not checked here. */
enum is_reason is_rspec_check(const struct is_rspec *r);

/* Decode a SENDER_TSPEC body (service 1, RFC 2210 3.1) into 't'. */
int is_sender_tspec_decode(const void *buf, size_t len, struct is_tspec *t,
    struct is_err *err);
/* Encode 't' as a SENDER_TSPEC body. */
int is_sender_tspec_encode(const struct is_tspec *t, void *buf, size_t cap);

/* Decode a FLOWSPEC body (RFC 2210 3, FLOWSPEC) into 'f'. */
int is_flowspec_decode(const void *buf, size_t len, struct is_flowspec *f,
    struct is_err *err);
/* Encode 'f' as a FLOWSPEC body of service f->service (2 or 5). */
int is_flowspec_encode(const struct is_flowspec *f, void *buf, size_t cap);

/* Decode an ADSPEC body (RFC 2210 3, ADSPEC) into 'a'. */
int is_adspec_decode(const void *buf, size_t len, struct is_adspec *a,
    struct is_err *err);
/* Encode 'a' as an ADSPEC body: the general fragment, then the Guaranteed
 * and Controlled-Load fragments when present, then the others. */
int is_adspec_encode(const struct is_adspec *a, void *buf, size_t cap);

#endif
