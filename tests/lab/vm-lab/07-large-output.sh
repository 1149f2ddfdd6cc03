#!/bin/sh
# test: 4 MiB of output comes back whole
# where: host
# timeout: 210
#
# 4 MiB of output through the control channel, byte-exact (checked by
# length and by the count of its one byte value).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/labtool.sh"

ktap_plan 3
vmlab 180 exec --name "$LAB_NAME" -- sh -c 'head -c 4194304 /dev/zero | tr "\0" x'
check_status "4 MiB of x from the guest (status 0)" 0
check_eq "4194304 bytes came back" "$(wc -c <"$TMP/out" | tr -d ' ')" 4194304
check_eq "every one of them an x" "$(tr -cd x <"$TMP/out" | wc -c | tr -d ' ')" 4194304
ktap_finished
