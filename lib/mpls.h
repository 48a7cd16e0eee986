/*
 * MPLS label stack entries (RFC 3032 2.1) with named masks and shifts.
 * Freestanding, so both user space and the BPF programs in demux/ use it.
 * Values are in host order; convert the 32-bit entry with ntohl/htonl (or
 * bpf_ntohl) at the packet boundary.
 */
#ifndef QUASAR_MPLS_H
#define QUASAR_MPLS_H

#include <linux/types.h>

#define MPLS_LS_LABEL_MASK	0xFFFFF000u
#define MPLS_LS_LABEL_SHIFT	12
#define MPLS_LS_TC_MASK		0x00000E00u
#define MPLS_LS_TC_SHIFT	9
#define MPLS_LS_S_MASK		0x00000100u
#define MPLS_LS_S_SHIFT		8
#define MPLS_LS_TTL_MASK	0x000000FFu
#define MPLS_LS_TTL_SHIFT	0

#define MPLS_LABEL_MAX		0xFFFFFu
#define MPLS_HLEN		4

/* Reserved label values (RFC 3032 2.1, RFC 7274); 0-15 are never allocated. */
#define MPLS_LABEL_IPV4_EXPLICIT_NULL	0
#define MPLS_LABEL_ROUTER_ALERT		1
#define MPLS_LABEL_IPV6_EXPLICIT_NULL	2
#define MPLS_LABEL_IMPLICIT_NULL	3
#define MPLS_LABEL_ENTROPY_INDICATOR	7
#define MPLS_LABEL_GAL			13
#define MPLS_LABEL_OAM_ALERT		14
#define MPLS_LABEL_EXTENSION		15
#define MPLS_LABEL_FIRST_UNRESERVED	16

/* Ethertypes of labelled frames (RFC 5332). */
#define ETH_P_MPLS_UC_		0x8847
#define ETH_P_MPLS_MC_		0x8848

static inline __u32
mpls_lse_make(__u32 label, __u8 tc, int bottom, __u8 ttl)
{
	return ((label << MPLS_LS_LABEL_SHIFT) & MPLS_LS_LABEL_MASK) |
	    (((__u32)tc << MPLS_LS_TC_SHIFT) & MPLS_LS_TC_MASK) |
	    (bottom ? MPLS_LS_S_MASK : 0) |
	    (((__u32)ttl << MPLS_LS_TTL_SHIFT) & MPLS_LS_TTL_MASK);
}

static inline __u32
mpls_lse_label(__u32 lse)
{
	return (lse & MPLS_LS_LABEL_MASK) >> MPLS_LS_LABEL_SHIFT;
}

static inline __u8
mpls_lse_tc(__u32 lse)
{
	return (__u8)((lse & MPLS_LS_TC_MASK) >> MPLS_LS_TC_SHIFT);
}

static inline int
mpls_lse_bottom(__u32 lse)
{
	return (lse & MPLS_LS_S_MASK) != 0;
}

static inline __u8
mpls_lse_ttl(__u32 lse)
{
	return (__u8)((lse & MPLS_LS_TTL_MASK) >> MPLS_LS_TTL_SHIFT);
}

/* Replace the label of 'lse', keeping TC, S and TTL. */
static inline __u32
mpls_lse_set_label(__u32 lse, __u32 label)
{
	return (lse & ~MPLS_LS_LABEL_MASK) |
	    ((label << MPLS_LS_LABEL_SHIFT) & MPLS_LS_LABEL_MASK);
}

/* Replace the TTL of 'lse', keeping label, TC and S. */
static inline __u32
mpls_lse_set_ttl(__u32 lse, __u8 ttl)
{
	return (lse & ~MPLS_LS_TTL_MASK) | ttl;
}

/* True for the labels 0-15 that no allocator may hand out. */
static inline int
mpls_label_is_reserved(__u32 label)
{
	return label < MPLS_LABEL_FIRST_UNRESERVED;
}

#endif
