#!/bin/sh
# test: ethtool -d loop under iperf3 both ways for 60 s: no race
# where: host
# timeout: 300
#
# 60 s of iperf3 in both directions at once while the guest dumps the
# registers in a loop through the (mediated) daemon: its programs run
# under the register lock the fast path takes, so no dump is corrupted
# (the address PROM, chip id and BCRs never change), no transmit times
# out, the NIC never stops in either direction (a frame received and one
# sent at least every 10 s), and the fast path is never stopped (the kernel's fastpath_holds stays 0). CSR112, the
# missed frame count, is reported: the emulated chip misses frames
# whenever the guest stalls.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"

if [ "${1:-}" = guest ]; then
	key() {
		ethtool -d eth0 raw on | od -An -tx1 -v | tr -d ' \n' | cut -c1-32,385-392,401-544
	}
	# the longest time the NIC's counters did not move (ms): a NIC that
	# stops, whatever TCP above it does
	stats=/sys/class/net/eth0/statistics
	gap() { # counter-file last-value last-ms longest: "value ms longest"
		_v=$(cat "$stats/$1") _t=$(now_ms)
		if [ "$_v" != "$2" ]; then
			[ $((_t - $3)) -le "$4" ] || set -- "$1" "$2" "$3" $((_t - $3))
			echo "$_v $_t $4"
		else
			echo "$2 $3 $4"
		fi
	}
	h0=$(nic_debugfs fastpath_holds)
	ref=$(key)
	n=0 bad=0 end=$(($(now_ms) + 62000))
	rx="$(cat $stats/rx_packets) $(now_ms) 0"
	tx="$(cat $stats/tx_packets) $(now_ms) 0"
	while [ "$(now_ms)" -lt $end ]; do
		[ "$(key)" = "$ref" ] || bad=$((bad + 1))
		n=$((n + 1))
		# shellcheck disable=SC2086 # three words
		rx=$(gap rx_packets $rx)
		# shellcheck disable=SC2086
		tx=$(gap tx_packets $tx)
	done
	# the time since the last change counts too
	# shellcheck disable=SC2086
	set -- $rx
	rxgap=$(($(now_ms) - $2 > $3 ? $(now_ms) - $2 : $3))
	# shellcheck disable=SC2086
	set -- $tx
	txgap=$(($(now_ms) - $2 > $3 ? $(now_ms) - $2 : $3))
	echo "dumps=$n bad=$bad timeouts=$(dmesg | grep -c -E 'timed out|WATCHDOG')" \
		"missed=$(ethtool -d eth0 raw on | od -An -tu2 -v -j 196 -N 2 | tr -d ' ')" \
		"holds=$(($(nic_debugfs fastpath_holds) - h0)) rxgap=$rxgap txgap=$txgap"
	exit 0
fi
# shellcheck source=host.sh
. "$(dirname "$0")/../host.sh"

# Per second of iperf3 -J's intervals, the slowest entry (streams and
# sums) of one direction (sender true: host to guest, false: guest to
# host): "seconds longest-stall slowest-bps last-3-seconds-with-traffic"
seconds() { # json-file sender
	jq -r --argjson s "$2" '
		[.intervals[] | [(.streams[]?, .sum?, .sum_bidir_reverse?)
			| select(. != null and .sender == $s) | .bits_per_second] | min // 0] as $v
		| (reduce $v[] as $x ({run: 0, worst: 0};
			.run = (if $x > 0 then 0 else .run + 1 end) | .worst = ([.worst, .run] | max))) as $st
		| "\($v | length) \($st.worst) \($v | min // 0) \([$v[-3:][] | select(. > 0)] | length)"' "$1"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ktap_plan 15
(
	sleep 1
	host_iperf -t 60 --bidir >"$tmp/iperf.json"
) &
GUEST_TIMEOUT=150 guest_part >"$tmp/guest"
st=$?
wait
g=$(cat "$tmp/guest")
val() { printf '%s\n' "$g" | sed -n "s/.*$1=\([0-9-]*\).*/\1/p"; }
read -r ntx stx slowtx lasttx <<EOT
$(seconds "$tmp/iperf.json" true)
EOT
read -r nrx srx slowrx lastrx <<EOT
$(seconds "$tmp/iperf.json" false)
EOT
echo "# $(val dumps) dumps, $(val bad) bad, $(val timeouts) timeouts, $(val missed) frames missed (CSR112), $(val holds) fast-path holds;" \
	"longest without a frame received $(val rxgap) ms, sent $(val txgap) ms;" \
	"host->guest: slowest second $(awk -v b="$slowtx" 'BEGIN { printf "%.1f", b / 1e6 }') Mbit/s, longest stall $stx s;" \
	"guest->host: $(awk -v b="$slowrx" 'BEGIN { printf "%.1f", b / 1e6 }') Mbit/s, $srx s"
check_eq "the guest's dump loop ran" "$st" 0
check_range "at least 20 dumps" "$(val dumps)" 20 ""
check_eq "the fast path was never stopped" "$(val holds)" 0
check_eq "no dump was corrupted" "$(val bad)" 0
check_eq "no transmit timed out" "$(val timeouts)" 0
# traffic both ways for the whole minute
check_range "iperf3 reported 58 or more seconds host to guest" "$ntx" 58 ""
check_range "and guest to host" "$nrx" 58 ""
# A NIC that stops: 10 s or more without a frame received or sent (the
# guest's own counters, sampled after every dump), or no traffic in the
# last 3 s. TCP above it may stall longer: frames missed while the guest
# is saturated (CSR112 above) make its retransmission timer back off
# (0.2 s doubling: 12.6 s after 6 losses in a row, which happens with
# the NIC receiving all along), so a TCP stall only fails the test from
# 30 s on.
check_range "the NIC received a frame at least every 10 s" "$(val rxgap)" 0 10000
check_range "the NIC sent a frame at least every 10 s" "$(val txgap)" 0 10000
check_range "no TCP stall of 30 s host to guest" "$stx" 0 30
check_range "no TCP stall of 30 s guest to host" "$srx" 0 30
check_eq "traffic in the last 3 s host to guest" "$lasttx" 3
check_eq "traffic in the last 3 s guest to host" "$lastrx" 3
ping=$(host_ping 20 0.05)
check_has "the NIC works afterwards: 20 pings, none lost" "$ping" "20 packets transmitted, 20 received, 0% packet loss"
check "iperf3's report is JSON with intervals" quiet jq -e '.intervals | length > 0' "$tmp/iperf.json"
ktap_finished
