#!/bin/sh
# test: a stopped daemon: one deadline, then unresponsive and killed
# where: guest
# timeout: 90
#
# Stopped for good: the first caller pays the deadline (ethtool -i makes
# three upcalls, the first of them waits), then the daemon is declared
# unresponsive and killed; the calls after it fail at once (or are served
# by the new daemon) instead of 2 s each. The new daemon attached: the
# state is cleared, it serves.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hostile/hostile.sh
. "$(dirname "$0")/hostile.sh"

ktap_plan 6
/lab/driver/daemon-stop
: >"$DAEMON_LOG"
/lab/driver/daemon-start
upcall_reset
p=$(pidof pcnet32d)
kill -STOP "$p"
t0=$(now_ms)
ethtool -i eth0 >/dev/null
t1=$(now_ms)
ethtool -i eth0 >/dev/null
ethtool -i eth0 >/dev/null
t2=$(now_ms)
first=$((t1 - t0))
rest=$((t2 - t1))
c=$(counters)
slowwait 10 daemon_restarted 1
exited=$(grep -c 'exited (status 137)' "$DAEMON_LOG")
said=$(dmesg | grep -c 'took no request for a deadline: killed')
new=no
[ "$(pidof pcnet32d)" != "$p" ] && new=yes
upcall_reset
version=$(drv_version)
c2=$(counters)
echo "# first call $first ms, next two $rest ms"
check_range "the first call paid the deadline (2 s)" "$first" 1900 5000
check_range "the next two did not (under 1.5 s)" "$rest" "" 1500
check_eq "the daemon was declared unresponsive" "$(counter_of "$c" unresponsive)" 1
check_eq "killed (137), the kernel said why, once each; a new daemon runs" \
	"exited $exited, said $said, new $new" "exited 1, said 1, new yes"
# the new daemon attached: the state is cleared, it serves
check_eq "the new daemon serves" "$version" "version: 1.0-ours"
check_has "its channel is clean: none unresponsive, masked, foreign or killed" "$c2" \
	"unresponsive 0 masked 0 foreign 0 killed 0 hello "
ktap_finished
