/*
 * bench-sink's counter (clsact ingress of the sink's interface, direct
 * action): counts every frame and its bytes in a per-CPU array, hands
 * the first SINK_SNAPLEN bytes of one frame in SINK_SAMPLE_EVERY to user
 * space through a ring buffer (without waking it: bench-sink consumes
 * on its own clock), and drops the frame.  bench-sink checks the samples
 * with gen_frame_check, as it checks the frames of its packet socket.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

#include "testbed/gen/sink_bpf_types.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sink_counts);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 18);
} samples SEC(".maps");

SEC("tc")
int
sink_count(struct __sk_buff *skb)
{
	struct sink_counts *c;
	struct sink_sample *s;
	__u32 key = 0, caplen;

	c = bpf_map_lookup_elem(&counts, &key);
	if (c == NULL)
		return TC_ACT_SHOT;
	c->bytes += skb->len;
	if (c->frames++ % SINK_SAMPLE_EVERY != 0)
		return TC_ACT_SHOT;
	s = bpf_ringbuf_reserve(&samples, sizeof(*s), 0);
	if (s == NULL) {
		c->lost++;
		return TC_ACT_SHOT;
	}
	caplen = skb->len < SINK_SNAPLEN ? skb->len : SINK_SNAPLEN;
	s->len = skb->len;
	if (caplen == 0 || bpf_skb_load_bytes(skb, 0, s->data, caplen) < 0)
		caplen = 0;
	s->caplen = caplen;
	bpf_ringbuf_submit(s, BPF_RB_NO_WAKEUP);
	return TC_ACT_SHOT;
}

char LICENSE[] SEC("license") = "GPL";
