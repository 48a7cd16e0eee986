# A private libvirtd for the tests of the libvirt backend (sourced, not
# run by itself): pool_virt_lxc.sh and qos_virt_lxc.sh.
#
# libvirtd runs in a mount namespace of its own (so that the empty cgroup2
# mount of a hybrid host can go, which the LXC driver trips on), with its
# configuration, state, cache and logs (/etc/libvirt, /run/libvirt,
# /var/lib/libvirt, /var/cache/libvirt, /var/log/libvirt) bound to empty
# directories under the test's DIR and its socket in DIR/sock, so neither
# a system libvirtd nor the host's libvirt files are touched.
#
#   libvirtd_missing       prints why libvirtd cannot run here (not root,
#                          a package missing) and returns 0, or returns 1
#   libvirtd_start DIR [NETNS]
#                          starts it (in network namespace NETNS if given:
#                          the containers' veth dom0 ends appear there);
#                          sets LIBVIRTD_URI (the LXC driver on its socket);
#                          returns 1 with the reason in LIBVIRTD_WHY if it
#                          does not answer within 15 s
#   libvirtd_stop          stops it, removes the user and the directories
#                          it had to make (call from the test's trap)

LIBVIRTD_DIR=
LIBVIRTD_URI=
LIBVIRTD_WHY=
LIBVIRTD_MADE_USER=

libvirtd_missing() {
	local f
	if [ "$(id -u)" -ne 0 ]; then
		echo "needs root for libvirtd and containers"
		return 0
	fi
	for f in /usr/sbin/libvirtd \
	    /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_lxc.so; do
		if [ ! -e "$f" ]; then
			echo "$f missing: apt-get install libvirt-daemon libvirt-daemon-driver-lxc"
			return 0
		fi
	done
	if ! command -v virsh >/dev/null; then
		echo "virsh missing: apt-get install libvirt-clients"
		return 0
	fi
	return 1
}

libvirtd_start() {
	local dir=$1 netns=${2:-} i
	LIBVIRTD_DIR=$dir
	LIBVIRTD_URI="lxc:///system?socket=$dir/sock/libvirt-sock"
	mkdir -p "$dir/sock"
	# libvirtd's qemu driver refuses to load without its user.
	if ! id libvirt-qemu >/dev/null 2>&1; then
		useradd -r -M -s /usr/sbin/nologin libvirt-qemu &&
		    LIBVIRTD_MADE_USER=1
	fi
	cat >"$dir/libvirtd.conf" <<EOF
unix_sock_dir = "$dir/sock"
unix_sock_rw_perms = "0700"
auth_unix_rw = "none"
auth_unix_ro = "none"
log_outputs = "3:file:$dir/libvirtd.log"
EOF
	# No empty cgroup2 next to the v1 controllers, private state and
	# log directories.
	cat >"$dir/libvirtd.sh" <<EOF
if awk '\$3 == "cgroup" { v1 = 1 } END { exit !v1 }' /proc/mounts; then
	awk '\$3 == "cgroup2" { print \$2 }' /proc/mounts | xargs -r -n1 umount
fi
for d in /run/libvirt /etc/libvirt /var/lib/libvirt /var/cache/libvirt \
    /var/log/libvirt; do
	[ -d "\$d" ] || { mkdir -p "\$d" && echo "\$d" >>"$dir/made-dirs"; }
	mkdir -p "$dir/root\$d" && mount --bind "$dir/root\$d" "\$d" || exit 1
done
exec /usr/sbin/libvirtd --config "$dir/libvirtd.conf" --pid-file "$dir/libvirtd.pid"
EOF
	if [ -n "$netns" ]; then
		nsenter --net="/run/netns/$netns" unshare -m \
		    --propagation private bash "$dir/libvirtd.sh" \
		    >"$dir/libvirtd.out" 2>&1 &
	else
		unshare -m --propagation private bash "$dir/libvirtd.sh" \
		    >"$dir/libvirtd.out" 2>&1 &
	fi
	for ((i = 0; i < 150; i++)); do
		virsh -q -c "$LIBVIRTD_URI" version >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	LIBVIRTD_WHY="libvirtd did not start: $(tail -3 "$dir/libvirtd.out" \
	    "$dir/libvirtd.log" 2>/dev/null | tr '\n' ' ')"
	return 1
}

libvirtd_stop() {
	local pid i
	[ -n "$LIBVIRTD_DIR" ] || return 0
	if [ -s "$LIBVIRTD_DIR/libvirtd.pid" ]; then
		pid=$(cat "$LIBVIRTD_DIR/libvirtd.pid")
		kill "$pid" 2>/dev/null
		for ((i = 0; i < 50; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
	fi
	[ -n "$LIBVIRTD_MADE_USER" ] && userdel libvirt-qemu
	LIBVIRTD_MADE_USER=
	[ -s "$LIBVIRTD_DIR/made-dirs" ] &&
	    xargs -r rmdir <"$LIBVIRTD_DIR/made-dirs" 2>/dev/null
	LIBVIRTD_DIR=
}
