#!/bin/sh
# test: a non-root user cannot open the node
# where: guest
# timeout: 30
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 3
check_has "the node is root's alone (crw-------)" "$(ls -l /dev/pcnet32-upcall0)" "crw-------"
err=$(su -s /bin/sh nobody -c 'exec 3<>/dev/pcnet32-upcall0' 2>&1)
check_eq "nobody's open fails (status 1)" "$?" 1
check_has "with Permission denied" "$err" "Permission denied"
ktap_finished
