#!/bin/sh
# test: ssh login and exit
# where: host
# timeout: 120
#
# An ssh login from the host end of the link runs a command and exits.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=traffic/traffic.sh
. "$(dirname "$0")/traffic.sh"

ktap_plan 3
lab_is_up
on_host 120 "ssh -F \"\$LAB_SSH_CONFIG\" lab-guest 'echo logged-in; exit 0'"
check_eq "ssh from the host logs in and exits (status 0)" "$?" 0
check_has "the command ran in the guest" "$OUT" "logged-in"
ktap_finished
