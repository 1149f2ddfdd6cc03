#!/bin/sh
# test: a hung daemon's kill takes its whole thread group
# where: guest
# timeout: 60
#
# A second thread takes nway_reset (on the ports) and never answers: at
# the deadline the kernel kills the whole process, not only the thread
# that opened the node, and waits for the node's release.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hostile/hostile.sh
. "$(dirname "$0")/hostile.sh"

ktap_plan 4
/lab/driver/daemon-stop
upcall_reset
rm -f /tmp/hold.out
/lab/driver/upcall-hostile hold-thread >/tmp/hold.out &
h=$!
# it said HELLO and its second thread runs
slowwait 10 grep -q holding /tmp/hold.out
ethtool -r eth0 >/dev/null
wait $h
hold=$?
out=$(
	cat /tmp/hold.out
	echo .
)
out=${out%.}
c=$(counters)
version=$(/lab/driver/daemon-start && drv_version)
check_has "the second thread took nway_reset (op 6)" "$out" "thread took op 6$NL"
check_eq "the whole process was killed (137)" "$hold" 137
check_eq "the kernel counts one daemon killed" "$(counter_of "$c" killed)" 1
check_eq "the real daemon serves again" "$version" "version: 1.0-ours"
ktap_finished
