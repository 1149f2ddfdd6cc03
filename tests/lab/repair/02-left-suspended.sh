#!/bin/sh
# test: chip left suspended: repaired, traffic within 1 s
# where: guest
# timeout: 90
#
# get_regs returns with the chip suspended (CSR5 SPND): the kernel's
# check after the op finds it, stops the chip and reinitializes it; the
# host answers within 1 s.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=repair/repair.sh
. "$(dirname "$0")/repair.sh"

ktap_plan 6
leave_chip get_regs suspend quiet_dump
check_eq "the dump itself succeeds" "$LC_ST" 0
check_repaired suspend
ktap_finished
