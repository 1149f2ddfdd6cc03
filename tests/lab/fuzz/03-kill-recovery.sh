#!/bin/sh
# test: kill -9 x10: a ready daemon is back at once (< 2 s each)
# where: guest
# timeout: 120
#
# kill -9 the daemon 10 times in a row; each time, until ethtool -i shows
# the real version again from a new daemon. A daemon that was ready is
# restarted at once (no backoff), and the log says so.
# shellcheck source=lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=fuzz/fuzz.sh
. "$(dirname "$0")/fuzz.sh"

kills() {
	: >"$DAEMON_LOG"
	for i in 1 2 3 4 5 6 7 8 9 10; do
		old=$(pidof pcnet32d)
		t0=$(now_ms)
		# shellcheck disable=SC2086 # every pid pidof gave
		kill -9 $old
		# polled every 10 ms (at most 500 times): the time is the result
		n=0
		until [ "$(pidof pcnet32d)" != "$old" ] &&
			ethtool -i eth0 | grep -q 'version: 1.0-ours'; do
			n=$((n + 1))
			[ "$n" -lt 500 ] || break
			sleep 0.01
		done
		echo "ms=$(($(now_ms) - t0)) ($i)"
	done
	echo "now=$(grep -c 'was ready; restart [0-9]* now' "$DAEMON_LOG")"
}

ktap_plan 13
ran kills
check_eq "the kills ran (status 0)" "$ST" 0
ms=$(printf '%s' "$OUT" | sed -n 's/^ms=\([0-9-]*\) .*/\1/p')
check_eq "ten recoveries timed" "$(printf '%s\n' "$ms" | grep -c .)" 10
sorted=$(printf '%s\n' "$ms" | grep . | sort -n)
echo "# recovery after kill -9: median $(printf '%s\n' "$sorted" |
	awk '{ v[NR] = $1 } END { if (NR == 10) printf "%d", (v[5] + v[6]) / 2 }') ms, max $(printf '%s\n' "$sorted" | tail -n 1) ms"
for i in 1 2 3 4 5 6 7 8 9 10; do
	check_range "kill $i: a new daemon answers within 2 s" \
		"$(printf '%s\n' "$ms" | sed -n "${i}p")" "" 2000
done
check_has "the log says each ready daemon was restarted at once" "$OUT" "now=10$NL"
ktap_finished
