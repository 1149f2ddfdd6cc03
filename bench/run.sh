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
#   net       from the host end, after an unrecorded iperf3 warm-up: ping,
#             scp (4.3 KB and 4 MiB), ssh login and iperf3 both ways, in
#             BENCH_NET_PASSES passes over the columns whose order
#             alternates, each pass with its share of every test (Table 3;
#             the columns stock, inkernel, split: the time budget);
#             inkernel and split in one guest, the inkernel column's, the
#             build swapped between their turns (BENCH_NET_PAIRED=1)
#   interfere iperf3 host->guest while a guest process dumps the registers
#             at a fixed rate, then while one asks get_link_ksettings at a
#             fixed rate (not stock) (what the paper did not measure)
# Before the rounds it prints the run's expected duration (expected_ms: a
# model of the step times on this 2-core host); every netbench call's
# host CPU and its guest's QEMU CPU go to net-host.csv.
# Speed is printed, never judged: the run fails only when a workload
# cannot run at all.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
LAB=$ROOT/vm/lab
NETBENCH=$ROOT/bench/netbench.sh

usage() {
	cat <<EOF
usage: bench/run.sh [--no-report | --expected]
  --expected     print the run's expected duration for these settings, and stop
Environment (defaults in brackets; BENCH_QUICK=1 gives the quick ones):
  BENCH_ROUNDS   rounds of every column                     [4; quick 1]
  BENCH_REPS     runs of each ethtool command per round     [8; quick 5]
  BENCH_OPS_N    calls of each op per round (opbench)       [900; quick 200]
  BENCH_COUNTERS_N  calls of each op in the loop with counters
                 (opbench -c, not timed)                     [100; quick 50]
  BENCH_SWITCHED_N  calls of each op of the loop after a context
                 switch (opbench -s; inkernel and split)     [250; quick 100]
  Network (Table 3), per round and column, in BENCH_NET_PASSES passes:
  BENCH_PING_N   ping echoes, 0.01 s apart, every column of a pass
                 at once, each in its own guest              [800; quick 40]
  BENCH_SCP4K_N  scp runs of the 4.3 KB file                 [12; quick 2]
  BENCH_SCP4M_N  scp runs of the 4 MiB file                  [12; quick 2]
  BENCH_SSH_N    ssh logins                                  [12; quick 2]
  BENCH_NET_REPS sets the three above at once (older name)
  BENCH_IPERF_N  iperf3 runs each way, the columns claim 2
                 compares (inkernel, split)                  [8; quick 2]
  BENCH_IPERF_N_OTHER  iperf3 runs each way, the others     [1; quick 2]
  BENCH_NET_PASSES passes over the columns, order alternating, each
                 with its share of every test above         [4; quick 2]
  BENCH_NET_PAIRED 1: inkernel and split of Table 3 in one guest per
                 round (the inkernel column's), the build swapped
                 between its passes; 0: each in its own guest  [1]
  BENCH_IPERF_S  seconds per recorded iperf3 run             [4; quick 2]
  BENCH_INT_S    seconds per interference iperf3 run         [4; quick 2]
  BENCH_DUMP_RATE register dumps a second during the interference test [200]
  BENCH_KSET_RATE get_link_ksettings calls a second, the second one    [200]
  BENCH_COLUMNS  the columns, in round 1's order (later rounds rotate it)
                 [stock inkernel split split-direct split-paper; split-direct
                 and split-paper are left out, with a note, when
                 build/split/pcnet32d lacks --ports or --protocol]
  BENCH_DIRECT_ALL=1  split-direct joins every workload, not only the op
                 loop, the iperf3 warm-up and the interference runs [0]
  BENCH_PAPER_NET=1  split-paper joins the network tests of Table 3 too
                 (ping, scp, ssh, recorded iperf3) [0]
  BENCH_SLOW     plain: the builds' slow path from pcnet32/slow.c itself
                 (vm/lab up --plain); schemata: with the mutant schemata
                 the fault campaign arms (faultinject/mutate/)   [plain]
  BENCH_FOCUS    1: every guest but the one measured is paused (vm/lab
                 pause: no host CPU, its clocks stand still); 0: all run [1]
  BENCH_SEED     the bootstrap's seed (report)               [1]
  BENCH_DATA     raw data directory          [report/data/bench; quick report/data/bench-quick]
  BENCH_OUT      report directory (REPORT.md, figures/)      [report; quick: BENCH_DATA]
The lab's ACCEL and SMP pass through (default TCG, one vCPU).
EOF
}

report=1 only_expected=0
case "${1:-}" in
"") ;;
--no-report) report=0 ;;
--expected) only_expected=1 ;;
-h | --help) usage; exit 0 ;;
*) usage >&2; exit 2 ;;
esac

# The network samples (see bench/README.md, "Network: samples per test"):
# each test gets the count its spread needs for an interval of its
# split/inkernel ratio well inside +-5%, taken in passes over the columns
# whose order alternates (so that a slow spell of the shared host falls
# on a share of every column's samples); iperf3 runs of 4 s (a 2-s run
# spreads 2-3 times as much as a 5-s one: its start weighs more), one each
# way per pass.
if [ "${BENCH_QUICK:-0}" = 1 ]; then
	ROUNDS=${BENCH_ROUNDS:-1} REPS=${BENCH_REPS:-5} OPS_N=${BENCH_OPS_N:-200}
	SW_N=${BENCH_SWITCHED_N:-100} CNT_N=${BENCH_COUNTERS_N:-50}
	PING_N=${BENCH_PING_N:-40} NET_N=${BENCH_NET_REPS:-2}
	NET_PASSES=${BENCH_NET_PASSES:-2} IPERF_S=${BENCH_IPERF_S:-2}
	IPERF_N=${BENCH_IPERF_N:-2} IPERF_N_OTHER=${BENCH_IPERF_N_OTHER:-2} INT_S=${BENCH_INT_S:-2}
	SCP4K_N=${BENCH_SCP4K_N:-$NET_N} SCP4M_N=${BENCH_SCP4M_N:-$NET_N} SSH_N=${BENCH_SSH_N:-$NET_N}
	DATA=${BENCH_DATA:-$ROOT/report/data/bench-quick}
	OUT=${BENCH_OUT:-$DATA}
	MODE=quick
else
	ROUNDS=${BENCH_ROUNDS:-4} REPS=${BENCH_REPS:-8} OPS_N=${BENCH_OPS_N:-900}
	SW_N=${BENCH_SWITCHED_N:-250} CNT_N=${BENCH_COUNTERS_N:-100}
	PING_N=${BENCH_PING_N:-800} NET_PASSES=${BENCH_NET_PASSES:-4}
	IPERF_S=${BENCH_IPERF_S:-4} IPERF_N=${BENCH_IPERF_N:-8} IPERF_N_OTHER=${BENCH_IPERF_N_OTHER:-1}
	INT_S=${BENCH_INT_S:-4}
	SCP4K_N=${BENCH_SCP4K_N:-${BENCH_NET_REPS:-12}} SCP4M_N=${BENCH_SCP4M_N:-${BENCH_NET_REPS:-12}}
	SSH_N=${BENCH_SSH_N:-${BENCH_NET_REPS:-12}}
	DATA=${BENCH_DATA:-$ROOT/report/data/bench}
	OUT=${BENCH_OUT:-$ROOT/report}
	MODE=full
fi
# the loop after a context switch: the reference floor and upcall ops
# with and without a register program (GREGS; GDRVINFO, GLINKSETTINGS)
SW_OPS="pipe_rtt GDRVINFO GREGS"
DUMP_RATE=${BENCH_DUMP_RATE:-200}
KSET_RATE=${BENCH_KSET_RATE:-200}
DIRECT_ALL=${BENCH_DIRECT_ALL:-0}
PAPER_NET=${BENCH_PAPER_NET:-0}
NET_PAIRED=${BENCH_NET_PAIRED:-1}
FOCUS=${BENCH_FOCUS:-1}
# the mutant schemata cost a split upcall op about 1-2% when disarmed
# (faultinject/mutate/cost): the measured builds are without them
SLOW=${BENCH_SLOW:-plain}
read -r -a COLUMNS <<<"${BENCH_COLUMNS:-stock inkernel split split-direct split-paper}"
for v in ROUNDS REPS OPS_N CNT_N SW_N PING_N SCP4K_N SCP4M_N SSH_N NET_PASSES IPERF_S IPERF_N IPERF_N_OTHER INT_S DUMP_RATE KSET_RATE; do
	if ! [[ ${!v} =~ ^[1-9][0-9]*$ ]]; then
		echo "bench: BENCH_$v must be a positive whole number, not '${!v}'" >&2
		exit 2
	fi
done
[ "$IPERF_S" -ge 2 ] || { echo "bench: BENCH_IPERF_S must be at least 2" >&2; exit 2; }
[ "$INT_S" -ge 2 ] || { echo "bench: BENCH_INT_S must be at least 2" >&2; exit 2; }
case "$DIRECT_ALL" in 0 | 1) ;; *) echo "bench: BENCH_DIRECT_ALL must be 0 or 1" >&2; exit 2 ;; esac
case "$PAPER_NET" in 0 | 1) ;; *) echo "bench: BENCH_PAPER_NET must be 0 or 1" >&2; exit 2 ;; esac
case "$NET_PAIRED" in 0 | 1) ;; *) echo "bench: BENCH_NET_PAIRED must be 0 or 1" >&2; exit 2 ;; esac
case "$FOCUS" in 0 | 1) ;; *) echo "bench: BENCH_FOCUS must be 0 or 1" >&2; exit 2 ;; esac
case "$SLOW" in plain | schemata) ;; *) echo "bench: BENCH_SLOW must be plain or schemata, not '$SLOW'" >&2; exit 2 ;; esac
# an odd number of passes leaves the first order one pass ahead
[ $((NET_PASSES % 2)) = 0 ] ||
	echo "bench: note: BENCH_NET_PASSES=$NET_PASSES is odd: the column order is balanced within a round only with an even number of passes" >&2
[ $((IPERF_N % NET_PASSES)) = 0 ] ||
	echo "bench: note: BENCH_IPERF_N=$IPERF_N is not a multiple of BENCH_NET_PASSES=$NET_PASSES: the passes get unequal numbers of iperf3 runs" >&2
[ "$IPERF_N_OTHER" -le "$IPERF_N" ] ||
	{ echo "bench: BENCH_IPERF_N_OTHER ($IPERF_N_OTHER) must not exceed BENCH_IPERF_N ($IPERF_N)" >&2; exit 2; }
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
# Claim 2's columns in one guest (bench/README.md, "Both builds in one
# boot"): only when both run
PAIRED=0
if [ "$NET_PAIRED" = 1 ] && [[ " ${COLUMNS[*]} " == *" inkernel "* ]] && [[ " ${COLUMNS[*]} " == *" split "* ]]; then
	PAIRED=1
fi

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
# budget (bench/README.md). With the pairing (PAIRED=1) split's network
# tests run in the inkernel column's guest, so split's own guest gets the
# warm-up host->guest only, for its interference runs. split-paper joins
# every workload but the network tests of Table 3 (ping, scp, ssh,
# recorded iperf3): its fast path is split's (the same module; the daemon
# only differs, and it sleeps during those tests), and their samples go
# to the columns claim 2 compares. stock has no interference runs (no
# target reads them). The loop after a context switch (opbench -s) is
# inkernel's and split's only: it explains split - inkernel of Table 2b.
joins() { # column workload
	case "$1,$2" in
	split-direct,ethtool | split-direct,net | split-direct,iperf | split-direct,warmup-g2h)
		[ "$DIRECT_ALL" = 1 ] ;;
	split-paper,net | split-paper,iperf | split-paper,warmup-g2h)
		[ "$PAPER_NET" = 1 ] ;;
	stock,interfere | stock,interfere-kset) return 1 ;;
	stock,switched | split-direct,switched | split-paper,switched) return 1 ;;
	split,warmup-g2h) [ "$PAIRED" = 0 ] ;;
	*) return 0 ;;
	esac
}
# iperf3 runs each way per round: the columns claim 2 compares get more
iperf_n() { # column
	case "$1" in
	inkernel | split) echo "$IPERF_N" ;;
	*) echo "$IPERF_N_OTHER" ;;
	esac
}

njoin() { # workload: how many columns join it
	local c n=0
	for c in "${COLUMNS[@]}"; do
		if joins "$c" "$1"; then n=$((n + 1)); fi
	done
	echo "$n"
}

# The expected duration of the run in ms, from its parameters and the
# time each unit of work takes on this 2-core host (TCG, one vCPU per
# guest; step times of quick runs at host load 1-3, checked against a
# full run: bench/README.md, "Time budget"). Printed before the rounds
# and kept in meta.env (expected_ms)
# beside the real wall time.
expected_ms() {
	local nb ne no nn ni=0 nwh nwg nd nk nsw r c
	nb=${#COLUMNS[@]} ne=$(njoin ethtool) no=$(njoin ops) nn=$(njoin net)
	# iperf3 runs per direction, all columns together
	for c in "${COLUMNS[@]}"; do
		if joins "$c" iperf; then ni=$((ni + $(iperf_n "$c"))); fi
	done
	nwh=$(njoin warmup-h2g) nwg=$(njoin warmup-g2h) nd=$(njoin interfere) nk=$(njoin interfere-kset)
	nsw=$(njoin switched)
	# paired: the split build pushed into the inkernel guest at boot,
	# NET_PASSES swaps a round (with an odd number of passes about half a
	# swap more: one back to inkernel when the order put split first),
	# each with its reload and a warm-up each way
	r=$((nb * BOOT_MS + DOWN_MS +
		ne * 6 * ((REPS + 2) * ETHTOOL_MS + CALL_MS) +
		no * (OPS_FIX_MS + (OPS_N + 20 + CNT_N + 5) * OPS_CALL_US / 1000) +
		nsw * (OPS_FIX_MS + (SW_N + 20) * SW_CALL_US / 1000) +
		(nn > 0 ? PING_N * PING_MS : 0) +
		PAIRED * (PUSH_MS + (2 * NET_PASSES + NET_PASSES % 2) * (SWAP_MS + 2 * (2000 + IPERF_OVH_MS)) / 2) +
		nn * (SCP4K_N * SCP4K_MS + SCP4M_N * SCP4M_MS + SSH_N * SSH_MS + 4 * NET_PASSES * NET_CALL_MS) +
		(nwh + nwg) * (2000 + IPERF_OVH_MS) +
		ni * 2 * (IPERF_S * 1000 + IPERF_OVH_MS) +
		(nd + nk) * (INT_S * 1000 + INT_OVH_MS)))
	echo $((START_MS + ROUNDS * r + REPORT_MS))
}
# the unit times (ms; OPS_CALL_US: µs per call of the whole op list)
BOOT_MS=11000 DOWN_MS=1900 ETHTOOL_MS=40 CALL_MS=100
OPS_FIX_MS=500 OPS_CALL_US=1200 SW_CALL_US=900
PING_MS=16 SCP4K_MS=200 SCP4M_MS=550 SSH_MS=150 NET_CALL_MS=60
IPERF_OVH_MS=150 INT_OVH_MS=2600 START_MS=5000 REPORT_MS=20000
PUSH_MS=3000 SWAP_MS=1500
mmss() { # ms
	printf '%d:%02d' $(($1 / 60000)) $(($1 / 1000 % 60))
}
EXPECTED_MS=$(expected_ms)
if [ "$only_expected" = 1 ]; then
	echo "bench ($MODE): ${#COLUMNS[@]} columns x $ROUNDS rounds: expected duration about $(mmss "$EXPECTED_MS") (min:s)$([ "$MODE" = quick ] || echo "; the budget: 25:00")"
	exit 0
fi
[ "$(id -u)" = 0 ] || { echo "bench: must run as root (the lab needs it)" >&2; exit 2; }

# Progress: elapsed time and the time left: in round 1 from the expected
# duration (expected_ms: the steps are of very unequal length), later
# from the mean time of the rounds done.
T0=$(date +%s)
ROUNDS_DONE=0 ROUNDS_T=0 MEASURING=0
progress() { # message
	local s=$(($(date +%s) - T0)) left=""
	if [ "$ROUNDS_DONE" -gt 0 ] && [ "$ROUNDS_DONE" -lt "$ROUNDS" ]; then
		left=$((ROUNDS_T * ROUNDS / ROUNDS_DONE - s))
	elif [ "$ROUNDS_DONE" = 0 ] && [ "$MEASURING" = 1 ]; then
		left=$(((EXPECTED_MS - REPORT_MS) / 1000 - s))
	fi
	if [ -n "$left" ]; then
		[ "$left" -ge 0 ] || left=0
		left=$(printf ' (about %d:%02d left)' $((left / 60)) $((left % 60)))
	fi
	printf '[%2d:%02d] %s%s\n' $((s / 60)) $((s % 60)) "$*" "$left" >&2
}

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
echo "column,round,op,iter,ns,err" >"$DATA/ops-switched.csv"
echo "round,pos,column,workload" >"$DATA/order.csv"
echo "column,round,source,op,status,wait_ns,copy_ns,proc_ns,reply_ns,user_ns,total_ns" >"$DATA/upcall.csv"
echo "column,round,test,rep,value" >"$DATA/net.csv"
echo "column,round,test,rep,n,wall_us,qemu_ticks,busy_ticks,total_ticks" >"$DATA/net-host.csv"
echo "column,round,op,iter,ns,err" >"$DATA/interfere-ops.csv"
echo "column,round,$CNT_HDR" >"$DATA/interfere-counters.csv"
echo "column,round,item,value" >"$DATA/footprint.csv"
echo "column,round,load1" >"$DATA/hostload.csv"
echo "column,round,test,rep,n,guest,build,swaps" >"$DATA/net-guest.csv"
echo "round,swap,guest,build,reload_ms,state" >"$DATA/swaps.csv"

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

# Only the guest being measured runs (BENCH_FOCUS=1): every other guest
# of the round is paused (vm/lab pause: QEMU's stop; it takes no host CPU,
# an idle TCG guest about 3.5% of one, and its clocks stand still, so no
# timer of its fires late), and resumed when a command goes to it. gx and
# hx focus on their column first: no command reaches a paused guest. The
# state is the lab's own (its "paused" file, which vm/lab keeps): gx often
# runs in a pipeline's subshell.
UP=()
focus() { # column... (ping_all runs several at once)
	local c o
	[ "$FOCUS" = 1 ] || return 0
	for o in "${UP[@]}"; do
		case " $* " in *" $o "*) continue ;; esac
		if [ ! -e "$BUILD/lab/bench-$o/paused" ]; then
			"$LAB" pause --name "bench-$o" || return 1
		fi
	done
	for c in "$@"; do
		if [ -e "$BUILD/lab/bench-$c/paused" ]; then
			"$LAB" resume --name "bench-$c" || return 1
		fi
	done
}

gx() { # column cmd...: a command in the column's guest
	local c=$1
	shift
	focus "$c"
	"$LAB" exec --name "bench-$c" --timeout 600 -- "$@"
}
hx() { # column cmd...: a command on the host end of the column's link
	local c=$1
	shift
	focus "$c"
	"$LAB" host --name "bench-$c" -- "$@"
}

note() { # column round text: a line of notes.csv (commas become semicolons)
	printf '%s,%s,%s\n' "$1" "$2" "$(printf '%s' "$3" | tr ',\n' '; ')" >>"$DATA/notes.csv"
}

# The host's CPU counters and the CPU time of a lab's QEMU, now: "wall_us
# qemu_ticks busy_ticks total_ticks" (/proc/stat's first line: busy is
# user, nice, system, irq, softirq, steal; total adds idle and iowait;
# qemu_ticks: utime + stime of the QEMU process, empty when it is gone).
# Read with the shell's own read: no process per call.
hoststat() { # qemu-pid
	local u n s i w q sq st rest ps qt=""
	local -a f
	read -r _ u n s i w q sq st rest </proc/stat
	if [ -n "$1" ] && [ -r "/proc/$1/stat" ]; then
		ps=$(<"/proc/$1/stat")
		read -r -a f <<<"${ps##*) }"
		qt=$((f[11] + f[12]))
	fi
	printf '%s %s %s %s\n' "${EPOCHREALTIME//[!0-9]/}" "${qt:--}" \
		$((u + n + s + q + sq + st)) $((u + n + s + i + w + q + sq + st))
}

# A network workload from the host end. One that fails is recorded as a
# failure (notes.csv, with the guest's last kernel messages and, for the
# split build, the channel's counters) and the run goes on: the report
# lists it; what it measured before failing is kept. Each call's wall
# time, its QEMU's CPU time and the host's busy time go to net-host.csv
# (test, rep: the call's test and its first sample; n: its samples): what
# the guest and the host did while a sample was slow.
net() { # column round netbench-args...
	local c=$1 r=$2 st=0 pid a g
	shift 2
	g=$(netlab "$c")
	focus "$g"
	pid=$(cat "$BUILD/lab/bench-$g/qemu.pid" 2>/dev/null || true)
	a=$(hoststat "$pid")
	hx "$g" "$NETBENCH" "$@" >"$TMP/net.out" 2>"$TMP/net.err" || st=$?
	net_record "$c" "$r" "$st" "$pid" "$a" "$TMP/net" "$@"
}

# The lab whose guest a column's network tests run in: with the pairing
# (PAIRED=1), during the network tests of Table 3 (NET_PHASE=1), the
# split column's are the inkernel column's guest with the split build
# loaded (use_build); everything else runs in the column's own guest.
NET_PHASE=0
netlab() { # column
	if [ "$PAIRED$NET_PHASE" = 11 ] && [ "$1" = split ]; then echo inkernel; else echo "$1"; fi
}

# what one network workload measured, its costs and, when it failed, why
net_record() { # column round status qemu-pid hoststat-before file-stem netbench-args...
	local c=$1 r=$2 st=$3 pid=$4 a0 a1 a2 a3 b0 b1 b2 b3 stem=$6 t n rep g
	read -r a0 a1 a2 a3 <<<"$5"
	shift 6
	g=$(netlab "$c")
	read -r b0 b1 b2 b3 < <(hoststat "$pid")
	case "$1" in
	ping | ssh) t=$1 n=$2 rep=${3:-0} ;;
	scp) t=$3 n=$4 rep=${5:-0} ;;
	iperf) t=$2 n=1 rep=$4 ;;
	*) t=$1 n=0 rep=0 ;;
	esac
	printf '%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$c" "$r" "$t" "$rep" "$n" $((b0 - a0)) \
		"$([ "$a1" = - ] || [ "$b1" = - ] || echo $((b1 - a1)))" $((b2 - a2)) $((b3 - a3)) >>"$DATA/net-host.csv"
	prefix "$c" "$r" <"$stem.out" >>"$DATA/net.csv"
	# which guest (one boot per lab and round) and which build served it
	printf '%s,%s,%s,%s,%s,bench-%s,%s,%s\n' "$c" "$r" "$t" "$rep" "$n" "$g" \
		"$(if [ "$g" = inkernel ] && [ "$PAIRED" = 1 ]; then echo "$CUR_BUILD"; else driver_of "$c"; fi)" \
		"$SWAPS" >>"$DATA/net-guest.csv"
	if [ "$st" != 0 ]; then
		progress "  $c: netbench $1 FAILED (status $st): $(tr '\n' ' ' <"$stem.err")"
		note "$c" "$r" "failed: netbench $* (status $st): $(tr '\n' ' ' <"$stem.err")"
		note "$c" "$r" "failed: guest kernel log after it: $(gx "$g" sh -c 'dmesg | tail -n 5' 2>&1 | tr '\n' ' ')"
		note "$c" "$r" "failed: the guest's fast path after it: $(gx "$g" sh -c 'cat /sys/kernel/debug/pcnet32-*/datapath' 2>&1 | tr '\n' ' ')"
		[ "$(driver_of "$c")" != split ] || counters "$c" "$r" "$g"
	fi
}

# ping: the columns of a pass at the same time, each in its own guest
# (the others paused), echo number k of every column sent at about the
# same moment as the others' (the pings start together): a ping RTT follows the host's state (its
# median moved 0.1-0.4 ms between windows of 400 echoes a few seconds
# apart, bench/README.md), which is then the same for every column at
# every moment. The report divides each echo by stock's echo of the same
# number (bench/netclaim.sh, stats/net-claim.csv), which takes that state out of
# claim 2's ratio. Each guest gets the same echo rate as alone; one echo
# costs a guest well under a millisecond of CPU. Paired, the split
# column's echoes come from its own guest (the split build), inkernel's
# from the paired guest on the inkernel build: pinged in turns in one
# guest, the two saw different moments of the host (bench/README.md).
ping_all() { # round n first column...
	local r=$1 n=$2 first=$3 c i=0 pids=() labs=()
	local -A a pid st f
	shift 3
	for c in "$@"; do
		f[$c]=$first
		labs+=("$(netlab "$c")")
	done
	focus "${labs[@]}"
	for c in "$@"; do
		pid[$c]=$(cat "$BUILD/lab/bench-$(netlab "$c")/qemu.pid" 2>/dev/null || true)
		a[$c]=$(hoststat "${pid[$c]}")
		"$LAB" host --name "bench-$(netlab "$c")" -- "$NETBENCH" ping "$n" "${f[$c]}" \
			>"$TMP/ping-$c.out" 2>"$TMP/ping-$c.err" &
		pids+=($!)
	done
	# all of them done before any failure is looked into (that pauses)
	for c in "$@"; do
		st[$c]=0
		wait "${pids[i]}" || st[$c]=$?
		i=$((i + 1))
	done
	for c in "$@"; do
		net_record "$c" "$r" "${st[$c]}" "${pid[$c]}" "${a[$c]}" "$TMP/ping-$c" ping "$n" "${f[$c]}"
	done
}

# the split build's channel counters (calls, absent, timeouts, resets, rejected)
counters() { # column round [lab]
	note "$1" "$2" "counters: $(gx "${3:-$1}" sh -c 'sed "s/^/ /" /sys/kernel/debug/pcnet32-upcall0/counters | tr -d "\n"' 2>&1)"
}

boot() { # column round
	local c=$1 r=$2 name=bench-$1 rss d args a holds want plain=()
	d=$(driver_of "$c") args=$(daemon_args "$c")
	[ "$SLOW" = schemata ] || [ "$d" = stock ] || plain=(--plain)
	progress "round $r/$ROUNDS: booting $c (vm/lab up --driver $d ${plain[*]}${plain[*]:+ }--name $name)"
	"$LAB" down --name "$name" 2>/dev/null || true
	LABS+=("$name")
	"$LAB" up --driver "$d" "${plain[@]}" --name "$name" 2>"$TMP/up.err" ||
		{ cat "$TMP/up.err" >&2; return 1; }
	UP+=("$c")
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
	if [ "${#plain[@]}" -gt 0 ]; then
		# the slow path measured is the one compiled from pcnet32/slow.c
		# shellcheck disable=SC2016 # expanded in the guest
		gx "$c" sh -c 'case $0 in
			split) cmp -s "/proc/$(cat /run/pcnet32d.ready)/exe" /lab/bin/pcnet32d-plain ;;
			*) cmp -s /lab/driver/pcnet32.ko /lab/bin/pcnet32-plain.ko ;;
			esac' "$d" ||
			{ echo "bench: $c: the guest does not run the plain build (vm/lab up --plain)" >&2; return 1; }
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
	[ "$PAIRED" = 0 ] || [ "$c" != inkernel ] || push_split "$r"
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

# ---- claim 2's columns in one guest (PAIRED=1) ---------------------------
# The inkernel column's guest gets the split build at boot (module,
# scripts and the plain daemon as pcnet32d, in /tmp/split, as
# bench/pair-probe.sh does) and the network tests of Table 3 swap the two
# between its passes (use_build). Each swap is checked and logged in
# swaps.csv; a swap that fails or a build that is not the one asked for
# stops the run (the cleanup takes every guest down).
CUR_BUILD=inkernel SWAPS=0
push_split() { # round
	local f sums want
	gx inkernel mkdir -p /tmp/split
	for f in split/pcnet32.ko split/pcnet32-supervise split/daemon-start split/daemon-stop \
		split/load split/unload plain/pcnet32d-plain; do
		# shellcheck disable=SC2016 # expanded by the host end's shell
		hx inkernel sh -c 'scp -q -O -F "$LAB_SSH_CONFIG" "$1" "lab-guest:/tmp/split/$2"' \
			sh "$BUILD/$f" "$(basename "${f/pcnet32d-plain/pcnet32d}")"
	done
	# what arrived is what was built, and the daemon is the plain build
	want=$(cd "$BUILD" && md5sum split/pcnet32.ko split/load split/unload plain/pcnet32d-plain | awk '{ print $1 }' | tr '\n' ' ')
	sums=$(gx inkernel sh -c 'cd /tmp/split && md5sum pcnet32.ko load unload pcnet32d' | awk '{ print $1 }' | tr '\n' ' ')
	[ "$sums" = "$want" ] ||
		{ echo "bench: the split build pushed into bench-inkernel differs from $BUILD's" >&2; exit 1; }
	gx inkernel cmp -s /tmp/split/pcnet32d /lab/bin/pcnet32d-plain ||
		{ echo "bench: the daemon pushed into bench-inkernel is not the plain build" >&2; exit 1; }
	CUR_BUILD=inkernel SWAPS=0
	printf '%s,%s,bench-inkernel,inkernel,0,%s\n' "$1" "$SWAPS" "$(build_state)" >>"$DATA/swaps.csv"
}
# the paired guest's loaded build: "module coresize C; daemon pid P"
build_state() {
	# shellcheck disable=SC2016 # expanded in the guest
	gx inkernel sh -c 'printf "module coresize %s; upcall channel %s; daemon %s" "$(cat /sys/module/pcnet32/coresize)" \
		"$([ -d /sys/kernel/debug/pcnet32-upcall0 ] && echo yes || echo no)" "$(pidof pcnet32d || echo none)"'
}
use_build() { # column round: the paired guest on that build, checked and warmed up
	local b=$1 r=$2 t0 ms
	[ "$PAIRED" = 1 ] && [ "$CUR_BUILD" != "$b" ] || return 0
	t0=$(date +%s%N)
	if [ "$b" = split ]; then
		gx inkernel sh -c 'rmmod pcnet32 && /tmp/split/load && lab-ifup' >/dev/null ||
			{ echo "bench: round $r: the swap to the split build failed in bench-inkernel" >&2; exit 1; }
		# the serving daemon is the plain build, the module the split one
		# shellcheck disable=SC2016 # expanded in the guest
		gx inkernel sh -c 'cmp -s "/proc/$(cat /run/pcnet32d.ready)/exe" /lab/bin/pcnet32d-plain &&
			[ -d /sys/kernel/debug/pcnet32-upcall0 ]' ||
			{ echo "bench: round $r: after the swap bench-inkernel does not run the split build with the plain daemon" >&2; exit 1; }
	else
		gx inkernel sh -c '/tmp/split/unload && /lab/driver/load && lab-ifup' >/dev/null ||
			{ echo "bench: round $r: the swap to the inkernel build failed in bench-inkernel" >&2; exit 1; }
		# shellcheck disable=SC2016 # expanded in the guest
		gx inkernel sh -c 'cmp -s /lab/driver/pcnet32.ko /lab/bin/pcnet32-plain.ko &&
			[ ! -d /sys/kernel/debug/pcnet32-upcall0 ] && ! pidof pcnet32d >/dev/null' ||
			{ echo "bench: round $r: after the swap bench-inkernel does not run the plain inkernel build alone" >&2; exit 1; }
	fi
	CUR_BUILD=$b SWAPS=$((SWAPS + 1))
	ms=$((($(date +%s%N) - t0) / 1000000))
	# unrecorded: the first iperf3 runs after a reload are slow
	hx inkernel "$NETBENCH" iperf warmup 2 0 >/dev/null 2>&1 || true
	hx inkernel "$NETBENCH" iperf warmup 2 0 -R >/dev/null 2>&1 || true
	printf '%s,%s,bench-inkernel,%s,%s,%s\n' "$r" "$SWAPS" "$b" "$ms" "$(build_state)" >>"$DATA/swaps.csv"
	progress "  round $r: bench-inkernel swapped to the $b build (swap $SWAPS: reload ${ms} ms; warmed up)"
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
# fixed schedule (opbench ops -r), for INT_S + 2 s from 1 s before the
# iperf3 run; the op's latencies and its counters over the whole loop
interfere() { # column round op rate test
	local c=$1 r=$2 op=$3 rate=$4 test=$5
	gx "$c" sh -c "opbench ops -n 10000000 -w 0 -r $rate -T $((INT_S + 2)) -k /tmp/interfere-counters.csv $op \
		>/tmp/interfere.csv 2>/tmp/interfere.err </dev/null &"
	sleep 1
	net "$c" "$r" iperf "$test" "$INT_S" 0
	# wait for the loop to end, then take its samples and counters
	# shellcheck disable=SC2016 # run by the guest's shell
	gx "$c" sh -c 'while pidof opbench >/dev/null; do sleep 0.2; done
		cat /tmp/interfere.err >&2; cat /tmp/interfere.csv' |
		prefix "$c" "$r" >>"$DATA/interfere-ops.csv"
	gx "$c" sh -c 'cat /tmp/interfere-counters.csv 2>/dev/null || true' |
		awk 'NR > 1' | prefix "$c" "$r" >>"$DATA/interfere-counters.csv"
}

# pass j's share of N samples in NET_PASSES passes, and its first rep
share() { # N j
	echo $(($1 / NET_PASSES + ($2 < $1 % NET_PASSES ? 1 : 0)))
}
first() { # N j
	echo $(($2 * ($1 / NET_PASSES) + ($2 < $1 % NET_PASSES ? $2 : $1 % NET_PASSES)))
}

# a column claim 2 compares, run in the paired guest (PAIRED=1)
paired() { # column
	[ "$PAIRED" = 1 ] && { [ "$1" = inkernel ] || [ "$1" = split ]; }
}

# the words in reverse order, one a line
rev_words() { # word...
	local i
	for ((i = $#; i > 0; i--)); do printf '%s\n' "${!i}"; done
}

round() { # round
	local r=$1 c kv key args j k n_p f_p n_c rep_c p si ii ping_at w=() rv=() downs=()
	R=$r
	mapfile -t ORDER < <(cols boot)
	for c in "${ORDER[@]}"; do
		boot "$c" "$r"
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
	done

	mapfile -t w < <(cols ops)
	progress "round $r/$ROUNDS: opbench, every op x$OPS_N, then x$CNT_N with counters, on ${w[*]}"
	for c in "${w[@]}"; do
		# timed without the perf counters (their bookkeeping slows every
		# context switch: opbench.c), counted in a loop of their own
		gx "$c" sh -c "opbench ops -n $OPS_N -u /tmp/upcall.csv &&
			opbench ops -n $CNT_N -w 5 -c /tmp/counters.csv >/dev/null" 2>"$TMP/ops.err" |
			prefix "$c" "$r" >>"$DATA/ops.csv"
		gx "$c" sh -c 'cat /tmp/counters.csv 2>/dev/null || true' |
			awk 'NR > 1' | prefix "$c" "$r" >>"$DATA/ops-counters.csv"
		sed 's/,/;/g' "$TMP/ops.err" | prefix "$c" "$r" >>"$DATA/notes.csv"
		[ "$r" != 1 ] || sed "s/^/  $c: /" "$TMP/ops.err" >&2
	done
	# the same ops, each call right after its caller slept and was
	# switched back in (opbench -s), as an upcall's caller resumes: what
	# running cold costs an op under TCG, beside the warm loop above
	mapfile -t w < <(cols switched)
	progress "round $r/$ROUNDS: opbench -s, each call after a context switch, x$SW_N on ${w[*]}"
	for c in "${w[@]}"; do
		# shellcheck disable=SC2086 # SW_OPS is a word list
		gx "$c" opbench ops -s -n "$SW_N" $SW_OPS 2>"$TMP/ops.err" |
			prefix "$c" "$r" >>"$DATA/ops-switched.csv"
		sed 's/,/;/g' "$TMP/ops.err" | prefix "$c" "$r" >>"$DATA/notes.csv"
	done

	# iperf3: first one unrecorded 2-s run each way per column: the first
	# run on a freshly booted guest is slow and erratic (under TCG its
	# receive path is translated on first use: 0.4-0.8 of the later runs
	# in a side-by-side probe, see bench/README.md), and every round boots
	# afresh (split-direct, split-paper unless BENCH_PAPER_NET=1, and split
	# when paired: host->guest only, the way their interference runs go;
	# the paired guest gets another after every swap, see use_build).
	mapfile -t w < <(cols warmup-h2g)
	progress "round $r/$ROUNDS: iperf3 warm-up (2 s each way, unrecorded) on ${w[*]}"
	for c in "${w[@]}"; do
		hx "$c" "$NETBENCH" iperf warmup 2 0 >/dev/null 2>&1 || true
		if joins "$c" warmup-g2h; then
			hx "$c" "$NETBENCH" iperf warmup 2 0 -R >/dev/null 2>&1 || true
		fi
	done
	# The network tests in NET_PASSES passes: each pass takes its share of
	# every test's samples (ping, scp, ssh, then the iperf3 runs each way)
	# on every column in turn, all of a column's at once, the odd passes in
	# the round's order, the even ones reversed: each column's mean
	# position in the round is the same, and a column's samples spread
	# over the whole network phase (about 3 minutes a round), so that a
	# slow spell of the shared host or of one guest (one can last about a
	# minute, see bench/README.md) falls on a share of every column's
	# samples, not on all of one column's. Paired (PAIRED=1): inkernel and
	# split run in the inkernel column's guest, the build swapped before
	# the other one's turn (use_build: about one swap a pass, as the order
	# alternates, each followed by a warm-up); at the end the guest is
	# back on inkernel for its interference runs.
	mapfile -t w < <(cols net)
	# paired, with an even number of passes: inkernel (the build the guest
	# booted with) before split in the first pass, wherever the rotation
	# put them; the passes alternate, so each still comes first in half
	# of them, with one swap a pass and the last one back to inkernel
	if [ "$PAIRED" = 1 ] && [ $((NET_PASSES % 2)) = 0 ]; then
		si=-1 ii=-1
		for p in "${!w[@]}"; do
			[ "${w[p]}" != split ] || si=$p
			[ "${w[p]}" != inkernel ] || ii=$p
		done
		if [ "$si" -lt "$ii" ]; then w[si]=inkernel w[ii]=split; fi
		for p in "${!w[@]}"; do
			printf '%s,%s,%s,net-paired\n' "$r" "$p" "${w[p]}" >>"$DATA/order.csv"
		done
	fi
	mapfile -t rv < <(rev_words "${w[@]}")
	NET_PHASE=1
	for ((j = 0; j < NET_PASSES; j++)); do
		if ((j % 2 == 0)); then set -- "${w[@]}"; else set -- "${rv[@]}"; fi
		progress "round $r/$ROUNDS: network pass $((j + 1))/$NET_PASSES: ping x$(share "$PING_N" "$j"), scp 4.3 KB x$(share "$SCP4K_N" "$j"), scp 4 MiB x$(share "$SCP4M_N" "$j"), ssh x$(share "$SSH_N" "$j"), iperf3 ${IPERF_S}s x$(share "$IPERF_N" "$j") each way on $*$([ "$PAIRED" = 0 ] || echo " (inkernel and split in bench-inkernel)")"
		n_p=$(share "$PING_N" "$j") f_p=$(first "$PING_N" "$j")
		# ping (see ping_all): every column of the pass at once, each in
		# its own guest, at inkernel's turn (paired: its guest then runs
		# the inkernel build; the split column's own guest runs split)
		ping_at=$1
		for c in "$@"; do
			[ "$c" != inkernel ] || ping_at=inkernel
		done
		for c in "$@"; do
			if paired "$c"; then use_build "$c" "$r"; fi
			if [ "$c" = "$ping_at" ] && [ "$n_p" != 0 ]; then
				NET_PHASE=0
				ping_all "$r" "$n_p" "$f_p" "$@"
				NET_PHASE=1
			fi
			[ "$(share "$SCP4K_N" "$j")" = 0 ] ||
				net "$c" "$r" scp "$TMP/scp-4k.bin" scp_4k "$(share "$SCP4K_N" "$j")" "$(first "$SCP4K_N" "$j")"
			[ "$(share "$SCP4M_N" "$j")" = 0 ] ||
				net "$c" "$r" scp "$TMP/scp-4m.bin" scp_4m "$(share "$SCP4M_N" "$j")" "$(first "$SCP4M_N" "$j")"
			[ "$(share "$SSH_N" "$j")" = 0 ] || net "$c" "$r" ssh "$(share "$SSH_N" "$j")" "$(first "$SSH_N" "$j")"
			# iperf3 (rep: the run within the round), both ways each;
			# a column with fewer runs (iperf_n) has fewer in a pass
			joins "$c" iperf || continue
			n_c=$(share "$(iperf_n "$c")" "$j")
			for ((k = 0; k < n_c; k++)); do
				rep_c=$(($(first "$(iperf_n "$c")" "$j") + k))
				net "$c" "$r" iperf iperf_h2g "$IPERF_S" "$rep_c"
				net "$c" "$r" iperf iperf_g2h "$IPERF_S" "$rep_c" -R
			done
		done
	done
	# the paired guest's interference runs are the inkernel build's
	use_build inkernel "$r"
	NET_PHASE=0

	mapfile -t w < <(cols interfere)
	progress "round $r/$ROUNDS: iperf3 ${INT_S}s host->guest while the guest dumps registers ${DUMP_RATE}/s, on ${w[*]}"
	for c in "${w[@]}"; do
		interfere "$c" "$r" GREGS "$DUMP_RATE" iperf_h2g_dumping
	done
	mapfile -t w < <(cols interfere-kset)
	progress "round $r/$ROUNDS: iperf3 ${INT_S}s host->guest while the guest asks get_link_ksettings ${KSET_RATE}/s, on ${w[*]}"
	for c in "${w[@]}"; do
		interfere "$c" "$r" GLINKSETTINGS "$KSET_RATE" iperf_h2g_ksettings
	done

	for c in "${ORDER[@]}"; do
		if [ "$(driver_of "$c")" = split ]; then
			gx "$c" sh -c 'cat /tmp/upcall.csv 2>/dev/null || true' |
				prefix "$c" "$r" >>"$DATA/upcall.csv"
			counters "$c" "$r"
		fi
	done
	# the labs go down side by side: nothing is measured now
	for c in "${ORDER[@]}"; do
		"$LAB" down --name "bench-$c" &
		downs+=($!)
	done
	for p in "${downs[@]}"; do wait "$p"; done
	UP=()
	progress "round $r/$ROUNDS: done"
}

# ---- the run's label ------------------------------------------------------
qemu_v=$(qemu-system-x86_64 --version | head -n1 | sed 's/^QEMU emulator version //')
{
	printf 'date=%s\n' "$(date -u +%Y-%m-%dT%H:%MZ)"
	printf 'mode=%s\n' "$MODE"
	printf 'switched_n=%s\nswitched_ops=%s\ncounters_n=%s\n' "$SW_N" "$SW_OPS" "$CNT_N"
	printf 'rounds=%s\nreps=%s\nops_n=%s\nping_n=%s\nping_i=0.01\nscp4k_n=%s\nscp4m_n=%s\nssh_n=%s\nnet_passes=%s\n' \
		"$ROUNDS" "$REPS" "$OPS_N" "$PING_N" "$SCP4K_N" "$SCP4M_N" "$SSH_N" "$NET_PASSES"
	printf 'iperf_s=%s\niperf_n=%s\niperf_n_other=%s\nint_s=%s\ndump_rate=%s\nkset_rate=%s\n' \
		"$IPERF_S" "$IPERF_N" "$IPERF_N_OTHER" "$INT_S" "$DUMP_RATE" "$KSET_RATE"
	printf 'ping_concurrent=1\nnet_paired=%s\n' "$PAIRED"
	printf 'columns=%s\n' "${COLUMNS[*]}"
	printf 'direct_all=%s\npaper_net=%s\nfocus=%s\n' "$DIRECT_ALL" "$PAPER_NET" "$FOCUS"
	printf 'slow=%s\n' "$SLOW"
	printf 'expected_ms=%s\n' "$EXPECTED_MS"
	printf 'clk_tck=%s\n' "$(getconf CLK_TCK)"
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
		"$(git -C "$ROOT" diff --quiet HEAD -- . ':(exclude)report' 2>/dev/null || echo '+changes')"
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

progress "bench ($MODE): ${#COLUMNS[@]} columns x $ROUNDS rounds; raw data in $DATA; expected duration about $(mmss "$EXPECTED_MS")$([ "$MODE" = quick ] || echo " (the budget: 25:00)")"
MEASURING=1
for ((r = 1; r <= ROUNDS; r++)); do
	round "$r"
	ROUNDS_DONE=$r ROUNDS_T=$(($(date +%s) - T0))
done
progress "measurements done (expected about $(mmss $((EXPECTED_MS - REPORT_MS))))"
{
	printf 'load_end=%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
	printf 'wall_s=%s\n' "$(($(date +%s) - T0))"
	printf 'complete=1\n'
} >>"$DATA/meta.env"

if [ "$report" = 1 ]; then
	progress "report: tables and figures into $OUT"
	"$ROOT/bench/report.sh" "$DATA" "$OUT"
fi
progress "bench: done"
