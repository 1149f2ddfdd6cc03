#!/bin/sh
# test: rx-mode change during a hold is applied on release
# where: guest
# timeout: 60
#
# Promiscuous mode switched on while a dump holds the fast path (the daemon
# takes 1.5 s: a sleep fault in get_regs): the core skips the rx-mode
# change while the device is detached, the release applies it (CSR15 PROM is set afterwards).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=repair/repair.sh
. "$(dirname "$0")/repair.sh"

prom_clear() {
	[ "$1" -ge 0 ] 2>/dev/null && [ $(($1 & MODE_PROM)) -eq 0 ]
}

prom_set() {
	[ "$1" -ge 0 ] 2>/dev/null && [ $(($1 & MODE_PROM)) -ne 0 ]
}

ktap_plan 3
before=$(dump_words)
if direct_restart && hold_op get_regs 1500; then
	ethtool -d eth0 >/dev/null &
	# part of the scenario: the switch comes 0.5 s into the 1.5-s hold
	sleep 0.5
	ip link set eth0 promisc on
	wait
fi
after=
hold_off && direct_restart && after=$(dump_words)
ip link set eth0 promisc off
st=$?
b=$(dump_csr "$before" "$CSR_MODE")
a=$(dump_csr "$after" "$CSR_MODE")
echo "# CSR15 $(printf '%04x' "$b"), after the hold $(printf '%04x' "$a")"
check_eq "promiscuous mode is switched off at the end" "$st" 0
check "CSR15 PROM is clear before" prom_clear "$b"
check "CSR15 PROM is set after the hold" prom_set "$a"
ktap_finished
