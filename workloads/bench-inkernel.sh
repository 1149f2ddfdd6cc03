#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark: the stock pcnet32.ko against our driver's inkernel build.
# Drivers are interleaved (stock, inkernel, stock, inkernel, ...) and every
# round boots a fresh guest. Per round: iperf3 from the host to the guest
# and back (-R), from `iperf3 -J`, and the RTT of pings from the host.
# Prints medians with their spread (min-max) and the ratios inkernel/stock;
# says whether the target (throughput ratio >= 1.0 both ways) is met. Never
# fails on speed: the exit status is non-zero only when a run breaks.
#
# Env: ROUNDS (3), SECONDS_PER_RUN (5, iperf3 -t), PINGS (50),
#      OUT (build/bench-inkernel: raw samples, samples.csv)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
lab=$root/vm/lab
rounds=${ROUNDS:-3}
secs=${SECONDS_PER_RUN:-5}
pings=${PINGS:-50}
out=${OUT:-$root/build/bench-inkernel}
name=bench-ink-$$

cleanup() { "$lab" down --name "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$out"
csv=$out/samples.csv
echo "round,driver,metric,value" >"$csv"

# received bits/s of an iperf3 -J report (end.sum_received; nothing when
# the run failed)
iperf_bps() {
	jq -r '.end.sum_received.bits_per_second // empty' "$1"
}

# median RTT (ms) of a ping output
ping_median() {
	sed -n 's/.*time=\([0-9.]*\) ms.*/\1/p' "$1" | sort -n |
		awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; m = int((NR + 1) / 2);
			if (NR % 2) print v[m]; else printf "%.3f\n", (v[m] + v[m + 1]) / 2 }'
}

one_run() { # round driver
	local r=$1 d=$2 f bps
	cleanup
	"$lab" up --driver "$d" --name "$name" >/dev/null
	"$lab" host --name "$name" -- sh -c "ping -c 3 -W 3 \"\$GUEST\"" >/dev/null
	f=$out/r$r-$d
	"$lab" host --name "$name" -- sh -c \
		"iperf3 -J -t $secs -c \"\$GUEST\"" >"$f.rx.json"
	"$lab" host --name "$name" -- sh -c \
		"iperf3 -J -t $secs -R -c \"\$GUEST\"" >"$f.tx.json"
	"$lab" host --name "$name" -- sh -c \
		"ping -c $pings -i 0.05 -W 3 \"\$GUEST\"" >"$f.ping.txt"
	cleanup
	bps=$(iperf_bps "$f.rx.json")
	echo "$r,$d,host_to_guest_bps,$bps" >>"$csv"
	bps=$(iperf_bps "$f.tx.json")
	echo "$r,$d,guest_to_host_bps,$bps" >>"$csv"
	echo "$r,$d,ping_rtt_ms,$(ping_median "$f.ping.txt")" >>"$csv"
	printf 'round %s %-8s host->guest %6.2f Mbit/s  guest->host %6.2f Mbit/s  rtt %s ms\n' \
		"$r" "$d" "$(awk -v b="$(iperf_bps "$f.rx.json")" 'BEGIN { print b / 1e6 }')" \
		"$(awk -v b="$bps" 'BEGIN { print b / 1e6 }')" "$(ping_median "$f.ping.txt")"
}

echo "bench-inkernel: $rounds rounds (stock, inkernel interleaved), iperf3 -t $secs, $pings pings"
for r in $(seq "$rounds"); do
	one_run "$r" stock
	one_run "$r" inkernel
done

# median and spread of a metric for a driver: "median min max"
stat() { # driver metric
	awk -F, -v d="$1" -v m="$2" '$2 == d && $3 == m { print $4 }' "$csv" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan nan nan"; exit }
			k = int((NR + 1) / 2); med = (NR % 2) ? v[k] : (v[k] + v[k + 1]) / 2;
			print med, v[1], v[NR] }'
}

echo
printf '%-22s %-30s %-30s %s\n' metric "stock median [min-max]" "inkernel median [min-max]" "inkernel/stock"
met=1
for m in host_to_guest_bps guest_to_host_bps ping_rtt_ms; do
	read -r sm smin smax <<<"$(stat stock "$m")"
	read -r im imin imax <<<"$(stat inkernel "$m")"
	ratio=$(awk -v a="$im" -v b="$sm" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "nan" }')
	if [ "$m" = ping_rtt_ms ]; then
		label="ping RTT ms"
		fmt() { awk -v v="$1" 'BEGIN { printf "%.3f", v }'; }
		note="(lower is better)"
	else
		label=${m%_bps}
		label="${label//_/ } Mbit/s"
		fmt() { awk -v v="$1" 'BEGIN { printf "%.2f", v / 1e6 }'; }
		note=""
		awk -v r="$ratio" 'BEGIN { exit !(r + 0 >= 1.0) }' || met=0
	fi
	printf '%-22s %-30s %-30s %s %s\n' "$label" \
		"$(fmt "$sm") [$(fmt "$smin")-$(fmt "$smax")]" \
		"$(fmt "$im") [$(fmt "$imin")-$(fmt "$imax")]" "$ratio" "$note"
done
echo
if [ "$met" = 1 ]; then
	echo "target (throughput inkernel/stock >= 1.0 both ways): met"
else
	echo "target (throughput inkernel/stock >= 1.0 both ways): not met"
fi
echo "raw samples: $csv"
