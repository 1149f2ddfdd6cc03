#!/usr/bin/env bash
# The host side of the network workloads (the paper's Table 3). Runs on the
# host end of the guest's link, inside the lab's namespace:
#   vm/lab host --name NAME -- bench/netbench.sh TEST ARGS...
# and prints CSV rows "test,rep,value" (no header):
#   ping N [FIRST]    N echo requests 0.01 s apart; value: RTT in ms
#   scp FILE TAG N [FIRST]  copy FILE to the guest's /tmp N times; value:
#                     seconds
#   ssh N [FIRST]     ssh login running 'true', N times; value: seconds
#                     (FIRST: the rep number of the first sample, default
#                     0: bench/run.sh takes a test's samples of a round in
#                     several passes)
#   iperf TAG S REP [-R]  one S-second iperf3 run (-R: guest to host),
#                     recorded as repetition REP; value: receiver
#                     throughput in Mbit/s (iperf3 -J, through jq)
# Needs GUEST and LAB_SSH_CONFIG (set by vm/lab host).
set -euo pipefail

: "${GUEST:?run me through vm/lab host}" "${LAB_SSH_CONFIG:?run me through vm/lab host}"

now() { date +%s%N; }
secs() { # start end
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", (b - a) / 1e9 }'
}

test=${1:?usage: netbench.sh ping|scp|ssh|iperf ARGS...}
shift
case "$test" in
ping)
	n=${1:?ping N [FIRST]} first=${2:-0}
	# one unrecorded request first: it pays for the ARP resolution.
	# 0.01 s apart (root may go below 0.2 s): hundreds of echoes in a
	# few seconds, and still an idle guest between two of them, as at
	# 0.2 s (measured in the lab: mean RTT 0.528 ms at 0.2 s, 0.523 ms
	# at 0.01 s, but 0.249 ms at 0.002 s, where the guest does not idle)
	ping -c 1 -W 5 "$GUEST" >/dev/null
	ping -c "$n" -i 0.01 -W 5 "$GUEST" |
		sed -n 's/.*icmp_seq=\([0-9]*\).*time=\([0-9.]*\) ms.*/\1 \2/p' |
		awk -v f="$first" '{ printf "ping,%d,%s\n", f + $1 - 1, $2 }'
	;;
scp)
	file=${1:?scp FILE TAG N [FIRST]} tag=${2:?scp FILE TAG N [FIRST]} n=${3:?scp FILE TAG N [FIRST]}
	first=${4:-0}
	for ((i = first; i < first + n; i++)); do
		t0=$(now)
		scp -O -q -F "$LAB_SSH_CONFIG" "$file" lab-guest:/tmp/netbench.bin
		t1=$(now)
		printf '%s,%d,%s\n' "$tag" "$i" "$(secs "$t0" "$t1")"
	done
	;;
ssh)
	n=${1:?ssh N [FIRST]} first=${2:-0}
	for ((i = first; i < first + n; i++)); do
		t0=$(now)
		ssh -F "$LAB_SSH_CONFIG" lab-guest true
		t1=$(now)
		printf 'ssh,%d,%s\n' "$i" "$(secs "$t0" "$t1")"
	done
	;;
iperf)
	tag=${1:?iperf TAG S REP [-R]} s=${2:?iperf TAG S REP [-R]} rep=${3:?iperf TAG S REP [-R]}
	rev=${4:-}
	# iperf3 -J: the receiver's throughput is end.sum_received (with -R
	# too: the side that received), in bit/s; Mbit/s as iperf3 -f m gives
	# them (10^6). The guest's server re-opens its socket between tests:
	# a run refused as busy ends with an "error" in the JSON: retry.
	# Bounded: a guest whose network died leaves iperf3 waiting forever on
	# its control connection (split-paper's fast path can die under
	# get_link_ksettings at 200/s); such a run is not retried.
	for try in 1 2 3; do
		st=0
		out=$(timeout -k 5 $((s + 60)) iperf3 -c "$GUEST" -t "$s" -J ${rev:+"$rev"} 2>/dev/null) || st=$?
		if [ "$st" = 124 ] || [ "$st" = 137 ]; then
			printf 'netbench: iperf3 did not end within %s s (the guest no longer answers?)\n' $((s + 60)) >&2
			exit 1
		fi
		v=$(jq -r 'if .error == null and .end.sum_received.bits_per_second != null
			then .end.sum_received.bits_per_second / 1e6 else empty end' <<<"$out" 2>/dev/null || true)
		if [ "$st" = 0 ] && [ -n "$v" ]; then
			printf '%s,%s,%s\n' "$tag" "$rep" "$v"
			exit 0
		fi
		if [ "$try" = 3 ]; then
			err=$(jq -r '.error // empty' <<<"$out" 2>/dev/null || true)
			printf 'netbench: iperf3 failed (status %s): %s\n' "$st" "${err:-$(head -c 400 <<<"$out")}" >&2
			exit 1
		fi
		sleep 1
	done
	;;
*)
	echo "netbench: unknown test '$test'" >&2
	exit 2
	;;
esac
