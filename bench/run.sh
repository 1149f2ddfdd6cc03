#!/usr/bin/env bash
# make bench: measure stock / inkernel / split / split-direct / split-paper
# in interleaved rounds, keep every raw sample as CSV, then generate the
# report (bench/report.sh).
#
# Each round boots every column (vm/lab up --driver X --name bench-X; the
# columns split-direct and split-paper are the split build with its daemon
# restarted with --ports direct, and with --protocol paper --ports direct),
# runs each workload of the list on every column that joins it in turn, in
# the round's order (the column order rotates from round to round: a cyclic
# Latin square, so no column is always first or last), and takes the labs
# down. split-direct joins the op loop, the iperf3 warm-up and the two
# interference runs only (see joins() and bench/README.md: the time budget):
#   ethtool   whole-command wall time of ethtool -i/-g/-s msglvl/-t/-d in the
#             guest, and of ethtool --version for reference (Table 2)
#   ops       opbench: SIOCETHTOOL / MII ioctls issued directly, plus the
#             reference points (null ioctl, pipe round trip), with software
#             counters, the kernel's upcall count and its register counters
#             (regaccess, fastpath_holds) per op loop (Table 2b)
#   upcall    split only: the phase timings the kernel records (Table 4)
#   net       from the host end: ping, scp (4.3 KB and 4 MiB), ssh login,
#             iperf3 both ways, BENCH_IPERF_N runs per round (Table 3)
#   interfere iperf3 host->guest while a guest process dumps the registers
#             at a fixed rate, then while one asks get_link_ksettings at a
#             fixed rate (not stock) (what the paper did not measure)
# Speed is printed, never judged: the run fails only when a workload
# cannot run at all.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
LAB=$ROOT/vm/lab
NETBENCH=$ROOT/bench/netbench.sh

usage() {
	cat <<EOF
usage: bench/run.sh [--no-report]
Environment (defaults in brackets; BENCH_QUICK=1 gives the quick ones):
  BENCH_ROUNDS   rounds of every column                     [4; quick 1]
  BENCH_REPS     runs of each ethtool command per round     [30; quick 5]
  BENCH_OPS_N    calls of each op per round (opbench)       [2000; quick 200]
  BENCH_NET_REPS scp and ssh runs per round                  [8; quick 2]
  BENCH_PING_N   pings per round                             [20; quick 5]
  BENCH_IPERF_S  seconds per iperf3 run                      [5; quick 2]
  BENCH_IPERF_N  iperf3 runs each way per round and column   [2; quick 1]
  BENCH_DUMP_RATE register dumps a second during the interference test [200]
  BENCH_KSET_RATE get_link_ksettings calls a second, the second one    [200]
  BENCH_COLUMNS  the columns, in round 1's order (later rounds rotate it)
                 [stock inkernel split split-direct split-paper; split-direct
                 and split-paper are left out, with a note, when
                 build/split/pcnet32d lacks --ports or --protocol]
  BENCH_DIRECT_ALL=1  split-direct joins every workload, not only the op
                 loop, the iperf3 warm-up and the interference runs [0]
  BENCH_SEED     the bootstrap's seed (report)               [1]
  BENCH_DATA     raw data directory          [report/data/bench; quick report/data/bench-quick]
  BENCH_OUT      report directory (REPORT.md, figures/)      [report; quick: BENCH_DATA]
The lab's ACCEL and SMP pass through (default TCG, one vCPU).
EOF
}

report=1
case "${1:-}" in
"") ;;
--no-report) report=0 ;;
-h | --help) usage; exit 0 ;;
*) usage >&2; exit 2 ;;
esac

if [ "${BENCH_QUICK:-0}" = 1 ]; then
	ROUNDS=${BENCH_ROUNDS:-1} REPS=${BENCH_REPS:-5} OPS_N=${BENCH_OPS_N:-200}
	NET_REPS=${BENCH_NET_REPS:-2} PING_N=${BENCH_PING_N:-5} IPERF_S=${BENCH_IPERF_S:-2}
	IPERF_N=${BENCH_IPERF_N:-1}
	DATA=${BENCH_DATA:-$ROOT/report/data/bench-quick}
	OUT=${BENCH_OUT:-$DATA}
	MODE=quick
else
	ROUNDS=${BENCH_ROUNDS:-4} REPS=${BENCH_REPS:-30} OPS_N=${BENCH_OPS_N:-2000}
	NET_REPS=${BENCH_NET_REPS:-8} PING_N=${BENCH_PING_N:-20} IPERF_S=${BENCH_IPERF_S:-5}
	IPERF_N=${BENCH_IPERF_N:-2}
	DATA=${BENCH_DATA:-$ROOT/report/data/bench}
	OUT=${BENCH_OUT:-$ROOT/report}
	MODE=full
fi
DUMP_RATE=${BENCH_DUMP_RATE:-200}
KSET_RATE=${BENCH_KSET_RATE:-200}
DIRECT_ALL=${BENCH_DIRECT_ALL:-0}
read -r -a COLUMNS <<<"${BENCH_COLUMNS:-stock inkernel split split-direct split-paper}"
for v in ROUNDS REPS OPS_N NET_REPS PING_N IPERF_S IPERF_N DUMP_RATE KSET_RATE; do
	if ! [[ ${!v} =~ ^[1-9][0-9]*$ ]]; then
		echo "bench: BENCH_$v must be a positive whole number, not '${!v}'" >&2
		exit 2
	fi
done
[ "$IPERF_S" -ge 2 ] || { echo "bench: BENCH_IPERF_S must be at least 2" >&2; exit 2; }
case "$DIRECT_ALL" in 0 | 1) ;; *) echo "bench: BENCH_DIRECT_ALL must be 0 or 1" >&2; exit 2 ;; esac
# the ablations are daemon options (pcnet32d --ports direct, --protocol
# paper): a build without them cannot run those columns
DAEMON_HELP=$("$BUILD/split/pcnet32d" --help 2>&1 || true)
LEFT_OUT=()
kept=()
for c in "${COLUMNS[@]}"; do
	case "$c" in
	stock | inkernel | split) ;;
	split-direct | split-paper)
		miss=""
		grep -q -- --ports <<<"$DAEMON_HELP" || miss=" --ports"
		[ "$c" = split-direct ] || grep -q -- --protocol <<<"$DAEMON_HELP" || miss="$miss --protocol"
		if [ -n "$miss" ]; then
			LEFT_OUT+=("$c left out: $BUILD/split/pcnet32d has no option$miss")
			continue
		fi
		;;
	*) echo "bench: unknown column '$c' (stock, inkernel, split, split-direct, split-paper)" >&2; exit 2 ;;
	esac
	kept+=("$c")
done
COLUMNS=("${kept[@]}")
[ "${#COLUMNS[@]}" -gt 0 ] || { echo "bench: no columns" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "bench: must run as root (the lab needs it)" >&2; exit 2; }

# the build a column boots
driver_of() { # column
	case "$1" in
	split-*) echo split ;;
	*) echo "$1" ;;
	esac
}

# the daemon's options of a column of the split build (PCNET32D_ARGS)
daemon_args() { # column
	case "$1" in
	split-direct) echo "--ports direct" ;;
	split-paper) echo "--protocol paper --ports direct" ;;
	*) echo "" ;;
	esac
}

# Which workloads a column joins. split-direct (our protocol, the paper's
# direct ports: the ports' effect alone) joins the op loop (Table 2b, the
# ablation), the iperf3 warm-up host->guest (its interference runs must not
# be a fresh guest's first iperf3) and both interference runs, not the
# ethtool commands, ping, scp, ssh or the recorded iperf3 runs: the time
# budget (bench/README.md). stock has no get_link_ksettings interference
# run (no target reads it).
joins() { # column workload
	case "$1,$2" in
	split-direct,ethtool | split-direct,net | split-direct,iperf | split-direct,warmup-g2h)
		[ "$DIRECT_ALL" = 1 ] ;;
	stock,interfere-kset) return 1 ;;
	*) return 0 ;;
	esac
}

# Progress: elapsed time and the time left: in round 1 estimated from the
# steps done so far (STEPS_PER_ROUND steps a round, of unequal length),
# later from the mean time of the rounds done.
T0=$(date +%s)
STEPS_DONE=0 ROUNDS_DONE=0 ROUNDS_T=0
STEPS_PER_ROUND=$((${#COLUMNS[@]} + 6 + 1 + 5 + 2 + 1))
progress() { # message
	local s=$(($(date +%s) - T0)) left="" total
	total=$((ROUNDS * STEPS_PER_ROUND))
	if [ "$ROUNDS_DONE" -gt 0 ] && [ "$ROUNDS_DONE" -lt "$ROUNDS" ]; then
		left=$((ROUNDS_T * ROUNDS / ROUNDS_DONE - s))
		[ "$left" -ge 0 ] || left=0
		left=$(printf ' (about %d:%02d left)' $((left / 60)) $((left % 60)))
	elif [ "$STEPS_DONE" -gt 0 ] && [ "$STEPS_DONE" -lt "$total" ]; then
		left=$((s * (total - STEPS_DONE) / STEPS_DONE))
		left=$(printf ' (about %d:%02d left)' $((left / 60)) $((left % 60)))
	fi
	printf '[%2d:%02d] %s%s\n' $((s / 60)) $((s % 60)) "$*" "$left" >&2
}
step() { STEPS_DONE=$((STEPS_DONE + 1)); }

# ---- cleanup: every lab this run started, every background job ---------
LABS=()
BG=()
cleanup() {
	local st=$? p n
	trap - EXIT INT TERM HUP
	for p in "${BG[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	for n in "${LABS[@]}"; do
		"$LAB" down --name "$n" 2>/dev/null || true
	done
	rm -rf "$TMP"
	[ "$st" = 0 ] || progress "bench: stopped (status $st); the labs it started are down; raw data so far: $DATA"
	exit "$st"
}
TMP=$(mktemp -d /tmp/pcnet32-bench.XXXXXX)
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---- raw data files -----------------------------------------------------
if [ -e "$DATA" ] && [ ! -f "$DATA/meta.env" ] && [ -n "$(ls -A "$DATA")" ]; then
	echo "bench: $DATA is not empty and holds no earlier run (meta.env): not replacing it" >&2
	exit 2
fi
# the previous run's headline figures and verdicts, for the report's
# comparison (report.sh writes stats/headline.csv; kept beside the data)
if [ -f "$DATA/stats/headline.csv" ]; then
	rm -rf "$DATA.previous"
	mkdir -p "$DATA.previous"
	cp "$DATA/stats/headline.csv" "$DATA/meta.env" "$DATA.previous/"
fi
rm -rf "$DATA"
mkdir -p "$DATA"
echo "column,round,note" >"$DATA/notes.csv"
echo "column,round,cmd,rep,ns,status" >"$DATA/cmd.csv"
echo "column,round,op,iter,ns,err" >"$DATA/ops.csv"
CNT_HDR="op,calls,task_clock_ns,context_switches,page_faults,cpu_migrations,cs_all,upcalls,programs,accesses,refused,malformed,hold_max_ns,hold_total_ns,fastpath_holds"
echo "column,round,$CNT_HDR" >"$DATA/ops-counters.csv"
echo "round,pos,column,workload" >"$DATA/order.csv"
echo "column,round,source,op,status,wait_ns,copy_ns,proc_ns,reply_ns,user_ns,total_ns" >"$DATA/upcall.csv"
echo "column,round,test,rep,value" >"$DATA/net.csv"
echo "column,round,op,iter,ns,err" >"$DATA/interfere-ops.csv"
echo "column,round,$CNT_HDR" >"$DATA/interfere-counters.csv"
echo "column,round,item,value" >"$DATA/footprint.csv"
echo "column,round,load1" >"$DATA/hostload.csv"

prefix() { # column round: prefix every line of stdin but opbench's headers
	awk -v p="$1,$2" '/^(op|tag),iter,/ { next } { print p "," $0 }'
}

# 4.3 KB like the paper's scp, and a bigger file
head -c 4403 /dev/urandom >"$TMP/scp-4k.bin"
head -c $((4 * 1024 * 1024)) /dev/urandom >"$TMP/scp-4m.bin"
chmod 644 "$TMP"/*.bin

# The ethtool commands of Table 2: key, arguments. --version is the
# reference: starting ethtool without a driver call. -s alternates between
# two message levels: the kernel calls set_msglevel only on a change.
ETHTOOL_CMDS=(
	"v|--version"
	"i|-i eth0"
	"g|-g eth0"
	"s|-s eth0 msglvl @ALT@"
	"t|-t eth0"
	"d|-d eth0"
)

gx() { # column cmd...: a command in the column's guest
	local c=$1
	shift
	"$LAB" exec --name "bench-$c" --timeout 600 -- "$@"
}
hx() { # column cmd...: a command on the host end of the column's link
	local c=$1
	shift
	"$LAB" host --name "bench-$c" -- "$@"
}

note() { # column round text: a line of notes.csv (commas become semicolons)
	printf '%s,%s,%s\n' "$1" "$2" "$(printf '%s' "$3" | tr ',\n' '; ')" >>"$DATA/notes.csv"
}

# A network workload from the host end. One that fails is recorded as a
# failure (notes.csv, with the guest's last kernel messages and, for the
# split build, the channel's counters) and the run goes on: the report
# lists it; what it measured before failing is kept.
net() { # column round netbench-args...
	local c=$1 r=$2 st=0
	shift 2
	hx "$c" "$NETBENCH" "$@" >"$TMP/net.out" 2>"$TMP/net.err" || st=$?
	prefix "$c" "$r" <"$TMP/net.out" >>"$DATA/net.csv"
	if [ "$st" != 0 ]; then
		progress "  $c: netbench $1 FAILED (status $st): $(tr '\n' ' ' <"$TMP/net.err")"
		note "$c" "$r" "failed: netbench $* (status $st): $(tr '\n' ' ' <"$TMP/net.err")"
		note "$c" "$r" "failed: guest kernel log after it: $(gx "$c" sh -c 'dmesg | tail -n 5' 2>&1 | tr '\n' ' ')"
		[ "$(driver_of "$c")" != split ] || counters "$c" "$r"
	fi
}

# the split build's channel counters (calls, absent, timeouts, resets, rejected)
counters() { # column round
	note "$1" "$2" "counters: $(gx "$1" sh -c 'head -n 1 /sys/kernel/debug/pcnet32-upcall0/samples' 2>&1 | tr -d '#')"
}

boot() { # column round
	local c=$1 r=$2 name=bench-$1 rss d args a holds want
	d=$(driver_of "$c") args=$(daemon_args "$c")
	progress "round $r/$ROUNDS: booting $c (vm/lab up --driver $d --name $name)"
	"$LAB" down --name "$name" 2>/dev/null || true
	LABS+=("$name")
	"$LAB" up --driver "$d" --name "$name" 2>"$TMP/up.err" ||
		{ cat "$TMP/up.err" >&2; return 1; }
	if [ -n "$args" ]; then
		# the same build, its daemon restarted with the column's options
		# (daemon-start passes PCNET32D_ARGS to every pcnet32d)
		gx "$c" sh -c "/lab/driver/daemon-stop; PCNET32D_ARGS='$args' /lab/driver/daemon-start" ||
			{ echo "bench: $c: restarting the daemon with $args failed" >&2; return 1; }
		# shellcheck disable=SC2016 # expanded in the guest
		a=$(gx "$c" sh -c 'tr "\0" " " <"/proc/$(cat /run/pcnet32d.ready)/cmdline"')
		case " $a " in
		*" $args "*) ;;
		*) echo "bench: $c: the daemon runs as '$a', not with $args" >&2; return 1 ;;
		esac
	fi
	if [ "$d" = split ]; then
		# the ports as the column says: one register dump stops the fast
		# path once with direct ports, never when mediated
		# shellcheck disable=SC2016 # expanded in the guest
		holds=$(gx "$c" sh -c 'f=$(ls -d /sys/kernel/debug/pcnet32-0000:* | head -n 1)/fastpath_holds
			[ -r "$f" ] || { echo none; exit 0; }
			a=$(cat "$f"); ethtool -d eth0 >/dev/null; echo $(($(cat "$f") - a))')
		case "$args" in *direct*) want=1 ;; *) want=0 ;; esac
		if [ "$holds" = none ]; then
			note "$c" "$r" "no fastpath_holds counter: the ports mode of the daemon is not checked"
		elif [ "$holds" != "$want" ]; then
			echo "bench: $c: one register dump stopped the fast path $holds times, not $want: the daemon's ports are not as the column says" >&2
			return 1
		fi
	fi
	if [ ! -s "$DATA/guest.env" ]; then
		printf 'guest_kernel=%s\n' "$(gx "$c" uname -r)" >"$DATA/guest.env"
	fi
	# kernel footprint of the driver, and the daemon's memory
	printf '%s,%s,module_core_bytes,%s\n' "$c" "$r" \
		"$(gx "$c" cat /sys/module/pcnet32/coresize)" >>"$DATA/footprint.csv"
	# which build ran: the tree is shared, and vm/lab builds at every boot
	# shellcheck disable=SC2016 # expanded in the guest
	printf '%s,%s,build_md5,%s\n' "$c" "$r" "$(gx "$c" sh -c '
		if [ -f /lab/driver/pcnet32.ko ]; then cat /lab/driver/pcnet32.ko; [ ! -f /lab/driver/pcnet32d ] || cat /lab/driver/pcnet32d
		else cat /lib/modules/stock/pcnet32.ko; fi | md5sum' | cut -c1-12)" >>"$DATA/footprint.csv"
	if [ "$d" = split ]; then
		# shellcheck disable=SC2016 # expanded in the guest
		rss=$(gx "$c" sh -c 'grep VmRSS "/proc/$(pidof pcnet32d)/status"' | awk '{ print $2 * 1024 }')
		printf '%s,%s,daemon_rss_bytes,%s\n' "$c" "$r" "$rss" >>"$DATA/footprint.csv"
	fi
}

# One round: boot every column, then run each workload on every column that
# joins it, in turn, in the round's order (round 1: BENCH_COLUMNS as given,
# less the columns that do not join the workload; round r: that list
# rotated by r - 1, a cyclic Latin square, see bench/verdict.c: with as many
# rounds as a workload has columns, each takes each position once), so that
# the host's changing load and any order effect spread over the columns
# alike, then take them all down.
R=0
ORDER=()
cols() { # workload: the columns that join it, in this round's order
	local c p w=()
	for c in "${COLUMNS[@]}"; do
		if joins "$c" "$1"; then w+=("$c"); fi
	done
	for ((p = 0; p < ${#w[@]}; p++)); do
		printf '%s\n' "${w[(p + R - 1) % ${#w[@]}]}"
		printf '%s,%s,%s,%s\n' "$R" "$p" "${w[(p + R - 1) % ${#w[@]}]}" "$1" >>"$DATA/order.csv"
	done
}

# iperf3 host->guest while the guest calls op RATE times a second on a
# fixed schedule (opbench ops -r), for IPERF_S + 2 s from 1 s before the
# iperf3 run; the op's latencies and its counters over the whole loop
interfere() { # column round op rate test
	local c=$1 r=$2 op=$3 rate=$4 test=$5
	gx "$c" sh -c "opbench ops -n 10000000 -w 0 -r $rate -T $((IPERF_S + 2)) -c /tmp/interfere-counters.csv $op \
		>/tmp/interfere.csv 2>/tmp/interfere.err </dev/null &"
	sleep 1
	net "$c" "$r" iperf "$test" "$IPERF_S" 0
	# wait for the loop to end, then take its samples and counters
	# shellcheck disable=SC2016 # run by the guest's shell
	gx "$c" sh -c 'while pidof opbench >/dev/null; do sleep 0.2; done
		cat /tmp/interfere.err >&2; cat /tmp/interfere.csv' |
		prefix "$c" "$r" >>"$DATA/interfere-ops.csv"
	gx "$c" sh -c 'cat /tmp/interfere-counters.csv 2>/dev/null || true' |
		awk 'NR > 1' | prefix "$c" "$r" >>"$DATA/interfere-counters.csv"
}

round() { # round
	local r=$1 c kv key args p j w=() rev=()
	R=$r
	mapfile -t ORDER < <(cols boot)
	for c in "${ORDER[@]}"; do
		boot "$c" "$r"
		step
	done
	for c in "${ORDER[@]}"; do
		printf '%s,%s,%s\n' "$c" "$r" "$(cut -d' ' -f1 /proc/loadavg)" >>"$DATA/hostload.csv"
	done

	mapfile -t w < <(cols ethtool)
	for kv in "${ETHTOOL_CMDS[@]}"; do
		key=${kv%%|*} args=${kv#*|}
		progress "round $r/$ROUNDS: ethtool ${args//@ALT@/N} x$REPS on ${w[*]}"
		for c in "${w[@]}"; do
			# shellcheck disable=SC2086 # args is a word list
			gx "$c" opbench exec -n "$REPS" -w 2 -a 0x4007,0x0007 \
				-u /tmp/upcall.csv -t "$key" -- ethtool $args |
				prefix "$c" "$r" >>"$DATA/cmd.csv"
		done
		step
	done

	mapfile -t w < <(cols ops)
	progress "round $r/$ROUNDS: opbench, every op x$OPS_N with counters on ${w[*]}"
	for c in "${w[@]}"; do
		gx "$c" opbench ops -n "$OPS_N" -u /tmp/upcall.csv -c /tmp/counters.csv 2>"$TMP/ops.err" |
			prefix "$c" "$r" >>"$DATA/ops.csv"
		gx "$c" sh -c 'cat /tmp/counters.csv 2>/dev/null || true' |
			awk 'NR > 1' | prefix "$c" "$r" >>"$DATA/ops-counters.csv"
		sed 's/,/;/g' "$TMP/ops.err" | prefix "$c" "$r" >>"$DATA/notes.csv"
		[ "$r" != 1 ] || sed "s/^/  $c: /" "$TMP/ops.err" >&2
	done
	step

	mapfile -t w < <(cols net)
	progress "round $r/$ROUNDS: ping x$PING_N, scp 4.3 KB and 4 MiB x$NET_REPS, ssh x$NET_REPS on ${w[*]}"
	for c in "${w[@]}"; do
		net "$c" "$r" ping "$PING_N"
	done
	step
	for c in "${w[@]}"; do
		net "$c" "$r" scp "$TMP/scp-4k.bin" scp_4k "$NET_REPS"
	done
	step
	for c in "${w[@]}"; do
		net "$c" "$r" scp "$TMP/scp-4m.bin" scp_4m "$NET_REPS"
	done
	step
	for c in "${w[@]}"; do
		net "$c" "$r" ssh "$NET_REPS"
	done
	step
	# iperf3: first one unrecorded 2-s run each way per column: the first
	# run on a freshly booted guest is slow and erratic (under TCG its
	# receive path is translated on first use: 0.4-0.8 of the later runs
	# in a side-by-side probe, see bench/README.md), and every round boots
	# afresh (split-direct: host->guest only, the way its runs go).
	mapfile -t w < <(cols warmup-h2g)
	progress "round $r/$ROUNDS: iperf3 warm-up (2 s each way, unrecorded) on ${w[*]}"
	for c in "${w[@]}"; do
		hx "$c" "$NETBENCH" iperf warmup 2 0 >/dev/null 2>&1 || true
		if joins "$c" warmup-g2h; then
			hx "$c" "$NETBENCH" iperf warmup 2 0 -R >/dev/null 2>&1 || true
		fi
	done
	# iperf3: the odd runs in the round's order, the even ones reversed, so
	# that within a round too no column is always first or last
	mapfile -t w < <(cols iperf)
	rev=()
	for ((p = ${#w[@]} - 1; p >= 0; p--)); do rev+=("${w[p]}"); done
	for ((j = 0; j < IPERF_N; j++)); do
		progress "round $r/$ROUNDS: iperf3 ${IPERF_S}s each way, run $((j + 1))/$IPERF_N on ${w[*]}"
		if ((j % 2 == 0)); then set -- "${w[@]}"; else set -- "${rev[@]}"; fi
		for c in "$@"; do
			net "$c" "$r" iperf iperf_h2g "$IPERF_S" "$j"
			net "$c" "$r" iperf iperf_g2h "$IPERF_S" "$j" -R
		done
	done
	step

	mapfile -t w < <(cols interfere)
	progress "round $r/$ROUNDS: iperf3 ${IPERF_S}s host->guest while the guest dumps registers ${DUMP_RATE}/s, on ${w[*]}"
	for c in "${w[@]}"; do
		interfere "$c" "$r" GREGS "$DUMP_RATE" iperf_h2g_dumping
	done
	step
	mapfile -t w < <(cols interfere-kset)
	progress "round $r/$ROUNDS: iperf3 ${IPERF_S}s host->guest while the guest asks get_link_ksettings ${KSET_RATE}/s, on ${w[*]}"
	for c in "${w[@]}"; do
		interfere "$c" "$r" GLINKSETTINGS "$KSET_RATE" iperf_h2g_ksettings
	done
	step

	for c in "${ORDER[@]}"; do
		if [ "$(driver_of "$c")" = split ]; then
			gx "$c" sh -c 'cat /tmp/upcall.csv 2>/dev/null || true' |
				prefix "$c" "$r" >>"$DATA/upcall.csv"
			counters "$c" "$r"
		fi
		"$LAB" down --name "bench-$c"
	done
	step
	progress "round $r/$ROUNDS: done"
}

# ---- the run's label ------------------------------------------------------
qemu_v=$(qemu-system-x86_64 --version | head -n1 | sed 's/^QEMU emulator version //')
{
	printf 'date=%s\n' "$(date -u +%Y-%m-%dT%H:%MZ)"
	printf 'mode=%s\n' "$MODE"
	printf 'rounds=%s\nreps=%s\nops_n=%s\nnet_reps=%s\nping_n=%s\niperf_s=%s\niperf_n=%s\ndump_rate=%s\nkset_rate=%s\n' \
		"$ROUNDS" "$REPS" "$OPS_N" "$NET_REPS" "$PING_N" "$IPERF_S" "$IPERF_N" "$DUMP_RATE" "$KSET_RATE"
	printf 'columns=%s\n' "${COLUMNS[*]}"
	printf 'direct_all=%s\n' "$DIRECT_ALL"
	printf 'order=cyclic rotation by round\n'
	printf 'seed=%s\n' "${BENCH_SEED:-1}"
	printf 'host_nproc=%s\n' "$(nproc)"
	printf 'host_cpu=%s\n' "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
	printf 'host_mem_gib=%s\n' "$(awk '/MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
	printf 'host_kernel=%s\n' "$(uname -r)"
	printf 'qemu=%s\n' "$qemu_v"
	printf 'accel=%s\n' "$(printf '%s' "${ACCEL:-tcg}" | tr '[:lower:]' '[:upper:]')"
	printf 'guest_cpus=%s\n' "${SMP:-1}"
	printf 'commit=%s%s\n' "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
		"$(git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null || echo '+changes')"
	printf 'load_start=%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$DATA/meta.env"

# what the report derives from the sources, taken now: Table 1, op names
"$ROOT/bench/loc.sh" "$ROOT" >"$DATA/loc.csv"
# the op table from the build (pcnet32d --list-ops), never from the C text
if ! "$BUILD/split/pcnet32d" --list-ops >"$TMP/opnames.csv" ||
	[ "$(head -n1 "$TMP/opnames.csv")" != "id,name,fn,side,flags" ]; then
	echo "bench: $BUILD/split/pcnet32d --list-ops gave no op table (make all builds it)" >&2
	exit 1
fi
cp "$TMP/opnames.csv" "$DATA/opnames.csv"
for l in "${LEFT_OUT[@]}"; do
	progress "bench: note: $l"
	note "${l%% *}" 0 "$l"
done

progress "bench ($MODE): ${#COLUMNS[@]} columns x $ROUNDS rounds; raw data in $DATA"
for ((r = 1; r <= ROUNDS; r++)); do
	round "$r"
	ROUNDS_DONE=$r ROUNDS_T=$(($(date +%s) - T0))
done
{
	printf 'load_end=%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
	printf 'wall_s=%s\n' "$(($(date +%s) - T0))"
	printf 'complete=1\n'
} >>"$DATA/meta.env"
progress "measurements done"

if [ "$report" = 1 ]; then
	progress "report: tables and figures into $OUT"
	"$ROOT/bench/report.sh" "$DATA" "$OUT"
fi
progress "bench: done"
