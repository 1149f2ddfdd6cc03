#!/bin/sh
# test: an op not declared fails at once, no upcall
# where: guest
# timeout: 120
#
# A daemon that declares get_drvinfo only (bit 1): ethtool -r (nway_reset)
# fails at once with EOPNOTSUPP and never reaches it; ethtool -i does (and
# gets its EOPNOTSUPP).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 9
/lab/driver/daemon-stop
upcall_reset
/lab/driver/upcall-hostile declare 2 >/tmp/decl.out &
h=$!
check "the declaring daemon is attached" slowwait 10 attached
r=$(ethtool -r eth0 2>&1)
rs=$?
c=$(counters)
# when ethtool -i returns, the daemon has taken its request
ethtool -i eth0 >/dev/null
kill $h
wait $h
# its output whole, the last newline kept
d=$(
	cat /tmp/decl.out
	echo x
)
d=${d%x}
check_has "HELLO with get_drvinfo alone" "$d" "HELLO 0x2: OK"
check "ethtool -r fails" [ "$rs" != 0 ]
check_has "not supported" "$r" "Operation not supported"
check_eq "without an upcall" "$(counter_of "$c" calls)" 0
check_eq "counted as undeclared" "$(counter_of "$c" undeclared)" 1
# the first request poll() saw was ethtool -i's: -r queued none
check_has "the daemon's first request was get_drvinfo" "$d" "poll 1 POLLIN
got op 1
"
check_hasnt "it never saw nway_reset" "$d" "got op 6"
check_has "the real daemon serves again" "$(/lab/driver/daemon-start && ethtool -i eth0 | head -n 2)" "version: 1.0-ours"
ktap_finished
