#!/bin/sh
# test: 32-bit I/O after an op off the ports: the irq handler resets it
# where: guest
# timeout: 90
#
# The daemon switches the chip to double-word I/O after get_drvinfo (the
# fault leave-dwio), an op off the ports, which no chip check follows. The
# chip's next interrupt cannot be read in word I/O: the interrupt handler
# looks again, resets the chip and has it reinitialized (and says so),
# instead of leaving the interrupts unclaimed until the kernel disables the
# line for good ("nobody cared": no traffic until a reboot).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=repair/repair.sh
. "$(dirname "$0")/repair.sh"

DWIO_MSG='chip found in double-word I/O mode'

ktap_plan 4
# the handler's messages of this scenario only (the kernel's log keeps
# those of the scenarios before)
resets0=$(dmesg | grep -c "$DWIO_MSG")
direct_restart && fault-arm get_drvinfo leave-dwio --times -1 >/dev/null &&
	ethtool -i eth0 >/dev/null
ping_back
received=$(ping -c 20 -i 0.05 -W 1 "$HOST_END" | grep -o '[0-9]* packets received')
nobody=$(dmesg | grep -c 'nobody cared')
resets=$(($(dmesg | grep -c "$DWIO_MSG") - resets0))
fault-arm --off >/dev/null
direct_restart
echo "# traffic again after $FLOW ms"
check_range "traffic again within 2 s" "$FLOW" 0 2000
check_eq "then 20 pings, all answered" "$received" "20 packets received"
check_eq "no interrupt line disabled (no 'nobody cared')" "$nobody" 0
check_range "the interrupt handler reset the chip (and said so)" "$resets" 1 ""
ktap_finished
