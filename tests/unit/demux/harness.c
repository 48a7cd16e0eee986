#include <arpa/inet.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "demux/dp_bpf.h"
#include "harness.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcast-qual"
#include "demux/linecard.skel.h"
#include "demux/vif.skel.h"
#include "demux/ftn.skel.h"
#pragma GCC diagnostic pop

struct harness H;

const uint8_t MAC_A[6] = { 0x02, 0, 0, 0, 0, 0x0a };
const uint8_t MAC_B[6] = { 0x02, 0, 0, 0, 0, 0x0b };
const uint8_t MAC_C[6] = { 0x02, 0, 0, 0, 0, 0x0c };
const uint8_t MAC_D[6] = { 0x02, 0, 0, 0, 0, 0x0d };

void
harness_setup(void)
{
	struct dp_params p = { .backend = DP_BACKEND_BPF, .instance = "dmx" };
	DECLARE_LIBBPF_OPTS(bpf_object_open_opts, o, .pin_root_path = H.pin_dir);
	struct dpskel_linecard *lc;
	struct dpskel_vif *vif;
	struct dpskel_ftn *ftn;

	memset(&H, 0, sizeof(H));
	snprintf(H.pin_dir, sizeof(H.pin_dir), "%s/dmx-test-%d", DP_PIN_ROOT,
	    (int)getpid());
	p.pin_dir = H.pin_dir;
	ck_assert_int_eq(dp_open(&p, &H.dp), 0);
	lc = dpskel_linecard__open_opts(&o);
	vif = dpskel_vif__open_opts(&o);
	ftn = dpskel_ftn__open_opts(&o);
	ck_assert_ptr_nonnull(lc);
	ck_assert_ptr_nonnull(vif);
	ck_assert_ptr_nonnull(ftn);
	ck_assert_int_eq(dpskel_linecard__load(lc), 0);
	ck_assert_int_eq(dpskel_vif__load(vif), 0);
	ck_assert_int_eq(dpskel_ftn__load(ftn), 0);
	H.skels[0] = lc;
	H.skels[1] = vif;
	H.skels[2] = ftn;
	H.linecard_fd = bpf_program__fd(lc->progs.dp_linecard_in);
	H.vif_fd = bpf_program__fd(vif->progs.dp_vif_in);
	H.ftn_fd = bpf_program__fd(ftn->progs.dp_ftn_out);
	H.vif_map_fd = bpf_map__fd(vif->maps.dp_vif);
	H.vif_cnt_fd = bpf_map__fd(vif->maps.dp_vif_cnt);
}

void
harness_teardown(void)
{
	dpskel_linecard__destroy(H.skels[0]);
	dpskel_vif__destroy(H.skels[1]);
	dpskel_ftn__destroy(H.skels[2]);
	dp_close(H.dp, DP_CLOSE_TEARDOWN);
	ck_assert_int_eq(access(H.pin_dir, F_OK), -1);
}

void
harness_sweep(void)
{
	char path[PATH_MAX];
	struct dirent *de;
	const char *dash;
	DIR *d;
	long pid;

	d = opendir(DP_PIN_ROOT);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		dash = strrchr(de->d_name, '-');
		if (strncmp(de->d_name, "dmx-", 4) != 0 || dash == NULL)
			continue;
		pid = strtol(dash + 1, NULL, 10);
		if (pid <= 0 || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "%s/%s", DP_PIN_ROOT, de->d_name);
		dpb_pin_remove(path);
	}
	closedir(d);
}

int
run_prog(int prog_fd, const void *in, size_t len,
    const struct __sk_buff *ctx_in, void *out, size_t *out_len,
    struct __sk_buff *ctx_out, int *verdict)
{
	struct __sk_buff ctx = { 0 };
	DECLARE_LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = in,
	    .data_size_in = (__u32)len, .data_out = out,
	    .data_size_out = out != NULL ? (__u32)*out_len : 0,
	    .repeat = 1);
	int r;

	if (ctx_in != NULL)
		ctx = *ctx_in;
	o.ctx_in = &ctx;
	o.ctx_size_in = sizeof(ctx);
	o.ctx_out = ctx_out;
	o.ctx_size_out = ctx_out != NULL ? sizeof(*ctx_out) : 0;
	r = bpf_prog_test_run_opts(prog_fd, &o);
	if (out_len != NULL)
		*out_len = o.data_size_out;
	*verdict = (int)o.retval;
	return r;
}

uint64_t
reason_count(enum dp_reason reason)
{
	uint64_t c[DP_R_MAX];

	ck_assert_int_eq(dp_reason_counters(H.dp, c), 0);
	return c[reason];
}

void
put_eth(struct writer *w, const uint8_t dst[6], const uint8_t src[6],
    uint16_t vid, uint16_t type)
{
	w_bytes(w, dst, 6);
	w_bytes(w, src, 6);
	if (vid != 0) {
		w_u16(w, 0x8100);
		w_u16(w, vid);
	}
	w_u16(w, type);
}

void
put_lse(struct writer *w, uint32_t label, uint8_t tc, int bottom,
    uint8_t ttl)
{
	w_u32(w, (label << 12) | ((uint32_t)tc << 9) |
	    (bottom ? 0x100u : 0) | ttl);
}

uint16_t
ip_checksum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

void
put_ipv4(struct writer *w, uint8_t tos, uint8_t ttl, uint8_t proto,
    uint32_t src, uint32_t dst, size_t payload_len)
{
	size_t at = w->len;

	w_u8(w, 0x45);
	w_u8(w, tos);
	w_u16(w, (uint16_t)(20 + payload_len));
	w_u32(w, 0);
	w_u8(w, ttl);
	w_u8(w, proto);
	w_u16(w, 0);
	w_u32(w, src);
	w_u32(w, dst);
	if (w_ok(w))
		w_patch_u16(w, at + 10, ip_checksum(w->buf + at, 20));
}

void
put_ports(struct writer *w, uint16_t sport, uint16_t dport, size_t len)
{
	w_u16(w, sport);
	w_u16(w, dport);
	w_zero(w, len - 4);
}
