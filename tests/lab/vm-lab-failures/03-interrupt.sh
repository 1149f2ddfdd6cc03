#!/bin/sh
# test: Ctrl-C during run leaves nothing behind
# where: host
# timeout: 210
#
# SIGINT, as Ctrl-C sends it, to vm/lab run 25 s after its start (while
# it boots or while its guest command sleeps): the run ends with 130 and
# tears everything down, no namespace and no QEMU left. The lab (RUN-i)
# is taken down on every way out of this scenario too (own_lab).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/../vm-lab/labtool.sh"

ktap_plan 2
lab=$RUN-i
own_lab "$lab"
bounded 180 timeout --preserve-status -s INT 25 "$LAB" run --driver stock --name "$lab" -- sleep 120
check_status "SIGINT ended the run with 130" 130
check_eq "nothing left behind (namespace, QEMU)" "$(leftovers "$lab")" 0
ktap_finished
