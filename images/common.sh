# shellcheck shell=bash
# images/common.sh: what the image scripts share (sourced, not run).
#
# IMAGES_CACHE (default /var/cache/quasar-images) holds what comes from
# Debian's archive: downloaded .debs, unpacked kernels, the debootstrap
# root.  It is shared between build directories and locked while in use.
set -eu -o pipefail

IMAGES_CACHE=${IMAGES_CACHE:-/var/cache/quasar-images}
DEBS=$IMAGES_CACHE/debs
SUITE=${IMAGES_SUITE:-bookworm}
MIRROR=${IMAGES_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${IMAGES_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

say() { echo "images: $*"; }
die() { echo "images: error: $*" >&2; exit 1; }

need() {
	local t
	for t in "$@"; do
		command -v "$t" >/dev/null ||
			die "$t not found (scripts/deps.sh installs it)"
	done
}

# lock_cache: hold the cache's lock until the calling script exits.
lock_cache() {
	mkdir -p "$DEBS"
	exec 9>"$IMAGES_CACHE/lock"
	flock -w 1800 9 || die "cache $IMAGES_CACHE stayed locked 30 min"
}

# fetch_deb PKG[=VERSION]: print the path of PKG's .deb in the cache,
# downloading it with apt-get download when it is not there yet.
fetch_deb() {
	local spec=$1 pkg=${1%%=*} ver deb
	if [ "$spec" = "$pkg" ]; then
		ver=$(apt-cache policy "$pkg" | awk '/Candidate:/ {print $2}')
		[ -n "$ver" ] && [ "$ver" != "(none)" ] ||
			die "no candidate for $pkg (apt-get update?)"
	else
		ver=${spec#*=}
	fi
	# .deb names carry the version with ':' escaped as %3a.
	deb=$DEBS/${pkg}_${ver//:/%3a}_amd64.deb
	[ -s "$deb" ] || deb=$DEBS/${pkg}_${ver//:/%3a}_all.deb
	if [ ! -s "$deb" ]; then
		(cd "$DEBS" && apt-get download -q -o APT::Sandbox::User=root \
		    "$pkg=$ver" >&2) ||
			die "apt-get download $pkg=$ver failed"
		deb=$(ls "$DEBS/${pkg}_${ver//:/%3a}"_*.deb 2>/dev/null | head -1)
		[ -s "$deb" ] || die "apt-get download left no .deb for $pkg=$ver"
	fi
	echo "$deb"
}

# kernel_abi: the ABI name linux-image-amd64 depends on (6.1.0-N-amd64).
kernel_abi() {
	local meta
	meta=$(fetch_deb linux-image-amd64)
	dpkg-deb -f "$meta" Depends |
		sed -n 's/.*linux-image-\([0-9][^ ,]*-amd64\).*/\1/p'
}

# kernel_tree KV: print the directory holding Debian's kernel KV unpacked
# (boot/vmlinuz-KV, lib/modules/KV with depmod run), unpacking it once.
kernel_tree() {
	local kv=$1 dir=$IMAGES_CACHE/kernel-$1 deb
	if [ ! -f "$dir/.done" ]; then
		deb=$(fetch_deb "linux-image-$kv")
		rm -rf "$dir"
		mkdir -p "$dir"
		dpkg-deb -x "$deb" "$dir"
		depmod -b "$dir" "$kv"
		touch "$dir/.done"
	fi
	echo "$dir"
}

# cpio_gz DIR OUT: pack DIR as a newc initramfs, gzip -1, atomically.
cpio_gz() {
	(cd "$1" && find . -print0 | LC_ALL=C sort -z |
		cpio --null -H newc -o --quiet -R 0:0) | gzip -1 >"$2.tmp"
	mv "$2.tmp" "$2"
}
