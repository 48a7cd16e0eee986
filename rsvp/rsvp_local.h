/*
 * Private to rsvp/: the object codec table, the per-family object codecs,
 * the unknown-class rules and the per-message grammar checks.
 */
#ifndef QUASAR_RSVP_LOCAL_H
#define QUASAR_RSVP_LOCAL_H

#include "lib/cursor.h"
#include "lib/writer.h"
#include "rsvp/rsvp.h"

/*
 * Decode an object body (the bytes after its header, a multiple of 4) into
 * 'o', whose class_num and c_type are set; a body of the wrong length for
 * the C-Type is an error, so the whole body is read.  Returns 0, or -1
 * after rsvp_err_set() with the reason and the offset in the body.
 */
typedef int (*rsvp_obj_decode_fn)(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err);
/*
 * Write the body of 'o', a multiple of 4 bytes; false when it does not fit
 * or cannot be encoded.
 */
typedef bool (*rsvp_obj_encode_fn)(struct writer *w, const struct rsvp_obj *o);

/*
 * 'init_len' is how much of the body union the decoder wants zeroed before
 * it runs: the whole member for small bodies, only the fixed head of the
 * large ones (opaque bytes, route subobjects, names), whose tails the
 * decoder fills as far as they are used.
 */
struct rsvp_obj_codec {
	uint8_t			class_num;
	uint8_t			c_type;
	size_t			init_len;
	rsvp_obj_decode_fn	decode;
	rsvp_obj_encode_fn	encode;
};

/* The codec of the unknown 11bbbbbb objects kept as bytes. */
extern const struct rsvp_obj_codec rsvp_forward_codec;

/* obj_table.c: every known (class, C-Type). */
const struct rsvp_obj_codec *rsvp_codec_find(uint8_t class_num,
    uint8_t c_type);
bool rsvp_class_known(uint8_t class_num);

/* unknown.c: RFC 2205 3.10 for an object that has no codec. */
enum rsvp_unknown_verdict {
	RSVP_UNKNOWN_REJECT_CLASS,	/* 0bbbbbbb: error 13 */
	RSVP_UNKNOWN_REJECT_CTYPE,	/* known class: error 14 */
	RSVP_UNKNOWN_IGNORE,		/* 10bbbbbb: drop the object */
	RSVP_UNKNOWN_FORWARD,		/* 11bbbbbb: keep it unexamined */
};
enum rsvp_unknown_verdict rsvp_unknown_verdict(uint8_t class_num);
void rsvp_unknown_error(uint8_t msg_type, uint8_t class_num, uint8_t c_type,
    enum rsvp_unknown_verdict v, struct rsvp_error *err);

/* packet.c: fill 'err' (action drop, no error code). */
void rsvp_err_set(struct rsvp_error *err, enum rsvp_reason reason,
    size_t offset, const char *text);
/* Ask for a PathErr/ResvErr with 'code'/'value' if 'msg_type' gets one. */
void rsvp_err_answer(struct rsvp_error *err, uint8_t msg_type, uint8_t code,
    uint16_t value);

/* packet.c: fail unless the body 'c' holds exactly 'n' bytes. */
int rsvp_body_len(const struct cursor *c, size_t n, struct rsvp_error *err);

/* obj_opaque.c: bodies kept as bytes. */
int rsvp_opaque_decode(struct cursor *c, struct rsvp_obj *o,
    struct rsvp_error *err);
bool rsvp_opaque_encode(struct writer *w, const struct rsvp_obj *o);

/* obj_session.c */
int rsvp_session_ipv4_decode(struct cursor *, struct rsvp_obj *,
    struct rsvp_error *);
bool rsvp_session_ipv4_encode(struct writer *, const struct rsvp_obj *);
int rsvp_session_lsp_decode(struct cursor *, struct rsvp_obj *,
    struct rsvp_error *);
bool rsvp_session_lsp_encode(struct writer *, const struct rsvp_obj *);

/* obj_filter.c: FILTER_SPEC and SENDER_TEMPLATE */
int rsvp_filter_ipv4_decode(struct cursor *, struct rsvp_obj *,
    struct rsvp_error *);
bool rsvp_filter_ipv4_encode(struct writer *, const struct rsvp_obj *);
int rsvp_filter_lsp_decode(struct cursor *, struct rsvp_obj *,
    struct rsvp_error *);
bool rsvp_filter_lsp_encode(struct writer *, const struct rsvp_obj *);

/* obj_hop.c: RSVP_HOP and TIME_VALUES */
int rsvp_hop_decode(struct cursor *, struct rsvp_obj *, struct rsvp_error *);
bool rsvp_hop_encode(struct writer *, const struct rsvp_obj *);
int rsvp_time_decode(struct cursor *, struct rsvp_obj *, struct rsvp_error *);
bool rsvp_time_encode(struct writer *, const struct rsvp_obj *);

/* obj_error.c: ERROR_SPEC, SCOPE, RESV_CONFIRM */
int rsvp_error_spec_decode(struct cursor *, struct rsvp_obj *,
    struct rsvp_error *);
bool rsvp_error_spec_encode(struct writer *, const struct rsvp_obj *);
int rsvp_scope_decode(struct cursor *, struct rsvp_obj *,
    struct rsvp_error *);
bool rsvp_scope_encode(struct writer *, const struct rsvp_obj *);
int rsvp_resv_confirm_decode(struct cursor *, struct rsvp_obj *,
    struct rsvp_error *);
bool rsvp_resv_confirm_encode(struct writer *, const struct rsvp_obj *);

/* obj_style.c */
int rsvp_style_decode(struct cursor *, struct rsvp_obj *,
    struct rsvp_error *);
bool rsvp_style_encode(struct writer *, const struct rsvp_obj *);

/* obj_integrity.c */
int rsvp_integrity_decode(struct cursor *, struct rsvp_obj *,
    struct rsvp_error *);
bool rsvp_integrity_encode(struct writer *, const struct rsvp_obj *);

/* obj_label.c: LABEL_REQUEST and LABEL */
int rsvp_label_request_decode(struct cursor *, struct rsvp_obj *,
    struct rsvp_error *);
bool rsvp_label_request_encode(struct writer *, const struct rsvp_obj *);
int rsvp_label_decode(struct cursor *, struct rsvp_obj *,
    struct rsvp_error *);
bool rsvp_label_encode(struct writer *, const struct rsvp_obj *);

/* obj_route.c: EXPLICIT_ROUTE and RECORD_ROUTE */
int rsvp_ero_decode(struct cursor *, struct rsvp_obj *, struct rsvp_error *);
bool rsvp_ero_encode(struct writer *, const struct rsvp_obj *);
int rsvp_rro_decode(struct cursor *, struct rsvp_obj *, struct rsvp_error *);
bool rsvp_rro_encode(struct writer *, const struct rsvp_obj *);

/* obj_session_attr.c */
int rsvp_session_attr_decode(struct cursor *, struct rsvp_obj *,
    struct rsvp_error *);
bool rsvp_session_attr_encode(struct writer *, const struct rsvp_obj *);

/* obj_hello.c */
int rsvp_hello_obj_decode(struct cursor *, struct rsvp_obj *,
    struct rsvp_error *);
bool rsvp_hello_obj_encode(struct writer *, const struct rsvp_obj *);

/* validate.c: helpers shared by the message grammars. */
struct rsvp_grammar {
	const uint8_t	*allowed;	/* classes allowed, 0-terminated */
	const uint8_t	*required;	/* classes required, 0-terminated */
	const uint8_t	*repeatable;	/* classes that may repeat */
};
int rsvp_check_grammar(const struct rsvp_msg *msg,
    const struct rsvp_grammar *g, struct rsvp_error *err);
/* The end of the message, where a missing object is reported. */
size_t rsvp_msg_end(const struct rsvp_msg *msg);
/* Fail with 'reason' at object 'i' of 'msg'. */
int rsvp_obj_fail(const struct rsvp_msg *msg, int i, enum rsvp_reason reason,
    const char *text, struct rsvp_error *err);
/* SENDER_TEMPLATEs and FILTER_SPECs against the SESSION: C-Type, ports. */
int rsvp_check_filters(const struct rsvp_msg *msg, struct rsvp_error *err);
bool rsvp_msg_is_lsp_tunnel(const struct rsvp_msg *msg);

/* path.c, resv.c, err.c, tear.c, conf.c, hello.c: one grammar each. */
int rsvp_path_check(const struct rsvp_msg *msg, struct rsvp_error *err);
int rsvp_resv_check(const struct rsvp_msg *msg, struct rsvp_error *err);
int rsvp_patherr_check(const struct rsvp_msg *msg, struct rsvp_error *err);
int rsvp_resverr_check(const struct rsvp_msg *msg, struct rsvp_error *err);
int rsvp_pathtear_check(const struct rsvp_msg *msg, struct rsvp_error *err);
int rsvp_resvtear_check(const struct rsvp_msg *msg, struct rsvp_error *err);
int rsvp_resvconf_check(const struct rsvp_msg *msg, struct rsvp_error *err);
int rsvp_hello_check(const struct rsvp_msg *msg, struct rsvp_error *err);

/* path.c: the sender descriptor, 'tspec_required' for Path. */
int rsvp_sender_desc(const struct rsvp_msg *msg, bool tspec_required,
    struct rsvp_sender_desc *sd, struct rsvp_error *err);
/* resv.c: the flow descriptor list, checked against the STYLE. */
int rsvp_flow_descs(const struct rsvp_msg *msg, struct rsvp_flow_desc *fd,
    size_t max, size_t *n_r, struct rsvp_error *err);

#endif
