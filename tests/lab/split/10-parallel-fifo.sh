#!/bin/sh
# test: 8 parallel loops through the FIFO all succeed
# where: guest
# timeout: 300
#
# 8 loops at once: 4 of ethtool -d, 4 of ethtool -s msglvl with their own
# values read back; every call succeeds and every dump has the same chip
# id and address PROM as the first.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 5
ethtool -d eth0 raw on | od -An -tx1 -v -N 16 >/tmp/ref
out=$(
	for i in 1 2 3 4; do (
		for _ in $(seq 15); do
			ethtool -d eth0 raw on | od -An -tx1 -v -N 16 | cmp -s - /tmp/ref || echo BADDUMP
		done
		echo done-d
	) & done
	for i in 1 2 3 4; do (
		for _ in $(seq 15); do
			ethtool -s eth0 msglvl $i || echo BADSET
			ethtool eth0 >/dev/null || echo BADGET
		done
		echo done-s
	) & done
	wait
	ethtool -s eth0 msglvl 0x7
	ethtool eth0 | grep -A1 'Current message level'
)
check_eq "the loops and the read-back succeed" "$?" 0
check_count "4 dump loops ended" "$out" "done-d" 4
check_count "4 msglvl loops ended" "$out" "done-s" 4
check_count "no call failed, no dump differed" "$out" "BAD" 0
check_has "the last message level set reads back" "$out" "0x00000007 (7)"
ktap_finished
