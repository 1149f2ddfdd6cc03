#!/bin/sh
# test: the daemon serves, sandboxed: own uid, no capabilities
# where: guest
# timeout: 60
#
# The daemon runs sandboxed (driver-split/daemon/sandbox.c; its own suite
# in tests/lab/fuzz/): a uid of its own, neither root nor the shared
# nobody, no capabilities, a seccomp filter.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 9
out=$(ethtool -i eth0 && pidof pcnet32d &&
	grep -E '^(Uid|CapEff|CapPrm|CapBnd|Seccomp)' "/proc/$(pidof pcnet32d)/status")
check_eq "ethtool -i, pidof and the status file answer" "$?" 0
check_has "ethtool -i says driver: pcnet32" "$out" "driver: pcnet32
"
check_has "the daemon's status has a uid" "$out" "Uid:$TAB"
check_hasnt "its uid is not nobody's" "$out" "Uid:${TAB}65534$TAB"
check_hasnt "its uid is not root's" "$out" "Uid:${TAB}0$TAB"
check_has "no effective capabilities" "$out" "CapEff:${TAB}0000000000000000"
check_has "no permitted capabilities" "$out" "CapPrm:${TAB}0000000000000000"
check_has "an empty bounding set" "$out" "CapBnd:${TAB}0000000000000000"
check_has "a seccomp filter (mode 2)" "$out" "Seccomp:${TAB}2"
ktap_finished
