#!/bin/sh
# test: a daemon stopped briefly simply serves
# where: guest
# timeout: 60
#
# The daemon is stopped (SIGSTOP) for 0.5 s, well within the deadline:
# it simply serves, nobody declares it unresponsive or kills it.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hostile/hostile.sh
. "$(dirname "$0")/hostile.sh"

ktap_plan 3
upcall_reset
p=$(pidof pcnet32d)
kill -STOP "$p"
# continued after 0.5 s (the scenario's delay), while ethtool -i waits
(
	sleep 0.5
	kill -CONT "$p"
) &
version=$(drv_version)
wait
now=$(pidof pcnet32d)
c=$(counters)
check_eq "it served ethtool -i, the same daemon" "$version, pid $now" "version: 1.0-ours, pid $p"
check_eq "not declared unresponsive" "$(counter_of "$c" unresponsive)" 0
check_eq "not killed" "$(counter_of "$c" killed)" 0
ktap_finished
