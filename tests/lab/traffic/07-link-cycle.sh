#!/bin/sh
# test: ip link down/up 50 times under ping
# where: host
# timeout: 300
#
# The interface goes down and up 50 times while the host pings the guest
# and the guest pings the host: no oops, no WARN (the lab would say 242),
# and the interface works afterwards.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

if [ "${1:-}" = guest ]; then
	# shellcheck source=/dev/null
	. /lab/config
	ping -q -i 0.1 -w 60 "$LAB_HOST_IP" >/dev/null 2>&1 &
	p=$!
	i=0
	while [ $i -lt 50 ]; do
		{ ip link set eth0 down && ip link set eth0 up; } || exit 1
		i=$((i + 1))
	done
	kill $p
	lab-ifup
	exit
fi
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=traffic/traffic.sh
. "$(dirname "$0")/traffic.sh"

ktap_plan 4
lab_is_up
ping_behind 60
in_guest_part 300
check_eq "50 rounds of ip link down and up under ping, then lab-ifup (status 0)" "$?" 0
working
ktap_finished
