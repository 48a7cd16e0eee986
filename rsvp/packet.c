/*
 * RSVP framing: the common header and its checksum (RFC 2205 3.1.1), the
 * object headers (3.1.2) and the walk over the objects of a message.
 */
#include "rsvp/rsvp_local.h"

#include <string.h>

#include "lib/inet.h"

#define RSVP_CKSUM_OFF		2
#define RSVP_LENGTH_OFF		6

void
rsvp_err_set(struct rsvp_error *err, enum rsvp_reason reason, size_t offset,
    const char *text)
{
	memset(err, 0, sizeof(*err));
	err->reason = reason;
	err->action = RSVP_ACT_DROP;
	err->offset = offset;
	err->text = text;
}

/*
 * RFC 2205 3.1.7, 3.1.8: PathErr reports errors in processing a Path,
 * ResvErr errors in processing a Resv; no other message is answered with
 * an error.  The code and value are filled in
 * either way, for logging.
 */
void
rsvp_err_answer(struct rsvp_error *err, uint8_t msg_type, uint8_t code,
    uint16_t value)
{
	err->err_code = code;
	err->err_value = value;
	if (msg_type == RSVP_MSG_PATH || msg_type == RSVP_MSG_RESV)
		err->action = RSVP_ACT_SEND_ERROR;
}

int
rsvp_body_len(const struct cursor *c, size_t n, struct rsvp_error *err)
{
	if (cur_left(c) == n)
		return 0;
	rsvp_err_set(err, RSVP_E_OBJ_BODY, c->off,
	    "object body has the wrong length for its C-Type");
	return -1;
}

void
rsvp_msg_init(struct rsvp_msg *msg, uint8_t type)
{
	msg->flags = 0;
	msg->type = type;
	msg->cksum = 0;
	msg->send_ttl = 255;
	msg->length = 0;
	msg->nobjs = 0;
	msg->nignored = 0;
}

struct rsvp_obj *
rsvp_msg_add(struct rsvp_msg *msg, uint8_t class_num, uint8_t c_type)
{
	struct rsvp_obj *o;

	if (msg->nobjs >= RSVP_MAX_OBJECTS)
		return NULL;
	o = &msg->objs[msg->nobjs++];
	memset(o, 0, sizeof(*o));
	o->class_num = class_num;
	o->c_type = c_type;
	o->kind = RSVP_OBJ_DECODED;
	return o;
}

struct rsvp_obj *
rsvp_msg_add_copy(struct rsvp_msg *msg, const struct rsvp_obj *o)
{
	struct rsvp_obj *copy;

	if (msg->nobjs >= RSVP_MAX_OBJECTS)
		return NULL;
	copy = &msg->objs[msg->nobjs++];
	*copy = *o;
	copy->offset = 0;
	return copy;
}

const struct rsvp_obj *
rsvp_msg_find(const struct rsvp_msg *msg, uint8_t class_num)
{
	uint16_t i;

	for (i = 0; i < msg->nobjs; i++)
		if (msg->objs[i].kind == RSVP_OBJ_DECODED &&
		    msg->objs[i].class_num == class_num)
			return &msg->objs[i];
	return NULL;
}

static bool
msg_type_known(uint8_t type)
{
	return (type >= RSVP_MSG_PATH && type <= RSVP_MSG_RESVCONF) ||
	    type == RSVP_MSG_HELLO;
}

/* Record an ignored 10bbbbbb object (RFC 2205 3.10). */
static int
note_ignored(struct rsvp_msg *msg, uint8_t class_num, uint8_t c_type,
    size_t off, uint16_t olen, struct rsvp_error *err)
{
	struct rsvp_ignored *ig;

	if (msg->nignored >= RSVP_MAX_IGNORED) {
		rsvp_err_set(err, RSVP_E_BOUND, off,
		    "too many ignored objects");
		return -1;
	}
	ig = &msg->ignored[msg->nignored++];
	ig->class_num = class_num;
	ig->c_type = c_type;
	ig->offset = (uint16_t)off;
	ig->length = olen;
	return 0;
}

/*
 * Decode one object whose header is at 'off' and whose body is 'body'.
 * Known classes go through their codec; the rest through RFC 2205 3.10.
 */
static int
decode_object(struct rsvp_msg *msg, size_t off, uint16_t olen,
    uint8_t class_num, uint8_t c_type, struct cursor *body,
    struct rsvp_error *err)
{
	const struct rsvp_obj_codec *codec;
	enum rsvp_unknown_verdict v;
	struct rsvp_obj *o;
	enum rsvp_obj_kind kind = RSVP_OBJ_DECODED;

	codec = rsvp_codec_find(class_num, c_type);
	if (codec == NULL) {
		v = rsvp_unknown_verdict(class_num);
		switch (v) {
		case RSVP_UNKNOWN_IGNORE:
			return note_ignored(msg, class_num, c_type, off, olen,
			    err);
		case RSVP_UNKNOWN_FORWARD:
			codec = &rsvp_forward_codec;
			kind = RSVP_OBJ_FORWARD;
			break;
		default:
			rsvp_err_set(err, RSVP_E_NONE, off, NULL);
			rsvp_unknown_error(msg->type, class_num, c_type, v, err);
			return -1;
		}
	}

	if (msg->nobjs >= RSVP_MAX_OBJECTS) {
		rsvp_err_set(err, RSVP_E_BOUND, off, "too many objects");
		err->class_num = class_num;
		err->c_type = c_type;
		return -1;
	}
	/* Zero only what the codec relies on; see struct rsvp_obj_codec. */
	o = &msg->objs[msg->nobjs++];
	o->class_num = class_num;
	o->c_type = c_type;
	o->kind = kind;
	o->offset = (uint16_t)off;
	memset(&o->u, 0, codec->init_len);
	if (codec->decode(body, o, err) == -1) {
		/* The codec reported where in the body; make it absolute. */
		err->offset += off + RSVP_OBJ_HDR_LEN;
		err->class_num = class_num;
		err->c_type = c_type;
		/* A codec that names an error code wants it sent back. */
		if (err->err_code != 0)
			rsvp_err_answer(err, msg->type, err->err_code,
			    err->err_value);
		return -1;
	}
	return 0;
}

/* Walk the objects of the message body 'c' that starts at RSVP_HDR_LEN. */
static int
decode_objects(struct cursor *c, struct rsvp_msg *msg, struct rsvp_error *err)
{
	struct cursor body;
	uint16_t olen = 0;
	uint8_t class_num = 0, c_type = 0;
	size_t off;

	while (cur_left(c) > 0) {
		off = RSVP_HDR_LEN + c->off;
		if (cur_left(c) < RSVP_OBJ_HDR_LEN) {
			rsvp_err_set(err, RSVP_E_OBJ_TRUNCATED, off,
			    "object header runs past the message");
			return -1;
		}
		(void)cur_u16(c, &olen);
		(void)cur_u8(c, &class_num);
		(void)cur_u8(c, &c_type);
		if (olen < RSVP_OBJ_HDR_LEN || olen % 4 != 0) {
			rsvp_err_set(err, RSVP_E_OBJ_LENGTH, off,
			    olen < RSVP_OBJ_HDR_LEN ?
			    "object length less than 4" :
			    "object length not a multiple of 4");
			err->class_num = class_num;
			err->c_type = c_type;
			return -1;
		}
		if (!cur_sub(c, olen - RSVP_OBJ_HDR_LEN, &body)) {
			rsvp_err_set(err, RSVP_E_OBJ_TRUNCATED, off,
			    "object runs past the message");
			err->class_num = class_num;
			err->c_type = c_type;
			return -1;
		}
		if (decode_object(msg, off, olen, class_num, c_type, &body,
		    err) == -1)
			return -1;
	}
	return 0;
}

int
rsvp_parse(const uint8_t *buf, size_t len, struct rsvp_msg *msg,
    struct rsvp_error *err)
{
	struct cursor c, objs;
	uint8_t vflags, reserved;

	rsvp_msg_init(msg, 0);
	rsvp_err_set(err, RSVP_E_NONE, 0, NULL);
	cur_init(&c, buf, len);
	if (len < RSVP_HDR_LEN) {
		rsvp_err_set(err, RSVP_E_SHORT, len,
		    "shorter than the common header");
		return -1;
	}
	(void)cur_u8(&c, &vflags);
	(void)cur_u8(&c, &msg->type);
	(void)cur_u16(&c, &msg->cksum);
	(void)cur_u8(&c, &msg->send_ttl);
	(void)cur_u8(&c, &reserved);
	(void)cur_u16(&c, &msg->length);
	msg->flags = vflags & 0x0f;
	if (vflags >> 4 != RSVP_VERSION) {
		rsvp_err_set(err, RSVP_E_VERSION, 0, "not RSVP version 1");
		return -1;
	}
	if (msg->length < RSVP_HDR_LEN || msg->length != len) {
		rsvp_err_set(err, RSVP_E_MSG_LENGTH, RSVP_LENGTH_OFF,
		    msg->length > len ? "length field past the bytes received" :
		    "length field does not match the bytes received");
		return -1;
	}
	/* RFC 2205 3.1.1: an all-zero checksum means none was sent. */
	if (msg->cksum != 0 && inet_cksum(buf, len) != 0) {
		rsvp_err_set(err, RSVP_E_CHECKSUM, RSVP_CKSUM_OFF,
		    "checksum mismatch");
		return -1;
	}
	if (!msg_type_known(msg->type)) {
		rsvp_err_set(err, RSVP_E_MSG_TYPE, 1, "unknown message type");
		return -1;
	}
	(void)cur_sub(&c, cur_left(&c), &objs);
	return decode_objects(&objs, msg, err);
}

int
rsvp_decode(const uint8_t *buf, size_t len, struct rsvp_msg *msg,
    struct rsvp_error *err)
{
	if (rsvp_parse(buf, len, msg, err) == -1)
		return -1;
	return rsvp_validate(msg, err);
}

/*
 * The largest body an encoder writes is a route of RSVP_ROUTE_MAX carried
 * subobjects of at most 2 + 255 bytes each, so an object length fits.
 */
_Static_assert(RSVP_OBJ_HDR_LEN + RSVP_ROUTE_MAX * (2 + UINT8_MAX) <=
    UINT16_MAX, "object length must fit in 16 bits");

/* Write one object: header, body, then patch its length. */
static bool
encode_object(struct writer *w, const struct rsvp_obj *o)
{
	const struct rsvp_obj_codec *codec;
	rsvp_obj_encode_fn encode;
	size_t start = w->len, olen;

	if (o->kind == RSVP_OBJ_FORWARD) {
		if (rsvp_unknown_verdict(o->class_num) != RSVP_UNKNOWN_FORWARD)
			return false;
		encode = rsvp_forward_codec.encode;
	} else {
		codec = rsvp_codec_find(o->class_num, o->c_type);
		if (codec == NULL)
			return false;
		encode = codec->encode;
	}
	w_u16(w, 0);
	w_u8(w, o->class_num);
	w_u8(w, o->c_type);
	if (!encode(w, o) || !w_ok(w))
		return false;
	olen = w->len - start;
	return w_patch_u16(w, start, (uint16_t)olen);
}

ssize_t
rsvp_encode(const struct rsvp_msg *msg, uint8_t *buf, size_t len)
{
	struct writer w;
	uint16_t cksum;
	uint16_t i;

	if (msg->nobjs > RSVP_MAX_OBJECTS || !msg_type_known(msg->type))
		return -1;
	w_init(&w, buf, len);
	w_u8(&w, (uint8_t)(RSVP_VERSION << 4 | (msg->flags & 0x0f)));
	w_u8(&w, msg->type);
	w_u16(&w, 0);
	w_u8(&w, msg->send_ttl);
	w_u8(&w, 0);
	w_u16(&w, 0);
	for (i = 0; i < msg->nobjs; i++)
		if (!encode_object(&w, &msg->objs[i]))
			return -1;
	if (!w_ok(&w) || w.len > RSVP_MSG_MAX_LEN)
		return -1;
	(void)w_patch_u16(&w, RSVP_LENGTH_OFF, (uint16_t)w.len);
	/* Zero would read as "no checksum"; 0xffff is the same sum. */
	cksum = inet_cksum(buf, w.len);
	if (cksum == 0)
		cksum = 0xffff;
	memcpy(buf + RSVP_CKSUM_OFF, &cksum, sizeof(cksum));
	return (ssize_t)w.len;
}
