#!/bin/sh
# test: daemon hangs mid-sequence: killed, repaired
# where: guest
# timeout: 90
#
# The daemon suspends the chip in nway_reset and hangs: killed at
# the deadline (2 s), then the chip is repaired and the host answers
# within 1 s.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=repair/repair.sh
. "$(dirname "$0")/repair.sh"

KILL_MSG='missed its deadline holding the ports: killed'

# ethtool -r's status and the kernel's messages of killed daemons
nway_reset() {
	ethtool -r eth0 2>/dev/null
	echo "r=$?"
	echo "killed=$(dmesg | grep -c "$KILL_MSG")"
}

ktap_plan 8
# the kills of this scenario only (the kernel's log keeps the earlier ones)
killed0=$(dmesg | grep -c "$KILL_MSG")
leave_chip nway_reset hang nway_reset
r=$(printf '%s\n' "$LC_OUT" | sed -n 's/^r=//p')
killed=$(printf '%s\n' "$LC_OUT" | sed -n 's/^killed=//p')
check_has "ethtool -r returned" "$LC_OUT" "r="
check "ethtool -r failed" [ "$r" != 0 ]
check_range "the kernel killed the daemon at the deadline (and said so)" $((${killed:-0} - killed0)) 1 ""
check_repaired suspend
ktap_finished
