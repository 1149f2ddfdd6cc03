#!/usr/bin/env bash
# shellcheck disable=SC2016 # Miller's $fields in single quotes
# A probe of claim 2's design (not part of make bench): iperf3 of the
# inkernel and split builds *within one boot*, the two swapped in the same
# guest (rmmod, insmod, daemon), so that what a boot sets for all its
# runs (QEMU's and the guest's memory placement, the host's state) falls
# on both builds alike; make bench boots each column on its own.
#   bench/pair-probe.sh [--boots N] [--pairs N] [--seconds S] [--out FILE]
# Each boot: the inkernel build (vm/lab up --plain), the split build's
# module, daemon (plain) and scripts copied into /tmp/split; then N pairs,
# each build once per pair (order alternating, so that a swap happens
# once a pair), after every swap an unrecorded 2-s run each way; a
# recorded S-second run host->guest and one guest->host per build and
# pair. Writes FILE (CSV boot,pair,pos,variant,dir,mbps) and prints, per
# direction, the split/inkernel ratio's mean and spread per boot and over
# all pairs (Miller). Exit status: 0 done, 2 bad usage, 1 failure.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAB=$ROOT/vm/lab
NETBENCH=$ROOT/bench/netbench.sh
boots=3 pairs=6 secs=4 out=$ROOT/build/bench/pair-probe.csv
usage() { sed -n '7p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2; exit 2; }
while [ $# -gt 0 ]; do
	case $1 in
	--boots) [ $# -ge 2 ] || usage; boots=$2; shift 2 ;;
	--pairs) [ $# -ge 2 ] || usage; pairs=$2; shift 2 ;;
	--seconds) [ $# -ge 2 ] || usage; secs=$2; shift 2 ;;
	--out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
	-h | --help) sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
	*) echo "pair-probe: unknown argument '$1'" >&2; usage ;;
	esac
done
for v in boots pairs secs; do
	[[ ${!v} =~ ^[1-9][0-9]*$ ]] || { echo "pair-probe: --${v/secs/seconds}: a whole number above 0, not '${!v}'" >&2; exit 2; }
done
[ "$secs" -ge 2 ] || { echo "pair-probe: --seconds must be at least 2" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "pair-probe: run as root (vm/lab needs it)" >&2; exit 2; }
make -s -C "$ROOT" all build-inkernel build-split >&2

name=pairprobe-$$
mkdir -p "$(dirname "$out")"
trap '"$LAB" down --name "$name" >/dev/null 2>&1 || true' EXIT
echo "boot,pair,pos,variant,dir,mbps" >"$out.tmp"
gx() { "$LAB" exec --name "$name" --timeout 120 -- "$@"; }
hx() { "$LAB" host --name "$name" -- "$@"; }
warm() {
	hx "$NETBENCH" iperf warm 2 0 >/dev/null 2>&1 || true
	hx "$NETBENCH" iperf warm 2 0 -R >/dev/null 2>&1 || true
}
switch() { # variant
	if [ "$1" = split ]; then
		gx sh -c 'rmmod pcnet32 && /tmp/split/load && lab-ifup' >/dev/null
	else
		gx sh -c '/tmp/split/unload && /lab/driver/load && lab-ifup' >/dev/null
	fi
	warm
}
push() { # host-file guest-name
	# shellcheck disable=SC2016 # expanded by the host end's shell
	hx sh -c 'scp -q -O -F "$LAB_SSH_CONFIG" "$1" "lab-guest:/tmp/split/$2"' sh "$1" "$2"
}
t0=$(date +%s) done_=0 total=$((boots * pairs))
for ((b = 1; b <= boots; b++)); do
	"$LAB" up --driver inkernel --plain --name "$name" >/dev/null
	gx mkdir -p /tmp/split
	for f in pcnet32.ko pcnet32-supervise daemon-start daemon-stop load unload; do
		push "$ROOT/build/split/$f" "$f"
	done
	push "$ROOT/build/plain/pcnet32d-plain" pcnet32d
	cur=inkernel
	warm
	for ((p = 1; p <= pairs; p++)); do
		if [ $(((p + b) % 2)) = 0 ]; then order="inkernel split"; else order="split inkernel"; fi
		pos=0
		for v in $order; do
			[ "$v" = "$cur" ] || { switch "$v"; cur=$v; }
			echo "$b,$p,$pos,$v,h2g,$(hx "$NETBENCH" iperf pair "$secs" 0 | cut -d, -f3)" >>"$out.tmp"
			echo "$b,$p,$pos,$v,g2h,$(hx "$NETBENCH" iperf pair "$secs" 0 -R | cut -d, -f3)" >>"$out.tmp"
			pos=$((pos + 1))
		done
		done_=$((done_ + 1))
		el=$(($(date +%s) - t0))
		echo "pair-probe: boot $b/$boots, pair $p/$pairs; about $((el * (total - done_) / done_)) s left" >&2
	done
	"$LAB" down --name "$name" >/dev/null
done
mv "$out.tmp" "$out"
# split/inkernel per pair, then per boot and over all pairs
mlr --icsv --ocsv --allow-ragged-csv-input cut -f boot,pair,variant,dir,mbps 'then' \
	reshape -s variant,mbps 'then' unsparsify 'then' put '$ratio = $split / $inkernel' "$out" >"$out.ratios"
echo "split/inkernel iperf3 throughput, per boot:"
mlr --icsv --opprint stats1 -a count,mean,stddev -f ratio -g dir,boot 'then' sort -f dir -n boot "$out.ratios"
echo "over all pairs:"
mlr --icsv --opprint stats1 -a count,mean,median,stddev -f ratio -g dir "$out.ratios"
echo "each build's throughput per boot (Mbit/s): what a boot sets for both"
mlr --icsv --opprint stats1 -a mean -f mbps -g dir,boot,variant 'then' sort -f dir -n boot "$out"
echo "samples: $out"
