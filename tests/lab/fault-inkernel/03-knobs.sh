#!/bin/sh
# test: debugfs knobs: busy while armed, ranges checked
# where: guest
# timeout: 30
#
# The module's debugfs knobs (/sys/kernel/debug/pcnet32-fault/) refuse
# while armed, and refuse nonsense (interval 0, probability 101, an op
# without a fault point, the read-only counter); arming checks the plan
# (armed 1 with no op is refused).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 3
# knob NAME VALUE: write VALUE to the knob (echo's status: 1 when refused)
knob() {
	echo "$2" >"/sys/kernel/debug/pcnet32-fault/$1"
}
{
	fault-arm get_link corrupt
	knob interval 5
	sts=$?
	fault-arm --off
	knob interval 0
	sts="$sts $?"
	knob probability 101
	sts="$sts $?"
	knob op self_test
	sts="$sts $?"
	knob armed 1
	sts="$sts $?"
	knob calls 5
	sts="$sts $?"
	show=$(fault-arm --show)
} 2>/tmp/fault-knobs.err
check_eq "six writes refused (status 1): interval while armed, interval 0, probability 101, op self_test, armed without an op, calls" "$sts" "1 1 1 1 1 1"
check_has "armed, the knobs are busy" "$(cat /tmp/fault-knobs.err)" "Device or resource busy"
check_has "and nothing got armed" "$show" " armed=0 op=none kind=none"
ktap_finished
