#!/bin/sh
# Install every build and test dependency of QuaSAR from Debian 12's archive.
# Idempotent: packages already installed are not fetched again, and apt's
# lists are refreshed only when something is missing.
set -eu

PACKAGES="
build-essential pkg-config make
clang llvm libclang-rt-14-dev
libbpf-dev libelf-dev zlib1g-dev bpftool
libxen-dev
libvirt-dev libvirt-daemon libvirt-daemon-driver-lxc libvirt-daemon-system libvirt-clients
check libsubunit-dev
libnl-3-dev libnl-route-3-dev
libevent-dev libjansson-dev
libpcap-dev tshark
iproute2 iputils-ping procps util-linux python3 jq xenstore-utils gnuplot-nox
qemu-system-x86 debootstrap busybox-static cpio kmod xz-utils binutils
"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: missing packages:$missing" >&2
	echo "deps.sh: run as root (or install them) and try again" >&2
	exit 1
fi

echo "deps.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer for it.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
