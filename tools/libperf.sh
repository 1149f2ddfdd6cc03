#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build libperf (tools/lib/perf of Debian's linux-source-6.1) as static
# archives for opbench, which runs in the guest: the guest image has the
# host's libc only, so libperf and the libapi it needs are linked in.
#
# tools/linux-source.sh downloads the package (kept in $CACHE); this script
# extracts the kernel's tools/ parts libperf's own Makefile needs into
# $CACHE/libperf-src/ (stamped with the package version) and runs that
# Makefile with O=$OUT. Nothing of it is committed.
#
# Usage: tools/libperf.sh OUT     builds OUT/libperf.a, OUT/libapi.a and
#                                 links OUT/include to libperf's headers
# Env:   CACHE (default <project>/.cache), LINUX_SOURCE_PKG (linux-source-6.1)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
CACHE=${CACHE:-$root/.cache}
pkg=${LINUX_SOURCE_PKG:-linux-source-6.1}
out=${1:?usage: tools/libperf.sh OUT}
src=$CACHE/libperf-src

say() { printf 'libperf: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# the package's .deb, downloaded (once) by tools/linux-source.sh
ls_root=$("$here/linux-source.sh" | tail -n1)
version=$(awk '{ print $2 }' "$ls_root/.stamp")
deb=$CACHE/${pkg}_${version//:/%3a}_all.deb
[[ -s "$deb" ]] || die "$deb missing (tools/linux-source.sh keeps it in $CACHE)"

# what libperf's Makefile reads: its sources, libapi, the tools' copies of
# the kernel headers, the build system
parts=(tools/lib tools/include tools/build tools/scripts tools/arch/x86)
if [[ ! -f "$src/.stamp" || "$(cat "$src/.stamp")" != "$pkg $version" ]]; then
	say "extracting ${parts[*]} of $pkg $version ..."
	rm -rf "$src.tmp"
	mkdir -p "$src.tmp"
	tarball=$(dpkg-deb -c "$deb" | awk '$NF ~ /linux-source-.*\.tar\.xz$/ { print $NF; exit }')
	[[ -n "$tarball" ]] || die "no linux-source tarball inside $deb"
	top=$(basename "$tarball" .tar.xz)
	members=()
	for p in "${parts[@]}"; do members+=("$top/$p"); done
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "$tarball" |
		tar -xJ -C "$src.tmp" "${members[@]}" || die "extracting from $deb failed"
	printf '%s %s\n' "$pkg" "$version" >"$src.tmp/$top/.stamp"
	rm -rf "$src"
	mv "$src.tmp/$top" "$src"
	rm -rf "$src.tmp"
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
# libperf's Makefile: libperf.a and libapi.a (static; -fPIC is its own)
make -s -C "$src/tools/lib/perf" O="$out" EXTRA_CFLAGS="-O2" >&2 ||
	die "building libperf failed"
for a in libperf.a libapi.a; do
	[[ -s "$out/$a" ]] || die "$out/$a was not built"
done
ln -sfn "$src/tools/lib/perf/include" "$out/include"
say "built $out/libperf.a ($pkg $version)"
