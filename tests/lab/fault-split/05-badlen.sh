#!/bin/sh
# test: badlen in get_drvinfo: refused, daemon lives on
# where: guest
# timeout: 60
#
# A reply of the wrong length is refused (the caller sees the version
# unavailable); the daemon lives on and answers the next call.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=fault.sh
. "$(dirname "$0")/../fault.sh"

ktap_plan 3
p=$(pidof pcnet32d)
vs=$(
	fault-arm get_drvinfo badlen --seed 4 && ethtool -i eth0 | sed -n 2p
	ethtool -i eth0 | sed -n 2p
)
show=$(fault-arm --show)
now=$(pidof pcnet32d)
check_eq "the bad reply refused (version unavailable), the next one right" "$vs" "version: unavailable
version: 1.0-ours"
check_eq "the fault fired once" "$(show_val fired "$show")" 1
check_eq "the same daemon serves" "$now" "$p"
ktap_finished
