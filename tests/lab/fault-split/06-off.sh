#!/bin/sh
# test: --off: disarmed, counters reset, calls normal
# where: guest
# timeout: 60
#
# null armed without a limit, then --off: --show has the defaults and no
# counts, before and after two ethtool -i, which are answered normally
# (an armed null would kill the daemon on each).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 3
out=$(fault-arm get_drvinfo null --times -1 && fault-arm --off && fault-arm --show &&
	ethtool -i eth0 | sed -n 2p && ethtool -i eth0 | sed -n 2p && fault-arm --show)
check_eq "arming, --off, --show, two ethtool -i and --show all succeed" "$?" 0
check_count "--show says disarmed, the defaults, no calls, both times" "$out" "build=split armed=0 op=none kind=none at=entry interval=1 probability=100 times=1 seed=0 ms=0 mutant=0 calls=0 fired=0" 2
check_count "ethtool -i answers normally twice" "$out" "version: 1.0-ours" 2
ktap_finished
