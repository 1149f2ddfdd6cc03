#!/bin/sh
# test: ring resize under traffic; a failed one changes nothing
# where: host
# timeout: 300
#
# Under a ping flood from the host, the rings grow and shrink back; then a
# resize whose allocation fails (debugfs fail_ring_alloc, 2: a second
# attempt, were there one, fails too) is refused, keeps the rings as they
# were, tries one allocation only and leaves the device up and serving
# (closing it there, under the RTNL with NAPI already disabled, would
# hang: pcnet32/ethtool.c).
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

if [ "${1:-}" = guest ]; then
	for _ in 1 2 3; do
		ethtool -G eth0 rx 128 tx 64 && ethtool -G eth0 rx 32 tx 16 || echo BAD
	done
	k=$(echo /sys/kernel/debug/pcnet32-0*/fail_ring_alloc)
	echo 2 >"$k"
	ethtool -G eth0 rx 256 tx 32
	echo "st=$?"
	echo "left=$(cat "$k")"
	echo 0 >"$k"
	ethtool -g eth0 | grep -A1 "^Current"
	echo "up=$(ip link show eth0 | grep -c "state UP")"
	exit 0
fi
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ktap_plan 9
# shellcheck disable=SC2016 # expanded on the host end
host_sh 'ping -c 400 -i 0.01 -W 1 "$GUEST"' >"$tmp/ping" 2>"$tmp/ping.err" &
out=$(GUEST_TIMEOUT=120 guest_part 2>"$tmp/err")
gst=$?
wait
ping=$(tail -n 2 "$tmp/ping")
err=$(cat "$tmp/err")
# what the guest printed and the flood's summary
all="$out
$ping"
st=$(printf '%s\n' "$out" | sed -n 's/^st=//p')
echo "# guest side's status $gst, $(printf '%s\n' "$out" | grep '^up=') (state UP lines)"
check_hasnt "the rings grew and shrank back 3 times" "$all" "BAD"
check_has "the failing resize returned" "$all" "st="
check "the failing resize failed" [ "$st" != 0 ]
check_has "with ENOMEM" "$err" "Cannot allocate memory"
check_eq "it tried one allocation only (fail_ring_alloc left at 1)" "$(printf '%s\n' "$out" | sed -n 's/^left=//p')" 1
check_has "the rings are as they were (RX 32)" "$all" "Current hardware settings:
RX:${TAB}${TAB}32
"
check_has "the flood's 400 pings were sent" "$all" "400 packets transmitted"
check_hasnt "and some answered" "$all" " 0 received"
check_has "the NIC serves afterwards: 10 pings, none lost" "$(host_ping 10 0.05)" "10 packets transmitted, 10 received, 0% packet loss"
ktap_finished
