#!/bin/sh
# test: chip left in 32-bit I/O: reset, traffic within 1 s
# where: guest
# timeout: 90
#
# nway_reset returns with the chip in double-word I/O mode: every
# word access of the kernel's fast path would be ignored. The check after
# the op resets the chip and reinitializes it; the host answers within
# 1 s.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=repair/repair.sh
. "$(dirname "$0")/repair.sh"

nway_reset() {
	ethtool -r eth0 2>/dev/null
}

ktap_plan 5
leave_chip nway_reset dwio nway_reset
check_repaired dwio
ktap_finished
