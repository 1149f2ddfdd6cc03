#!/bin/sh
# test: kill -9 mid get_regs: replayed to the next daemon
# where: guest
# timeout: 90
#
# The daemon is killed (-9) 0.3 s into get_regs (held 1 s by each daemon:
# a sleep fault; a 5 s deadline so that the next daemon has time to answer): a
# get op is replayed once to the next daemon, the caller never knows.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hostile/hostile.sh
. "$(dirname "$0")/hostile.sh"

# the raw dump's length; fails unless it is the chip's whole dump
dump_len() {
	_n=$(ethtool -d eth0 raw on | wc -c)
	echo "$_n"
	[ "$_n" -eq 272 ]
}

ktap_plan 4
kill_mid_op get_regs dump_len
check_eq "the supervisor restarted the killed daemon once" "$restarts" 1
check_eq "the caller got the whole dump (272 bytes), status 0" \
	"rawlen=$op_out status=$op_status" "rawlen=272 status=0"
check_eq "no reset reached the caller" "$(counter_of "$op_counters" resets)" 0
check_eq "the op was replayed (masked) once" "$(counter_of "$op_counters" masked)" 1
ktap_finished
