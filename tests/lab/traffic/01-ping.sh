#!/bin/sh
# test: 100 pings from the host, no loss
# where: host
# timeout: 120
#
# 100 pings from the host end of the link at 50 ms: every one answered.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=traffic/traffic.sh
. "$(dirname "$0")/traffic.sh"

ktap_plan 4
lab_is_up
on_host 120 "ping -q -c 100 -i 0.05 -W 3 \"\$GUEST\""
check_eq "100 pings from the host (status 0)" "$?" 0
check_has "100 sent, 100 received" "$OUT" "100 packets transmitted, 100 received"
check_has "none lost" "$OUT" " 0% packet loss"
ktap_finished
