#!/bin/sh
# test: ring bases rewritten: stopped and reinitialized
# where: guest
# timeout: 150
#
# get_regs returns with the ring bases (CSR24/25, CSR30/31) zeroed,
# the chip suspended meanwhile: the kernel notices, stops the chip and
# reinitializes it; the next dump (a plain daemon) shows the programmed
# values again.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=repair/repair.sh
. "$(dirname "$0")/repair.sh"

ktap_plan 10
dma_rewritten rings "$CSR_BADR_LO" "$CSR_BADX_LO"
ktap_finished
