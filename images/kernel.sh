#!/bin/bash
# images/kernel.sh OUT: Debian's kernel for dom0 and the routelets.
#
# Writes OUT/vmlinuz (dom0's kernel, as shipped), OUT/routelet-vmlinux
# (the same kernel uncompressed: libxc then skips the xz decompression,
# which takes seconds of a TCG-slow dom0 on every xl create) and
# OUT/kernel-abi (its ABI name, e.g. 6.1.0-56-amd64).
. "$(dirname "$0")/common.sh"
OUT=${1:?usage: images/kernel.sh OUT}
need apt-get dpkg-deb depmod xz

lock_cache
kv=$(kernel_abi)
[ -n "$kv" ] || die "cannot read the kernel ABI from linux-image-amd64"
tree=$(kernel_tree "$kv")
mkdir -p "$OUT"

if [ ! -s "$OUT/routelet-vmlinux" ] || [ "$(cat "$OUT/kernel-abi" 2>/dev/null)" != "$kv" ]; then
	cp "$tree/boot/vmlinuz-$kv" "$OUT/vmlinuz"
	# bzImage: setup code, then the xz stream of the ELF kernel.
	off=$(LC_ALL=C grep -obUaP -m1 '\xfd7zXZ\x00' "$OUT/vmlinuz" | cut -d: -f1 | head -1)
	[ -n "$off" ] || die "no xz stream in vmlinuz-$kv"
	# (--single-stream stops at the stream's end: no pipe, no SIGPIPE.)
	xz -dcq --single-stream <(tail -c +$((off + 1)) "$OUT/vmlinuz") \
		>"$OUT/routelet-vmlinux.tmp" || die "cannot unpack vmlinuz-$kv"
	[ "$(head -c 4 "$OUT/routelet-vmlinux.tmp" | od -An -c | tr -d ' ')" = '177ELF' ] ||
		die "vmlinuz-$kv did not unpack to an ELF kernel"
	mv "$OUT/routelet-vmlinux.tmp" "$OUT/routelet-vmlinux"
	echo "$kv" >"$OUT/kernel-abi"
fi
say "kernel $kv: $OUT/vmlinuz, $OUT/routelet-vmlinux"
