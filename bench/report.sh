#!/usr/bin/env bash
# Tables and figures of a benchmark run, from its raw data only:
#   bench/report.sh [DATA [OUT]]
# DATA (default report/data/bench) holds what bench/run.sh recorded; OUT
# (default report) gets REPORT.md and figures/bench-*.png. Statistics go
# to DATA/stats/. Prints whether the paper's claims hold in this run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
DATA=${1:-$ROOT/report/data/bench}
OUT=${2:-$ROOT/report}
PLOTS=$ROOT/plots

die() { printf 'bench report: %s\n' "$*" >&2; exit 1; }
[ -f "$DATA/meta.env" ] || die "no run in $DATA (meta.env missing): run make bench first"
CI=$BUILD/bench/benchci
if [ ! -x "$CI" ] || [ "$ROOT/bench/benchci.c" -nt "$CI" ] || [ "$ROOT/bench/verdict.c" -nt "$CI" ]; then
	make -s --no-print-directory -C "$ROOT" "$CI" >&2
fi
# the previous run's headline (bench/run.sh keeps it in DATA.previous)
PREV=${BENCH_PREVIOUS:-$DATA.previous}
S=$DATA/stats
FIG=$OUT/figures
mkdir -p "$S" "$FIG"

meta() { sed -n "s/^$1=//p" "$DATA/meta.env" "$DATA/guest.env" 2>/dev/null | tail -n1; }
[ "$(meta complete)" = 1 ] || echo "bench report: warning: the run in $DATA did not complete; reporting what it has" >&2
ROUNDS=$(meta rounds)
COLS=$(meta columns)

# ---- statistics (Miller's stats1: n,min,p5,p25,median,p75,p95,max,mean) --
# quantiles KEYS VALUE FILE [FILTER]: per group of the KEYS columns (in
# order of first appearance), the order statistics of VALUE; quantiles
# interpolate linearly between order statistics at q*(n-1) (stats1 -i);
# numbers with 10 significant digits. FILTER (a Miller expression) keeps
# rows first. No rows: the header alone.
quantiles() {
	local out
	out=$(mlr --icsv --ocsv --ofmt %.10g filter "${4:-true}" \
		'then' stats1 -i -a count,min,p5,p25,median,p75,p95,max,mean -f "$2" -g "$1" \
		'then' rename -r "^$2_," \
		'then' rename count,n "$3")
	if [ -n "$out" ]; then
		printf '%s\n' "$out"
	else
		echo "$1,n,min,p5,p25,median,p75,p95,max,mean"
	fi
}
quantiles column,cmd ns "$DATA/cmd.csv" >"$S/cmd.csv"
quantiles column,round,cmd ns "$DATA/cmd.csv" >"$S/cmdr.csv"
# the ops' samples that succeeded
# shellcheck disable=SC2016 # Miller's own variables
OK='$err == 0'
quantiles column,op ns "$DATA/ops.csv" "$OK" >"$S/ops.csv"
quantiles column,round,op ns "$DATA/ops.csv" "$OK" >"$S/opsr.csv"
quantiles column,test value "$DATA/net.csv" >"$S/net.csv"
quantiles column,round,test value "$DATA/net.csv" >"$S/netr.csv"
quantiles column,op ns "$DATA/interfere-ops.csv" "$OK" >"$S/interfere.csv"
# ---- claim 2's samples (stats/net-claim.csv) ---------------------------------
# net.csv with each ping sample divided by stock's echo of the same moment
# when the columns were pinged at once (bench/netclaim.sh says how); Table
# 3's cells stay in ms
PINGNORM=0
netclaim=$("$ROOT/bench/netclaim.sh" "$DATA" "$S/net-claim.csv")
[ "$netclaim" != "ping: divided by stock" ] || PINGNORM=1
quantiles column,round,test value "$S/net-claim.csv" >"$S/netrc.csv"

# ---- intervals and verdicts (benchci: a seeded bootstrap over rounds and
# samples; est, lo, hi: the ratio of medians and its 95% interval) --------
SEED=$(meta seed)
SEED=${SEED:-1}
ci() { # out benchci-args...
	local out=$1
	shift
	"$CI" -s "$SEED" -B 1000 "$@" >"$S/$out.csv"
}
# Table 2 (claim 1: at most 2)
ci ci_cmd_si -k cmd -a split -b inkernel -v ns -t max:2 "$DATA/cmd.csv"
ci ci_cmd_pi -k cmd -a split-paper -b inkernel -v ns -t max:2 "$DATA/cmd.csv"
ci ci_cmd_di -k cmd -a split-direct -b inkernel -v ns -t max:2 "$DATA/cmd.csv"
# Table 3 (claim 2: unchanged; iperf3 target: at least 0.99)
ci ci_net_si -k test -a split -b inkernel -t min:0.99 "$S/net-claim.csv"
ci ci_net_pi -k test -a split-paper -b inkernel -t min:0.99 "$S/net-claim.csv"
# ---- Table 3's samples: what each test needed (Miller) ----------------------
# Per claim-2 test, over inkernel and split: the samples per round (min,
# max over both columns and the rounds), the pooled samples per column
# (n, the smaller), the spread of one sample within a round (IQR / median
# of each column's samples in each round, their mean: the bootstrap
# resamples within rounds) and how many samples a column needs for the
# interval of split/inkernel to be within +-2.5% (half the tolerance)
# from the sampling alone: the 95% half-width of a ratio of two medians
# of n samples is about 1.96 * sqrt(2) * 1.2533 * sigma / sqrt(n), sigma =
# IQR / 1.349 / median, so n >= (103.0 * IQR / median)^2. The rounds'
# disagreement is beyond it: more samples per round do not shrink it.
NET_TESTS='^(ping|scp_4k|scp_4m|ssh|iperf_h2g|iperf_g2h)$'
# shellcheck disable=SC2016 # Miller's own variables
NET_SEL='($column == "inkernel" || $column == "split") && $test =~ "'"$NET_TESTS"'"'
mlr --icsv --ocsv filter "$NET_SEL" \
	'then' count -g column,round,test \
	'then' stats1 -a min,max -f count -g test \
	'then' rename count_min,nround_min,count_max,nround_max "$S/net-claim.csv" >"$S/netround.csv"
mlr --icsv --ocsv filter "$NET_SEL" \
	'then' count -g column,test \
	'then' stats1 -a min -f count -g test \
	'then' rename count_min,n "$S/net-claim.csv" >"$S/netcount.csv"
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --ocsv filter "$NET_SEL" \
	'then' stats1 -i -a p25,median,p75 -f value -g column,round,test \
	'then' put '$spread = $value_median == 0 ? "" : ($value_p75 - $value_p25) / abs($value_median)' \
	'then' stats1 -a mean -f spread -g test \
	'then' join -j test -f "$S/netround.csv" \
	'then' join -j test -f "$S/netcount.csv" \
	'then' put '$spread = $spread_mean;
		$need = is_empty($spread_mean) ? "" : ceil((103.0 * $spread_mean) ** 2)' \
	'then' cut -o -f test,n,nround_min,nround_max,spread,need "$S/net-claim.csv" >"$S/netneed.csv"
# ---- the host during each recorded iperf3 run (net-host.csv; Miller) ----
# qemu_cpu: the CPU share the guest's QEMU got during the run (1 = one
# host CPU), host_busy: the host's busy CPUs; a run is slow below 0.85 of
# its column's median. Throughput per QEMU CPU-second (net-cpu.csv) takes
# the host's scheduling out: its interval is shown beside the verdict.
if [ -f "$DATA/net-host.csv" ]; then
	# shellcheck disable=SC2016 # Miller's own variables
	mlr --icsv --ocsv filter '$test == "iperf_h2g" || $test == "iperf_g2h"' \
		'then' join -j column,round,test,rep -f "$DATA/net.csv" \
		'then' put -s tck="$(meta clk_tck)" -s nproc="$(meta host_nproc)" '
			$qemu_cpu = is_empty($qemu_ticks) || $wall_us <= 0 ? "" : $qemu_ticks / @tck / ($wall_us / 1e6);
			$host_busy = $total_ticks > 0 ? $busy_ticks / $total_ticks * @nproc : ""' \
		'then' cut -o -f column,round,test,rep,value,qemu_cpu,host_busy "$DATA/net-host.csv" >"$S/net-runs.csv"
else
	echo "column,round,test,rep,value,qemu_cpu,host_busy" >"$S/net-runs.csv"
fi
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --ocsv filter 'is_not_empty($qemu_cpu) && $qemu_cpu > 0' \
	'then' put '$value = $value / $qemu_cpu' \
	'then' cut -o -f column,round,test,rep,value "$S/net-runs.csv" >"$S/net-cpu.csv"
if [ -s "$S/net-cpu.csv" ]; then
	ci ci_netcpu_si -k test -a split -b inkernel "$S/net-cpu.csv"
	quantiles column,test value "$S/net-cpu.csv" >"$S/netcpu.csv"
else
	: >"$S/ci_netcpu_si.csv"
	: >"$S/netcpu.csv"
fi
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --ocsv stats1 -a median -f value -g column,test "$S/net-runs.csv" >"$S/netmed.csv"
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --ocsv join -j column,test -f "$S/netmed.csv" \
	'then' filter 'is_not_empty($qemu_cpu)' \
	'then' put -q '
		t = $test; slow = $value < 0.85 * $value_median;
		@n[t] += 1;
		if (slow) {
			@ns[t] += 1; @qs[t] += $qemu_cpu; @hs[t] += $host_busy;
			@w[t] = (is_present(@w[t]) ? @w[t] . " " : "") . $column . " r" . $round;
		} else {
			@qo[t] += $qemu_cpu; @ho[t] += $host_busy;
		}
		if (!is_present(@qmin[t]) || $qemu_cpu < @qmin[t]) { @qmin[t] = $qemu_cpu }
		if (!is_present(@qmax[t]) || $qemu_cpu > @qmax[t]) { @qmax[t] = $qemu_cpu }
		end {
			for (t, n in @n) {
				ns = is_present(@ns[t]) ? @ns[t] : 0; no = n - ns;
				r = {"test": t, "n": n, "slow": ns, "which": ns > 0 ? @w[t] : "",
					"qemu_slow": ns > 0 ? @qs[t] / ns : "", "qemu_other": no > 0 ? @qo[t] / no : "",
					"busy_slow": ns > 0 ? @hs[t] / ns : "", "busy_other": no > 0 ? @ho[t] / no : "",
					"qemu_min": @qmin[t], "qemu_max": @qmax[t]};
				emit r;
			}
		}' "$S/net-runs.csv" >"$S/netslow.csv"
[ -s "$S/netslow.csv" ] || echo "test,n,slow,which,qemu_slow,qemu_other,busy_slow,busy_other,qemu_min,qemu_max" >"$S/netslow.csv"
# Table 2b: inkernel/stock at most 1.1; split/inkernel (GDRVINFO: at most
# 5); the ablation split-paper/split
ci ci_ops_is -k op -a inkernel -b stock -v ns -w err=0 -t max:1.1 "$DATA/ops.csv"
ci ci_ops_si -k op -a split -b inkernel -v ns -w err=0 -t max:5 "$DATA/ops.csv"
ci ci_ops_pi -k op -a split-paper -b inkernel -v ns -w err=0 -t max:5 "$DATA/ops.csv"
ci ci_ops_ps -k op -a split-paper -b split -v ns -w err=0 "$DATA/ops.csv"
# the two departures alone: direct ports with our protocol against ours
# (split-direct/split), the paper's protocol with direct ports against
# ours with direct ports (split-paper/split-direct)
ci ci_ops_di -k op -a split-direct -b inkernel -v ns -w err=0 -t max:5 "$DATA/ops.csv"
ci ci_ops_ds -k op -a split-direct -b split -v ns -w err=0 "$DATA/ops.csv"
ci ci_ops_pd -k op -a split-paper -b split-direct -v ns -w err=0 "$DATA/ops.csv"
# interference: iperf3 host->guest under 200 register dumps or
# get_link_ksettings calls a second, each split column against inkernel
# under the same load (the target, split: at least 0.97)
ci ci_int_si -k test -a split -b inkernel -t min:0.97 "$DATA/net.csv"
ci ci_int_di -k test -a split-direct -b inkernel -t min:0.97 "$DATA/net.csv"
ci ci_int_pi -k test -a split-paper -b inkernel -t min:0.97 "$DATA/net.csv"
# split - inkernel (ns) against 1.5 pipe round trips of the split guest
# (the target; moonshot: 1.0), the round trip's median as measured
# shellcheck disable=SC2016 # Miller's own variables
prt=$(mlr --icsv --onidx filter '$column == "split" && $op == "pipe_rtt"' \
	'then' cut -f median "$S/ops.csv")
if [ -n "$prt" ]; then
	# the bound, 1.5 round trips, with 6 significant digits
	ci ci_ops_sd -k op -a split -b inkernel -v ns -w err=0 -m diff \
		-t "max:$(mlr -n put -s p="$prt" 'end { print fmtnum(1.5 * @p, "%.6g") }')" "$DATA/ops.csv"
	ci ci_ops_sd1 -k op -a split -b inkernel -v ns -w err=0 -m diff -t "max:$prt" "$DATA/ops.csv"
else
	: >"$S/ci_ops_sd.csv"
	: >"$S/ci_ops_sd1.csv"
fi
# counters per call (opbench -c): sums over the rounds, then per call.
# A counter a column does not have (-1 in every round: upcalls outside the
# split build, the register counters with the stock driver) stays empty.
# programs, accesses: register programs and accesses per call (regaccess,
# summed over its ops); hold_max_us: the lock's longest hold by one
# program (the largest of the rounds), hold_mean_us: its mean hold;
# holds: the slow path's stops of the fast path per call (fastpath_holds).
CNT_F=calls,task_clock_ns,context_switches,page_faults,cpu_migrations,cs_all,upcalls,programs,accesses,refused,malformed,hold_max_ns,hold_total_ns,fastpath_holds
CNT_OUT=column,op,n,task_clock_us,cs,cs_all,faults,migrations,upcalls,upcalls_sum,programs,programs_sum,accesses,refused_sum,malformed_sum,hold_max_us,hold_mean_us,holds,holds_sum
per_call() { # raw out
	if [ -s "$1" ] && [ "$(wc -l <"$1")" -gt 1 ]; then
		# shellcheck disable=SC2016 # Miller's own variables
		mlr --icsv --ocsv unsparsify \
			'then' put 'for (f in ["upcalls", "programs", "accesses", "refused", "malformed", "hold_max_ns", "hold_total_ns", "fastpath_holds"]) {
				if (is_not_empty($[f]) && $[f] < 0) { $[f] = "" }
			}' \
			'then' stats1 -a sum,max -f "$CNT_F" -g column,op \
			'then' put 'c = $calls_sum;
				$n = c;
				# the perf columns are empty in a loop counted with opbench -k
				have_perf = is_present($task_clock_ns_max) && !is_empty($task_clock_ns_max);
				$task_clock_us = have_perf ? $task_clock_ns_sum / c / 1000 : "";
				$cs = have_perf ? $context_switches_sum / c : "";
				$cs_all = have_perf ? $cs_all_sum / c : "";
				$faults = have_perf ? $page_faults_sum / c : "";
				$migrations = have_perf ? $cpu_migrations_sum / c : "";
				have_up = is_present($upcalls_max) && !is_empty($upcalls_max);
				$upcalls_sum = have_up ? $upcalls_sum : "";
				$upcalls = have_up ? $upcalls_sum / c : "";
				have_regs = is_present($programs_max) && !is_empty($programs_max);
				$programs_sum = have_regs ? $programs_sum : "";
				$programs = have_regs ? $programs_sum / c : "";
				$accesses = have_regs ? $accesses_sum / c : "";
				$refused_sum = have_regs ? $refused_sum : "";
				$malformed_sum = have_regs ? $malformed_sum : "";
				$hold_max_us = have_regs ? $hold_max_ns_max / 1000 : "";
				$hold_mean_us = have_regs && $programs_sum > 0 ? $hold_total_ns_sum / $programs_sum / 1000 : "";
				have_h = is_present($fastpath_holds_max) && !is_empty($fastpath_holds_max);
				$holds_sum = have_h ? $fastpath_holds_sum : "";
				$holds = have_h ? $fastpath_holds_sum / c : ""' \
			'then' unsparsify --fill-with "" -f "$CNT_OUT" \
			'then' cut -o -f "$CNT_OUT" "$1" >"$2"
	else
		echo "$CNT_OUT" >"$2"
	fi
}
per_call "$DATA/ops-counters.csv" "$S/counters.csv"
# the interference loops' counters, when the run recorded them
if [ -f "$DATA/interfere-counters.csv" ]; then
	per_call "$DATA/interfere-counters.csv" "$S/intcnt.csv"
else
	echo "$CNT_OUT" >"$S/intcnt.csv"
fi
# or_header HEADER: stdin to stdout, or HEADER alone when stdin is empty
# (Miller writes no header without records)
or_header() {
	local out
	out=$(cat)
	if [ -n "$out" ]; then
		printf '%s\n' "$out"
	else
		echo "$1"
	fi
}
# upcall phases, long form; "other" is the daemon's time outside COPY and
# PROCESSING (user - copy - proc); src: the ethtool command or opbench op
# (the split column only: split-paper's upcalls are another protocol);
# every phase twice: under its source and under all-cmd or all-loop
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --ocsv filter '$column == "split"' 'then' put -q '
	src = $source =~ "^[a-z]$" ? "cmd" : "loop";
	ph = {"wait": $wait_ns, "copy": $copy_ns, "proc": $proc_ns, "reply": $reply_ns,
		"user": $user_ns, "total": $total_ns, "other": $user_ns - $copy_ns - $proc_ns};
	for (s in [$source, "all-" . src]) {
		for (p, v in ph) {
			r = {"source": s, "op": $op, "phase": p, "ns": v};
			emit r;
		}
	}' "$DATA/upcall.csv" | or_header source,op,phase,ns >"$S/upcall-long.csv"
quantiles source,op,phase ns "$S/upcall-long.csv" >"$S/up.csv"
# upcalls per ethtool command: rows per (command, op) and their total time
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --ocsv filter '$column == "split" && $source =~ "^[a-z]$"' \
	'then' stats1 -a count,sum -f total_ns -g source,op \
	'then' rename source,cmd,total_ns_count,count,total_ns_sum,total_ns \
	"$DATA/upcall.csv" | or_header cmd,op,count,total_ns >"$S/upcmd.csv"
# failures: non-zero command statuses and op errors
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --ocsv filter 'is_present($status) ? $status != 0 : $err != 0' \
	'then' put 'if (is_present($status)) {
			$what = "cmd " . $cmd; $how = "status " . $status
		} else {
			$what = "op " . $op; $how = "errno " . $err
		}' \
	'then' count -g column,what,how \
	"$DATA/cmd.csv" "$DATA/ops.csv" | or_header column,what,how,count >"$S/failures.csv"
# Table 1 and the op names were taken from the sources when the run began
for f in loc opnames; do
	if [ -f "$DATA/$f.csv" ]; then
		cp "$DATA/$f.csv" "$S/$f.csv"
	else
		echo "bench report: warning: no $f.csv in $DATA (an older run): taken from the sources now" >&2
		case $f in
		loc) "$ROOT/bench/loc.sh" "$ROOT" >"$S/loc.csv" ;;
		opnames) sed -n 's/.*X(\([A-Z_]*\), *\([0-9]*\), *\([a-z_]*\),.*/\2,\1,\3/p' "$ROOT/pcnet32/ops.h" |
			{ echo "id,name,fn"; cat; } >"$S/opnames.csv" ;;
		esac
	fi
done

# ---- register access, from the kernel's own counters (Miller) -------------
# The driver op behind each opbench op; whether it is an op on the ports
# comes from the build's op table (flag "ports").
cat >"$S/opmain.csv" <<'EOF'
op,name
GDRVINFO,GET_DRVINFO
GRINGPARAM,GET_RINGPARAM
GMSGLVL,GET_MSGLEVEL
SMSGLVL,SET_MSGLEVEL
GSSET_INFO,GET_SSET_COUNT
GSTRINGS,GET_STRINGS
GLINK,GET_LINK
GLINKSETTINGS,GET_LINK_KSETTINGS
GREGS,GET_REGS
MII_READ,MDIO_READ
EOF
# shellcheck disable=SC2016 # Miller's own variables
if head -n 1 "$S/opnames.csv" | grep -q flags; then
	mlr --icsv --ocsv join -j name -f "$S/opnames.csv" \
		'then' put '$ports = $flags =~ "(^|[|])ports([|]|$)" ? 1 : 0' \
		'then' cut -o -f op,name,ports "$S/opmain.csv" >"$S/opports.csv"
else
	mlr --icsv --ocsv put '$ports = ""' "$S/opmain.csv" >"$S/opports.csv"
fi
# per op and column: the counters per call of the driver ops (no reference
# points), with the op's ports flag
mlr --icsv --ocsv join -j op -f "$S/opports.csv" "$S/counters.csv" >"$S/regs.csv"
# shellcheck disable=SC2016 # Miller's own variables
MLR_FMT='func f(x) {
	if (is_absent(x) || is_empty(x)) { return "–" }
	a = abs(x);
	return a >= 100 ? fmtnum(x, "%.0f") : a >= 10 ? fmtnum(x, "%.1f") : a >= 1 ? fmtnum(x, "%.2f") : a == 0 ? "0" : fmtnum(x, "%.3f");
}
func has(map m, str c, str k) {
	return haskey(m, c) && haskey(m[c], k) && !is_empty(m[c][k]);
}
'
# the table of REPORT.md (markdown by Miller; the report inserts it)
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --omd put -q "$MLR_FMT"'
@v[$op][$column] = $*;
end {
	for (op, m in @v) {
		r = {"op": op};
		for (c in ["inkernel", "split", "split-direct", "split-paper"]) { r["programs/call " . c] = f(m[c]["programs"]) }
		for (c in ["inkernel", "split", "split-direct"]) { r["accesses/call " . c] = f(m[c]["accesses"]) }
		for (c in ["inkernel", "split"]) { r["longest hold (µs) " . c] = f(m[c]["hold_max_us"]) }
		for (c in ["inkernel", "split"]) { r["mean hold (µs) " . c] = f(m[c]["hold_mean_us"]) }
		for (c in ["split", "split-direct", "split-paper"]) { r["fast-path holds/call " . c] = f(m[c]["holds"]) }
		emit r;
	}
}' "$S/regs.csv" >"$S/regs.md"
# the targets on these counters, one per line: what, figure, bound,
# outcome (tab-separated; the report prints them with the other targets)
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --otsv --headerless-tsv-output put -q "$MLR_FMT"'
func row(str what, str fig, str bound, str outcome) {
	r = {"what": what, "fig": fig, "bound": bound, "outcome": outcome};
	emit r;
}
@v[$op][$column] = $*;
@ports[$op] = $ports;
end {
	# register programs and accesses per call: split the same as inkernel
	# (the same programs, checked and run by the same kernel code); the
	# register dump: one program per call
	none = "";
	for (op, m in @v) {
		if (!has(m, "split", "programs") || !has(m, "inkernel", "programs")) { continue }
		s = m["split"]; i = m["inkernel"];
		if (s["programs_sum"] == 0 && i["programs_sum"] == 0) { none = none . (none == "" ? "" : ", ") . op; continue }
		same = s["programs_sum"] * i["n"] == i["programs_sum"] * s["n"] && abs(s["accesses"] - i["accesses"]) <= 1e-9 * (1 + i["accesses"]);
		fig = "split " . f(s["programs"]) . " · " . f(s["accesses"]) . ", inkernel " . f(i["programs"]) . " · " . f(i["accesses"]);
		if (has(m, "split-direct", "programs")) { fig = fig . ", split-direct " . f(m["split-direct"]["programs"]) . " · " . f(m["split-direct"]["accesses"]) }
		if (op == "GREGS") {
			one = s["programs_sum"] == s["n"] && i["programs_sum"] == i["n"];
			row("register programs · accesses per call, GREGS (the dump)", fig, "1 program; split = inkernel", one && same ? "met" : "not met");
		} else {
			row("register programs · accesses per call, " . op, fig, "split = inkernel", same ? "met" : "not met");
		}
		row("longest register-lock hold, " . op, "split " . f(s["hold_max_us"]) . " µs, inkernel " . f(i["hold_max_us"]) . " µs (mean " . f(s["hold_mean_us"]) . ", " . f(i["hold_mean_us"]) . ")", "beside inkernel", "shown");
	}
	if (none != "") { row("register programs per call, " . none, "0 in split and inkernel", "split = inkernel", "met") }
	# programs the firewall refused or found malformed: none
	rf = 0; ml = 0; nn = 0;
	for (op, m in @v) {
		if (has(m, "split", "refused_sum")) { rf += m["split"]["refused_sum"]; ml += m["split"]["malformed_sum"]; nn += 1 }
	}
	if (nn > 0) { row("register programs refused · malformed, split, every op loop", rf . " · " . ml, "= 0", rf == 0 && ml == 0 ? "met" : "not met") }
	# fast-path holds per call: never when mediated; with direct ports one
	# per call of an op on the ports that goes up (GLINK is answered in the
	# kernel: none)
	hs = 0; hn = 0;
	for (op, m in @v) {
		if (has(m, "split", "holds")) { hs += m["split"]["holds_sum"]; hn += m["split"]["n"] }
	}
	if (hn > 0) { row("fast-path holds per call, split (mediated), every op", f(hs / hn) . " (" . hs . " over " . hn . " calls)", "= 0", hs == 0 ? "met" : "not met") }
	for (c in ["split-direct", "split-paper"]) {
		os = 0; on = 0; other = "";
		for (op, m in @v) {
			if (!has(m, c, "holds")) { continue }
			x = m[c];
			if (@ports[op] == 1 && has(m, c, "upcalls") && x["upcalls"] > 0) {
				row("fast-path holds per call, " . c . ", " . op, fmtnum(x["holds"], "%.3f") . " (" . x["holds_sum"] . " / " . x["n"] . ")", "= 1 (an op on the ports)", x["holds_sum"] == x["n"] ? "met" : "not met");
			} else {
				os += x["holds_sum"]; on += x["n"]; other = other . (other == "" ? "" : ", ") . op;
			}
		}
		if (on > 0) { row("fast-path holds per call, " . c . ", the other ops (" . other . ")", f(os / on) . " (" . os . " over " . on . " calls)", "= 0", os == 0 ? "met" : "not met") }
	}
}' "$S/regs.csv" >"$S/targets-regs.tsv"

# ---- tables of REPORT.md by Miller (the report inserts them) --------------
# md_align ALIGN: Miller's markdown with the column alignment ALIGN (l or
# r per column) in place of its separator line
md_align() {
	local a=$1 sep="|"
	while [ -n "$a" ]; do
		case ${a:0:1} in l) sep="$sep:--|" ;; *) sep="$sep--:|" ;; esac
		a=${a:1}
	done
	sed "2s/.*/$sep/"
}
# ci_cells FILE KEY HEADER: KEY and the interval cell "est [lo–hi]" (ratios
# with 2 decimals) of each row of benchci's FILE, that cell named HEADER
ci_cells() {
	# shellcheck disable=SC2016 # Miller's own variables
	mlr --icsv --ocsv put '$c = fmtnum($est, "%.2f") . " [" . fmtnum($lo, "%.2f") . "–" . fmtnum($hi, "%.2f") . "]"' \
		'then' cut -o -f "$2,c" 'then' rename c,"$3" "$1"
}
# the ablation's whole commands: each daemon against inkernel ("–": no
# interval)
CMD_NAMES='cmd,command,function
v,ethtool --version,"reference: starting ethtool, no driver call"
i,ethtool -i,get_drvinfo()
g,ethtool -g,get_ringparam()
s,ethtool -s msglvl,set_msglevel()
t,ethtool -t,self_test_count()
d,ethtool -d,get_regs()'
AB_COLS=split/inkernel,split-direct/inkernel,split-paper/inkernel
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --omd filter '$cmd != "v"' \
	'then' join --ur -j cmd -f <(ci_cells "$S/ci_cmd_si.csv" cmd split/inkernel) \
	'then' join --ur -j cmd -f <(ci_cells "$S/ci_cmd_di.csv" cmd split-direct/inkernel) \
	'then' join --ur -j cmd -f <(ci_cells "$S/ci_cmd_pi.csv" cmd split-paper/inkernel) \
	'then' unsparsify --fill-with "–" -f "$AB_COLS" \
	'then' cut -o -f "command,$AB_COLS" <<<"$CMD_NAMES" | md_align lrrr >"$S/ablation-cmd.md"

# ---- the per-op tables (Table 2b, its counters, the ablation; Miller) ------
# MLR_LIB: the report's number style. fmt: 3 significant digits (none after
# the point from 100, 2 decimals below 0.01 in %g); rfmt: a ratio, 2
# decimals; cell: a median and its spread, "m [lo–hi]"; "–": no value
MLR_LIB='func fmt(x) {
	if (is_absent(x) || is_empty(x) || string(x) == "nan") { return "–" }
	a = abs(x);
	return a >= 100 ? fmtnum(x, "%.0f") : a >= 10 ? fmtnum(x, "%.1f") : a >= 1 ? fmtnum(x, "%.2f") : a >= 0.01 ? fmtnum(x, "%.3f") : fmtnum(x, "%.2g");
}
# div: x / y, or nothing when there is no x
func div(x, y) { return is_absent(x) || is_empty(x) ? "" : x / y }
func rfmt(x) { return is_absent(x) || is_empty(x) ? "–" : fmtnum(x, "%.2f") }
func cell(m, lo, hi, sc) { return fmt(m * sc) . " [" . fmt(lo * sc) . "–" . fmt(hi * sc) . "]" }
'
ALL_COLS=stock,inkernel,split,split-direct,split-paper
# stats/opcells.csv: one row per op (in the order of stats/ops.csv), i its
# position (the first four are reference points): each column's median
# [p5–p95] in µs; d: split − inkernel (µs), rtt: d in split's pipe round
# trips; the intervals of benchci; each counter per call as COUNTER:COLUMN
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --ocsv put "$MLR_LIB"'$c = cell($median, $p5, $p95, 1e-3)' \
	'then' cut -o -f op,column,c 'then' reshape -s column,c \
	'then' unsparsify --fill-with "–" -f "$ALL_COLS" 'then' cat -n -N i \
	'then' join --ur -j op -f <(mlr --icsv --ocsv filter '$column == "split" || $column == "inkernel"' \
		'then' put '$m = $median * 1e-3' 'then' cut -o -f op,column,m 'then' reshape -s column,m \
		'then' filter 'is_present($split) && is_present($inkernel)' \
		'then' put '$d = $split - $inkernel' 'then' cut -o -f op,d "$S/ops.csv") \
	'then' join --ur -j op -f <(ci_cells "$S/ci_ops_is.csv" op ci_is) \
	'then' join --ur -j op -f <(ci_cells "$S/ci_ops_si.csv" op ci_si) \
	'then' join --ur -j op -f <(ci_cells "$S/ci_ops_ds.csv" op ci_ds) \
	'then' join --ur -j op -f <(ci_cells "$S/ci_ops_pd.csv" op ci_pd) \
	'then' join --ur -j op -f <(ci_cells "$S/ci_ops_ps.csv" op ci_ps) \
	'then' join --ur -j op -f <(mlr --icsv --ocsv reshape -i task_clock_us,cs,cs_all,faults,upcalls,holds -o f,v \
		'then' put '$f = $f . ":" . $column' 'then' cut -o -f op,f,v 'then' reshape -s f,v 'then' unsparsify "$S/counters.csv") \
	'then' put -s prt="$prt" "$MLR_LIB"'
		$rtt = is_absent($d) || @prt == "" || $i <= 4 ? "–" : rfmt($d / (@prt * 1e-3));
		$d = fmt($d);
		for (k, v in $*) { if (k =~ ":") { $[k] = fmt(v) } }' \
	'then' unsparsify --fill-with "–" "$S/ops.csv" >"$S/opcells.csv"
# op_table FIELDS HEADERS [FILTER]: the markdown table of those fields of
# stats/opcells.csv (the ops FILTER keeps) under HEADERS (|-separated),
# the first column left-aligned, the others right
op_table() {
	local h align=l
	h="| ${2//|/ | } |"
	while [ ${#align} -lt "$(awk -F'|' '{ print NF }' <<<"$2")" ]; do align=${align}r; done
	# (the header and its separator even without ops)
	printf '%s\n-\n' "$h" | md_align "$align"
	mlr --icsv --omd filter "${3:-true}" 'then' unsparsify --fill-with "–" -f "$1" \
		'then' cut -o -f "$1" "$S/opcells.csv" | tail -n +3
}
# shellcheck disable=SC2016 # Miller's own variables
op_table op,stock,inkernel,split,split-direct,split-paper,ci_is,ci_si,d,rtt,cs_all:inkernel,cs_all:split,upcalls:split \
	"op|stock|inkernel|split|split-direct|split-paper|inkernel/stock|split/inkernel|split − inkernel (µs)|÷ pipe RTT|cs/call inkernel|cs/call split|upcalls/ioctl split" >"$S/ops.md"
cnt_f=op cnt_h=op
for c in $COLS; do
	cnt_f="$cnt_f,task_clock_us:$c,cs:$c,cs_all:$c,faults:$c"
	cnt_h="$cnt_h|$c task-clock|$c cs|$c cs all|$c faults"
done
op_table "$cnt_f" "$cnt_h" >"$S/opcounters.md"
# shellcheck disable=SC2016 # Miller's own variables
op_table op,split,split-direct,split-paper,ci_ds,ci_pd,ci_ps,upcalls:split,upcalls:split-paper,cs_all:split,cs_all:split-direct,cs_all:split-paper,holds:split-direct \
	"op|split (µs)|split-direct (µs)|split-paper (µs)|ports alone|protocol alone|both|upcalls/ioctl split|upcalls/ioctl split-paper|cs/call split|cs/call split-direct|cs/call split-paper|fast-path holds/call split-direct" \
	'$i > 4' >"$S/ablation-ops.md"

# ---- Table 2 (Miller) -------------------------------------------------------
# col_cells STATS KEY SCALE LO HI: per KEY, one field per column: its
# median [LO–HI], times SCALE
col_cells() {
	# shellcheck disable=SC2016 # Miller's own variables
	mlr --icsv --ocsv put -s sc="$3" -s lo="$4" -s hi="$5" "$MLR_LIB"'$c = cell($median, $[@lo], $[@hi], @sc)' \
		'then' cut -o -f "$2,column,c" 'then' reshape -s column,c 'then' unsparsify --fill-with "–" "$1"
}
# col_diff STATS KEY SCALE NAME: per KEY, NAME: split − inkernel of the
# medians times SCALE ("–": either has none)
col_diff() {
	# shellcheck disable=SC2016 # Miller's own variables
	mlr --icsv --ocsv filter '$column == "split" || $column == "inkernel"' \
		'then' put -s sc="$3" '$m = $median * @sc' 'then' cut -o -f "$2,column,m" 'then' reshape -s column,m \
		'then' filter 'is_present($split) && is_present($inkernel)' \
		'then' put -s n="$4" "$MLR_LIB"'$[@n] = fmt($split - $inkernel)' 'then' cut -o -f "$2,$4" "$1"
}
# ratios FILE KEYS A B: per KEYS, x: the ratio of A's median to B's (when
# both have one and B's is not 0)
ratios() {
	# shellcheck disable=SC2016 # Miller's own variables
	mlr --icsv --ocsv filter -s a="$3" -s b="$4" '$column == @a || $column == @b' \
		'then' put -s a="$3" '$column = $column == @a ? "a" : "b"' \
		'then' cut -o -f "column,$2,median" 'then' reshape -s column,median \
		'then' filter 'is_present($a) && is_present($b) && $b != 0' \
		'then' put '$x = $a / $b' 'then' cut -o -f "$2,x" "$1"
}
# ratio_cells STATS KEY A B NAME: per KEY, NAME: the ratio A/B of the
# medians (2 decimals) and, in parentheses, the lowest and highest ratio of
# the per-round medians (stats/STATSr.csv) when at least two rounds have it
ratio_cells() {
	# shellcheck disable=SC2016 # Miller's own variables
	ratios "$S/${1}r.csv" "round,$2" "$3" "$4" | mlr --icsv --ocsv stats1 -a min,max,count -f x -g "$2" \
		'then' filter '$x_count >= 2' \
		'then' join --ul -j "$2" -f <(ratios "$S/$1.csv" "$2" "$3" "$4") \
		'then' put "$MLR_LIB"'$c = rfmt($x) . (is_present($x_min) ? " (" . fmtnum($x_min, "%.2f") . "–" . fmtnum($x_max, "%.2f") . ")" : "")' \
		'then' cut -o -f "$2,c" 'then' rename c,"$5"
}
# the paper's rows of table TABLE: key, paper ("a → b"), pratio (b/a)
paper_rows() {
	# shellcheck disable=SC2016 # Miller's own variables
	grep -v '^#' "$ROOT/bench/paper.csv" | mlr --icsv --ocsv filter -s t="$1" '$table == @t' \
		'then' put "$MLR_LIB"'$paper = $a . " → " . $b; $pratio = rfmt($b / $a)' \
		'then' cut -o -f key,paper,pratio
}
T2_COLS='command,function,stock,inkernel,split,inkernel/stock,split/inkernel,split/stock,d,paper,pratio'
{
	echo "| command | paper's function | stock | inkernel | split | inkernel/stock | split/inkernel | split/stock | split − inkernel (ms) | paper: original → factorized (s) | paper ratio |"
	echo "-"
} | md_align llrrrrrrrrr >"$S/cmd.md"
mlr --icsv --omd join --ur -j cmd -f <(col_cells "$S/cmd.csv" cmd 1e-6 p25 p75) \
	'then' join --ur -j cmd -f <(ratio_cells cmd cmd inkernel stock inkernel/stock) \
	'then' join --ur -j cmd -f <(ratio_cells cmd cmd split inkernel split/inkernel) \
	'then' join --ur -j cmd -f <(ratio_cells cmd cmd split stock split/stock) \
	'then' join --ur -j cmd -f <(col_diff "$S/cmd.csv" cmd 1e-6 d) \
	'then' join --ur -j cmd -f <(paper_rows t2 | mlr --icsv --ocsv rename key,cmd) \
	'then' unsparsify --fill-with "–" -f "$T2_COLS" \
	'then' cut -o -f "$T2_COLS" <<<"$CMD_NAMES" | tail -n +3 >>"$S/cmd.md"

# upcalls per ethtool command (split): per run of the command, the upcalls
# (each op, in the order of the op ids, "×N" when not once a run), their
# time summed, the split command's median and the upcalls' share of it
nruns=$(($(meta reps) * ROUNDS))
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --omd filter '$cmd != "v"' \
	'then' join --ur -j cmd -f <(mlr --icsv --ocsv stats1 -a sum -f count,total_ns -g cmd "$S/upcmd.csv") \
	'then' join --ur -j cmd -f <(mlr --icsv --ocsv join --ur -j op -f <(mlr --icsv --ocsv cut -o -f id,name 'then' rename id,op "$S/opnames.csv") \
		'then' sort -f cmd -nf op \
		'then' put -s nr="$nruns" 'c1 = $count / @nr; $desc = (is_present($name) ? tolower($name) : "") . (c1 != 1 ? " ×" . fmtnum(c1, "%.6g") : "")' \
		'then' cut -o -f cmd,desc 'then' nest --ivar ", " -f desc "$S/upcmd.csv") \
	'then' join --ur -j cmd -f <(mlr --icsv --ocsv filter '$column == "split"' 'then' put '$cm = $median * 1e-6' 'then' cut -o -f cmd,cm "$S/cmd.csv") \
	'then' join --ur -j cmd -f <(col_diff "$S/cmd.csv" cmd 1e-6 d) \
	'then' put -s nr="$nruns" "$MLR_LIB"'
		if (is_absent($count_sum)) {
			$upr = "none"; $ut = 0; $share = 0;
		} else {
			$upr = fmtnum($count_sum / @nr, "%.6g") . ": " . $desc;
			$ut = fmt($total_ns_sum / @nr / 1e6);
			$share = is_present($cm) && $cm != 0 ? fmtnum(100 * $total_ns_sum / @nr / 1e6 / $cm, "%.1f") . "%" : "–";
		}
		$cm = fmt($cm)' \
	'then' unsparsify --fill-with "–" -f d \
	'then' cut -o -f command,upr,ut,cm,share,d <<<"$CMD_NAMES" | tail -n +3 |
	cat <(printf '%s\n-\n' "| command | upcalls per run | upcall time per run (ms) | split command (ms) | share | split − inkernel (ms) |" | md_align llrrrr) - >"$S/upcmd.md"

# ---- Table 4 (Miller) -------------------------------------------------------
# stats/upwide.csv: per source and op id, every phase's n, median, p5 and
# p95 as PHASE_STAT
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --ocsv cut -o -f source,op,phase,n,median,p5,p95 \
	'then' reshape -i n,median,p5,p95 -o stat,v \
	'then' put '$k = $phase . "_" . $stat' 'then' cut -o -f source,op,k,v \
	'then' reshape -s k,v 'then' unsparsify "$S/up.csv" >"$S/upwide.csv"
OP_NAMES=$(mlr --icsv --ocsv cut -o -f id,name 'then' rename id,op "$S/opnames.csv")
# within the ethtool commands: each command's main op (its op id), beside
# the paper's Table 4 (s): medians in µs, COPY + REPLY + PROCESSING and the
# PROCESSING share of it (the paper's: of its user-space total)
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --omd join -j cmd -f <(printf 'cmd,op\ni,1\ng,8\ns,5\nd,3\n') \
	'then' join --ur -j op -f <(printf '%s\n' "$OP_NAMES") \
	'then' join --ur -j cmd,op -f <(mlr --icsv --ocsv rename source,cmd "$S/upwide.csv") \
	'then' join --ur -j cmd -f <(grep -v '^#' "$ROOT/bench/paper.csv" | mlr --icsv --ocsv filter '$table == "t4"' 'then' rename key,cmd) \
	'then' put "$MLR_LIB"'
		$label = $command . ": " . (is_present($name) ? tolower($name) : "");
		if (is_absent($total_median)) {
			$total_n = 0; $pu = ""; $ps = ""; $pp = ""; $crp = "–";
		} else {
			cp = $copy_median; pr = $proc_median; rp = $reply_median;
			$crp = fmt((cp + pr + rp) / 1e3);
			$pu = fmt($a * 1e6) . " / " . fmt($b * 1e6) . " / " . fmt($c * 1e6) . " / " . fmt($d * 1e6);
			$pp = fmtnum(100 * $c / $d, "%.0f") . "%";
			$ps = fmtnum(100 * pr / (cp + pr + rp), "%.0f") . "%";
		}
		for (p in ["wait", "copy", "proc", "reply", "user", "total"]) { $[p] = is_present($[p . "_median"]) ? fmt($[p . "_median"] / 1e3) : "–" }' \
	'then' cut -o -f label,total_n,wait,copy,proc,reply,user,total,crp,pu,pp,ps <<<"$CMD_NAMES" | tail -n +3 | sed ':a; s/|  |/| |/; ta' |
	cat <(printf '%s\n-\n' "| command: op | n | wait | COPY | PROCESSING | REPLY | user | total | COPY+REPLY+PROC | paper: COPY / REPLY / PROC / user (µs) | paper PROC share | our PROC share |" |
		md_align lrrrrrrrrrrr) - >"$S/upcmds.md"
# every op in the op loops (all upcalls of its id), in the order of the ids
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --omd filter '$source == "all-loop" && is_not_empty($total_median)' \
	'then' sort -nf op \
	'then' join --ur -j op -f <(printf '%s\n' "$OP_NAMES") \
	'then' put "$MLR_LIB"'
		$label = is_present($name) ? tolower($name) : "";
		for (p in ["wait", "copy", "proc", "reply", "user", "total"]) { $[p] = fmt($[p . "_median"] / 1e3) }
		$wait = $wait . " [" . fmt($wait_p5 / 1e3) . "–" . fmt($wait_p95 / 1e3) . "]";
		$total = $total . " [" . fmt($total_p5 / 1e3) . "–" . fmt($total_p95 / 1e3) . "]"' \
	'then' cut -o -f label,total_n,wait,copy,proc,reply,user,total "$S/upwide.csv" | tail -n +3 |
	cat <(printf '%s\n-\n' "| op | n | wait [p5–p95] | COPY | PROCESSING | REPLY | user | total [p5–p95] |" | md_align lrrrrrrr) - >"$S/uploop.md"
# ---- interference (Miller) ---------------------------------------------------
# int_table TEST OP WHILE: per column (in the run's order) that ran TEST
# (iperf3 host→guest under OP's loop) or OP's loop: iperf3 alone and under
# the load (Mbit/s, median [p25–p75]), their ratio, the interval against
# inkernel under the same load, OP's calls a second, its latency under the
# load and idle (µs), the fast-path holds a second and the longest lock
# hold (the loop's counters)
int_s=$(meta int_s)
int_secs=$((ROUNDS * (${int_s:-$(meta iperf_s)} + 2)))
int_table() {
	local k=$1 o=$2
	printf '| column | iperf3 host→guest alone (Mbit/s) | %s (Mbit/s) | ÷ alone | vs inkernel [95%%] | %s a second | %s under load (µs) [p5–p95] | %s idle (µs) | fast-path holds a second | longest lock hold (µs) |\n-\n' \
		"$3" "$o" "$o" "$o" | md_align lrrrrrrrrr
	# shellcheck disable=SC2016 # Miller's own variables
	tr ' ' '\n' <<<"column $COLS" | mlr --icsv --omd \
		join --ur -j column -f <(mlr --icsv --ocsv filter '$test == "iperf_h2g"' \
			'then' put "$MLR_LIB"'$alone = cell($median, $p25, $p75, 1); $a = $median' 'then' cut -o -f column,alone,a "$S/net.csv") \
		'then' join --ur -j column -f <(mlr --icsv --ocsv filter -s k="$k" '$test == @k' \
			'then' put "$MLR_LIB"'$load = cell($median, $p25, $p75, 1); $b = $median' 'then' cut -o -f column,load,b "$S/net.csv") \
		'then' join --ur -j column -f <(mlr --icsv --ocsv filter -s k="$k" '$test == @k' \
			'then' put "$MLR_LIB"'$vs = rfmt($est) . " [" . rfmt($lo) . "–" . rfmt($hi) . "]"' \
			'then' rename a,column 'then' cut -o -f column,vs "$S/ci_int_si.csv" "$S/ci_int_di.csv" "$S/ci_int_pi.csv") \
		'then' join --ur -j column -f <(mlr --icsv --ocsv filter -s o="$o" '$op == @o' \
			'then' put -s secs="$int_secs" "$MLR_LIB"'$rate = fmt($n / @secs); $lat = cell($median, $p5, $p95, 1e-3)' \
			'then' cut -o -f column,rate,lat "$S/interfere.csv") \
		'then' join --ur -j column -f <(mlr --icsv --ocsv filter -s o="$o" '$op == @o' \
			'then' put "$MLR_LIB"'$idle = fmt($median * 1e-3)' 'then' cut -o -f column,idle "$S/ops.csv") \
		'then' join --ur -j column -f <(mlr --icsv --ocsv filter -s o="$o" '$op == @o' \
			'then' put -s secs="$int_secs" "$MLR_LIB"'$hs = fmt($holds_sum / @secs); $hm = fmt($hold_max_us)' \
			'then' cut -o -f column,hs,hm "$S/intcnt.csv") \
		'then' filter 'is_present($load) || is_present($rate)' \
		'then' put "$MLR_LIB"'
			$ratio = is_present($a) && is_present($b) && $a != 0 ? rfmt($b / $a) : "–";
			if ($column == "inkernel") { $vs = 1 }' \
		'then' unsparsify --fill-with "–" -f alone,load,ratio,vs,rate,lat,idle,hs,hm \
		'then' cut -o -f column,alone,load,ratio,vs,rate,lat,idle,hs,hm | tail -n +3
}
int_table iperf_h2g_dumping GREGS "while dumping" >"$S/int-dumping.md"
int_table iperf_h2g_ksettings GLINKSETTINGS "while asking link settings" >"$S/int-ksettings.md"

# the footprint: per column (in the run's order), the module's core size
# and the daemon's resident memory (KiB; the last round's)
{
	printf '%s\n-\n' "| column | module core (KiB) | daemon RSS (KiB) |" | md_align lrr
	# shellcheck disable=SC2016 # Miller's own variables
	tr ' ' '\n' <<<"column $COLS" | mlr --icsv --omd \
		join --ur -j column -f <(mlr --icsv --ocsv filter '$item == "module_core_bytes" || $item == "daemon_rss_bytes"' \
			'then' tail -n 1 -g column,item 'then' cut -o -f column,item,value \
			'then' reshape -s item,value 'then' unsparsify "$DATA/footprint.csv") \
		'then' put "$MLR_LIB"'
			$core = fmt(div($module_core_bytes, 1024));
			$rss = fmt(div($daemon_rss_bytes, 1024))' \
		'then' cut -o -f column,core,rss | tail -n +3
} >"$S/footprint.md"

# after a context switch (opbench -s, inkernel and split): per op, the warm
# loop's median (Table 2b) and the median of calls made right after the
# caller was switched back in; split - inkernel in split's pipe round
# trips (Table 2b's), warm and both after a switch (with its interval).
# Runs without that loop (older data) get no table.
SWF=$DATA/ops-switched.csv
: >"$S/switched.md"
if [ -n "$prt" ] && [ -f "$SWF" ] && [ "$(wc -l <"$SWF")" -gt 1 ]; then
	quantiles column,op ns "$SWF" "$OK" >"$S/sw.csv"
	ci ci_sw_sd -k op -a split -b inkernel -v ns -w err=0 -m diff "$SWF"
	{
		printf '%s\n-\n' "| op | inkernel (µs) | inkernel after a switch (µs) | split (µs) | split after a switch (µs) | split − inkernel ÷ pipe RTT | the same, both after a switch [95%] |" |
			md_align lrrrrrr
		# shellcheck disable=SC2016 # Miller's own variables
		mlr --icsv --omd filter '$column == "inkernel" || $column == "split"' \
			'then' cut -o -f op,column,median 'then' reshape -s column,median \
			'then' rename inkernel,sw_i,split,sw_s \
			'then' join --ul -j op -f <(mlr --icsv --ocsv filter '$column == "inkernel" || $column == "split"' \
				'then' cut -o -f op,column,median 'then' reshape -s column,median "$S/ops.csv") \
			'then' join --ul -j op -f <(mlr --icsv --ocsv cut -f op,est,lo,hi "$S/ci_sw_sd.csv") \
			'then' put -s prt="$prt" "$MLR_LIB"'
				ref = $op == "pipe_rtt";
				$a = fmt($inkernel * 1e-3); $b = fmt($sw_i * 1e-3);
				$c = fmt($split * 1e-3); $e = fmt($sw_s * 1e-3);
				$w = ref ? "–" : rfmt(($split - $inkernel) / @prt);
				$x = ref || is_absent($est) ? "–" : rfmt($est / @prt) . " [" . rfmt($lo / @prt) . "–" . rfmt($hi / @prt) . "]"' \
			'then' cut -o -f op,a,b,c,e,w,x "$S/sw.csv" | tail -n +3
	} >"$S/switched.md"
fi

# ---- Table 3 (Miller) -------------------------------------------------------
# claim 2's verdict per network test (stats/netverdict.csv): unchanged or
# inconclusive as benchci says, else slower or faster (iperf3: higher is
# faster); cell: the verdict and the interval, in bold beyond 5%
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --ocsv put "$MLR_LIB"'
		hib = $test =~ "^iperf" ? 1 : 0;
		hi = $verdict == "higher" ? 1 : 0;
		$w = $verdict == "unchanged" || $verdict == "inconclusive" ? $verdict : (hi != hib ? "slower" : "faster");
		$cell = $w . " " . rfmt($est) . " [" . rfmt($lo) . "–" . rfmt($hi) . "]";
		if ($w == "slower" || $w == "faster") { $cell = "**" . $cell . "**" }' \
	'then' cut -o -f test,w,cell "$S/ci_net_si.csv" | or_header test,w,cell >"$S/netverdict.csv"
# split-paper's column only when it ran the tests of claim 2
# shellcheck disable=SC2016 # Miller's own variables
haspn=$(mlr --icsv --ojson filter '$column == "split-paper" && $test =~ "'"$NET_TESTS"'"' 'then' count "$S/net.csv" | jq -r '.[0].count // 0')
[ "$haspn" -gt 0 ] && haspn=1
# the swaps of the paired guest a round (swaps.csv; a row of swap 0 is
# its state at boot): "N" or "N–M" over the rounds
swaps=""
if [ -f "$DATA/swaps.csv" ]; then
	# shellcheck disable=SC2016 # Miller's own variables
	swaps=$(mlr --icsv --onidx filter '$swap > 0' 'then' count -g round 'then' stats1 -a min,max -f count \
		"$DATA/swaps.csv" | awk '{ print ($1 == $2 ? $1 : $1 "–" $2) }')
fi
T3_NAMES='test,name
ping,ping RTT (ms)
scp_4k,scp 4.3 KB (s)
scp_4m,scp 4 MiB (s)
ssh,ssh login + exit (s)
iperf_h2g,iperf3 host→guest (Mbit/s)
iperf_g2h,iperf3 guest→host (Mbit/s)'
if [ "$haspn" = 1 ]; then
	T3_COLS=name,stock,inkernel,split,split-paper,inkernel/stock,cell,pi,paper
	T3_HEAD="| test | stock | inkernel | split | split-paper | inkernel/stock | split/inkernel [95% interval]: verdict | split-paper/inkernel | paper: original → factorized (s) |"
	T3_ALIGN=lrrrrrllr
else
	T3_COLS=name,stock,inkernel,split,inkernel/stock,cell,paper
	T3_HEAD="| test | stock | inkernel | split | inkernel/stock | split/inkernel [95% interval]: verdict | paper: original → factorized (s) |"
	T3_ALIGN=lrrrrlr
fi
{
	printf '%s\n-\n' "$T3_HEAD" | md_align "$T3_ALIGN"
	# shellcheck disable=SC2016 # Miller's own variables
	mlr --icsv --omd join --ur -j test -f <(col_cells "$S/net.csv" test 1 p25 p75) \
		'then' join --ur -j test -f <(ratio_cells net test inkernel stock inkernel/stock) \
		'then' join --ur -j test -f <(mlr --icsv --ocsv cut -o -f test,cell "$S/netverdict.csv") \
		'then' join --ur -j test -f <(ci_cells "$S/ci_net_pi.csv" test pi) \
		'then' join --ur -j test -f <(paper_rows t3 | mlr --icsv --ocsv put '$test = $key == "scp" ? "scp_4k" : $key; $paper = $paper . " (" . $pratio . ")"' \
			'then' cut -o -f test,paper) \
		'then' unsparsify --fill-with "–" -f "$T3_COLS" \
		'then' cut -o -f "$T3_COLS" <<<"$T3_NAMES" | tail -n +3
} >"$S/net.md"

# ---- the targets on the intervals and the upcall counters (Miller) -------------
# one per line, in the table's order: what, figure, bound, outcome
# (tab-separated; the report prints them with the other targets)
# ci_fields FILE KEY P: KEY and benchci's est, lo, hi and target as P_est ...
ci_fields() {
	mlr --icsv --ocsv cut -o -f "$2,est,lo,hi,target" 'then' rename -r "^(est|lo|hi|target)\$,$3_\1" "$1"
}
# trow: the expression that emits $what, $fig, $bound, $outcome
# shellcheck disable=SC2016 # Miller's own variables
TROW='r = {"what": $what, "fig": $fig, "bound": $bound, "outcome": $outcome}; emit r'
# shellcheck disable=SC2016 # Miller's own variables
CIV='func civ(str p) { return rfmt($[p . "_est"]) . " [" . rfmt($[p . "_lo"]) . "–" . rfmt($[p . "_hi"]) . "]" }'
TSV=(mlr --icsv --otsv --headerless-tsv-output)
{
	# split − inkernel in split's pipe round trips, ops with one upcall
	if [ -n "$prt" ]; then
		# shellcheck disable=SC2016 # Miller's own variables
		"${TSV[@]}" filter '$i > 4' 'then' cut -o -f op,i \
			'then' join -j op -f <(ci_fields "$S/ci_ops_sd.csv" op sd) \
			'then' join --ur -j op -f <(ci_fields "$S/ci_ops_sd1.csv" op sd1) \
			'then' join --ur -j op -f <(mlr --icsv --ocsv filter '$column == "split"' 'then' cut -o -f op,upcalls "$S/counters.csv") \
			'then' put -q -s prt="$prt" "$MLR_LIB"'
				p = @prt * 1e-3;
				u = is_present($upcalls) ? $upcalls : "";
				$what = "split − inkernel, " . $op . " (÷ pipe RTT " . fmt(p) . " µs)"; $fig = "–"; $bound = "≤ 1.5";
				if (u != "" && u == 0) {
					$what = "split − inkernel, " . $op; $outcome = "no upcall: answered in the kernel";
				} elif (u != "" && u != 1) {
					$outcome = "not a single-upcall op (" . fmtnum(u, "%.3g") . " upcalls per ioctl)";
				} else {
					$fig = rfmt($sd_est / 1e3 / p) . " [" . rfmt($sd_lo / 1e3 / p) . "–" . rfmt($sd_hi / 1e3 / p) . "]";
					$bound = "≤ 1.5 (moonshot 1.0: " . (is_present($sd1_target) ? $sd1_target : "") . ")"; $outcome = $sd_target;
				}
				'"$TROW" "$S/opcells.csv"
	fi
	# GDRVINFO against inkernel, ours and the paper protocol
	for x in "si:GDRVINFO split/inkernel" "pi:GDRVINFO split-paper/inkernel (the paper's protocol, for comparison)"; do
		# shellcheck disable=SC2016 # Miller's own variables
		ci_fields "$S/ci_ops_${x%%:*}.csv" op c | "${TSV[@]}" filter '$op == "GDRVINFO"' \
			'then' put -q -s what="${x#*:}" "$MLR_LIB$CIV"'$what = @what; $fig = civ("c"); $bound = "≤ 5"; $outcome = $c_target; '"$TROW"
	done
	# inkernel against stock, the driver ops
	# shellcheck disable=SC2016 # Miller's own variables
	"${TSV[@]}" filter '$i > 4' 'then' cut -o -f op,i 'then' join -j op -f <(ci_fields "$S/ci_ops_is.csv" op c) \
		'then' put -q "$MLR_LIB$CIV"'$what = "inkernel/stock, " . $op; $fig = civ("c"); $bound = "≤ 1.1"; $outcome = $c_target; '"$TROW" "$S/opcells.csv"
	# iperf3 split/inkernel, and under each load
	# shellcheck disable=SC2016 # Miller's own variables
	printf '%s\n' test,what 'iperf_h2g,"iperf3 split/inkernel, host→guest"' 'iperf_g2h,"iperf3 split/inkernel, guest→host"' |
		"${TSV[@]}" join -j test -f <(ci_fields "$S/ci_net_si.csv" test c) \
		'then' put -q "$MLR_LIB$CIV"'$fig = civ("c"); $bound = "≥ 0.99"; $outcome = $c_target; '"$TROW"
	# shellcheck disable=SC2016 # Miller's own variables
	# beside the bound, the ceiling of any upcall on this guest: its CPU is
	# the receiver's limit, and an upcall costs at least a pipe round trip,
	# so split/inkernel is at most 1 - rate x RTT (bench/README.md)
	printf '%s\n' test,what,rate "iperf_h2g_dumping,\"iperf3 host→guest under $(meta dump_rate) register dumps a second, split/inkernel\",$(meta dump_rate)" \
		"iperf_h2g_ksettings,\"iperf3 host→guest under $(meta kset_rate) get_link_ksettings a second, split/inkernel\",$(meta kset_rate)" |
		"${TSV[@]}" join -j test -f <(ci_fields "$S/ci_int_si.csv" test c) \
		'then' put -q -s prt="$prt" "$MLR_LIB$CIV"'$fig = civ("c");
			$bound = "≥ 0.97" . (@prt == "" ? "" : " (any upcall here: ≤ " . fmtnum(1 - $rate * @prt * 1e-9, "%.3f") . ")");
			$outcome = $c_target; '"$TROW"
	# upcalls per ioctl: one (none when the kernel answers), each split column
	for c in split split-direct split-paper; do
		case " $COLS " in *" $c "*) ;; *) continue ;; esac
		# shellcheck disable=SC2016 # Miller's own variables
		"${TSV[@]}" filter '$i > 4' 'then' cut -o -f op,i \
			'then' join -j op -f <(mlr --icsv --ocsv filter -s c="$c" '$column == @c && is_not_empty($upcalls)' "$S/counters.csv") \
			'then' put -q '
				$what = "upcalls per ioctl, " . $column . ", " . $op; $bound = "= 1";
				if ($upcalls == 0) {
					$fig = "0"; $outcome = "no upcall: answered in the kernel";
				} else {
					$fig = fmtnum($upcalls, "%.3f") . " (" . $upcalls_sum . " / " . $n . ")";
					$outcome = $upcalls_sum == $n ? "met" : "not met";
				}
				'"$TROW" "$S/opcells.csv"
	done
} >"$S/targets-ops.tsv"

# ---- the figures the prose around Table 2b cites (Miller) ---------------------
# stats/opsummary.csv, one row: st: starting ethtool (inkernel, ms); over
# the driver ops, the lowest and highest split/inkernel (lo, hi) and split
# − inkernel (dlo, dhi, µs); ppmin, ppmax: the paper's -i, -g and -s (ms);
# slow: the driver ops inkernel/stock above 1.3 ("OP R.RRx", joined by ";":
# the report reads this file split at commas)
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --ocsv filter '$column == "split" || $column == "inkernel"' \
	'then' cut -o -f op,column,median 'then' reshape -s column,median \
	'then' join -j op -f <(mlr --icsv --ocsv filter '$i > 4' 'then' cut -f op "$S/opcells.csv") \
	'then' filter 'is_present($split) && is_present($inkernel) && $inkernel != 0' \
	'then' put '$x = $split / $inkernel; $d = $split * 1e-3 - $inkernel * 1e-3' \
	'then' stats1 -a min,max -f x,d 'then' put '$key = "ops"' "$S/ops.csv" |
	mlr --icsv --ocsv join --ul --ur -j key -f <(printf 'key\nops\n') \
		'then' join --ur -j key -f <(mlr --icsv --ocsv filter '$column == "inkernel" && $cmd == "v"' \
			'then' put '$key = "ops"; $st = $median * 1e-6' 'then' cut -o -f key,st "$S/cmd.csv") \
		'then' join --ur -j key -f <(grep -v '^#' "$ROOT/bench/paper.csv" | mlr --icsv --ocsv filter '$table == "t2" && ($key == "i" || $key == "g" || $key == "s")' \
			'then' reshape -i a,b -o k,v 'then' put '$v = $v * 1000' 'then' stats1 -a min,max -f v \
			'then' put '$key = "ops"; $ppmin = fmtnum($v_min, "%.6g"); $ppmax = fmtnum($v_max, "%.6g")' 'then' cut -o -f key,ppmin,ppmax) \
		'then' join --ur -j key -f <(ratios "$S/ops.csv" op inkernel stock |
			mlr --icsv --ocsv join -j op -f <(mlr --icsv --ocsv filter '$i > 4' 'then' cut -f op "$S/opcells.csv") \
				'then' filter '$x > 1.3' 'then' put -q '@s = (is_present(@s) ? @s . ";" : "") . $op . " " . fmtnum($x, "%.2f") . "x";
					end { r = {"key": "ops", "slow": is_present(@s) ? @s : ""}; emit r }') \
		'then' put "$MLR_LIB"'
			$st = is_present($st) ? fmt($st) : "";
			$lo = is_present($x_min) ? rfmt($x_min) : ""; $hi = is_present($x_max) ? rfmt($x_max) : "";
			$dlo = is_present($d_min) ? fmt($d_min) : ""; $dhi = is_present($d_max) ? fmt($d_max) : ""' \
		'then' unsparsify --fill-with "" -f st,lo,hi,dlo,dhi,ppmin,ppmax,slow \
		'then' cut -o -f key,st,lo,hi,dlo,dhi,ppmin,ppmax,slow >"$S/opsummary.csv"

# the network tests, for the lines on what each needed (stats/netrr.csv):
# pct: one sample's spread in percent; per_round: the samples a column
# needs, shared out over the rounds; rr: split/inkernel of the single
# rounds, " (lowest–highest)" when at least two rounds have it
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --ocsv put -s r="$ROUNDS" '
		$pct = fmtnum(is_empty($spread) ? 0 : 100 * $spread, "%.1f");
		$per_round = is_empty($need) ? "" : fmtnum(floor(($need + @r - 1) / @r), "%d")' \
	'then' join --ur -j test -f <(ratios "$S/netrc.csv" round,test split inkernel |
		mlr --icsv --ocsv stats1 -a min,max,count -f x -g test \
			'then' filter '$x_count >= 2' \
			'then' put '$rr = " (" . fmtnum($x_min, "%.2f") . "–" . fmtnum($x_max, "%.2f") . ")"' \
			'then' cut -o -f test,rr) \
	'then' unsparsify --fill-with "" -f rr \
	'then' cut -o -f test,pct,per_round,rr "$S/netneed.csv" | or_header test,pct,per_round,rr >"$S/netrr.csv"

# Table 1's sums (stats/locsum.csv): moved, the ops and helpers moved to
# user space; total, the rows the paper has (moved, interface, daemon)
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --ocsv cut -o -f key,lines 'then' reshape -s key,lines \
	'then' put '$key = "loc"; $moved = $moved_ops + $moved_helpers; $total = $moved + $uapi + $daemon' \
	'then' cut -o -f key,moved,total "$S/loc.csv" | or_header key,moved,total >"$S/locsum.csv"

# ---- the awk side: the report's prose, from the figures above -------------
# Every stats file is loaded into S[tag, key..., stat] (tag: the file's
# name without .csv; keys: the columns before n).
# shellcheck disable=SC2016 # awk programs
LIB='
function fmt(x,   a) {
	if (x == "" || x == "nan") return "–"
	a = x < 0 ? -x : x
	if (a >= 100) return sprintf("%.0f", x)
	if (a >= 10) return sprintf("%.1f", x)
	if (a >= 1) return sprintf("%.2f", x)
	if (a >= 0.01) return sprintf("%.3f", x)
	return sprintf("%.2g", x)
}
function rfmt(x) { return x == "" ? "–" : sprintf("%.2f", x) }
function has(t, c, k) { return ((t, c, k, "median") in S) }
function med(t, c, k, sc) { return has(t, c, k) ? S[t, c, k, "median"] * sc : "" }
BEGIN { NK["upcmd"] = 2; NK["paper"] = 2; NK["failures"] = 3 }
FNR == 1 { hdr = 0 }
/^#/ { next }
!hdr {
	hdr = 1
	tag = FILENAME; sub(/.*\//, "", tag); sub(/\.csv$/, "", tag)
	nk = 0
	for (i = 1; i <= NF; i++) { h[i] = $i; if ($i == "n" && !nk) nk = i - 1 }
	if (tag in NK) nk = NK[tag]
	if (!nk) nk = 1
	next
}
{
	k = tag
	for (i = 1; i <= nk; i++) k = k SUBSEP $i
	for (i = nk + 1; i <= NF; i++) S[k, h[i]] = $i
	if (!((tag, $1) in firstseen)) { firstseen[tag, $1] = 1; first[tag, ++nfirst[tag]] = $1 }
	if (nk >= 2 && !((tag, "item", $nk) in firstseen)) { firstseen[tag, "item", $nk] = 1; item[tag, ++nitem[tag]] = $nk }
}
'
run_awk() { # program files...
	local prog=$1
	shift
	awk -F, -v rounds="$ROUNDS" -v cols="$COLS" "$LIB$prog" "$@"
}
FILES=("$S/cmd.csv" "$S/cmdr.csv" "$S/ops.csv" "$S/opsr.csv" "$S/net.csv" "$S/netr.csv"
	"$S/interfere.csv" "$S/up.csv" "$S/upcmd.csv" "$S/loc.csv" "$S/opnames.csv"
	"$ROOT/bench/paper.csv" "$S/failures.csv" "$S/counters.csv"
	"$S/ci_cmd_si.csv" "$S/ci_cmd_pi.csv" "$S/ci_cmd_di.csv" "$S/ci_net_si.csv" "$S/ci_net_pi.csv"
	"$S/ci_ops_is.csv" "$S/ci_ops_si.csv" "$S/ci_ops_pi.csv" "$S/ci_ops_ps.csv"
	"$S/ci_ops_sd.csv" "$S/ci_ops_sd1.csv" "$S/ci_ops_di.csv" "$S/ci_ops_ds.csv" "$S/ci_ops_pd.csv"
	"$S/ci_int_si.csv" "$S/ci_int_di.csv" "$S/ci_int_pi.csv" "$S/intcnt.csv"
	"$S/netneed.csv" "$S/netslow.csv" "$S/ci_netcpu_si.csv" "$S/netcpu.csv" "$S/netverdict.csv" "$S/opsummary.csv" "$S/netrr.csv" "$S/locsum.csv")

# ---- figure data (Miller) ------------------------------------------------------
# clustered bars: label, then per column median, low, high (%g; NaN where a
# column did not run), always the five columns in this order
FIG_COLS="stock inkernel split split-direct split-paper"
# bars STATS KEY DIV LO HI: per KEY, one field per column: "median lo hi"
# divided by DIV
bars() {
	# shellcheck disable=SC2016 # Miller's own variables
	mlr --icsv --ocsv put -s dv="$3" -s lo="$4" -s hi="$5" '
		$t = fmtnum($median / @dv, "%.6g") . " " . fmtnum($[@lo] / @dv, "%.6g") . " " . fmtnum($[@hi] / @dv, "%.6g")' \
		'then' cut -o -f "$2,column,t" 'then' reshape -s column,t 'then' unsparsify "$1"
}
# bars_dat KEY BARS: the labels on stdin (KEY,label), each with its bars
bars_dat() {
	mlr --icsv --onidx --ofs ' ' join --ur -j "$1" -f "$2" \
		'then' unsparsify --fill-with "NaN NaN NaN" -f "${FIG_COLS// /,}" \
		'then' cut -o -f "label,${FIG_COLS// /,}"
}
head_dat() { # first-word
	printf '%s' "$1"
	for c in $FIG_COLS; do printf ' %s lo hi' "$c"; done
	printf '\n'
}
{
	head_dat command
	printf '%s\n' 'cmd,label' 'v,"""ethtool\n--version"""' 'i,"""ethtool\n-i"""' 'g,"""ethtool\n-g"""' \
		's,"""ethtool -s\nmsglvl"""' 't,"""ethtool\n-t"""' 'd,"""ethtool\n-d"""' |
		bars_dat cmd <(bars "$S/cmd.csv" cmd 1e6 p25 p75)
} >"$S/ethtool.dat"
{
	head_dat op
	# shellcheck disable=SC2016 # Miller's own variables
	mlr --icsv --ocsv cut -f op 'then' uniq -g op 'then' put '$label = "\"" . $op . "\""' "$S/ops.csv" |
		bars_dat op <(bars "$S/ops.csv" op 1e3 p5 p95)
} >"$S/ops.dat"
# network: one block per test a column ran, its title first
NET_FIG='test,title
ping,ping RTT (ms)
scp_4k,scp 4.3 KB (s)
scp_4m,scp 4 MiB (s)
ssh,ssh login + exit (s)
iperf_h2g,iperf3 host→guest (Mbit/s)
iperf_g2h,iperf3 guest→host (Mbit/s)
iperf_h2g_dumping,"iperf3 host→guest, guest dumping (Mbit/s)"
iperf_h2g_ksettings,"iperf3 host→guest, guest asking link settings (Mbit/s)"'
nb=0
# shellcheck disable=SC2016 # Miller's own variables
mlr --icsv --onidx --ofs tab join -j test -f <(mlr --icsv --ocsv cut -f test 'then' uniq -g test "$S/net.csv") \
	'then' cut -o -f test,title <<<"$NET_FIG" |
	while IFS=$'\t' read -r t title; do
		[ $((nb++)) -eq 0 ] || printf '\n\n'
		printf '"%s" median lo hi\n' "$title"
		tr ' ' '\n' <<<"column $FIG_COLS" | mlr --icsv --onidx --ofs ' ' join --ur -j column \
			-f <(mlr --icsv --ocsv filter -s t="$t" '$test == @t' \
				'then' put '$t = fmtnum($median, "%.6g") . " " . fmtnum($p25, "%.6g") . " " . fmtnum($p75, "%.6g")' \
				'then' cut -o -f column,t "$S/net.csv") \
			'then' unsparsify --fill-with "NaN NaN NaN" -f t
	done >"$S/net.dat"
# upcall phases (split), stacked: medians in µs (below 0: 0), the commands'
# ops, then the op loops', in the order of the op ids
for src in all-cmd all-loop; do
	echo "op wait COPY PROCESSING other REPLY"
	# shellcheck disable=SC2016 # Miller's own variables
	mlr --icsv --onidx --ofs ' ' filter -s s="$src" '$source == @s && is_not_empty($total_median)' \
		'then' sort -nf op \
		'then' join --ur -j op -f <(printf '%s\n' "$OP_NAMES") \
		'then' put '$label = "\"" . (is_present($name) ? tolower($name) : "") . "\"";
			for (p in ["wait", "copy", "proc", "other", "reply"]) { v = $[p . "_median"] / 1e3; $[p] = fmtnum(v < 0 ? 0 : v, "%.6g") }' \
		'then' cut -o -f label,wait,copy,proc,other,reply "$S/upwide.csv"
	printf '\n\n'
done >"$S/phases.dat"

plot() { # script out args...
	local gp=$1 out=$2
	shift 2
	gnuplot -c "$PLOTS/$gp" "$out" "$@" 2>"$S/gnuplot.err" || {
		cat "$S/gnuplot.err" >&2
		die "gnuplot $gp failed"
	}
}
plot bench-bars.gp "$FIG/bench-ethtool.png" "$S/ethtool.dat" \
	"Table 2: ethtool command wall time in the guest (median, bars: p25-p75)" "ms" lin
plot bench-bars.gp "$FIG/bench-ops.png" "$S/ops.dat" \
	"Per-op latency from user space (opbench; median, bars: p5-p95)" "µs (log scale)" log
plot bench-phases.gp "$FIG/bench-phases.png" "$S/phases.dat"
plot bench-net.gp "$FIG/bench-net.png" "$S/net.dat"

# ---- REPORT.md -------------------------------------------------------------
figrel=$(realpath --relative-to="$OUT" "$FIG")
run_awk '
function line(s) { print s > out }
# the header H[1..n]; align: one letter per column, l or r (default: the
# first left, the others right)
function table_head(align, n,   i, s, a) {
	s = "|"; for (i = 1; i <= n; i++) s = s " " H[i] " |"
	line(s); s = "|"
	for (i = 1; i <= n; i++) {
		a = substr(align, i, 1); if (a == "") a = (i == 1 ? "l" : "r")
		s = s (a == "l" ? ":--" : "--:") "|"
	}
	line(s)
}
# a table Miller made (markdown), line by line; how many lines
function insert(f,   l, n) { n = 0; while ((getline l < f) > 0) { line(l); n++ }; close(f); return n }
function m(k) { return meta[k] == "" ? "?" : meta[k] }
# keys a run may lack: iperf3 runs of the other columns (iperf_n_other),
# every column of a pass pinged at once (ping_concurrent); absent, the
# sentence says nothing of them
function iperf_other() { return meta["iperf_n_other"] == "" || meta["iperf_n_other"] == meta["iperf_n"] ? "" : " for inkernel and split, " meta["iperf_n_other"] " for the other columns" }
function ping_conc(paren) {
	if (meta["net_paired"] == 1 && meta["ping_concurrent"] == 1) return paren ? " (every column of a pass at the same time, each in its own guest: split'"'"'s echoes from the split column'"'"'s guest, inkernel'"'"'s from the paired guest on the inkernel build)" : ", every column of a pass at the same time, each in its own guest (split'"'"'s echoes from the split column'"'"'s guest, inkernel'"'"'s from the paired guest on the inkernel build)"
	if (meta["net_paired"] == 1) return paren ? " (inkernel and split in turn, each with the pass'"'"'s other columns at the same time, which thus get twice the echoes)" : ", inkernel and split in turn (one guest), each with the pass'"'"'s other columns at the same time (stock thus gets twice the echoes)"
	return meta["ping_concurrent"] != 1 ? "" : paren ? " (every column of a pass at the same time)" : ", every column of a pass at the same time"
}
# inkernel and split of Table 3 in one guest per round (net_paired):
# how, with the swaps a round counted in swaps.csv; absent, nothing
function paired_net(design) {
	if (meta["net_paired"] != 1) return ""
	if (swaps == "") swaps = 0
	if (design) return "inkernel and split of Table 3 came from one guest per round, the inkernel column'"'"'s: the split build (module, scripts, the plain daemon) copied in at boot and swapped with the inkernel build between their turns (" swaps " swaps a round, each checked and followed by an unrecorded 2-s iperf3 run each way); the split column'"'"'s own guest ran every other workload" (meta["ping_concurrent"] == 1 ? " and split'"'"'s ping" : "") ". "
	return " **inkernel and split come from one guest per round**: the inkernel column'"'"'s (`--plain`), into which the split build (module, scripts, the plain daemon) is copied at boot; within each pass all of one build'"'"'s samples are taken (ping'"'"'s excepted: see above), then the build is swapped (rmmod, insmod, the daemon started, the link up again: " swaps " swaps a round, about one a pass as the order alternates), each swap checked (the serving daemon is the plain build and the upcall channel is there; back on inkernel: the plain module and no daemon) and followed by an unrecorded 2-s iperf3 run each way. A round'"'"'s split/inkernel thus carries no difference between two boots (`swaps.csv`, `net-guest.csv`: which guest and build served each sample). stock keeps its own guest; the split column'"'"'s own guest runs " (meta["ping_concurrent"] == 1 ? "only ping of this table." : "no test of this table.")
}
# which interference runs stock joined, from the data: "not stock" when
# there is no stock column, or when stock has an interference run (a run
# where stock joined the register dumps only: the run under the link
# settings is then without stock); "stock joins neither" otherwise
function int_stock() {
	if (!incol["stock"] || has("net", "stock", "iperf_h2g_dumping") || has("net", "stock", "iperf_h2g_ksettings")) return "not stock"
	return "stock joins neither"
}
# a parameter of meta.env, or d when the run did not record it (the value
# such a run used)
function mm(k, d) { return meta[k] == "" ? d : meta[k] }
function minsec(ms) { return int(ms / 60000) " min " int(ms / 1000) % 60 " s" }
# an interval cell: est [lo–hi]
function civ(t, k) { return ((t, k, "est") in S) ? rfmt(S[t, k, "est"]) " [" rfmt(S[t, k, "lo"]) "–" rfmt(S[t, k, "hi"]) "]" : "–" }
# the headline figures, in order: key -> est,lo,hi,verdict
function hl(k, v) { if (!(k in HL)) HK[++nhk] = k; HL[k] = v }
function target_row(what, fig, bound, outcome) {
	line("| " what " | " fig " | " bound " | " (outcome == "met" || outcome == "shown" || outcome ~ /^no upcall/ ? outcome : "**" outcome "**") " |")
	tl = tl "\n  " what ": " fig ", target " bound ": " outcome
}
END {
	nc = split(cols, C, " ")
	for (c = 1; c <= nc; c++) incol[C[c]] = 1
	for (id = 1; id <= 32; id++) if ((("opnames", id, "name") in S)) opn[id] = S["opnames", id, "name"]
	while ((getline l < metaf) > 0) { p = index(l, "="); meta[substr(l, 1, p - 1)] = substr(l, p + 1) }
	while ((getline l < guestf) > 0) { p = index(l, "="); meta[substr(l, 1, p - 1)] = substr(l, p + 1) }
	ncmd = split("v i g s t d", K, " ")
	CMDN["v"] = "ethtool --version"; CMDN["i"] = "ethtool -i"; CMDN["g"] = "ethtool -g"; CMDN["s"] = "ethtool -s msglvl"
	CMDN["t"] = "ethtool -t"; CMDN["d"] = "ethtool -d"
	have_split = incol["split"]; have_ink = incol["inkernel"]; have_stock = incol["stock"]

	line("# Benchmark: stock / inkernel / split")
	line("")
	line("Generated by `make bench` (`bench/run.sh`, then `bench/report.sh` from the raw data only); do not edit by hand.")
	line("")
	line("## The run")
	line("")
	line("| | |")
	line("|:--|:--|")
	line("| date | " m("date") " (" m("mode") " mode, wall time " int(m("wall_s") / 60) " min " (m("wall_s") % 60) " s of measurements" (meta["expected_ms"] == "" ? "" : "; expected before the run: " minsec(meta["expected_ms"]) " in all, the report included (`bench/run.sh --expected`)") ") |")
	line("| host | " m("host_nproc") " CPUs, " m("host_cpu") ", " m("host_mem_gib") " GiB, Linux " m("host_kernel") "; load average " m("load_start") " at the start, " m("load_end") " at the end (the machine is shared) |")
	line("| emulator | QEMU " m("qemu") ", accel " m("accel") ", " m("guest_cpus") " vCPU, emulated PCnet NIC (`-device pcnet`) on a tap in the lab namespace |")
	line("| guest | Debian kernel " m("guest_kernel") " |")
	while ((getline l < footf) > 0) {
		split(l, F, ",")
		if (F[3] != "build_md5") continue
		if (F[1] in bmd5 && bmd5[F[1]] != F[4]) bchanged[F[1]] = 1
		bmd5[F[1]] = F[4]; nmd5++
	}
	close(footf)
	bnote = ""
	for (c in bchanged) bnote = bnote " " c
	line("| commit | " m("commit") (!nmd5 ? " (this run did not record the hashes of the driver builds)" : bnote == "" ? "; the same driver builds in every round (hashes of the module and daemon as booted)" : "; **the driver build changed between rounds for" bnote "** (the tree is shared and the lab builds at every boot)") " |")
	line("| slow path | " (meta["slow"] == "plain" ? "compiled from `pcnet32/slow.c` itself in the inkernel module and the split daemon (`vm/lab up --plain`): without the mutant schemata the fault campaign arms, which cost a split upcall op about 1-2% disarmed (`faultinject/mutate/cost`)" : meta["slow"] == "schemata" ? "the mutant schemata of the fault campaign, disarmed (`BENCH_SLOW=schemata`): a split upcall op pays about 1-2% for them (`faultinject/mutate/cost`)" : "not recorded (a run before `BENCH_SLOW`)") " |")
	line("| design | " m("rounds") " rounds; each boots " m("columns") " afresh (`vm/lab up --driver X --name bench-X`; split-direct and split-paper: the split build, its daemon restarted with `--ports direct`, and with `--protocol paper --ports direct`) and runs every workload on each column that joins it in turn" (mm("focus", 0) == 1 ? " (every other guest paused meanwhile, `vm/lab pause`: only the guest being measured runs)" : "") ", in the round'"'"'s order (round 1 as listed, each later round rotated by one: no column always first or last); per round and column: " m("reps") " runs of each ethtool command, " m("ops_n") " calls of each op, " m("ping_n") " pings " mm("ping_i", "0.2") " s apart" ping_conc(1) ", " mm("scp4k_n", m("net_reps")) " scp runs of 4.3 KB and " mm("scp4m_n", m("net_reps")) " of 4 MiB, " mm("ssh_n", m("net_reps")) " ssh logins, " m("iperf_n") " iperf3 runs of " m("iperf_s") " s each way" iperf_other() (mm("net_passes", 0) > 1 ? " (all of them in " m("net_passes") " passes over the columns, odd passes in the round'"'"'s order, even ones reversed)" : " (odd runs in the round'"'"'s order, even runs reversed)") ", one of " mm("int_s", m("iperf_s")) " s host→guest with the guest dumping registers " m("dump_rate") " times a second, one with it asking the link settings " m("kset_rate") " times a second (" int_stock() "). " paired_net(1) (m("direct_all") == 1 ? "split-direct joined every workload." : "split-direct joined the op loop and the two interference runs only (and an iperf3 warm-up host→guest): the time budget.") (meta["paper_net"] == "0" ? " split-paper joined every workload but the network tests of Table 3 (its fast path is split'"'"'s; their samples go to the columns claim 2 compares)." : "") " |")
	line("")
	line("Cells are the median over all rounds with the spread in brackets (Table 2 commands and")
	line("network: p25–p75, the interquartile range; per-op latencies: p5–p95). Ratios are ratios")
	line("of medians; in parentheses the lowest and highest ratio of the per-round medians.")
	line("**Absolute times are not comparable with the paper'"'"'s**: the paper ran Linux 2.6.12 on")
	line("VMware Workstation 5.5 (2006); this guest runs under QEMU'"'"'s TCG, a pure emulator, on a")
	line("shared machine, which makes every guest instruction and every port access far slower.")
	line("Compare ratios.")
	line("")

	# ---- claims, from the intervals (benchci) ----
	line("## The paper'"'"'s claims in this run")
	line("")
	line("Each verdict comes from a 95% bootstrap interval of the ratio split/inkernel (seed " m("seed") "; resampling the rounds, then the samples within each round; `bench/benchci`), not from the point estimate alone.")
	line("")
	n1 = 0; bad1 = ""; inc1 = ""; worst = ""; worstk = ""
	for (i = 2; i <= ncmd; i++) {
		k = K[i]
		if (!(("ci_cmd_si", k, "est") in S)) continue
		n1++; x = S["ci_cmd_si", k, "est"]; t = S["ci_cmd_si", k, "target"]
		if (worst == "" || x > worst) { worst = x; worstk = k }
		if (t == "not met") bad1 = bad1 ", " CMDN[k] " " civ("ci_cmd_si", k)
		else if (t == "inconclusive") inc1 = inc1 ", " CMDN[k] " " civ("ci_cmd_si", k)
		hl("cmd_" k, S["ci_cmd_si", k, "est"] "," S["ci_cmd_si", k, "lo"] "," S["ci_cmd_si", k, "hi"] "," (t == "met" ? "below 2" : t == "not met" ? "not below 2" : "inconclusive"))
	}
	if (!n1) claim1 = "NOT MEASURED (needs the inkernel and split columns)"
	else if (bad1 != "") claim1 = "DOES NOT HOLD: at least 2x slower:" substr(bad1, 2)
	else if (inc1 != "") claim1 = "INCONCLUSIVE: the interval reaches 2 for" substr(inc1, 2)
	else claim1 = "HOLDS: split/inkernel is below 2 for every ethtool command, the whole interval (highest: " CMDN[worstk] " " civ("ci_cmd_si", worstk) ")"
	v1 = claim1; sub(/:.*/, "", v1)
	hl("claim1", (worst == "" ? "" : worst) ",,," v1)
	line("1. *Moved ethtool operations are less than 2x slower (Table 2)*: **" claim1 "**.")
	claims = "claim 1 (ethtool commands < 2x slower, split vs inkernel): " claim1
	nt = split("ping scp_4k scp_4m ssh iperf_h2g iperf_g2h", T, " ")
	nok = 0; nbad = 0; ninc = 0; bad = ""; inc = ""
	for (i = 1; i <= nt; i++) {
		k = T[i]
		if (!(("ci_net_si", k, "est") in S)) continue
		# the verdict and its cell (Miller: stats/netverdict.csv)
		w = S["netverdict", k, "w"]; NV[k] = S["netverdict", k, "cell"]; WV[k] = w
		hl("net_" k, S["ci_net_si", k, "est"] "," S["ci_net_si", k, "lo"] "," S["ci_net_si", k, "hi"] "," w)
		if (w == "unchanged") nok++
		else if (w == "inconclusive") { ninc++; inc = inc ", " k " " civ("ci_net_si", k) }
		else { nbad++; bad = bad ", " k " " w " " civ("ci_net_si", k) }
	}
	if (!(nok + nbad + ninc)) claim2 = "NOT MEASURED"
	else if (nbad) claim2 = "DOES NOT HOLD for" substr(bad, 2) (ninc ? "; inconclusive for" substr(inc, 2) : "") "; unchanged for " nok " of " (nok + nbad + ninc)
	else if (ninc) claim2 = "INCONCLUSIVE for" substr(inc, 2) "; unchanged for " nok " of " (nok + ninc)
	else claim2 = "HOLDS for all " nok " tests"
	v2 = claim2; sub(/ for.*/, "", v2)
	hl("claim2", ",,," v2)
	line("2. *Operations kept in the kernel are not slowed down (Table 3)*: **" claim2 "**. A test is *unchanged* when the interval of split/inkernel lies within ±5%, *slower* or *faster* when it lies wholly beyond 5%, *inconclusive* otherwise.")
	claims = claims "\nclaim 2 (network ops unchanged within 5%, split vs inkernel): " claim2
	line("")

	# ---- targets ----
	line("## Targets")
	line("")
	line("The targets of the issues \"Upcall ABI v2\" and mediated register access (the rows on interference, register programs and fast-path holds), printed, never enforced: *met* when the whole 95% interval satisfies the target, *not met* when none of it does, *inconclusive* when it straddles the bound.")
	line("")
	H[1] = "target"; H[2] = "figure [95% interval]"; H[3] = "bound"; H[4] = "outcome"; table_head("lrrl", 4)
	tl = ""
	# the intervals and the upcall counters (computed by Miller above:
	# stats/targets-ops.tsv)
	while ((getline l < opstf) > 0) if (split(l, F, "\t") >= 4) target_row(F[1], F[2], F[3], F[4])
	close(opstf)
	# the headline: split/inkernel under each load
	split("iperf_h2g_dumping iperf_h2g_ksettings", IT, " ")
	for (i = 1; i <= 2; i++) if (("ci_int_si", IT[i], "est") in S)
		hl("int_" IT[i], S["ci_int_si", IT[i], "est"] "," S["ci_int_si", IT[i], "lo"] "," S["ci_int_si", IT[i], "hi"] "," S["ci_int_si", IT[i], "target"])
	# register access and fast-path holds, from the kernel'"'"'s counters
	# (computed by Miller above: stats/targets-regs.tsv)
	while ((getline l < regtf) > 0) if (split(l, F, "\t") >= 4) target_row(F[1], F[2], F[3], F[4])
	close(regtf)
	line("")
	claims = claims "\ntargets:" tl

	# ---- against the previous run ----
	line("## Against the previous run")
	line("")
	if (prevf == "" || (getline l < prevf) <= 0) {
		line("No previous run: the next `make bench` compares its headline ratios and verdicts with this one'"'"'s (kept in `" prevshow "`).")
		claims = claims "\nprevious run: none"
	} else {
		close(prevf)
		pdate = ""
		while ((getline l < prevmeta) > 0) if (l ~ /^date=/) pdate = substr(l, 6)
		line("The headline ratios and verdicts of this run beside those of the previous run (" (pdate == "" ? "?" : pdate) "). *same verdict*: the verdicts agree; *ratio inside*: the previous ratio lies within this run'"'"'s interval.")
		line("")
		# the table comes from Miller once the headline is written
		# (stats/previous.md; the report puts it here, the line with
		# the counts goes to the end of the claims)
		line("@@previous@@")
		line("")
	}
	line("")
	# the headline, for the next run
	hf = sdir "/headline.csv"
	printf "key,est,lo,hi,verdict\n" > hf
	for (i = 1; i <= nhk; i++) printf "%s,%s\n", HK[i], HL[HK[i]] > hf
	close(hf)

	# what the whole commands hide: the start of ethtool, and the per-op cost
	# (the figures from Miller: stats/opsummary.csv)
	st = S["opsummary", "ops", "st"]; lo = S["opsummary", "ops", "lo"]; hi = S["opsummary", "ops", "hi"]
	dlo = S["opsummary", "ops", "dlo"]; dhi = S["opsummary", "ops", "dhi"]
	ppmin = S["opsummary", "ops", "ppmin"]; ppmax = S["opsummary", "ops", "ppmax"]
	if (st != "" && lo != "")
		line("Why the commands hardly differ: starting ethtool alone (`ethtool --version`) takes " st " ms in this guest (inkernel), while one ethtool ioctl costs " dlo "–" dhi " µs more in the split build than in the kernel (Table 2b: split/inkernel " lo "–" hi " per op). The paper'"'"'s -i, -g and -s took " ppmin "–" ppmax " ms in all (Table 2), so the same per-op cost weighed more there.")
	line("")

	# ---- Table 1 ----
	line("## Table 1: lines of code of the factorization")
	line("")
	line("Non-comment, non-blank lines, counted by `bench/loc.sh` from the sources when the run began.")
	line("")
	H[1] = "component"; H[2] = "ours"; H[3] = "what"; H[4] = "paper"; table_head("lrlr", 4)
	ops = S["loc", "moved_ops", "lines"]; hlp = S["loc", "moved_helpers", "lines"]; oth = S["loc", "moved_other", "lines"]
	line("| driver functions moved to user space | " S["locsum", "loc", "moved"] " | the ops of side USER in `pcnet32/slow.c`: " ops " lines in " S["loc", "moved_ops", "detail"] "; " hlp " lines of " S["loc", "moved_helpers", "detail"] " (plus " oth " lines of includes and defines) | " S["paper", "t1", "moved", "a"] " |")
	line("| driver functions replicated in user space | 0 | " S["loc", "replicated", "detail"] ". Both sides also compile the shared headers " S["loc", "shared_headers", "detail"] ": " S["loc", "shared_headers", "lines"] " lines, of which " S["loc", "user_only", "lines"] " only user space compiles | " S["paper", "t1", "replicated", "a"] " |")
	line("| user-space interface (header) | " S["loc", "uapi", "lines"] " | `driver-split/uapi/`: " S["loc", "uapi", "detail"] " | " S["paper", "t1", "interface", "a"] " |")
	line("| user daemon | " S["loc", "daemon", "lines"] " | `driver-split/daemon/`: " S["loc", "daemon", "detail"] " (+ " S["loc", "daemon_h", "lines"] " in " S["loc", "daemon_h", "detail"] "; supervisor script: " S["loc", "supervisor", "lines"] ") | " S["paper", "t1", "daemon", "a"] " |")
	line("| total of the paper'"'"'s rows | " S["locsum", "loc", "total"] " | | " S["paper", "t1", "total", "a"] " |")
	line("| kernel channel (not a row of the paper) | " S["loc", "kernel_channel", "lines"] " | `driver-split/kernel/`: " S["loc", "kernel_channel", "detail"] " | – |")
	if (("loc", "ethtool_glue", "lines") in S) line("| ethtool and MII glue (not a row of the paper) | " S["loc", "ethtool_glue", "lines"] " | " S["loc", "ethtool_glue", "detail"] " | – |")
	if (("loc", "fault_injection", "lines") in S) line("| fault injection (test code, in no other row) | " S["loc", "fault_injection", "lines"] " | " S["loc", "fault_injection", "detail"] " | – |")
	line("| for scale: the whole shared driver | " S["loc", "pcnet32_total", "lines"] " | `pcnet32/`: " S["loc", "pcnet32_total", "detail"] " | ~2000 |")
	line("")

	# ---- Table 2 ----
	line("## Table 2: ethtool command times")
	line("")
	line("Wall time of the whole command in the guest, fork to exit (`opbench exec`, " m("reps") " runs per round after 2 unrecorded ones), in ms.")
	line("`ethtool -s eth0 msglvl` alternates between two levels (the kernel calls set_msglevel only on a change).")
	line("")
	# the table comes from Miller: stats/cmd.md
	insert(cmdmd)
	line("")
	line("![Table 2](" figrel "/bench-ethtool.png)")
	line("")
	# upcalls per command
	if (have_split) {
		line("What one command costs in upcalls (split; from the kernel'"'"'s phase timings during the runs above; *upcall time*: the callers'"'"' whole upcalls, summed per run). The measured difference split − inkernel also holds the fast-path hold-off around port ops and the host'"'"'s noise.")
		line("")
		# the table comes from Miller: stats/upcmd.md
		insert(upcmdmd)
		line("")
	}

	# ---- Table 2b ----
	line("## Table 2b: per-op latency (what the paper could not separate)")
	line("")
	line("`opbench ops` in the guest issues each ioctl directly, " m("ops_n") " times per round after 20 unrecorded calls, timed with `clock_gettime(CLOCK_MONOTONIC)`" (m("counters_n") != "" ? ", with no perf counter open (the counters come from a loop of their own, " m("counters_n") " calls of each op, untimed: the perf events'"'"' bookkeeping slows every context switch, about 27 µs a pipe round trip under TCG)" : ", with the perf counters open") "; µs, median [p5–p95]. The first four rows are reference points: a bare system call, a null ioctl (SIOCGIFFLAGS: no driver code), an ethtool ioctl the ethtool core answers alone (GPERMADDR), and a one-byte pipe round trip between two processes, the floor of any upcall (two context switches).")
	line("")
	line("Ratios: the ratio of medians with its 95% bootstrap interval. *cs/call*: context switches per call in the whole guest (opbench'"'"'s system-wide software counter; the pipe round trip'"'"'s is 2); *upcalls/ioctl*: the kernel'"'"'s own upcall count over the loop divided by the ioctls issued.")
	line("")
	# the table comes from Miller: stats/ops.md
	insert(opsmd)
	line("")
	line("### Counters per call (opbench, libperf software events)")
	line("")
	line("Per column: *task-clock* (µs of CPU the calling process ran per call, kernel time included, blocked time not), *cs* (the caller'"'"'s own context switches per call: it blocked), *cs all* (every context switch in the guest per call), *faults* (the caller'"'"'s page faults per call); over the loop with counters, not the timed one. A pipe round trip is 1 own and 2 guest-wide switches; an upcall should cost the same.")
	line("")
	# the table comes from Miller: stats/opcounters.md
	insert(cntmd)
	line("")
	# ---- register access per op (the table comes from Miller: stats/regs.md) ----
	line("### Register access per op (the kernel'"'"'s counters)")
	line("")
	line("From the driver'"'"'s own counters around each op'"'"'s counted loop (debugfs `pcnet32-<PCI address>/regaccess`, reset before the loop and read after it, summed over the driver'"'"'s ops; `fastpath_holds`): *programs/call*, *accesses/call*: register programs the kernel checked and ran, and the register accesses they made on the chip, per ioctl; *longest hold*, *mean hold*: how long one program held the driver'"'"'s register lock (the fast path waits for that lock, nothing else); *fast-path holds/call*: how often the slow path stopped the fast path (queues, NAPI, the interrupt line) per ioctl. A daemon with direct ports runs its programs on its own ports: the kernel counts none of them (programs 0) and holds the fast path instead. The stock driver has no such counters.")
	line("")
	if (!insert(regmd)) line("(no register counters in this run)")
	line("")
	if (incol["split-paper"] || incol["split-direct"]) {
		line("### The ablation: our two departures from the paper, each alone")
		line("")
		line("One build, three daemons. `split` is ours: FETCH (one ioctl per upcall, the ethtool core'"'"'s auxiliary questions answered from facts the daemon published at attach) and mediated register access (no port access: every register program checked by the kernel and run under the register lock; the fast path never stops). `split-direct` keeps FETCH but takes the NIC'"'"'s ports itself (`pcnet32d --ports direct`: ioperm; the kernel holds its fast path off around each op on the ports and checks the chip after it). `split-paper` is the paper'"'"'s design in full (`--protocol paper --ports direct`: REQUEST, COPY and REPLY per upcall, no published facts, direct ports). µs, median [p5–p95]; ratios of medians with their 95% interval: *ports alone*: split-direct/split; *protocol alone*: split-paper/split-direct; *both*: split-paper/split.")
		line("")
		# the table comes from Miller: stats/ablation-ops.md
		insert(abopsmd)
		line("")
		line("Whole ethtool commands (Table 2), each daemon against inkernel" (m("direct_all") == 1 ? "" : " (split-direct runs no ethtool commands unless `BENCH_DIRECT_ALL=1`)") ":")
		line("")
		# the table comes from Miller: stats/ablation-cmd.md
		insert(abmd)
		line("")
	}
	if (left_note != "") line("Left out of this run: " left_note ".")
	line("")
	skipped = ""
	while ((getline l < notesf) > 0) if (l ~ /skipped/) {
		split(l, F, ","); sub(/^[^,]*,[^,]*,(opbench: )?/, "", l)
		if (!(l in seen_note)) { seen_note[l] = 1; notecols[l] = F[1] }
		else if (index(" " notecols[l] " ", " " F[1] " ") == 0) notecols[l] = notecols[l] " " F[1]
	}
	for (l in seen_note) skipped = skipped "; " l " (" notecols[l] ")"
	if (skipped != "") line("\nNot measured (the op failed on its first call): " substr(skipped, 3) "." (skipped ~ /MII_READ/ ? " The NIC QEMU emulates here (Am79C970A) has no MII, so the MII ioctls are refused." : ""))
	slow = S["opsummary", "ops", "slow"]; gsub(/;/, ", ", slow)
	if (slow != "") line("\nOur driver is slower per op than the stock driver, in the kernel already (inkernel/stock above 1.3: " slow "): a cost of our driver'"'"'s own op path, which the split build pays as well; it is not a cost of the split.")
	line("")
	line("![per-op latency](" figrel "/bench-ops.png)")
	line("")

	# ---- Table 3 ----
	line("## Table 3: network operations")
	line("")
	line("From the host end of the guest'"'"'s link (inside the lab'"'"'s namespace). ping: RTT of each of " m("ping_n") " requests " mm("ping_i", "0.2") " s apart" ping_conc(0) " (the paper timed a whole `ping` run, dominated by its 1-s interval)" (pingnorm ? "; claim 2'"'"'s verdict on ping divides each echo'"'"'s RTT by stock'"'"'s echo of the same number, sent at about the same moment (the pings start together): the host'"'"'s state at that moment, which moves an echo far more than the driver does, drops out of split/inkernel (the cells stay in ms; `stats/net-claim.csv`)" : "") "; scp: wall time of copying a 4.3 KB file (the paper'"'"'s size) and a 4 MiB file to the guest; ssh: `ssh lab-guest true` (the paper logged in from the guest to the host; we log in to the guest, whose server is dropbear); iperf3: " m("iperf_n") " runs of " m("iperf_s") " s each way per round" iperf_other() ", receiver throughput. " (mm("net_passes", 0) > 1 ? "A round takes every test'"'"'s samples in " m("net_passes") " passes over the columns, each pass its share of each test, iperf3 included; odd passes in the round'"'"'s order, even ones reversed, so that each column'"'"'s samples spread over the whole network phase and a slow spell of the host or of one guest falls on a share of every column'"'"'s samples." : "The iperf3 runs alternate the order: odd runs in the round'"'"'s order, even ones reversed.") paired_net(0))
	line("")
	# the table comes from Miller: stats/net.md
	insert(netmd)
	split("ping RTT (ms)|scp 4.3 KB (s)|scp 4 MiB (s)|ssh login + exit (s)|iperf3 host→guest (Mbit/s)|iperf3 guest→host (Mbit/s)", TN, "|")
	line("")
	if (!haspn && incol["split-paper"]) line("`split-paper` runs none of these tests (`BENCH_PAPER_NET=1` adds it): its fast path is `split`'"'"'s, the same module; only the daemon differs, and it sleeps while they run. Their time goes to the samples of the columns claim 2 compares.\n")
	# which tests needed what: the samples, their spread, what the
	# sampling alone needs, what the rounds disagree by (stats/netneed.csv)
	nneed = 0
	for (i = 1; i <= nt; i++) if (("netneed", T[i], "n") in S) nneed++
	if (nneed) {
		line("**Which tests needed what.** Each test takes the samples its spread needs: per round and column, the samples and how they were taken" (meta["net_paired"] == 1 ? " (inkernel and split in one guest, so a round'"'"'s split/inkernel is within one boot)" : "") "; the spread of one sample within a round (IQR over the median, inkernel and split, the mean over the rounds); how many samples a column needs for the interval of split/inkernel to lie within ±2.5% of its ratio (half the tolerance) from the sampling alone (n ≥ (103 · IQR/median)², the 95% half-width of a ratio of two medians) against what it had; the lowest and highest split/inkernel of the single rounds (their disagreement is what more samples per round do not shrink); the verdict; and what decided it or held it back.")
		line("")
		TU["ping"] = "echoes"; TU["scp_4k"] = "copies"; TU["scp_4m"] = "copies"; TU["ssh"] = "logins"; TU["iperf_h2g"] = "runs"; TU["iperf_g2h"] = "runs"
		TK["ping"] = "BENCH_PING_N"; TK["scp_4k"] = "BENCH_SCP4K_N"; TK["scp_4m"] = "BENCH_SCP4M_N"; TK["ssh"] = "BENCH_SSH_N"; TK["iperf_h2g"] = "BENCH_IPERF_N"; TK["iperf_g2h"] = "BENCH_IPERF_N"
		for (i = 1; i <= nt; i++) {
			k = T[i]
			if (!(("netneed", k, "n") in S)) continue
			nr = S["netneed", k, "nround_min"]; nrx = S["netneed", k, "nround_max"]
			how = (nr == nrx ? nr : nr "–" nrx) " " TU[k]
			if (k ~ /^iperf/) how = how " of " m("iperf_s") " s"
			if (mm("net_passes", 1) > 1) how = how " in " m("net_passes") " passes"
			if (k == "ping") how = how ", " mm("ping_i", "0.2") " s apart" (pingnorm ? ", each divided by stock'"'"'s echo of the same moment" : "")
			need = S["netneed", k, "need"]; had = S["netneed", k, "n"]
			rr = S["netrr", k, "rr"]
			w = (k in WV) ? WV[k] : ""
			if (w == "unchanged" || w == "slower" || w == "faster") lim = "decided"
			else if (w == "") lim = "no interval"
			else if (need != "" && had + 0 < need + 0) lim = "too few samples: a column needs about " need ", " S["netrr", k, "per_round"] " a round (" TK[k] ")"
			else lim = "the rounds disagree" rr ": more rounds or a quieter host would narrow it, not more samples per round"
			line("- " TN[i] ": " how "; one sample spreads " S["netrr", k, "pct"] "% within a round; ±2.5% from the sampling alone needs " (need == "" ? "–" : need) " a column, it had " had "; split/inkernel per round" (rr == "" ? " –" : rr) "; " (k in NV ? NV[k] : "–") ": " lim ".")
		}
		line("")
	}
	# the host during the recorded iperf3 runs (stats/netslow.csv, from
	# net-host.csv): what a slow run had
	nslow = 0
	for (i = 5; i <= 6; i++) if (("netslow", T[i], "n") in S) nslow++
	if (nslow) {
		line("**Slow iperf3 runs and the host.** A run is slow below 0.85 of its column'"'"'s median. *QEMU*: the CPU share the guest'"'"'s QEMU process got during the run (1 = one host CPU; a TCG guest'"'"'s throughput follows it), *host*: the host'"'"'s busy CPUs (of " m("host_nproc") "), both from `net-host.csv`. *Per QEMU CPU-second*: each run'"'"'s throughput divided by its QEMU share, which takes the host'"'"'s scheduling out of the comparison (shown, not a verdict).")
		line("")
		for (i = 5; i <= 6; i++) {
			k = T[i]
			if (!(("netslow", k, "n") in S)) continue
			ns = S["netslow", k, "slow"]
			line("- " TN[i] ": " ns " of " S["netslow", k, "n"] " runs slow" (ns > 0 ? " (" S["netslow", k, "which"] ")" : "") "; QEMU " (ns > 0 ? fmt(S["netslow", k, "qemu_slow"]) " of a CPU in them, " : "") fmt(S["netslow", k, "qemu_other"]) (ns > 0 ? " in the others" : " of a CPU") " (" fmt(S["netslow", k, "qemu_min"]) "–" fmt(S["netslow", k, "qemu_max"]) " over all runs); host " (ns > 0 ? fmt(S["netslow", k, "busy_slow"]) " CPUs busy in them, " fmt(S["netslow", k, "busy_other"]) " in the others" : fmt(S["netslow", k, "busy_other"]) " CPUs busy") ". Per QEMU CPU-second: inkernel " fmt(med("netcpu", "inkernel", k, 1)) ", split " fmt(med("netcpu", "split", k, 1)) " Mbit/s, split/inkernel " civ("ci_netcpu_si", k) ".")
		}
		line("")
	}
	line("![network operations](" figrel "/bench-net.png)")
	line("")

	# ---- Table 4 ----
	if (have_split) {
		line("## Table 4: time split of an upcall (split build)")
		line("")
		line("From the kernel'"'"'s record of every answered upcall (`/sys/kernel/debug/pcnet32-upcall0/samples`), medians in µs. *wait*: queued until the daemon'"'"'s REQUEST took it; *COPY*, *PROCESSING*: the daemon'"'"'s COPY ioctl and the op itself, as the daemon times them; *REPLY*: from the REPLY ioctl'"'"'s entry until the caller is woken; *user*: from REQUEST'"'"'s return to REPLY'"'"'s entry (COPY + PROCESSING + the daemon'"'"'s own work); *total*: the caller'"'"'s whole upcall. The paper'"'"'s \"total in user space\" is COPY + REPLY + PROCESSING; ours is given the same way for comparison.")
		line("")
		line("Within the ethtool commands of Table 2 (each command'"'"'s main op; cold: a new process each time):")
		line("")
		# the table comes from Miller: stats/upcmds.md
		insert(upcmdsmd)
		line("")
		line("Every op, in the back-to-back calls of Table 2b (warm), all upcalls of that op id:")
		line("")
		# the table comes from Miller: stats/uploop.md
		insert(uploopmd)
		line("")
		line("The kernel keeps the last 1024 upcalls: for a loop of more calls, the later ones.")
		line("")
		line("![upcall phases](" figrel "/bench-phases.png)")
		line("")
	}

	# ---- beyond the paper ----
	line("## What the paper did not measure")
	line("")
	line("- **Reference floors** (Table 2b, first rows): the null ioctl and the pipe round trip measured in the same guests; the column *÷ pipe RTT* gives the extra cost of each split op in pipe round trips. The reference rows themselves should be alike in every column (split/inkernel near 1): they say whether the columns ran under comparable conditions.")
	line("- **Queue wait** (Table 4, *wait*): time a request spends queued before the daemon takes it; with one caller at a time it is the daemon'"'"'s wake-up latency.")
	line("- **Throughput**, both ways (Table 3, iperf3): the paper timed only ping, scp and ssh.")
	line("- **Interference of the slow path with the fast path**: iperf3 host→guest while a guest process calls an op at a fixed rate (`opbench ops -r`), the same work in every column: GREGS (the register dump, " m("dump_rate") " a second), and GLINKSETTINGS (ethtool'"'"'s link settings, get_link_ksettings, " m("kset_rate") " a second; " int_stock() "). In the kernel builds and in `split` (mediated register access) the fast path never stops for the slow path: a dump'"'"'s one register program holds the register lock only, and get_link_ksettings touches no register on this NIC. With direct ports (`split-direct`, `split-paper`) the kernel stops the fast path (queues, NAPI, the interrupt line) around every upcall of an op on the ports. *vs inkernel*: the throughput under the load against inkernel'"'"'s under the same load, with its 95% interval (the target for `split`: at least 0.97); *fast-path holds a second*, *longest lock hold*: the kernel'"'"'s counters over the loop.")
	line("")
	# the tables come from Miller: stats/int-dumping.md, stats/int-ksettings.md
	insert(intdmd)
	line("")
	insert(intkmd)
	line("")
	noalone = ""
	for (c = 1; c <= nc; c++)
		if ((has("net", C[c], "iperf_h2g_dumping") || has("net", C[c], "iperf_h2g_ksettings")) && !has("net", C[c], "iperf_h2g"))
			noalone = noalone (noalone == "" ? "" : " and ") "`" C[c] "`"
	if (noalone != "") line(noalone " ran no recorded iperf3 alone (only a warm-up; the time budget, see bench/README.md): the *alone* and *÷ alone* cells are empty; compare the throughput under load with the others'"'"' under the same load.")
	line("")
	line("- **Kernel footprint**: the driver module'"'"'s core size in the guest (`/sys/module/pcnet32/coresize`) and the daemon'"'"'s resident memory.")
	line("")
	# the table comes from Miller: stats/footprint.md
	insert(footmd)
	line("")
	if (has_switched) {
		line("- **Cold code after a context switch** (what *÷ pipe RTT* of Table 2b leaves out): the same ops, each call made right after its caller slept on a pipe and was switched back in (`opbench ops -s`, " m("switched_n") " calls of each a round, inkernel and split). Every split upcall op runs in two such phases (the daemon after its wake-up, the caller after the reply), and under TCG the code run after an address-space switch runs cold (QEMU flushes its software TLB on every CR3 write: every page the code touches is looked up again); a pipe round trip runs little code in its phases, an op its whole path. *inkernel after a switch* minus *inkernel* is what one switch costs that op'"'"'s code; *the same, both after a switch*: split − inkernel when both callers resume from a switch, in the same pipe round trips.")
		line("")
		# the table comes from Miller: stats/switched.md
		insert(swmd)
		line("")
	}

	# ---- failures ----
	# failures: non-zero statuses and errnos (counted), failed workloads
	# (notes), and the split channel'"'"'s counters at the end of each round
	nf = nfirst["failures"] + 0; nfail = 0; ncnt = 0
	close(notesf)
	while ((getline l < notesf) > 0) {
		split(l, F, ","); t = l; sub(/^[^,]*,[^,]*,/, "", t)
		if (t ~ /^failed: /) FAILN[++nfail] = "| " F[1] " | " F[2] " | " substr(t, 9) " |"
		if (t ~ /^counters: /) CNT[++ncnt] = F[1] ", round " F[2] ":" substr(t, 11)
	}
	line("## Failures and counters")
	line("")
	if (!nf && !nfail) line("No failures: every command exited 0, every op that ran returned 0, every workload ran.")
	if (nf) {
		line("Non-zero exit statuses (commands) and errnos (ops), counted:")
		line("")
		H[1] = "column"; H[2] = "what"; H[3] = "how"; H[4] = "count"; table_head("lllr", 4)
		while ((getline l < failf) > 0) if (l !~ /^column,/) { gsub(/,/, " | ", l); line("| " l " |") }
		line("")
	}
	if (nfail) {
		line("Workloads that failed (what they measured before failing is kept):")
		line("")
		H[1] = "column"; H[2] = "round"; H[3] = "what happened"; table_head("lll", 3)
		for (i = 1; i <= nfail; i++) line(FAILN[i])
		line("")
	}
	if (ncnt) {
		line("")
		line("The split build'"'"'s upcall channel counters at the end of each round, as the kernel reports them (its debugfs `counters` file; non-zero `timeouts`, `resets` or `rejected` would mean upcalls that failed; `regs`: register programs the daemon sent, none with direct ports; non-zero `regs_denied` or `direct_mismatch` would mean a program without a request on the NIC, or a direct-ports daemon the kernel did not hold the fast path for):")
		line("")
		for (i = 1; i <= ncnt; i++) line("- " CNT[i])
	}
	line("")

	line("## Method")
	line("")
	line("- Columns: `stock` is Debian'"'"'s pcnet32.ko for the guest kernel; `inkernel` is this project'"'"'s driver with every function in the kernel; `split` is the same driver with the slow-path ops in the daemon pcnet32d (see the README): FETCH, and mediated register access. `inkernel` is the control for `split`: same code, only the boundary differs. The ablations, the split build with its daemon restarted: `split-paper` as `pcnet32d --protocol paper --ports direct`, the paper'"'"'s design in full (three ioctls per upcall, no published facts, direct port access with the fast path held around each op on the ports); `split-direct` as `pcnet32d --ports direct` (our protocol, the paper'"'"'s ports), which separates the two departures. " (m("direct_all") == 1 ? "" : "`split-direct` runs the op loop, an iperf3 warm-up and the two interference runs only (the time budget), so Table 2 and 3 have no such column."))
	line("- Rounds interleave the columns: each round boots every lab afresh, then runs every workload on each column in turn, in the round'"'"'s order: round 1 as listed, each later round rotated by one (a cyclic Latin square: over as many rounds as columns each column takes each position once; each workload rotates the columns that join it, so the workloads of 4 columns take each to each position in 4 rounds, those of 5 each to 4 of the 5 positions; the network tests go in passes whose order alternates within the round), so that the shared host'"'"'s changing load and any order effect fall on the columns alike. Before the recorded iperf3 runs each column gets an unrecorded warm-up run each way (the first run on a fresh guest is slow). Medians pool the samples of all rounds; the intervals resample the rounds, then the samples within them.")
	line("- Raw samples: `report/data/bench/*.csv` (not committed); statistics: `report/data/bench/stats/`; this page and the figures are generated from them (`make bench-report` regenerates both from the last run).")
	line("- The claims are printed, never enforced: a run fails only when a workload cannot run.")
	line("- Reproduce: `make bench` (this run: " int(m("wall_s") / 60) " min; the target is at most 25 minutes on 2 cores); `BENCH_ROUNDS`, `BENCH_REPS`, `BENCH_OPS_N`, `BENCH_QUICK=1` (or `make bench-quick`) change its length (`bench/run.sh --help`).")

	print claims
}' out="$OUT/REPORT.md" metaf="$DATA/meta.env" guestf="$DATA/guest.env" notesf="$DATA/notes.csv" \
	prevf="$([ -f "$PREV/headline.csv" ] && echo "$PREV/headline.csv")" prevmeta="$PREV/meta.env" \
	left_note="$(awk -F, '$3 ~ /^split-[a-z]* left out: / { printf "%s%s", sep, $3; sep = "; " }' "$DATA/notes.csv")" \
	prevshow="$(realpath -m --relative-to="$ROOT" "$PREV")" sdir="$S" \
	footf="$DATA/footprint.csv" failf="$S/failures.csv" figrel="$figrel" \
	regtf="$S/targets-regs.tsv" opstf="$S/targets-ops.tsv" regmd="$S/regs.md" abmd="$S/ablation-cmd.md" \
	opsmd="$S/ops.md" cntmd="$S/opcounters.md" abopsmd="$S/ablation-ops.md" \
	cmdmd="$S/cmd.md" upcmdmd="$S/upcmd.md" upcmdsmd="$S/upcmds.md" uploopmd="$S/uploop.md" \
	intdmd="$S/int-dumping.md" intkmd="$S/int-ksettings.md" footmd="$S/footprint.md" \
	swmd="$S/switched.md" has_switched="$([ -s "$S/switched.md" ] && echo 1 || echo 0)" \
	netmd="$S/net.md" haspn="$haspn" swaps="$swaps" pingnorm="$PINGNORM" "${FILES[@]}"
# ---- against the previous run (Miller) ----------------------------------------
# each headline figure of this run (its order) beside the previous run's:
# the verdicts the same (– when the previous run had no such figure), the
# previous ratio inside this run's interval
if grep -qx '@@previous@@' "$OUT/REPORT.md"; then
	# shellcheck disable=SC2016 # Miller's own variables
	mlr --icsv --ocsv join --ur -j key -f <(mlr --icsv --ocsv rename -r '^(est|lo|hi|verdict)$,p_\1' "$PREV/headline.csv") \
		'then' put "$MLR_LIB"'
			$this = (is_empty($est) ? "" : rfmt($est)) . (is_empty($lo) ? "" : " [" . rfmt($lo) . "–" . rfmt($hi) . "]");
			prev = is_present($p_verdict);
			$same = !prev ? "–" : $verdict == $p_verdict ? "yes" : "**no**";
			$inside = !prev || is_empty($lo) || is_empty($p_est) ? "–" : ($p_est >= $lo && $p_est <= $hi ? "yes" : "no");
			$prev = !prev || is_empty($p_est) ? "" : rfmt($p_est);
			$pv = prev ? $p_verdict : ""' \
		'then' cut -o -f key,this,verdict,prev,pv,same,inside "$S/headline.csv" >"$S/previous.csv"
	{
		printf '%s\n-\n' "| headline | this run | this verdict | previous | previous verdict | same verdict | ratio inside |" | md_align lrlrlll
		mlr --icsv --omd cat "$S/previous.csv" | tail -n +3
	} >"$S/previous.md"
	awk -v f="$S/previous.md" '$0 == "@@previous@@" { while ((getline l < f) > 0) print l; next } { print }' \
		"$OUT/REPORT.md" >"$OUT/REPORT.md.new" && mv "$OUT/REPORT.md.new" "$OUT/REPORT.md"
	# shellcheck disable=SC2016 # Miller's own variables
	echo "previous run ($(sed -n 's/^date=//p' "$PREV/meta.env" 2>/dev/null | tail -n1)): $(mlr --icsv --onidx \
		put -q 'begin { @s = 0; @d = 0 } @s += $same == "yes" ? 1 : 0; @d += $same == "**no**" ? 1 : 0; end { print @s . " headline verdicts the same, " . @d . " different" }' "$S/previous.csv")"
fi
echo "bench report: $OUT/REPORT.md, figures in $FIG"
