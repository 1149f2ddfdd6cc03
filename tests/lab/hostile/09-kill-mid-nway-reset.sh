#!/bin/sh
# test: kill -9 mid nway_reset: not replayed, reset
# where: guest
# timeout: 90
#
# The daemon is killed (-9) 0.3 s into nway_reset (held 1 s by each daemon:
# a sleep fault; a 5 s deadline): a set op is never replayed, the caller has the
# reset.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hostile/hostile.sh
. "$(dirname "$0")/hostile.sh"

ktap_plan 5
kill_mid_op nway_reset ethtool -r eth0
check_eq "the supervisor restarted the killed daemon once" "$restarts" 1
check_eq "ethtool -r fails (255)" "$op_status" 255
check_has "it reports the reset" "$op_err" "Connection reset by peer"
check_eq "the kernel counts one reset" "$(counter_of "$op_counters" resets)" 1
check_eq "not replayed (masked 0)" "$(counter_of "$op_counters" masked)" 0
ktap_finished
