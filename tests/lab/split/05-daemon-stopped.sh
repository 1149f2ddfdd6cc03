#!/bin/sh
# test: daemon stopped: error within the deadline, pings unharmed
# where: host
# timeout: 120
#
# No daemon: slow-path ops fail at once (no one to wait for) while the fast
# path keeps serving 100 pings from the host side.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

if [ "${1:-}" = guest ]; then
	# three ops that need the daemon, timed; then get_drvinfo
	t0=$(now_ms)
	ethtool -r eth0
	a=$?
	ethtool -p eth0 1
	b=$?
	ethtool -G eth0 rx 64 tx 64
	c=$?
	t1=$(now_ms)
	echo "status=$a,$b,$c ms=$((t1 - t0))"
	ethtool -i eth0
	exit 0
fi
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ktap_plan 9
check "the daemon stops" quiet guest sh -c '/lab/driver/daemon-stop && ! pidof pcnet32d'
host_ping 100 0.05 >"$tmp/ping" 2>&1 &
out=$(guest_part 2>"$tmp/err")
wait
err=$(cat "$tmp/err")
check_has "ethtool -r fails (status 255)" "$out" "status=255,"
check_hasnt "ethtool -p fails" "$out" ",0,"
check_hasnt "ethtool -G fails" "$out" ",0 "
check_count "two of them say the daemon is not there" "$err" "Transport endpoint is not connected" 2
check_has "get_drvinfo cannot fail towards ethtool: it says what it lacks" "$out" "driver: pcnet32
version: unavailable
"
ms=$(printf '%s\n' "$out" | sed -n 's/.* ms=\([0-9]*\).*/\1/p')
echo "# 3 errors after $ms ms"
check_range "the three errors within 2 s" "$ms" 0 2000
check_has "100 pings from the host, none lost" "$(cat "$tmp/ping")" "100 packets transmitted, 100 received, 0% packet loss"
check_eq "a new daemon serves" "$(guest sh -c '/lab/driver/daemon-start && ethtool -i eth0 | head -n 1')" "driver: pcnet32"
ktap_finished
