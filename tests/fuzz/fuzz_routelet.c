/*
 * fuzz_routelet: libFuzzer target for what the routelet takes from
 * outside.  The first byte picks the decoder, the rest is its input:
 *   0  config text: parse; if it parses, format, parse again, same config
 *   1  socket channel framing: decode, and re-encode what decoded
 *   2+ a frame into the forwarding element (swap, or pop if the byte is
 *      odd), with a checked verdict and output bounds
 * Built with clang by tests/fuzz/module.mk into $(BUILD)/fuzz/, where
 * tests/fuzz/run-fuzzers.sh runs every fuzz_* for a bounded time.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/inet.h"
#include "routelet/config.h"
#include "routelet/forward.h"
#include "routelet/proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_config(const uint8_t *d, size_t n)
{
	struct rl_config c, c2;
	char err[RL_ERR_MAX], text[RL_CONFIG_TEXT_MAX];
	int len;

	if (rl_config_parse((const char *)d, n, &c, err, sizeof(err)) < 0)
		return;
	if ((len = rl_config_format(&c, text, sizeof(text))) < 0)
		abort();
	if (rl_config_parse(text, (size_t)len, &c2, err, sizeof(err)) < 0 ||
	    memcmp(&c, &c2, sizeof(c)) != 0)
		abort();
}

static void
fuzz_proto(const uint8_t *d, size_t n)
{
	static uint8_t out[RL_MSG_MAX];
	struct rl_msg m;
	ssize_t used, len;

	if ((used = rl_msg_decode(d, n, &m)) <= 0)
		return;
	if ((size_t)used > n || m.len > RL_MSG_PAYLOAD_MAX)
		abort();
	len = rl_msg_encode(m.type, m.payload, m.len, out, sizeof(out));
	if (len != used || memcmp(out, d, (size_t)len) != 0)
		abort();
}

static void
fuzz_frame(const uint8_t *d, size_t n, int pop)
{
	struct rl_config cfg;
	struct rl_fwd f;
	uint8_t *frame;
	size_t off, len;

	memset(&cfg, 0, sizeof(cfg));
	cfg.in_label = 16;
	cfg.out_label = pop ? 3 : 1000;
	cfg.tspec.rate = 1000;
	cfg.tspec.bucket = 10000;
	cfg.tspec.peak = 2000;
	cfg.tspec.max_size = 1500;
	rl_fwd_init(&f);
	rl_fwd_apply(&f, &cfg, 0);
	/* A copy of exactly n bytes, so ASan sees any read beyond. */
	if ((frame = malloc(n > 0 ? n : 1)) == NULL)
		return;
	memcpy(frame, d, n);
	if (rl_forward(&f, frame, n, 0, &off, &len) == RL_SEND &&
	    (off + len > n || len < ETH_HLEN_ + (pop ? 0 : 4)))
		abort();
	if (f.cnt.rx_packets != 1)
		abort();
	free(frame);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	switch (data[0]) {
	case 0:
		fuzz_config(data + 1, size - 1);
		break;
	case 1:
		fuzz_proto(data + 1, size - 1);
		break;
	default:
		fuzz_frame(data + 1, size - 1, data[0] & 1);
		break;
	}
	return 0;
}
