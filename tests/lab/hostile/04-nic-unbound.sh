#!/bin/sh
# test: NIC unbound under its daemon: ENODEV, node 0 again, served
# where: guest
# timeout: 120
#
# The NIC goes away (PCI unbind) under its daemon: every ioctl of a daemon
# whose NIC is gone fails with ENODEV, whether it was waiting for a request
# (the supervised pcnet32d exits), or issues them after (upcall-hostile
# wait), or races COPY against the removal (copy-loop); nothing touches
# the freed driver. Bound again, the NIC gets node 0 again and the
# supervisor's daemon serves it.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=hostile/hostile.sh
. "$(dirname "$0")/hostile.sh"

ktap_plan 7
dev=$(basename "$(readlink /sys/class/net/eth0/device)")
drv=/sys/bus/pci/drivers/pcnet32

# the supervised daemon, asleep in FETCH, has ENODEV and exits
: >"$DAEMON_LOG"
echo "$dev" >$drv/unbind
slowwait 5 grep -q 'FETCH: No such device' "$DAEMON_LOG"
# a window in which it must not say so again: it exits, it does not retry
sleep 1
asleep=$(grep -c 'FETCH: No such device' "$DAEMON_LOG")
echo "$dev" >$drv/bind
lab-ifup >&2
slowwait 15 test -s /run/pcnet32d.ready

# a daemon that issues its ioctls after the NIC went
/lab/driver/daemon-stop
rm -f /tmp/go /tmp/wait.out
/lab/driver/upcall-hostile wait /tmp/go >/tmp/wait.out &
w=$!
# its first COPY is done: it waits for /tmp/go
slowwait 10 grep -q COPY /tmp/wait.out
echo "$dev" >$drv/unbind
touch /tmp/go
wait $w
waited=$(
	cat /tmp/wait.out
	echo .
)
waited=${waited%.}
echo "$dev" >$drv/bind
lab-ifup >&2

# a daemon that COPYs in a loop while the NIC goes
/lab/driver/upcall-hostile copy-loop >/tmp/loop.out &
c=$!
# the loop runs 0.5 s before the NIC goes (the race is the scenario)
sleep 0.5
echo "$dev" >$drv/unbind
slowwait 3 gone $c
kill $c 2>/dev/null
wait $c
loop=$(
	cat /tmp/loop.out
	echo .
)
loop=${loop%.}
echo "$dev" >$drv/bind
lab-ifup >&2
nodes=$(for n in /dev/*pcnet32-upcall*; do [ -e "$n" ] && echo "${n#/dev/}"; done)
served=$(/lab/driver/daemon-start && ethtool -i eth0 | head -n 2)
st=$?
copies=$(printf '%s' "$loop" | sed -n 's/^copies=\([0-9]*\) .*/\1/p')
echo "# copy-loop: $(printf '%s' "$loop" | tr '\n' ' ')"

check_eq "the real daemon starts again and ethtool -i answers" "$st" 0
check_eq "the supervised daemon's FETCH failed with ENODEV, once" "$asleep" 1
check_has "after the NIC went: REQUEST, COPY and REPLY fail with ENODEV" "$waited" \
	"COPY OK${NL}REQUEST ENODEV${NL}COPY ENODEV${NL}REPLY ENODEV$NL"
check_has "the COPY loop ends with ENODEV" "$loop" " err=ENODEV$NL"
check_range "the COPY loop copied before" "$copies" 1 ""
# the node a supervisor knows, and no other
check_has "bound again: node 0, and the daemon serves it" "$NL$nodes$NL$served$NL" \
	"${NL}pcnet32-upcall0${NL}driver: pcnet32${NL}version: 1.0-ours$NL"
check_hasnt "no second node (pcnet32-upcall1)" "$nodes" "pcnet32-upcall1"
ktap_finished
