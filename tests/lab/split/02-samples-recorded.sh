#!/bin/sh
# test: phase timings are recorded per upcall
# where: guest
# timeout: 60
#
# Each answered upcall leaves one row of phase timings in debugfs.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 4
upcall_reset
ethtool -i eth0 >/dev/null
ethtool -d eth0 >/dev/null
out=$(cat "$UPCALL_SAMPLES")
check_eq "the samples file reads" "$?" 0
check_has "the rows' header" "$out" "op,status,wait_ns,copy_ns,proc_ns,reply_ns,user_ns,total_ns
"
check_has "a row of get_drvinfo (op 1)" "$out" "
1,0,"
check_has "a row of get_regs (op 3)" "$out" "
3,0,"
ktap_finished
