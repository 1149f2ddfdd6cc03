#!/bin/sh
# test: well-behaved ops: checked, nothing to repair
# where: guest
# timeout: 120
#
# Every op on the ports a well-behaved daemon runs, 5 times over: each is
# checked, none finds anything to repair (RAP aside); the host still
# answers, and the fast path each op held off is back at rest (NAPI
# enabled and idle, the chip's interrupts on, no frame left waiting).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=repair/repair.sh
. "$(dirname "$0")/repair.sh"

ktap_plan 10
echo 0 >"$REPAIR"
out=$(
	for _ in 1 2 3 4 5; do
		ethtool -d eth0 >/dev/null
		ethtool eth0 >/dev/null
		ethtool -r eth0 2>/dev/null
		ethtool -s eth0 autoneg off speed 10 duplex half
	done
	cat "$REPAIR"
	ping -c 3 -W 1 "$HOST_END" | grep received
)
st=$?
checks=$(counter "$out" checks)
ports=$(counter "$out" port_accesses)
ns=$(counter "$out" check_ns)
if [ "${checks:-0}" -gt 0 ]; then
	echo "# $checks checks, $((${ports:-0} / checks)) port accesses and $((${ns:-0} / checks)) ns each"
else
	echo "# ${checks:-no} checks"
fi
check_eq "the ops ran, ping summed up (the status of the last, ping | grep received)" "$st" 0
check_range "every op on the ports was checked (20 or more checks)" "$checks" 20 ""
for k in dwio suspend stopped config dma reinits; do
	check_eq "nothing to repair: $k 0" "$(counter "$out" $k)" 0
done
check_has "the host answers: 3 pings received" "$out" "3 packets received"
check "the fast path is back at rest within 5 s (datapath: napi_sched 0, ien 1, rx_host_owned 0)" slowwait 5 fastpath_idle
ktap_finished
