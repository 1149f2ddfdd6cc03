#!/bin/sh
# test: ethtool -d and rx-mode changes under ping
# where: host
# timeout: 120
#
# Register dumps and rx-mode changes stop the chip for a moment; frames
# arriving meanwhile must still get through and reception must go on.
# The host pings for 15 s at 50 ms while the guest dumps the registers
# and turns promiscuous and all-multicast mode on and off 10 times: at
# most 5% of the pings lost (the integer part of ping's figure), and the
# interface works afterwards.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

if [ "${1:-}" = guest ]; then
	i=0
	while [ $i -lt 10 ]; do
		{ ethtool -d eth0 >/dev/null && ip link set eth0 promisc on &&
			ip link set eth0 promisc off && ifconfig eth0 allmulti &&
			ifconfig eth0 -allmulti; } || exit 1
		i=$((i + 1))
		# part of the scenario: the rounds spread out under the ping
		sleep 0.2
	done
	exit 0
fi
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=traffic/traffic.sh
. "$(dirname "$0")/traffic.sh"

ktap_plan 6
lab_is_up
p=$TMP/ping.txt
on_host 30 "ping -i 0.05 -w 15 -W 2 \"\$GUEST\" >'$p' 2>&1 </dev/null &" || :
in_guest_part 120
check_eq "10 rounds of ethtool -d, promisc on/off, allmulti on/off (status 0)" "$?" 0
# the ping's summary, at the end of its 15 s
slowwait 40 grep -q 'packet loss' "$p" || :
out=$(cat "$p" 2>/dev/null)
check_has "the ping ended with its summary" "$out" "% packet loss"
# the figure before "% packet loss", its integer part
loss=$(printf '%s\n' "$out" | sed -n 's/.* \([^ ]*\)% packet loss.*/\1/p' | head -n 1)
if [ -n "$loss" ]; then
	loss=$(awk -v v="$loss" 'BEGIN { printf "%d", v + 0 }')
	check_range "at most 5% of the pings lost" "$loss" "" 6
	[ "$loss" -le 5 ] || echo "# traffic: $(printf '%s' "$out" | head -c 300 | tr '\n' ' ')"
else
	ktap_skip "at most 5% of the pings lost" "no loss figure to read"
fi
working
ktap_finished
