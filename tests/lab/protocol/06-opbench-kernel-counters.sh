#!/bin/sh
# test: opbench -k counts with the kernel's counters only, no perf event
# where: guest
# timeout: 120
#
# The benchmark's interference loops count with -k: the same file as -c,
# the perf columns (task_clock_ns .. cs_all) empty, the kernel's own
# counters filled (upcalls, the register programs of regaccess,
# fastpath_holds). -c and -k together are refused.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 7
/lab/bin/opbench ops -n 20 -w 0 -k /tmp/k.csv GREGS >/dev/null 2>/tmp/k.err
check_eq "-k: runs" "$?" 0
row=$(awk -F, '$1 == "GREGS"' /tmp/k.csv)
hdr=$(head -n 1 /tmp/k.csv)
check_eq "-k: the header of -c" "$hdr" "op,calls,task_clock_ns,context_switches,page_faults,cpu_migrations,cs_all,upcalls,programs,accesses,refused,malformed,hold_max_ns,hold_total_ns,fastpath_holds"
check_eq "-k: the perf columns empty" "$(echo "$row" | cut -d, -f3-7)" ",,,,"
check_eq "-k: one upcall a call" "$(echo "$row" | cut -d, -f8)" 20
check_eq "-k: one register program a call" "$(echo "$row" | cut -d, -f9)" 20
check_eq "-k: no fast-path hold (mediated)" "$(echo "$row" | cut -d, -f15)" 0
/lab/bin/opbench ops -n 1 -c /tmp/c.csv -k /tmp/k.csv getppid >/dev/null 2>&1
check_eq "-c and -k together: refused (status 2)" "$?" 2
ktap_finished
