#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Throughput under an unprivileged ethtool loop: iperf3 from the host to
# the guest and from the guest to the host (-R), first alone, then while
# the guest runs `ethtool eth0` in a loop as nobody (any user may: it only
# reads). Each op of that loop that holds the split build's fast path off
# (get_link_ksettings; not get_link, which the kernel answers itself from
# the link watchdog while the interface is up) costs traffic; the
# in-kernel build is the reference.
#
# Usage: workloads/unpriv-ethtool-load.sh [DRIVER...]   (default: inkernel split)
# Env:   SECS (10, iperf3 -t per direction), ROUNDS (3: drivers interleaved,
#        a fresh guest each round)
# Prints the median and the range over the rounds, per driver and load:
# Mbit/s both ways and, for the loop, its ethtool calls per second; a run
# that got no figure (iperf3 could not connect) is counted as failed. (As
# nobody, ethtool's Wake-on-LAN query is refused: it needs CAP_NET_ADMIN.)
# Never fails on speed; the exit status is non-zero only when a run breaks.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
lab=$root/vm/lab
secs=${SECS:-10}
rounds=${ROUNDS:-3}
name=unpriv-load-$$
if [ "$#" -gt 0 ]; then
	drivers=("$@")
else
	drivers=(inkernel split)
fi

rows=$(mktemp)
calls_file=$(mktemp)
cleanup() {
	"$lab" down --name "$name" >/dev/null 2>&1 || true
	rm -f "$rows" "$calls_file"
}
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

# one round of one driver: rows "driver load metric value"
measure() {
	local d=$1 span loop
	"$lab" up --driver "$d" --name "$name" >/dev/null
	echo "$d none h2g $(run_iperf to)"
	echo "$d none g2h $(run_iperf from)"

	# the loop outlasts both runs; it prints its call count at the end
	span=$((2 * secs + 6))
	"$lab" exec --name "$name" --timeout $((span + 30)) -- \
		su -s /bin/sh nobody -c "end=\$((\$(date +%s) + $span)); n=0; \
			while [ \$(date +%s) -lt \$end ]; do \
				ethtool eth0 >/dev/null 2>&1 || exit 1; n=\$((n + 1)); done; echo \$n" \
		>"$calls_file" &
	loop=$!
	sleep 2
	echo "$d ethtool-nobody h2g $(run_iperf to)"
	echo "$d ethtool-nobody g2h $(run_iperf from)"
	wait "$loop"
	echo "$d ethtool-nobody calls $(awk -v s="$span" '{ printf "%.1f", $1 / s }' "$calls_file")"
	"$lab" down --name "$name" >/dev/null
}

for ((r = 1; r <= rounds; r++)); do
	for d in "${drivers[@]}"; do
		measure "$d" >>"$rows"
	done
done

# median (min-max) of the rounds' values of driver, load and metric
stat() {
	awk -v d="$1" -v l="$2" -v m="$3" '$1 == d && $2 == l && $3 == m { print $4 }' "$rows" |
		sort -n | awk '$1 == "" { failed++; next } { v[++n] = $1 } END {
			if (!n && !failed) { print "-"; exit }
			if (n) {
				med = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
				printf "%.1f (%.1f-%.1f)", med, v[1], v[n]
			}
			if (failed) printf " %d failed", failed }'
}

printf '%-9s %-15s %-20s %-20s %s\n' driver load "h->g Mbit/s" "g->h Mbit/s" "ethtool calls/s"
for d in "${drivers[@]}"; do
	for l in none ethtool-nobody; do
		printf '%-9s %-15s %-20s %-20s %s\n' "$d" "$l" "$(stat "$d" "$l" h2g)" \
			"$(stat "$d" "$l" g2h)" "$(stat "$d" "$l" calls)"
	done
done
echo "($rounds rounds of $secs s per direction)"
