#!/bin/sh
# test: a tainted kernel (WARN) is reported
# where: host
# timeout: 210
#
# The kernel adds the taint bits written to /proc/sys/kernel/tainted; 512
# is TAINT_WARN, the bit a real WARN sets. vm/lab run of a stock guest
# that sets it: the command's output comes back, and the run answers 242
# with one line that gives the taint, and leaves nothing behind. The lab
# (RUN-o) is taken down on every way out too (own_lab).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/../vm-lab/labtool.sh"

ktap_plan 5
lab=$RUN-o
own_lab "$lab"
vmlab 180 run --driver stock --name "$lab" --timeout 60 -- sh -c 'echo 512 > /proc/sys/kernel/tainted; echo done'
check_status "reported as an oops or WARN (242)" 242
check_has "the command's output came back" "$OUT" "done"
check "the report is one line" one_line "$TMP/err"
check_has "that gives the taint" "$ERR" "kernel oops/WARN (taint 0x200)"
check_eq "nothing left behind (namespace, QEMU)" "$(leftovers "$lab")" 0
ktap_finished
