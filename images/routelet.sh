#!/bin/bash
# images/routelet.sh OUT BIN [IMAGES_DIR]: the routelet guest's initramfs.
#
# OUT/routelet.cpio.gz: busybox (from busybox-static), BIN's
# quasar-routelet-static as /bin/quasar-routelet, the kernel modules a PV
# guest of Debian's kernel needs for its vif (xen-netfront; xenbus,
# the xenbus device, hvc0 and AF_PACKET are built in), images/routelet-init
# as /init.  Also OUT/routelet.cfg (the xl template with IMAGES_DIR,
# default /quasar/images, as the image directory) and OUT/vif-quasar.
# Needs OUT/kernel-abi from images/kernel.sh.
. "$(dirname "$0")/common.sh"
OUT=${1:?usage: images/routelet.sh OUT BIN [IMAGES_DIR]}
BIN=${2:?usage: images/routelet.sh OUT BIN [IMAGES_DIR]}
IMAGES_DIR=${3:-/quasar/images}
SRC=$(cd "$(dirname "$0")" && pwd)
GUEST_MODULES="xen-netfront"
need apt-get dpkg-deb modprobe cpio gzip readelf

[ -x "$BIN/quasar-routelet-static" ] ||
	die "$BIN/quasar-routelet-static missing (build it first)"
file_is_static() { ! LC_ALL=C readelf -l "$1" 2>/dev/null | grep -q INTERP; }
file_is_static "$BIN/quasar-routelet-static" ||
	die "$BIN/quasar-routelet-static is not static"
kv=$(cat "$OUT/kernel-abi" 2>/dev/null) || die "run images/kernel.sh first"

# A step that stops half-way leaves no staging directory behind.
stage=
trap '[ -z "$stage" ] || rm -rf "$stage"' EXIT

lock_cache
tree=$(kernel_tree "$kv")
bbdeb=$(fetch_deb busybox-static)

stage=$OUT/routelet.stage
rm -rf "$stage"
mkdir -p "$stage"/{bin,dev,proc,sys,tmp,run,lib/modules}
dpkg-deb --fsys-tarfile "$bbdeb" | tar -x -C "$stage" ./bin/busybox
[ -x "$stage/bin/busybox" ] || die "no bin/busybox in $bbdeb"
install -m 0755 "$BIN/quasar-routelet-static" "$stage/bin/quasar-routelet"
install -m 0755 "$SRC/routelet-init" "$stage/init"

: >"$stage/lib/modules/load-order"
for m in $GUEST_MODULES; do
	modprobe -d "$tree" -S "$kv" --show-depends "$m" |
		awk '$1 == "insmod" {print $2}' >"$stage/deps" ||
		die "modprobe --show-depends $m failed"
	[ -s "$stage/deps" ] || die "module $m not found in kernel $kv"
	while read -r ko; do
		b=$(basename "$ko")
		grep -qx "$b" "$stage/lib/modules/load-order" && continue
		cp "$ko" "$stage/lib/modules/$b"
		echo "$b" >>"$stage/lib/modules/load-order"
	done <"$stage/deps"
	rm -f "$stage/deps"
done

cpio_gz "$stage" "$OUT/routelet.cpio.gz"
rm -rf "$stage"
sed "s|/quasar/images|$IMAGES_DIR|g" "$SRC/routelet.cfg" >"$OUT/routelet.cfg"
install -m 0755 "$SRC/vif-quasar" "$OUT/vif-quasar"
say "routelet: $OUT/routelet.cpio.gz ($(du -h "$OUT/routelet.cpio.gz" | cut -f1)), $OUT/routelet.cfg"
