#!/bin/sh
# test: fetch: exactly one upcall per ethtool ioctl (kernel counter)
# where: guest
# timeout: 240
#
# The default daemon (fetch, facts published): every ethtool ioctl the
# benchmark issues makes exactly one upcall; the ethtool core's auxiliary
# questions (dump length, string-set counts) are answered from the facts.
# GSSET_INFO asks only a string-set count: a fact, no upcall. ethtool -t
# issues GSSET_INFO (0), TEST (the self-test runs in the kernel: 0) and
# GSTRINGS (1): 1 per command. SMSGLVL is 1: after set_msglevel the ethtool
# core's netlink notification asks get_msglevel, which the glue answers
# from the level the set just applied (pcnet32/ethtool.c).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=protocol/upcalls.sh
. "$(dirname "$0")/upcalls.sh"

ktap_plan 13
/lab/driver/daemon-stop
check "the default daemon starts" /lab/driver/daemon-start
seen=""
for op in GDRVINFO GREGS GRINGPARAM GMSGLVL SMSGLVL GLINKSETTINGS GSTRINGS; do
	n=$(per_op $op)
	seen="$seen $op $n"
	check_eq "$op: one upcall per ioctl (x100)" "$n" 100
done
n=$(per_cmd ethtool -r eth0)
seen="$seen NWAY_RST $n"
check_eq "ethtool -r (nway_reset): one upcall" "$n" 100
n=$(per_op GSSET_INFO)
seen="$seen GSSET_INFO $n"
check_eq "GSSET_INFO: answered from the facts, no upcall" "$n" 0
n=$(per_cmd ethtool -t eth0)
seen="$seen ETHTOOL_T $n"
check_eq "ethtool -t: one upcall per command" "$n" 100
echo "# fetch, upcalls x100 per ioctl:$seen"
c=$(counters)
check "the facts answered (facts > 0)" [ "$(upcall_counter facts)" -gt 0 ]
check_eq "nothing went wrong on the way" "$(counters_of "$c" timeouts resets rejected mapped)" "0 0 0 0"
ktap_finished
