#!/bin/sh
# test: restore without a snapshot is refused, and so is a snapshot of a lab not up or paused
# where: host
# timeout: 480
#
# vm/lab restore of a lab that was never up, and of a stock lab up
# without a snapshot, answers 240 with one line saying there is no
# snapshot, and leaves the guest that is up untouched (it answers, the
# same boot). vm/lab snapshot of a lab not up answers 240 (no such lab),
# of a paused one 240 with a line naming vm/lab resume. A snapshot of the
# running lab then succeeds with one line saying how long it took, list
# shows the lab with it, and down removes it: restore is refused again,
# nothing left behind. The lab (RUN-n) is taken down on every way out
# (own_lab).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/../vm-lab/labtool.sh"

ktap_plan 19
lab=$RUN-n
own_lab "$lab"
vmlab 30 restore --name "$lab"
check_status "restore of a lab never up is refused (240)" 240
check "on one line" one_line "$TMP/err"
check_has "that says it has no snapshot" "$ERR" "has no snapshot"
vmlab 30 snapshot --name "$lab"
check_status "snapshot of a lab not up is refused (240)" 240
check_has "as no such lab" "$ERR" "no lab named"
vmlab 240 up --driver stock --name "$lab"
check_status "vm/lab up of a stock lab (status 0)" 0
vmlab 60 exec --name "$lab" -- cat /proc/sys/kernel/random/boot_id
boot=$OUT
vmlab 30 restore --name "$lab"
check_status "restore of a lab up without a snapshot is refused (240)" 240
check_has "that says it has no snapshot" "$ERR" "has no snapshot"
vmlab 60 exec --name "$lab" -- cat /proc/sys/kernel/random/boot_id
check_eq "its guest is untouched: it answers, the same boot" "$ST $OUT" "0 $boot"
PAUSED_LAB=$lab
vmlab 30 pause --name "$lab"
vmlab 30 snapshot --name "$lab"
check_status "snapshot of a paused lab is refused (240)" 240
check_has "with a line naming vm/lab resume" "$ERR" "is paused (vm/lab resume"
vmlab 30 resume --name "$lab"
[ "$ST" != 0 ] || PAUSED_LAB=""
vmlab 180 snapshot --name "$lab"
check_status "snapshot of the running lab (status 0)" 0
check "its report is one line" one_line "$TMP/err"
check_has "that says how long it took" "$ERR" "saved in "
echo "# $ERR"
vmlab 30 list
check "list shows the lab with its snapshot" grep -qxF "$lab stock snapshot" "$TMP/out"
vmlab 60 down --name "$lab"
check_status "down (status 0)" 0
check "down removed the snapshot" test ! -e "$LAB_STATE/$lab/snapshot"
vmlab 30 restore --name "$lab"
check_status "restore after down is refused (240)" 240
check_eq "nothing left behind (namespace, QEMU)" "$(leftovers "$lab")" 0
ktap_finished
