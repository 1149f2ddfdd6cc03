#!/bin/sh
# test: rmmod/insmod 20 times under ping
# where: host
# timeout: 400
#
# The driver is unloaded, loaded and its interface brought up 20 times
# while the host pings: no oops, no WARN (the lab would say 242), the
# interface works afterwards and nothing bad is in the kernel's log
# either.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

if [ "${1:-}" = guest ]; then
	i=0
	while [ $i -lt 20 ]; do
		{ rmmod pcnet32 && /lab/driver/load && lab-ifup; } || exit 1
		i=$((i + 1))
	done
	exit 0
fi
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=traffic/traffic.sh
. "$(dirname "$0")/traffic.sh"

ktap_plan 5
lab_is_up
ping_behind 120
in_guest_part 400
check_eq "20 rounds of rmmod, load and lab-ifup under ping (status 0)" "$?" 0
working
# nothing bad in the log either
in_guest 30 sh -c "! dmesg | grep -E 'WARNING:|BUG:|Oops|general protection|nobody cared'"
check_eq "no WARNING, BUG, Oops, general protection or nobody cared in dmesg (status 0)" "$?" 0
ktap_finished
