#!/bin/sh
# test: a daemon past its deadline off the ports is killed then
# where: guest
# timeout: 60
#
# The daemon holds set_ringparam (off the ports) for 3 s (a sleep fault), past the
# 2 s deadline: the caller has an error at the deadline and the daemon,
# which serves nobody else while it holds a request, is killed then (not
# after one more caller's deadline); its reply never comes, the rings are
# not changed, and the next daemon serves.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 11
daemon_restart && hold_op set_ringparam 3000
upcall_reset
err=$(ethtool -G eth0 rx 64 2>&1 >/dev/null)
st=$?
c=$(counters)
killed_msgs=$(dmesg | grep -c 'missed its deadline: killed')
slowwait 10 daemon_restarted 1
exited=$(grep -c 'exited (status 137)' "$DAEMON_LOG")
# a window for the killed daemon's reply, which must not come
sleep 1.5
stale=$(grep -c 'refused: No such file or directory' "$DAEMON_LOG")
hold_off
daemon_restart
rx=$(ethtool -g eth0 | grep -A1 '^Current' | tail -n 1)
check "ethtool -G fails" [ "$st" != 0 ]
check_has "at the deadline" "$err" "Connection timed out"
check_eq "the kernel counts one timeout" "$(counter_of "$c" timeouts)" 1
check_eq "no unresponsive, masked or foreign daemon; one killed" \
	"$(counters_of "$c" unresponsive masked foreign killed)" "0 0 0 1"
for k in timeouts killed; do
	check_eq "counter $k by name" "$(counter_of "$c" $k)" 1
done
check "the kernel says why it killed the daemon" [ "$killed_msgs" != 0 ]
check_eq "the supervisor saw it killed (status 137)" "$exited" 1
check_eq "no reply of it came" "$stale" 0
check_eq "the rings are not changed" "$rx" "RX:${TAB}${TAB}32"
check "the next daemon serves" quiet ethtool -i eth0
ktap_finished
