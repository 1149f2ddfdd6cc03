#!/bin/sh
# test: a mutant of get_strings fires in the module, traced and armed through fault-arm
# where: host
# timeout: 240
#
# tests/lab/mutant.sh: the schemata's loop mutant of get_strings, armed
# with --times -1: ethtool -t's test name comes back empty, the kernel's
# log says the mutant fired, and all is as before once disarmed.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=mutant.sh
. "$(dirname "$0")/../mutant.sh"

mutant_scenario dmesg
