#!/usr/bin/env bash
# make smoke: boot the stock driver and show what a newcomer wants to see.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAB=$ROOT/vm/lab
NAME=${SMOKE_NAME:-smoke}
DRIVER=${DRIVER:-stock}

trap '"$LAB" down --name "$NAME"' EXIT
section() { printf '\n=== %s\n' "$*"; }
host() { "$LAB" host --name "$NAME" -- "$@"; }

t0=$(date +%s%N)
"$LAB" up --driver "$DRIVER" --name "$NAME"
"$LAB" exec --name "$NAME" -- true
t1=$(date +%s%N)
printf 'time from vm/lab up to the first guest command: %d.%01d s\n' \
	$(((t1 - t0) / 1000000000)) $((((t1 - t0) / 100000000) % 10))
guest=$(host printenv GUEST)

for opt in -i -g -d -t; do
	section "ethtool $opt eth0 ($DRIVER driver)"
	"$LAB" exec --name "$NAME" -- ethtool "$opt" eth0 || echo "(ethtool $opt: status $?)"
done

section "ping from the host side"
host ping -c 20 -i 0.05 "$guest" | tail -n 2

for flag in "" -R; do
	section "iperf3 ${flag:+(reverse) }$([ -n "$flag" ] && echo guest to host || echo host to guest)"
	# the guest's server re-opens its socket between tests: retry
	for try in 1 2 3; do
		if out=$(host iperf3 -c "$guest" -t 3 -f m $flag 2>&1); then
			grep -E 'sender|receiver' <<<"$out"
			break
		fi
		[ "$try" = 3 ] && { echo "$out"; exit 1; }
		sleep 1
	done
done
