#!/bin/sh
# test: a daemon hung on direct ports is killed at the deadline
# where: guest
# timeout: 60
#
# A daemon with direct ports hangs (5 s) in nway_reset (a sleep fault), an op on
# the ports: at the 2 s deadline the caller has an error, and since the
# daemon may still be touching the ports the kernel is taking back, it is
# killed (and its release awaited); the supervisor starts a new one. (A
# mediated daemon is killed at its deadline as any other: "a daemon past
# its deadline off the ports is killed then".)
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 8
daemon_restart PCNET32D_ARGS="--ports direct" && hold_op nway_reset 5000
upcall_reset
t0=$(now_ms)
err=$(ethtool -r eth0 2>&1 >/dev/null)
st=$?
t1=$(now_ms)
c=$(counters)
slowwait 10 daemon_restarted 1
exited=$(grep -c 'exited (status 137)' "$DAEMON_LOG")
killed_msgs=$(dmesg | grep -c 'missed its deadline holding the ports: killed')
hold_off
daemon_restart
echo "# error after $((t1 - t0)) ms"
check_eq "ethtool -r fails (255)" "$st" 255
check_has "at the deadline" "$err" "Connection timed out"
check_eq "the kernel counts one timeout" "$(counter_of "$c" timeouts)" 1
check_eq "and one daemon killed" "$(counter_of "$c" killed)" 1
check_eq "the supervisor saw it killed (status 137)" "$exited" 1
check_eq "the kernel says why, once" "$killed_msgs" 1
check_eq "a new daemon serves" "$(ethtool -i eth0 | head -n 1)" "driver: pcnet32"
check_range "the error came at the deadline (2 s)" $((t1 - t0)) 1900 4500
ktap_finished
