#!/bin/sh
# test: init-block address rewritten: stopped and reinitialized
# where: guest
# timeout: 150
#
# get_regs returns with the init-block address (CSR1/2) zeroed, the
# chip suspended meanwhile: the kernel notices, stops the chip and
# reinitializes it; the next dump (a plain daemon) shows the programmed
# value again.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=repair/repair.sh
. "$(dirname "$0")/repair.sh"

ktap_plan 8
dma_rewritten iadr "$CSR_IADR_LO"
ktap_finished
