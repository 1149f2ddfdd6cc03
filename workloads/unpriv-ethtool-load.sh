#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Throughput under an unprivileged ethtool loop: iperf3 from the host to
# the guest and from the guest to the host (-R), first alone, then while
# the guest runs `ethtool eth0` in a loop as nobody (any user may: it only
# reads). Each op of that loop that holds the split build's fast path off
# (get_link_ksettings; before the kernel answered get_link itself, that op
# too) costs traffic; the in-kernel build is the reference.
#
# Usage: workloads/unpriv-ethtool-load.sh [DRIVER...]   (default: inkernel split)
# Env:   SECS (10, iperf3 -t per direction)
# Prints one line per driver and load: Mbit/s both ways, and for the loop
# its ethtool calls per second. Never fails on speed; the exit status is
# non-zero only when a run breaks.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
lab=$root/vm/lab
secs=${SECS:-10}
name=unpriv-load-$$
if [ "$#" -gt 0 ]; then
	drivers=("$@")
else
	drivers=(inkernel split)
fi

cleanup() { "$lab" down --name "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# the receiver's rate of an iperf3 run, in Mbit/s
iperf_mbps() {
	awk '/receiver$/ {
		for (i = 1; i <= NF; i++)
			if ($i ~ /bits\/sec$/) {
				v = $(i - 1)
				if ($i ~ /^K/) v /= 1000
				if ($i ~ /^G/) v *= 1000
				if ($i ~ /^bits/) v /= 1000000
			}
	} END { if (v == "") exit 1; printf "%.1f", v }'
}

# one direction: to (host to guest) or from (guest to host, -R)
run_iperf() {
	local rev=
	[ "$1" = from ] && rev=-R
	"$lab" host --name "$name" -- sh -c "iperf3 -c \"\$GUEST\" -t $secs $rev" |
		iperf_mbps
}

printf '%-9s %-14s %12s %12s %12s\n' driver load "h->g Mbit/s" "g->h Mbit/s" "ethtool/s"
for d in "${drivers[@]}"; do
	"$lab" up --driver "$d" --name "$name" >/dev/null
	to=$(run_iperf to)
	from=$(run_iperf from)
	printf '%-9s %-14s %12s %12s %12s\n' "$d" none "$to" "$from" -

	# the loop outlasts both runs; it prints its call count at the end
	span=$((2 * secs + 6))
	"$lab" exec --name "$name" --timeout $((span + 30)) -- \
		su -s /bin/sh nobody -c "end=\$((\$(date +%s) + $span)); n=0; \
			while [ \$(date +%s) -lt \$end ]; do \
				ethtool eth0 >/dev/null 2>&1 || exit 1; n=\$((n + 1)); done; echo \$n" \
		>"/tmp/$name.calls" &
	loop=$!
	sleep 2
	to=$(run_iperf to)
	from=$(run_iperf from)
	wait "$loop"
	calls=$(cat "/tmp/$name.calls")
	rm -f "/tmp/$name.calls"
	printf '%-9s %-14s %12s %12s %12s\n' "$d" "ethtool-nobody" "$to" "$from" \
		"$(awk -v n="$calls" -v s="$span" 'BEGIN { printf "%.1f", n / s }')"
	"$lab" down --name "$name" >/dev/null
done
