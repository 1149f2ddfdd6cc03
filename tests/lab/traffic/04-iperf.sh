#!/bin/sh
# test: iperf3 both ways
# where: host
# timeout: 120
#
# 3 s of iperf3 from the host to the guest's server, then 3 s the other
# way (-R): each run ends without an error and its receiver got bits.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"
# shellcheck source=traffic/traffic.sh
. "$(dirname "$0")/traffic.sh"

# received bits per second of an iperf3 -J report (its end's
# sum_received), 0 if absent or if the report has an error anywhere
bps() {
	printf '%s\n' "$OUT" | jq -r '
		if ([.. | objects | select(has("error"))] | length) > 0 then 0
		else .end.sum_received.bits_per_second // 0 end'
}

# more_than_zero NUMBER (a floating-point one: bits per second)
more_than_zero() {
	awk -v v="$1" 'BEGIN { exit !(v + 0 > 0) }'
}

ktap_plan 5
lab_is_up
on_host 120 "iperf3 -J -t 3 -c \"\$GUEST\""
check_eq "iperf3 host to guest (status 0)" "$?" 0
b=$(bps)
echo "# host to guest: $(awk -v b="$b" 'BEGIN { printf "%.1f", b / 1e6 }') Mbit/s received"
check "the guest received bits (bits_per_second > 0)" more_than_zero "$b"
on_host 120 "iperf3 -J -t 3 -R -c \"\$GUEST\""
check_eq "iperf3 guest to host (-R, status 0)" "$?" 0
b=$(bps)
echo "# guest to host: $(awk -v b="$b" 'BEGIN { printf "%.1f", b / 1e6 }') Mbit/s received"
check "the host received bits (bits_per_second > 0)" more_than_zero "$b"
ktap_finished
