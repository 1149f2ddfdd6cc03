#!/usr/bin/env bash
# make deps: install what the project needs, idempotently.
#  - Debian packages (host tools, QEMU, the guest userland's binaries)
#  - the guest kernel: the version linux-image-amd64 points at today (or the
#    one in $CACHE/lab/kver.pin: a working copy faultinject/campaign/remote
#    prepared for another host's shards keeps the kernel it was given); its
#    -unsigned image package is downloaded and extracted into the cache (not
#    installed) unless already there, the matching linux-headers package is
#    installed.
# When everything is present it does nothing and returns quickly.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${CACHE:-$ROOT/.cache}
KCACHE=$CACHE/lab/kernel

PKGS=(qemu-system-x86 busybox-static ethtool iperf3 dropbear-bin jq miller parallel socat
	openssh-client rsync iputils-ping iproute2 cpio gnuplot-nox libcunit1-dev
	cflow graphviz gcc make libc6-dev kmod xz-utils shellcheck perl
	libseccomp-dev gcc-multilib cloc universal-ctags coccinelle)

say() { printf 'deps: %s\n' "$*" >&2; }
die() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (apt-get install, namespaces and tap need it)"

updated=0
apt_update() {
	if [ "$updated" = 0 ]; then
		say "apt-get update"
		apt-get update -qq >/dev/null || die "apt-get update failed"
		updated=1
	fi
}

# The kernel ABI the metapackage points at today (never hard-coded).
resolve_kver() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\([0-9][^ ]*-amd64\)$/\1/p' | head -n1
}

missing_pkgs() {
	local have
	have=$(dpkg-query -W -f='${db:Status-Status} ${Package}\n' "$@" 2>/dev/null |
		awk '$1 == "installed" { print $2 }' || true)
	printf '%s\n' "$@" | grep -vxF -f <(printf '%s\n' "$have") || true
}

kver=$(cat "$CACHE/lab/kver.pin" 2>/dev/null || true)
[ -n "$kver" ] || kver=$(resolve_kver)
if [ -z "$kver" ]; then
	apt_update
	kver=$(resolve_kver)
	[ -n "$kver" ] || die "cannot resolve the kernel of linux-image-amd64"
fi

mapfile -t need < <(missing_pkgs "${PKGS[@]}" "linux-headers-$kver")
if [ "${#need[@]}" -gt 0 ]; then
	apt_update
	say "installing: ${need[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${need[@]}" >/dev/null || die "apt-get install failed: ${need[*]}"
fi

kdir=$KCACHE/$kver
if [ ! -f "$kdir/.complete" ]; then
	say "fetching the guest kernel linux-image-$kver-unsigned"
	mkdir -p "$KCACHE"
	tmp=$(mktemp -d "$KCACHE/.fetch.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	chmod 755 "$tmp"
	(cd "$tmp" && apt-get download -q "linux-image-$kver-unsigned" >/dev/null 2>&1) || {
		apt_update
		(cd "$tmp" && apt-get download -q "linux-image-$kver-unsigned" >/dev/null 2>&1) ||
			die "cannot download linux-image-$kver-unsigned"
	}
	dpkg-deb -x "$tmp"/linux-image-*.deb "$tmp/x"
	[ -f "$tmp/x/boot/vmlinuz-$kver" ] || die "no vmlinuz-$kver in the image package"
	rm -rf "$kdir"
	mkdir -p "$kdir"
	mv "$tmp/x/boot" "$tmp/x/lib" "$kdir/"
	touch "$kdir/.complete"
	rm -rf "$tmp"
	trap - EXIT
fi
[ -d "/usr/src/linux-headers-$kver" ] || die "linux-headers-$kver is not installed"

# The resolved version, for the lab and the module builds.
mkdir -p "$CACHE/lab"
if [ "$(cat "$CACHE/lab/kver" 2>/dev/null || true)" != "$kver" ]; then
	echo "$kver" > "$CACHE/lab/kver.tmp"
	mv "$CACHE/lab/kver.tmp" "$CACHE/lab/kver"
	say "guest kernel: $kver"
fi
