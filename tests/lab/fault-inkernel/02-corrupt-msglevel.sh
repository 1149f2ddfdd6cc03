#!/bin/sh
# test: corrupt in get_msglevel: once, then right
# where: guest
# timeout: 60
#
# corrupt in get_msglevel (the level is 7): the first answer is whatever
# the fault made up; the next is right.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=fault.sh
. "$(dirname "$0")/../fault.sh"

ktap_plan 5
out=$(
	fault-arm get_msglevel corrupt --seed 9 && ethtool eth0 | grep 'message level'
	ethtool eth0 | grep 'message level'
	fault-arm --show
)
check_eq "fault-arm --show answers after both calls" "$?" 0
check_count "the true level (7) was seen once" "$out" "message level: 0x00000007 (7)" 1
check_hasnt "not by the first call, under the fault" "$out" "message level: 0x00000007 (7)
${TAB}Current"
check_eq "two calls" "$(show_val calls "$out")" 2
check_eq "one firing" "$(show_val fired "$out")" 1
ktap_finished
