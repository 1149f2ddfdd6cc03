#!/bin/sh
# test: exceptions file: entries with reasons
# where: host
# timeout: 60
#
# tests/parity-exceptions.txt, as parity.sh reads it: every entry well
# formed ("line PREFIX" or "reg CSRn|BCRn") with its reason, at least one
# of each kind, and the masking works: CSR0 (status bits) is masked, CSR15
# (mode) and BCR2 are not. No guest.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=parity.sh
. "$(dirname "$0")/../parity.sh"

ktap_plan 4
exc=$(parity_exceptions)
value() { printf '%s\n' "$exc" | sed -n "s/^$1 //p"; }
check_eq "every entry is well formed, with its reason" "$(value ok)" 1
check_range "at least one line entry" "$(value lines)" 1 ""
check_range "at least one register entry" "$(value regs)" 1 ""
check_eq "CSR0 masked, CSR15 and BCR2 not (1 0 0)" \
	"$(value csr0) $(value csr15) $(value bcr2)" "1 0 0"
ktap_finished
