#!/bin/sh
# test: a guest that stops answering is reported hung
# where: host
# timeout: 90
#
# A real-time spinner at the highest priority, with the real-time
# throttle off, starves every task of the 1-CPU guest, its agent too: the
# guest stops answering. vm/lab exec --timeout 6 reports it hung (243, one
# line naming the console log) within 11 s: the deadline, 3 s of asking
# whether the guest lives, 2 s to spare. The guest stays frozen: the
# only scenario after this one is 12, which takes the lab down.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/labtool.sh"

ktap_plan 5
vmlab 60 exec --name "$LAB_NAME" --timeout 6 -- sh -c 'echo -1 > /proc/sys/kernel/sched_rt_runtime_us; chrt -f 99 sh -c "while :; do :; done"'
check_status "reported hung (243)" 243
check "on one line" one_line "$TMP/err"
check_has "that says the guest hung" "$ERR" "guest hung"
check_has "and names the console log (an absolute path)" "$ERR" "console log: /"
check_range "within 11 s (6 s deadline, 3 s asking, 2 s to spare)" "$MS" "" 11000
echo "# reported after $(seconds "$MS") s"
ktap_finished
