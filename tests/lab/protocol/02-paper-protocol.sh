#!/bin/sh
# test: paper: same answers, GDRVINFO more than one upcall (ablation)
# where: guest
# timeout: 240
#
# The paper's protocol: no facts, so GDRVINFO also asks the dump length
# and the test count as upcalls (the ablation), but answers as fetch does:
# ethtool -i the same, ethtool -d the same header and length (register
# values may move between two dumps). The facts counter stays 0: the fetch
# daemon's facts went with it.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=protocol/upcalls.sh
. "$(dirname "$0")/upcalls.sh"

ktap_plan 11
ethtool -i eth0 >/tmp/i.fetch
ethtool -d eth0 >/tmp/d.fetch
check "the daemon restarts with --protocol paper" daemon_restart PCNET32D_ARGS="--protocol paper"
check "its log says so" grep -q "protocol paper" "$DAEMON_LOG"
g=$(per_op GDRVINFO)
r=$(per_op GREGS)
ring=$(per_op GRINGPARAM)
echo "# paper, upcalls x100 per ioctl: GDRVINFO $g GREGS $r GRINGPARAM $ring"
# get_drvinfo, get_regs_len, get_sset_count(ETH_SS_TEST) at least
check_range "GDRVINFO: three upcalls or more" "$g" 300 ""
check_eq "GREGS: dump length and dump, two" "$r" 200
check_eq "GRINGPARAM: one" "$ring" 100
ethtool -i eth0 >/tmp/i.paper
ethtool -d eth0 >/tmp/d.paper
check "ethtool -i answers the same" cmp -s /tmp/i.fetch /tmp/i.paper
head -n 3 /tmp/d.fetch >/tmp/h.fetch
head -n 3 /tmp/d.paper >/tmp/h.paper
check "ethtool -d: the same header" cmp -s /tmp/h.fetch /tmp/h.paper
check_eq "ethtool -d: the same length" "$(wc -l </tmp/d.paper)" "$(wc -l </tmp/d.fetch)"
c=$(counters)
check_eq "no commits, no facts" "$(counters_of "$c" commits facts)" "0 0"
check_eq "nothing went wrong on the way" "$(counters_of "$c" timeouts resets rejected mapped)" "0 0 0 0"
check "the default daemon serves again" daemon_restart
ktap_finished
