#!/bin/sh
# test: null in get_drvinfo: daemon restarted, the request replayed (masked)
# where: guest
# timeout: 60
#
# null in get_drvinfo: the daemon dies on the NULL write, the supervisor
# restarts it, and the kernel replays the request (a get op, side-effect
# free) on the new daemon: the fault is masked, the caller sees the real
# version. The replay is the op's second call.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=fault.sh
. "$(dirname "$0")/../fault.sh"

ktap_plan 6
t0=$(cat /proc/sys/kernel/tainted)
p=$(pidof pcnet32d)
armed=$(fault-arm get_drvinfo null && fault-arm --show)
answers=$(
	ethtool -i eth0 | head -n 2
	served "$p" && echo served
	ethtool -i eth0 | head -n 2
)
show=$(fault-arm --show)
fired=$(grep -c 'fault null fired in get_drvinfo' "$DAEMON_LOG")
exited=$(grep 'pcnet32d exited (status 139)' "$DAEMON_LOG" | head -n 1)
c=$(counters)
# no oops, BUG or WARN: the lab's status (the runner fails a scenario the
# lab ends with 242), and here the taint this scenario's faults took
check_eq "no new taint: the crash stayed in the daemon" "$(new_taint "$t0")" 0
check_eq "armed, not yet fired" "$armed" "build=split armed=1 op=get_drvinfo kind=null at=entry interval=1 probability=100 times=1 seed=0 ms=10000 mutant=0 calls=0 fired=0"
check_eq "ethtool -i gets the real version, a new daemon serves, and again" "$answers" "driver: pcnet32
version: 1.0-ours
served
driver: pcnet32
version: 1.0-ours"
check_has "three calls (the first, its replay, the second ethtool -i), one firing" "$show
" " calls=3 fired=1
"
check_eq "the kernel counts the fault masked" "$(counter_of "$c" masked)" 1
check_has "the daemon logged the firing once, the supervisor its death by SIGSEGV (139)" "
$fired
$exited" "
1
pcnet32-supervise: pcnet32d exited (status 139)"
ktap_finished
