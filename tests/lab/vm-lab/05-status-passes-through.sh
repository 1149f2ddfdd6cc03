#!/bin/sh
# test: exit status, stdout and stderr come back exactly
# where: host
# timeout: 150
#
# A guest command's exit status, its output and its errors come back
# through vm/lab exec exactly, each on its own stream.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=vm-lab/labtool.sh
. "$(dirname "$0")/labtool.sh"

ktap_plan 3
vmlab 120 exec --name "$LAB_NAME" -- sh -c 'echo out; echo err >&2; exit 42'
check_status "the guest command's status passes through (42)" 42
check "stdout is exactly out and a newline" is_text "$TMP/out" out
check "stderr is exactly err and a newline" is_text "$TMP/err" err
ktap_finished
