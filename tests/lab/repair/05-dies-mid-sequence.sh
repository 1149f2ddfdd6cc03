#!/bin/sh
# test: daemon dies mid-sequence: repaired, traffic within 1 s
# where: guest
# timeout: 90
#
# The daemon suspends the chip in get_regs and dies before
# replying: the dump fails (empty), the chip is repaired all the same and
# the host answers within 1 s.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=repair/repair.sh
. "$(dirname "$0")/repair.sh"

raw_len() {
	ethtool -d eth0 raw on | wc -c
}

ktap_plan 6
leave_chip get_regs exit raw_len
check_eq "the dump is empty" "$(printf '%s' "$LC_OUT" | tr -d ' ')" 0
check_repaired suspend
ktap_finished
