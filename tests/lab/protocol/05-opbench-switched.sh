#!/bin/sh
# test: opbench -s puts a context switch before each call, and nothing else
# where: guest
# timeout: 120
#
# bench's "after a context switch" loop (opbench ops -s): each call follows
# a pipe round trip with a child (at least two more switches a call on the
# guest's one CPU, /proc/stat's ctxt), the calls themselves are unchanged
# (one upcall per GREGS, every row without error), and -s with -c (whose
# counters would count the round trips) is refused.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

# ctxt_of CMD...: the guest's context switches while CMD ran
ctxt_of() {
	_c0=$(awk '$1 == "ctxt" { print $2 }' /proc/stat)
	"$@" >/tmp/switched.csv 2>/tmp/switched.err
	_c1=$(awk '$1 == "ctxt" { print $2 }' /proc/stat)
	echo $((_c1 - _c0))
}

ktap_plan 7
plain=$(ctxt_of /lab/bin/opbench ops -n 200 -w 0 getppid)
switched=$(ctxt_of /lab/bin/opbench ops -s -n 200 -w 0 getppid)
rows=$(awk -F, '$1 == "getppid" && $4 == 0' /tmp/switched.csv | wc -l)
check_eq "-s: 200 rows, none failed" "$rows" 200
check_range "-s: at least 2 switches a call (without -s: $plain in all)" "$switched" 400 ""
check_range "without -s: under one switch a call" "$plain" 0 200
# upcalls of 40 calls less those of 20 (the setup's and the probe call's
# cancel out)
upcall_reset
/lab/bin/opbench ops -s -n 20 -w 0 GREGS >/dev/null 2>&1
a=$(upcall_counter calls)
upcall_reset
/lab/bin/opbench ops -s -n 40 -w 0 GREGS >/tmp/switched.csv 2>/tmp/switched.err
check_eq "-s: one upcall per GREGS" $(($(upcall_counter calls) - a)) 20
check_eq "-s: every GREGS answered" "$(awk -F, '$1 == "GREGS" && $4 == 0' /tmp/switched.csv | wc -l)" 40
/lab/bin/opbench ops -s -c /tmp/c.csv -n 1 getppid >/dev/null 2>/tmp/switched.err
check_eq "-s with -c: refused (status 2)" "$?" 2
check_has "-s with -c: says why" "$(cat /tmp/switched.err)" "-s and -c"
ktap_finished
