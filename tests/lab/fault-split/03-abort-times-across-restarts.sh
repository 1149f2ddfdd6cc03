#!/bin/sh
# test: abort --times 2: at most twice across restarts (the replay fires too)
# where: guest
# timeout: 90
#
# abort at most twice, on every call: the counters live in the control
# file, so the restarted daemon knows it fired already. The first call
# fires, its replay on the next daemon fires again and fails the call; the
# later calls are served.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=fault.sh
. "$(dirname "$0")/../fault.sh"

ktap_plan 5
t0=$(cat /proc/sys/kernel/tainted)
r0=$(grep -c 'pcnet32d exited' "$DAEMON_LOG")
fault-arm get_drvinfo abort --times 2
vs=""
for _ in 1 2 3 4; do
	p=$(pidof pcnet32d)
	v=$(ethtool -i eth0 | sed -n 2p)
	vs="$vs$v
"
	if [ "$v" = "version: unavailable" ]; then
		served "$p"
	fi
done
show=$(fault-arm --show)
restarts=$(($(grep -c 'pcnet32d exited' "$DAEMON_LOG") - r0))
# no oops, BUG or WARN: the lab's status (the runner fails a scenario the
# lab ends with 242), and here the taint this scenario's faults took
check_eq "no new taint: the aborts stayed in the daemons" "$(new_taint "$t0")" 0
check_eq "the first call failed (its replay fired too), the next three were served" "$vs" "version: unavailable
version: 1.0-ours
version: 1.0-ours
version: 1.0-ours
"
check_eq "five calls: four and the first one's replay" "$(show_val calls "$show")" 5
check_eq "it fired twice" "$(show_val fired "$show")" 2
check_eq "the supervisor restarted the daemon twice" "$restarts" 2
ktap_finished
