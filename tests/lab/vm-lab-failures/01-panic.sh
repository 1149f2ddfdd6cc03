#!/bin/sh
# test: echo c > /proc/sysrq-trigger is reported as a panic
# where: host
# timeout: 210
#
# vm/lab run of a stock guest that crashes its kernel (sysrq c): the run
# answers 241 with one line that says kernel panic and names the console
# log, which holds the crash, and leaves no namespace and no QEMU behind.
# The lab (RUN-p) is taken down on every way out too (own_lab).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/../vm-lab/labtool.sh"

ktap_plan 6
lab=$RUN-p
own_lab "$lab"
vmlab 180 run --driver stock --name "$lab" --timeout 60 -- sh -c 'echo c > /proc/sysrq-trigger'
check_status "reported as a kernel panic (241)" 241
check "on one line" one_line "$TMP/err"
check_has "that says kernel panic" "$ERR" "kernel panic"
check_has "and names the console log" "$ERR" "console log: "
log=$(printf '%s\n' "$ERR" | sed -n 's/.*console log: \([^ ]*\).*/\1/p' | head -n 1)
check "the log it names ($log) holds the crash (sysrq triggered crash)" \
	quiet grep -q 'sysrq triggered crash' "${log:-/nonexistent}"
check_eq "nothing left behind (namespace, QEMU)" "$(leftovers "$lab")" 0
ktap_finished
