#!/bin/sh
# test: 100 pings from the host side, 0% loss
# where: host
# timeout: 150
#
# 100 pings at 20 ms from the host end of the lab's link (vm/lab host):
# every one answered.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/labtool.sh"

ktap_plan 2
# shellcheck disable=SC2016 # $GUEST is the host end's
vmlab 120 host --name "$LAB_NAME" -- sh -c 'ping -c 100 -i 0.02 -W 2 "$GUEST"'
check_status "100 pings from the host end (status 0)" 0
check_has "100 sent, 100 received, none lost" "$OUT" "100 packets transmitted, 100 received, 0% packet loss"
ktap_finished
