#!/bin/sh
# test: a killed ethtool -d does not kill the daemon; with direct ports a late one is
# where: guest
# timeout: 60
#
# ethtool -d (get_regs, an op on the NIC) is killed while the daemon holds
# the op for 1 s (a sleep fault): the daemon is not killed (mediated, the caller returns at
# once and the daemon's late reply is refused as stale; the programs it
# might still send for it are refused too).
#
# With direct ports the kernel cannot take its ports back while the daemon
# may be on them, so the killed caller waits for the reply: a daemon that
# holds it 3 s misses the deadline, the killed caller's wait ends there
# (about 2 s after it started, not 3 s), and the daemon is killed for
# being late.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hostile/hostile.sh
. "$(dirname "$0")/hostile.sh"

killed() {
	[ "$(upcall_counter killed)" != 0 ]
}

ktap_plan 8
# mediated: the daemon holds get_regs 1 s, its caller is killed at 0.4 s
daemon_restart && hold_op get_regs 1000
upcall_reset
p=$(pidof pcnet32d)
ethtool -d eth0 raw on >/dev/null &
e=$!
sleep 0.4
kill -9 $e
wait $e
est=$?
# a window past the 1-s hold in which the daemon must not be killed
sleep 1.5
now=$(pidof pcnet32d)
c=$(counters)
version=$(hold_off && daemon_restart && drv_version)
check_eq "mediated: the caller was killed (137)" "$est" 137
check_eq "mediated: the daemon is the same" "$now" "$p"
check_eq "mediated: no daemon killed" "$(counter_of "$c" killed)" 0
check_eq "mediated: the daemon serves again undelayed" "$version" "version: 1.0-ours"

# direct ports: the daemon holds get_regs 3 s, its caller is killed at 0.4 s
daemon_restart PCNET32D_ARGS="--ports direct" && hold_op get_regs 3000
upcall_reset
t0=$(now_ms)
ethtool -d eth0 raw on >/dev/null &
e=$!
sleep 0.4
kill -9 $e
slowwait 5 killed
late=$(($(now_ms) - t0))
wait $e
c=$(counters)
version=$(hold_off && daemon_restart && drv_version)
echo "# killed caller, late daemon killed after $late ms"
check_range "direct: the late daemon killed at the deadline, not before (1.8 s)" "$late" 1800 ""
check_range "direct: nor at the end of its 3-s hold (under 2.9 s)" "$late" "" 2900
check_eq "direct: the kernel counts one daemon killed" "$(counter_of "$c" killed)" 1
check_eq "direct: a mediated daemon serves again" "$version" "version: 1.0-ours"
ktap_finished
