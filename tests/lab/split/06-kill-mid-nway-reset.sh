#!/bin/sh
# test: kill -9 mid nway_reset: ethtool reports the reset
# where: guest
# timeout: 60
#
# Kill the daemon while it holds nway_reset for 1.5 s (a sleep fault), after 0.5 s:
# the caller has an error at once (well before the 2 s deadline) and the
# kernel counts one reset; the supervisor restarts the daemon (it logs the
# restart) and the same command then gets its answer from the new daemon
# (still holding the op 1.5 s, within the deadline): for this chip, no
# autonegotiation to restart, as with the stock driver. (kill -9 mid
# get_regs: a get op is replayed to the next daemon: split/hostile tests
# it.)
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 7
daemon_restart && hold_op nway_reset 1500
upcall_reset
t0=$(now_ms)
(
	sleep 0.5
	kill -9 "$(pidof pcnet32d)"
) &
err=$(ethtool -r eth0 2>&1 >/dev/null)
st=$?
t1=$(now_ms)
wait
resets=$(upcall_counter resets)
slowwait 10 daemon_restarted 1
restarts=$(grep -c 'pcnet32d exited (status 137).*restart 1 ' "$DAEMON_LOG")
err="$err
$(ethtool -r eth0 2>&1 >/dev/null)"
again=$?
hold_off
daemon_restart
echo "# error after $((t1 - t0)) ms"
check "ethtool -r fails" [ "$st" != 0 ]
check_eq "the kernel counts one reset" "$resets" 1
check_range "the error came before the 1.5-s hold ended" $((t1 - t0)) 0 1500
check_eq "the supervisor restarted the killed daemon once" "$restarts" 1
check_count "ethtool reports the reset" "$err" "Connection reset by peer" 1
check_count "the new daemon answers: not supported on this chip" "$err" "Operation not supported" 1
check_eq "the second ethtool -r's status" "$again" 255
ktap_finished
