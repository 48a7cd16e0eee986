#!/bin/bash
# images/dom0.sh OUT BIN: the dom0 test image and the hypervisor.
#
# OUT/dom0-base.cpio.gz: a debootstrap minbase root (with the security
# updates) with xen-utils-4.17,
# the libraries BIN's programs link (found with ldd, named with dpkg -S),
# the kernel modules of /etc/quasar-modules and images/dom0-init as /init;
# cached by its package list and kernel, so only a new list or kernel
# rebuilds it (about 1-2 minutes).  OUT/dom0-quasar.cpio.gz: the project's
# programs in /quasar/bin and the routelet images in /quasar/images,
# rebuilt every time (seconds).  OUT/dom0.cpio.gz is the two concatenated
# (the kernel unpacks one archive after the other).  OUT/xen: Xen 4.17
# from xen-hypervisor-4.17-amd64 at the root's xen-utils version,
# gunzipped (qemu's multiboot loader takes no .gz).
# Needs OUT/kernel-abi and the routelet images (images/kernel.sh,
# images/routelet.sh).
. "$(dirname "$0")/common.sh"
OUT=${1:?usage: images/dom0.sh OUT BIN}
BIN=${2:?usage: images/dom0.sh OUT BIN}
SRC=$(cd "$(dirname "$0")" && pwd)
# IMAGES_DOM0_EXTRA: more Debian packages for dom0 (e.g. python3-minimal).
BASE_PACKAGES="xen-utils-4.17 xenstore-utils iproute2 kmod procps ${IMAGES_DOM0_EXTRA:-}"
# Xen's dom0 drivers, the vif backend, and what the data plane uses.
DOM0_MODULES="xen-privcmd xen-gntdev xen-gntalloc xen-evtchn xenfs
xen-netback veth sch_htb sch_ingress cls_u32 cls_bpf act_mirred act_bpf
mpls_router mpls_iptunnel bridge"
need apt-get dpkg-deb debootstrap modprobe depmod cpio gzip ldd
[ "$(id -u)" = 0 ] || die "debootstrap needs root"
kv=$(cat "$OUT/kernel-abi" 2>/dev/null) || die "run images/kernel.sh first"
[ -s "$OUT/routelet.cpio.gz" ] || die "run images/routelet.sh first"

# Packages of the shared libraries BIN's programs link.
lib_packages() {
	local f l
	for f in "$BIN"/*; do
		ldd "$f" 2>/dev/null | awk '/=> \// {print $3}'
	done | sort -u | while read -r l; do
		dpkg -S "$l" 2>/dev/null || dpkg -S "/usr$l" 2>/dev/null ||
			dpkg -S "$(realpath "$l")" 2>/dev/null ||
			die "no Debian package holds $l"
	done | cut -d: -f1 | sort -u
}

# A step that stops half-way leaves no staging directory behind.
stage=
trap '[ -z "$stage" ] || rm -rf "$stage"' EXIT

lock_cache
tree=$(kernel_tree "$kv")
libs=$(lib_packages)
# shellcheck disable=SC2086 # the lists are words
packages=$(printf '%s\n' $BASE_PACKAGES $libs | sort -u | tr '\n' ' ')
key=$(printf '%s\n' "$SUITE" "$SECURITY_MIRROR" "$packages" | sha1sum | cut -c1-12)
root=$IMAGES_CACHE/dom0-root-$key

if [ ! -f "$root/.done" ]; then
	say "debootstrap $SUITE minbase + ${packages}(about a minute)"
	rm -rf "$root" "$root.tmp"
	mkdir -p "$IMAGES_CACHE/debootstrap"
	debootstrap --variant=minbase --include="${packages// /,}" \
		--cache-dir="$IMAGES_CACHE/debootstrap" \
		"$SUITE" "$root.tmp" "$MIRROR" >"$IMAGES_CACHE/debootstrap.log" 2>&1 ||
		die "debootstrap failed: see $IMAGES_CACHE/debootstrap.log"
	# With the security updates, as the build machine has them: the
	# programs in BIN were linked against those libraries.
	cat >"$root.tmp/etc/apt/sources.list" <<-SOURCES
	deb $MIRROR $SUITE main
	deb $MIRROR $SUITE-updates main
	deb $SECURITY_MIRROR $SUITE-security main
	SOURCES
	{ chroot "$root.tmp" apt-get -q update &&
		DEBIAN_FRONTEND=noninteractive chroot "$root.tmp" \
			apt-get -q -y upgrade; } >>"$IMAGES_CACHE/debootstrap.log" 2>&1 ||
		die "apt-get upgrade in the root failed: see $IMAGES_CACHE/debootstrap.log"
	mv "$root.tmp" "$root"
	touch "$root/.done"
fi
touch "$root"	# in use: not pruned
# Roots of other package lists unused for a week (about 300 MB each).
find "$IMAGES_CACHE" -maxdepth 1 -name 'dom0-root-*' -mtime +7 \
	-exec rm -rf {} + 2>/dev/null || true
# shellcheck disable=SC2016 # dpkg-query's format, not the shell's
xenver=$(chroot "$root" dpkg-query -W -f '${Version}' xen-utils-4.17) ||
	die "no xen-utils-4.17 in $root"

# The hypervisor at the version of the root's tools.
xendeb=$(fetch_deb "xen-hypervisor-4.17-amd64=$xenver")
if [ ! -s "$OUT/xen" ] || [ "$(cat "$OUT/xen-version" 2>/dev/null)" != "$xenver" ]; then
	dpkg-deb --fsys-tarfile "$xendeb" | tar -xO ./boot/xen-4.17-amd64.gz |
		gzip -dc >"$OUT/xen.tmp"
	mv "$OUT/xen.tmp" "$OUT/xen"
	echo "$xenver" >"$OUT/xen-version"
fi

stamp="$key $kv $(sha1sum "$SRC/dom0-init" "$SRC/vif-quasar" | cut -c1-12 | tr '\n' ' ')"
if [ ! -s "$OUT/dom0-base.cpio.gz" ] || [ "$(cat "$OUT/dom0-base.stamp" 2>/dev/null)" != "$stamp" ]; then
	say "dom0 base initramfs"
	stage=$OUT/dom0-base.stage
	rm -rf "$stage"
	cp -a "$root" "$stage"
	rm -rf "$stage"/usr/share/{doc,man,locale,info} "$stage"/var/cache/apt/* \
		"$stage"/var/lib/apt/lists/* "$stage/.done"
	m=$stage/lib/modules/$kv
	mkdir -p "$m"
	for mod in $DOM0_MODULES; do
		modprobe -d "$tree" -S "$kv" --show-depends "$mod" |
			awk '$1 == "insmod" {print $2}'
	done | sort -u | while read -r ko; do
		rel=${ko#"$tree/lib/modules/$kv/"}
		mkdir -p "$m/$(dirname "$rel")"
		cp "$ko" "$m/$rel"
	done
	cp "$tree/lib/modules/$kv"/modules.{order,builtin,builtin.modinfo} "$m/"
	depmod -b "$stage" "$kv"
	echo $DOM0_MODULES >"$stage/etc/quasar-modules"
	# xenconsoled keeps every guest's console in
	# /var/log/xen/console/guest-NAME.log (the checks read them).
	echo 'XENCONSOLED_ARGS="--log=guest --log-dir=/var/log/xen/console"' \
		>>"$stage/etc/default/xen"
	install -m 0755 "$SRC/vif-quasar" "$stage/etc/xen/scripts/vif-quasar"
	dpkg-deb --fsys-tarfile "$(fetch_deb busybox-static)" |
		tar -x -C "$stage" ./bin/busybox	# poweroff without systemd
	install -m 0755 "$SRC/dom0-init" "$stage/init"
	cpio_gz "$stage" "$OUT/dom0-base.cpio.gz"
	rm -rf "$stage"
	echo "$stamp" >"$OUT/dom0-base.stamp"
fi

# The project's part, every time: programs and routelet images.
stage=$OUT/dom0-quasar.stage
rm -rf "$stage"
mkdir -p "$stage/quasar/bin" "$stage/quasar/images"
cp -a "$BIN"/. "$stage/quasar/bin/"
cp "$OUT"/{routelet-vmlinux,routelet.cpio.gz,routelet.cfg,vif-quasar} \
	"$stage/quasar/images/"
cpio_gz "$stage" "$OUT/dom0-quasar.cpio.gz"
rm -rf "$stage"
cat "$OUT/dom0-base.cpio.gz" "$OUT/dom0-quasar.cpio.gz" >"$OUT/dom0.cpio.gz.tmp"
mv "$OUT/dom0.cpio.gz.tmp" "$OUT/dom0.cpio.gz"
say "dom0: $OUT/dom0.cpio.gz ($(du -h "$OUT/dom0.cpio.gz" | cut -f1)), hypervisor $OUT/xen ($xenver)"
