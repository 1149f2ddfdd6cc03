#!/bin/sh
# test: the split build ran the script without oops/WARN
# where: host
# timeout: 2400
#
# The inkernel build and the split build (its daemon mediated) each
# booted once this run (parity.sh; the inkernel output is shared with the
# other parity suites) and ran driver-inkernel/pcnet32-parity; the split
# build with status 0 (no oops, no WARN: the lab's 242), through to the
# script's last section. 2400 s: both drivers' boots and runs when this
# scenario runs alone.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=parity.sh
. "$(dirname "$0")/../parity.sh"

ktap_plan 3
parity_need inkernel split
parity_problems inkernel split
if ! parity_ran inkernel || ! parity_ran split; then
	ktap_fail "both drivers ran the script (inkernel, split)" "$(parity_not_ran inkernel split)"
	ktap_skip "split: status 0, no oops or WARN" "not run"
	ktap_skip "split ran the script through (=== end)" "not run"
	ktap_finished
fi
ktap_pass "both drivers ran the script (inkernel, split)"
check_eq "split: status 0, no oops or WARN" "$(parity_status split)" 0
check "split ran the script through (=== end)" parity_ended split
ktap_finished
