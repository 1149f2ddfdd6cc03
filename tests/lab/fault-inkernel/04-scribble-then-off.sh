#!/bin/sh
# test: scribble in get_regs, then --off leaves no trace
# where: host
# timeout: 60
#
# scribble in get_regs: a few random CSR/BCR writes, then a normal dump.
# Whether the NIC still moves traffic afterwards depends on which
# registers were hit: recorded (10 pings from the host end), not assumed;
# so is whether the register dump changed. Disarmed: calls do not count,
# the ops answer normally, no taint.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

if [ "${1:-}" = guest ]; then
	t=$(cat /proc/sys/kernel/tainted)
	ethtool -d eth0 >/tmp/d0
	fault-arm get_regs scribble --seed 1 && ethtool -d eth0 >/tmp/d1
	echo "st=$?"
	cmp -s /tmp/d0 /tmp/d1 || echo dump-changed
	fault-arm --show
	fault-arm --off
	ethtool -i eth0 | sed -n 2p
	ethtool -d eth0 >/dev/null
	fault-arm --show
	[ "$(cat /proc/sys/kernel/tainted)" = "$t" ] && echo taint-unchanged
	dmesg | grep -c 'fault scribble fired in get_regs'
	exit 0
fi
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"

ktap_plan 4
out="$(GUEST_TIMEOUT=60 guest_part)
"
check_has "the dump under the scribble succeeded" "$out" "st=0
"
check_has "it fired once, on the one call" "$out" "kind=scribble at=entry interval=1 probability=100 times=1 seed=1 ms=10000 mutant=0 calls=1 fired=1
"
case "$out" in
*dump-changed*) echo "# scribble: register dump changed" ;;
*) echo "# scribble: register dump unchanged" ;;
esac
check_has "disarmed: ethtool -i answers, --show has the defaults, the calls were not counted" "$out" "version: 1.0-ours
build=inkernel armed=0 op=none kind=none at=entry interval=1 probability=100 times=1 seed=0 ms=0 mutant=0 calls=0 fired=0
"
check_has "no new taint, and the kernel logged the firing once" "$out" "taint-unchanged
1
"
echo "# pings after the scribble: $(host_ping 10 0.1 1 | grep transmitted | head -n 1)"
ktap_finished
