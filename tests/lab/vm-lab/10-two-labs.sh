#!/bin/sh
# test: a second lab runs beside the first
# where: host
# timeout: 330
#
# vm/lab run boots a second stock guest (named from the suite's lab:
# LAB_NAME-2) while the suite's lab is up: its guest has the stock driver
# and its own name, the first lab still answers as itself, and the
# second, its run over, left no namespace and no QEMU behind. It is
# taken down on every way out of this scenario too (own_lab).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/labtool.sh"

ktap_plan 6
second=$LAB_NAME-2
own_lab "$second"
vmlab 180 run --driver stock --name "$second" -- sh -c 'ethtool -i eth0 | head -1; cat /lab/config'
check_status "vm/lab run of a second lab (status 0)" 0
check_has "its guest has the stock driver" "$OUT" "driver: pcnet32"
check "its guest is the second lab (LAB_NAME=$second)" grep -qxF "LAB_NAME=$second" "$TMP/out"
vmlab 120 exec --name "$LAB_NAME" -- cat /lab/config
check_status "the first lab still answers (status 0)" 0
check "as itself (LAB_NAME=$LAB_NAME)" grep -qxF "LAB_NAME=$LAB_NAME" "$TMP/out"
check_eq "the second lab left nothing behind (namespace, QEMU)" "$(leftovers "$second")" 0
ktap_finished
