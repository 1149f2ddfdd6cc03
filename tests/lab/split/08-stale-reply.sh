#!/bin/sh
# test: a reply after its caller gave up is refused as stale
# where: guest
# timeout: 60
#
# The caller of set_ringparam (off the ports) is killed while the
# daemon holds the op for 1 s (a sleep fault), within the deadline: the caller returns at
# once, the daemon is not killed, its reply comes after its caller gave up
# and is refused as stale, and the rings are not changed.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 4
daemon_restart && hold_op set_ringparam 1000
p=$(pidof pcnet32d)
ethtool -G eth0 rx 64 &
e=$!
sleep 0.4
kill -9 $e
wait $e
est=$?
slowwait 5 grep -q 'refused: No such file or directory' "$DAEMON_LOG"
stale=$(grep -c 'refused: No such file or directory' "$DAEMON_LOG")
now=$(pidof pcnet32d)
hold_off
daemon_restart
rx=$(ethtool -g eth0 | grep -A1 '^Current' | tail -n 1)
check_eq "the caller was killed (137)" "$est" 137
check_eq "the late reply was refused as stale, once" "$stale" 1
check_eq "the daemon was not killed" "$now" "$p"
check_eq "the rings are not changed" "$rx" "RX:${TAB}${TAB}32"
ktap_finished
