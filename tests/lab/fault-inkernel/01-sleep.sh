#!/bin/sh
# test: sleep 300 ms in get_drvinfo
# where: guest
# timeout: 60
#
# sleep --ms 300 in get_drvinfo (msleep in the kernel): the call takes the
# 300 ms, then answers normally; the kernel logs the firing once.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 5
armed=$(fault-arm get_drvinfo sleep --ms 300 && fault-arm --show)
t0=$(now_ms)
v=$(ethtool -i eth0 | sed -n 2p)
t1=$(now_ms)
ms=$((t1 - t0))
show=$(fault-arm --show)
n=$(dmesg | grep -c 'fault sleep fired in get_drvinfo')
echo "# ethtool -i with a 300 ms sleep: $ms ms"
# the kernel's log names the firing
check_range "the kernel logged the firing" "$n" 1 ""
check_eq "armed, not yet fired" "$armed" "build=inkernel armed=1 op=get_drvinfo kind=sleep at=entry interval=1 probability=100 times=1 seed=0 ms=300 mutant=0 calls=0 fired=0"
check_eq "ethtool -i answers normally" "$v" "version: 1.0-ours"
# the guest's clock has 10 ms steps
check_range "the call took the 300 ms" "$ms" 290 ""
check_has "one call, one firing, logged once" "$show
$n
" " calls=1 fired=1
1
"
ktap_finished
