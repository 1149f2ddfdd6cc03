#!/usr/bin/env bash
# Build the guest's base initramfs from the host's own Debian binaries and
# the cached guest kernel's modules. Rebuilt only when an input changes.
# Usage: vm/mkimage.sh AGENT-BINARY     prints the image path on stdout.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${CACHE:-$ROOT/.cache}
agent=$(realpath "${1:?usage: mkimage.sh AGENT-BINARY}")
kver=$(cat "$CACHE/lab/kver")
kdir=$CACHE/lab/kernel/$kver
mods=$kdir/lib/modules/$kver/kernel
out=$CACHE/lab/initramfs-$kver.cpio.gz
sshdir=$CACHE/lab/ssh

BINS=(/usr/bin/busybox /usr/sbin/ethtool /usr/bin/iperf3 /usr/sbin/dropbear
	/usr/bin/scp /usr/sbin/ip /usr/bin/chrt)
LABMODS=(virtio/virtio_ring virtio/virtio virtio/virtio_pci_legacy_dev
	virtio/virtio_pci_modern_dev virtio/virtio_pci char/virtio_console)
STOCKMODS=(net/mii net/ethernet/amd/pcnet32)

# Keys: the guest's host key and the host side's client key.
if [ ! -f "$sshdir/id_ed25519" ] || [ ! -f "$sshdir/dropbear_ed25519_host_key" ]; then
	mkdir -p "$sshdir"
	rm -f "$sshdir"/id_ed25519* "$sshdir"/dropbear_ed25519_host_key
	ssh-keygen -q -t ed25519 -N '' -C lab -f "$sshdir/id_ed25519"
	dropbearkey -t ed25519 -f "$sshdir/dropbear_ed25519_host_key" >/dev/null 2>&1
fi

libs_of() {
	local f
	for f in "$@"; do
		ldd "$f" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' || true
	done | sort -u
}

inputs=("${BINS[@]}" "$agent" "$ROOT"/vm/guest/* "$ROOT/vm/mkimage.sh"
	"$sshdir/id_ed25519.pub" "$sshdir/dropbear_ed25519_host_key")
for m in "${LABMODS[@]}"; do inputs+=("$mods/drivers/$m.ko"); done
for m in "${STOCKMODS[@]}"; do inputs+=("$mods/drivers/$m.ko"); done
mapfile -t libs < <(libs_of "${BINS[@]}" "$agent")
inputs+=("${libs[@]}")
hash=$(sha256sum "${inputs[@]}" | sha256sum | cut -c1-16)
if [ -f "$out" ] && [ "$(cat "$out.hash" 2>/dev/null || true)" = "$hash" ]; then
	echo "$out"
	exit 0
fi

echo "lab: building the guest image (inputs changed)" >&2
tmp=$(mktemp -d "$CACHE/lab/.image.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
r=$tmp/root
mkdir -p "$r"/usr/{bin,sbin,lib,lib64} "$r"/{etc/dropbear,root/.ssh,lab/bin,lab/driver}
for d in bin sbin lib lib64; do ln -s "usr/$d" "$r/$d"; done
mkdir -p "$r"/usr/lib/modules/{lab,stock}
for f in "${BINS[@]}" "${libs[@]}"; do
	mkdir -p "$r$(dirname "$f")"
	cp -L "$f" "$r$f"
done
cp "$agent" "$r/sbin/lab-agent"
cp "$ROOT/vm/guest/init" "$r/init"
cp "$ROOT/vm/guest/lab-setup" "$ROOT/vm/guest/lab-ifup" "$r/sbin/"
for m in "${LABMODS[@]}"; do cp "$mods/drivers/$m.ko" "$r/lib/modules/lab/"; done
for m in "${STOCKMODS[@]}"; do cp "$mods/drivers/$m.ko" "$r/lib/modules/stock/"; done
cp "$sshdir/id_ed25519.pub" "$r/root/.ssh/authorized_keys"
cp "$sshdir/dropbear_ed25519_host_key" "$r/etc/dropbear/"
chmod 700 "$r/root" "$r/root/.ssh"
cat > "$r/etc/passwd" <<'PW'
root:*:0:0:root:/root:/bin/sh
nobody:*:65534:65534:nobody:/nonexistent:/bin/false
PW
printf 'root:x:0:\nnogroup:x:65534:\n' > "$r/etc/group"
printf '/bin/sh\n' > "$r/etc/shells"
printf '127.0.0.1 localhost lab-guest\n' > "$r/etc/hosts"
(cd "$r" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -1 > "$tmp/img"
# The lab appends an uncompressed overlay; the kernel looks for a cpio
# header only at a 4-byte boundary (zero bytes before it are skipped).
truncate --size=%4 "$tmp/img"
mv "$tmp/img" "$out"
echo "$hash" > "$out.hash"
echo "$out"
