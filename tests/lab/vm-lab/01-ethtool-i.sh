#!/bin/sh
# test: stock ethtool -i says driver: pcnet32
# where: host
# timeout: 150
#
# ethtool -i in the suite's guest: the stock driver is bound to eth0.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/labtool.sh"

ktap_plan 2
vmlab 120 exec --name "$LAB_NAME" -- ethtool -i eth0
check_status "ethtool -i eth0 in the guest (status 0)" 0
check "it says driver: pcnet32 (a whole line)" grep -qxF "driver: pcnet32" "$TMP/out"
ktap_finished
