#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Extract the few upstream files the project reads from Debian's
# linux-source-6.1 package into $CACHE/linux-source/, without installing the
# package on the host. Idempotent: a stamp records the package version, and a
# second run with that version already extracted does nothing.
#
# Usage: tools/linux-source.sh        prints the extracted root on its last line
# Env:   CACHE (default <project>/.cache), LINUX_SOURCE_PKG (linux-source-6.1)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
CACHE=${CACHE:-$root/.cache}
pkg=${LINUX_SOURCE_PKG:-linux-source-6.1}
dest=$CACHE/linux-source
stamp=$dest/.stamp

# The paths taken from the package's inner tarball (relative to its top dir).
paths=(
	drivers/net/ethernet/amd/pcnet32.c
	drivers/net/ethernet/intel/e100.c
	drivers/net/ethernet/intel/e1000
	scripts/checkpatch.pl
	scripts/spelling.txt
	scripts/const_structs.checkpatch
)

say() { printf 'linux-source: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

for tool in apt-get apt-cache dpkg-deb tar xz; do
	command -v "$tool" >/dev/null || die "$tool not found"
done

# The version apt would download now.
candidate() {
	apt-cache policy "$pkg" 2>/dev/null | awk '/Candidate:/ { print $2; exit }'
}
version=$(candidate)
if [[ (-z "$version" || "$version" == "(none)") && ! -f "$stamp" &&
	$(id -u) -eq 0 ]]; then
	say "no candidate for $pkg: running apt-get update"
	apt-get update -qq >/dev/null 2>&1 || say "apt-get update failed"
	version=$(candidate)
fi
if [[ -z "$version" || "$version" == "(none)" ]]; then
	# No candidate (apt lists missing?): reuse what we have, if anything.
	if [[ -f "$stamp" ]]; then
		say "no candidate for $pkg in apt's lists; using $(cat "$stamp")"
		echo "$dest"
		exit 0
	fi
	die "no candidate for $pkg (run apt-get update)"
fi

if [[ -f "$stamp" && "$(cat "$stamp")" == "$pkg $version" ]]; then
	ok=1
	for p in "${paths[@]}"; do
		[[ -e "$dest/$p" ]] || ok=0
	done
	if ((ok)); then
		echo "$dest"
		exit 0
	fi
	say "stamp present but files missing: extracting again"
fi

mkdir -p "$CACHE"
tmp=$(mktemp -d "$CACHE/linux-source.tmp.XXXXXX")
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT

# apt-get download drops privileges to _apt when it can; give it a directory
# it may write so it does not warn about the sandbox.
chmod 0755 "$tmp"
mkdir -p "$tmp/deb"
if id _apt >/dev/null 2>&1; then
	chown _apt "$tmp/deb" 2>/dev/null || true
fi

debfile=$CACHE/${pkg}_${version//:/%3a}_all.deb
if [[ ! -s "$debfile" ]]; then
	say "downloading $pkg $version (about 140 MB) ..."
	(cd "$tmp/deb" && apt-get download -q "$pkg=$version") >&2 ||
		die "apt-get download $pkg=$version failed"
	got=("$tmp/deb"/*.deb)
	[[ -s "${got[0]}" ]] || die "apt-get download produced no .deb"
	mv "${got[0]}" "$debfile.part"
	mv "$debfile.part" "$debfile"
else
	say "using cached $(basename "$debfile")"
fi
# Drop .debs of other versions.
for old in "$CACHE/${pkg}"_*.deb; do
	[[ -e "$old" && "$old" != "$debfile" ]] && rm -f "$old"
done

say "unpacking the package ..."
dpkg-deb -x "$debfile" "$tmp/pkg" || die "dpkg-deb -x $debfile failed"
tarball=$(find "$tmp/pkg/usr/src" -maxdepth 1 -name 'linux-source-*.tar.xz' | head -n1)
[[ -n "$tarball" ]] || die "no linux-source-*.tar.xz inside $debfile"
top=$(basename "$tarball" .tar.xz)

say "extracting ${#paths[@]} paths from $(basename "$tarball") (takes a minute) ..."
members=()
for p in "${paths[@]}"; do
	members+=("$top/$p")
done
mkdir -p "$tmp/out"
tar -xJf "$tarball" -C "$tmp/out" "${members[@]}" ||
	die "extracting from $(basename "$tarball") failed"
rm -rf "$tmp/pkg"
for p in "${paths[@]}"; do
	[[ -e "$tmp/out/$top/$p" ]] || die "$p missing from $(basename "$tarball")"
done
printf '%s %s\n' "$pkg" "$version" >"$tmp/out/$top/.stamp"

# Swap the new tree in: rename is atomic, the old tree is removed after.
if [[ -e "$dest" ]]; then
	mv "$dest" "$tmp/old"
fi
mv "$tmp/out/$top" "$dest"
say "done: $dest ($pkg $version)"
echo "$dest"
