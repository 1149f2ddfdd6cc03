#!/bin/sh
# test: a second daemon is refused
# where: guest
# timeout: 30
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 3
err=$(/lab/driver/pcnet32d 2>&1 >/dev/null)
check_eq "a second pcnet32d exits with status 3" "$?" 3
check_has "and says why" "$err" "another daemon serves this NIC"
check "the first still serves (ethtool -g)" quiet ethtool -g eth0
ktap_finished
