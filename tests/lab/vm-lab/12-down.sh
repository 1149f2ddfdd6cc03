#!/bin/sh
# test: down leaves nothing behind
# where: host
# timeout: 120
#
# vm/lab down of the suite's lab (frozen by 11 in a whole run): no namespace and no QEMU
# of it left, and exec then says there is no such lab (240). The runner's
# own down after the suite finds nothing to do.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/labtool.sh"

ktap_plan 4
vmlab 60 down --name "$LAB_NAME"
check_status "vm/lab down (status 0)" 0
check_eq "nothing left behind (namespace, QEMU)" "$(leftovers "$LAB_NAME")" 0
vmlab 30 exec --name "$LAB_NAME" -- true
check_status "exec then is refused (240)" 240
check_has "as no such lab" "$ERR" "no lab named"
ktap_finished
