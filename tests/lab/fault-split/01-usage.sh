#!/bin/sh
# test: fault-arm refuses bad usage, lists ops and kinds
# where: guest
# timeout: 30
#
# fault-arm refuses an unknown kind and a bad number with status 2 and one
# line on stderr each, and lists its 16 fault-pointed ops and its kinds.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

ktap_plan 5
fault-arm get_drvinfo bogus >/dev/null 2>/tmp/fault-usage.err
s1=$?
fault-arm get_drvinfo null --times x >/dev/null 2>>/tmp/fault-usage.err
s2=$?
ops=$(fault-arm --list-ops 2>>/tmp/fault-usage.err | wc -l)
kinds=$(fault-arm --list-kinds 2>>/tmp/fault-usage.err | tr '\n' ' ')
err=$(cat /tmp/fault-usage.err)
check_eq "an unknown kind and a bad --times both exit 2" "$s1 $s2" "2 2"
check_eq "each says why on one line of stderr (the listings say nothing there)" "$(($(wc -l </tmp/fault-usage.err)))" 2
check_has "the unknown kind is named" "$err" "unknown kind 'bogus'"
check_eq "--list-ops lists 16 ops" "$((ops))" 16
check_has "--list-kinds lists the kinds in order" "$kinds" "null wild abort loop sleep corrupt badlen stack scribble "
ktap_finished
