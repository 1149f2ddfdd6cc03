#!/bin/sh
# test: a missing guest command is reported
# where: host
# timeout: 150
#
# A guest command that does not exist: vm/lab exec says so on one line
# and answers 127, as a shell would.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/labtool.sh"

ktap_plan 3
vmlab 120 exec --name "$LAB_NAME" -- no-such-command-here
check_status "status 127 (not found)" 127
check "the error is one line" one_line "$TMP/err"
check_has "it names the command" "$ERR" "not found: no-such-command-here"
ktap_finished
