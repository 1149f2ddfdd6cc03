#!/bin/sh
# test: unload and load 5 times under ping
# where: host
# timeout: 240
#
# Unload (daemon first: its open node pins the module) and load the split
# build 5 times while the host pings: no oops, no WARN (the lab would say
# 242), the daemon serves again each time.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

if [ "${1:-}" = guest ]; then
	n=0
	for _ in 1 2 3 4 5; do
		/lab/driver/unload && /lab/driver/load && lab-ifup &&
			ethtool -i eth0 | grep -q "version: 1.0-ours" && n=$((n + 1))
	done
	echo "cycles=$n"
	exit 0
fi
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ktap_plan 4
host_ping 150 0.1 1 >"$tmp/ping" 2>&1 &
out=$(GUEST_TIMEOUT=120 guest_part)
st=$?
wait
ping=$(tail -n 2 "$tmp/ping")
check_has "5 cycles, the daemon serving after each" "$out" "cycles=5"
check_eq "no oops, no WARN (the lab's status)" "$st" 0
# the interface works afterwards: the last pings got through
check_has "150 pings sent" "$ping" "150 packets transmitted"
check_hasnt "and some received" "$ping" " 0 received"
ktap_finished
