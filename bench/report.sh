#!/usr/bin/env bash
# Tables and figures of a benchmark run, from its raw data only:
#   bench/report.sh [DATA [OUT]]
# DATA (default report/data/bench) holds what bench/run.sh recorded; OUT
# (default report) gets REPORT.md and figures/bench-*.png. Statistics go
# to DATA/stats/. Prints whether the paper's claims hold in this run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
STAT=$BUILD/bench/benchstat
DATA=${1:-$ROOT/report/data/bench}
OUT=${2:-$ROOT/report}
PLOTS=$ROOT/plots

die() { printf 'bench report: %s\n' "$*" >&2; exit 1; }
[ -f "$DATA/meta.env" ] || die "no run in $DATA (meta.env missing): run make bench first"
if [ ! -x "$STAT" ] || [ "$ROOT/bench/benchstat.c" -nt "$STAT" ]; then
	make -s --no-print-directory -C "$ROOT" "$STAT" >&2
fi
S=$DATA/stats
FIG=$OUT/figures
mkdir -p "$S" "$FIG"

meta() { sed -n "s/^$1=//p" "$DATA/meta.env" "$DATA/guest.env" 2>/dev/null | tail -n1; }
[ "$(meta complete)" = 1 ] || echo "bench report: warning: the run in $DATA did not complete; reporting what it has" >&2
ROUNDS=$(meta rounds)
COLS=$(meta columns)

# ---- statistics (benchstat: n,min,p5,p25,median,p75,p95,max,mean) ------
"$STAT" -k column,cmd -v ns "$DATA/cmd.csv" >"$S/cmd.csv"
"$STAT" -k column,round,cmd -v ns "$DATA/cmd.csv" >"$S/cmdr.csv"
"$STAT" -k column,op -v ns -w err=0 "$DATA/ops.csv" >"$S/ops.csv"
"$STAT" -k column,round,op -v ns -w err=0 "$DATA/ops.csv" >"$S/opsr.csv"
"$STAT" -k column,test -v value "$DATA/net.csv" >"$S/net.csv"
"$STAT" -k column,round,test -v value "$DATA/net.csv" >"$S/netr.csv"
"$STAT" -k column,op -v ns -w err=0 "$DATA/interfere-ops.csv" >"$S/interfere.csv"
# upcall phases, long form; "other" is the daemon's time outside COPY and
# PROCESSING (user - copy - proc); src: the ethtool command or opbench op
awk -F, 'NR > 1 {
	src = ($3 ~ /^[a-z]$/) ? "cmd" : "loop"
	print $3 "," $4 ",wait," $6; print $3 "," $4 ",copy," $7
	print $3 "," $4 ",proc," $8; print $3 "," $4 ",reply," $9
	print $3 "," $4 ",user," $10; print $3 "," $4 ",total," $11
	print $3 "," $4 ",other," ($10 - $7 - $8)
	print "all-" src "," $4 ",wait," $6; print "all-" src "," $4 ",copy," $7
	print "all-" src "," $4 ",proc," $8; print "all-" src "," $4 ",reply," $9
	print "all-" src "," $4 ",user," $10; print "all-" src "," $4 ",total," $11
	print "all-" src "," $4 ",other," ($10 - $7 - $8)
}' "$DATA/upcall.csv" | { echo "source,op,phase,ns"; cat; } >"$S/upcall-long.csv"
"$STAT" -k source,op,phase -v ns "$S/upcall-long.csv" >"$S/up.csv"
# upcalls per ethtool command: rows per (command, op) and their total time
awk -F, 'NR > 1 && $3 ~ /^[a-z]$/ { n[$3 "," $4]++; t[$3 "," $4] += $11; s[$3 "," $4 "," $5]++ }
	END { print "cmd,op,count,total_ns"; for (k in n) print k "," n[k] "," t[k] }' \
	"$DATA/upcall.csv" >"$S/upcmd.csv"
# failures: non-zero command statuses and op errors
awk -F, 'FNR > 1 && FILENAME ~ /cmd.csv$/ && $6 != 0 { f[$1 ",cmd " $3 ",status " $6]++ }
	FNR > 1 && FILENAME ~ /ops.csv$/ && $6 != 0 { f[$1 ",op " $3 ",errno " $6]++ }
	END { print "column,what,how,count"; for (k in f) print k "," f[k] }' \
	"$DATA/cmd.csv" "$DATA/ops.csv" >"$S/failures.csv"
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

# ---- the awk side: one library, one program per output -------------------
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
function cell(t, c, k, sc, lo, hi) {
	if (!has(t, c, k)) return "–"
	return fmt(S[t, c, k, "median"] * sc) " [" fmt(S[t, c, k, lo] * sc) "–" fmt(S[t, c, k, hi] * sc) "]"
}
function ratio(t, a, b, k) {
	if (!has(t, a, k) || !has(t, b, k) || S[t, b, k, "median"] == 0) return ""
	return S[t, a, k, "median"] / S[t, b, k, "median"]
}
# ratio of per-round medians: "min–max" over the rounds
function rrange(t, a, b, k,   r, x, lo, hi, n) {
	n = 0
	for (r = 1; r <= rounds; r++) {
		if (!((t, a, r, k, "median") in S) || !((t, b, r, k, "median") in S)) continue
		if (S[t, b, r, k, "median"] == 0) continue
		x = S[t, a, r, k, "median"] / S[t, b, r, k, "median"]
		if (!n || x < lo) lo = x
		if (!n || x > hi) hi = x
		n++
	}
	if (n < 2) return ""
	return sprintf(" (%.2f–%.2f)", lo, hi)
}
# (the per-round statistics of table t are in table t "r")
function rcell(t, a, b, k,   x) { x = ratio(t, a, b, k); return x == "" ? "–" : rfmt(x) rrange(t "r", a, b, k) }
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
	"$ROOT/bench/paper.csv" "$S/failures.csv")

# ---- figure data -----------------------------------------------------------
# clustered bars: label, then per column median, low, high
run_awk '
END {
	# always the three columns, in this order (NaN where a column was not run)
	nc = split("stock inkernel split", C, " ")
	ncmd = split("v i g s t d", K, " ")
	split("ethtool\\n--version|ethtool\\n-i|ethtool\\n-g|ethtool -s\\nmsglvl|ethtool\\n-t|ethtool\\n-d", L, "|")
	f = figdir "/ethtool.dat"
	printf "command" > f
	for (c = 1; c <= nc; c++) printf " %s lo hi", C[c] > f
	printf "\n" > f
	for (i = 1; i <= ncmd; i++) {
		printf "\"%s\"", L[i] > f
		for (c = 1; c <= nc; c++)
			if (has("cmd", C[c], K[i]))
				printf " %g %g %g", S["cmd", C[c], K[i], "median"] / 1e6, S["cmd", C[c], K[i], "p25"] / 1e6, S["cmd", C[c], K[i], "p75"] / 1e6 > f
			else printf " NaN NaN NaN" > f
		printf "\n" > f
	}
	f = figdir "/ops.dat"
	printf "op" > f
	for (c = 1; c <= nc; c++) printf " %s lo hi", C[c] > f
	printf "\n" > f
	for (i = 1; i <= nitem["ops"]; i++) {
		k = item["ops", i]
		printf "\"%s\"", k > f
		for (c = 1; c <= nc; c++)
			if (has("ops", C[c], k))
				printf " %g %g %g", S["ops", C[c], k, "median"] / 1e3, S["ops", C[c], k, "p5"] / 1e3, S["ops", C[c], k, "p95"] / 1e3 > f
			else printf " NaN NaN NaN" > f
		printf "\n" > f
	}
	# network: one block per test, first line its title
	f = figdir "/net.dat"
	nt = split("ping scp_4k scp_4m ssh iperf_h2g iperf_g2h iperf_h2g_dumping", T, " ")
	split("ping RTT (ms)|scp 4.3 KB (s)|scp 4 MiB (s)|ssh login + exit (s)|iperf3 host→guest (Mbit/s)|iperf3 guest→host (Mbit/s)|iperf3 host→guest, guest dumping (Mbit/s)", TT, "|")
	for (i = 1; i <= nt; i++) {
		if (i > 1) printf "\n\n" > f
		printf "\"%s\" median lo hi\n", TT[i] > f
		for (c = 1; c <= nc; c++)
			if (has("net", C[c], T[i]))
				printf "%s %g %g %g\n", C[c], S["net", C[c], T[i], "median"], S["net", C[c], T[i], "p25"], S["net", C[c], T[i], "p75"] > f
			else printf "%s NaN NaN NaN\n", C[c] > f
	}
	# phases (split): medians in microseconds, stacked
	f = figdir "/phases.dat"
	for (id = 1; id <= 32; id++) if ((("opnames", id, "name") in S)) opn[id] = S["opnames", id, "name"]
	printf "op wait COPY PROCESSING other REPLY\n" > f
	for (blk = 1; blk <= 2; blk++) {
		src = blk == 1 ? "all-cmd" : "all-loop"
		for (id = 1; id <= 32; id++) {
			if (!(("up", src, id, "total", "median") in S)) continue
			printf "\"%s\"", tolower(opn[id]) > f
			split("wait copy proc other reply", P, " ")
			for (p = 1; p <= 5; p++) { v = S["up", src, id, P[p], "median"] / 1e3; printf " %g", v < 0 ? 0 : v > f }
			printf "\n" > f
		}
		printf "\n\n" > f
		if (blk == 1) printf "op wait COPY PROCESSING other REPLY\n" > f
	}
}' figdir="$S" "${FILES[@]}"

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
function m(k) { return meta[k] == "" ? "?" : meta[k] }
END {
	nc = split(cols, C, " ")
	for (c = 1; c <= nc; c++) incol[C[c]] = 1
	for (id = 1; id <= 32; id++) if ((("opnames", id, "name") in S)) opn[id] = S["opnames", id, "name"]
	while ((getline l < metaf) > 0) { p = index(l, "="); meta[substr(l, 1, p - 1)] = substr(l, p + 1) }
	while ((getline l < guestf) > 0) { p = index(l, "="); meta[substr(l, 1, p - 1)] = substr(l, p + 1) }
	ncmd = split("v i g s t d", K, " ")
	CMDN["v"] = "ethtool --version"; CMDN["i"] = "ethtool -i"; CMDN["g"] = "ethtool -g"; CMDN["s"] = "ethtool -s msglvl"
	CMDN["t"] = "ethtool -t"; CMDN["d"] = "ethtool -d"
	PFN["v"] = "reference: starting ethtool, no driver call"; PFN["i"] = "get_drvinfo()"; PFN["g"] = "get_ringparam()"; PFN["s"] = "set_msglevel()"
	PFN["t"] = "self_test_count()"; PFN["d"] = "get_regs()"
	MAINOP["i"] = 1; MAINOP["g"] = 8; MAINOP["s"] = 5; MAINOP["d"] = 3
	have_split = incol["split"]; have_ink = incol["inkernel"]; have_stock = incol["stock"]

	line("# Benchmark: stock / inkernel / split")
	line("")
	line("Generated by `make bench` (`bench/run.sh`, then `bench/report.sh` from the raw data only); do not edit by hand.")
	line("")
	line("## The run")
	line("")
	line("| | |")
	line("|:--|:--|")
	line("| date | " m("date") " (" m("mode") " mode, wall time " int(m("wall_s") / 60) " min " (m("wall_s") % 60) " s) |")
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
	line("| design | " m("rounds") " rounds; each boots " m("columns") " afresh (`vm/lab up --driver X --name bench-X`) and runs every workload on each column in turn; per round and column: " m("reps") " runs of each ethtool command, " m("ops_n") " calls of each op, " m("ping_n") " pings, " m("net_reps") " scp runs of each size and " m("net_reps") " ssh logins, one iperf3 run of " m("iperf_s") " s each way, one with the guest dumping registers " m("dump_rate") " times a second |")
	line("")
	line("Cells are the median over all rounds with the spread in brackets (Table 2 commands and")
	line("network: p25–p75, the interquartile range; per-op latencies: p5–p95). Ratios are ratios")
	line("of medians; in parentheses the lowest and highest ratio of the per-round medians.")
	line("**Absolute times are not comparable with the paper'"'"'s**: the paper ran Linux 2.6.12 on")
	line("VMware Workstation 5.5 (2006); this guest runs under QEMU'"'"'s TCG, a pure emulator, on a")
	line("shared machine, which makes every guest instruction and every port access far slower.")
	line("Compare ratios.")
	line("")

	# ---- claims ----
	line("## The paper'"'"'s claims in this run")
	line("")
	worst = ""; worstk = ""; allok = 1; nchk = 0
	for (i = 2; i <= ncmd; i++) {
		x = ratio("cmd", "split", "inkernel", K[i])
		if (x == "") continue
		nchk++
		if (x >= 2) allok = 0
		if (worst == "" || x > worst) { worst = x; worstk = K[i] }
	}
	if (nchk) {
		claim1 = (allok ? "HOLDS" : "DOES NOT HOLD") ": split/inkernel is below 2 for " (allok ? "every" : "not every") " ethtool command (highest: " CMDN[worstk] ", " rfmt(worst) "x)"
	} else claim1 = "NOT MEASURED (needs the inkernel and split columns)"
	line("1. *Moved ethtool operations are less than 2x slower (Table 2)*: **" claim1 "**.")
	claims = "claim 1 (ethtool commands < 2x slower, split vs inkernel): " claim1
	# network: per-round ratios split/inkernel; unchanged when they
	# straddle 1 or the pooled ratio is within 5%; one round: IQR overlap
	nt = split("ping scp_4k scp_4m ssh iperf_h2g iperf_g2h", T, " ")
	nok = 0; nbad = 0; bad = ""
	for (i = 1; i <= nt; i++) {
		if (!has("net", "split", T[i]) || !has("net", "inkernel", T[i])) continue
		sm = S["net", "split", T[i], "median"]; im = S["net", "inkernel", T[i], "median"]
		x = sm / im; hib = (T[i] ~ /^iperf/)
		lo = ""; hi = ""; nr = 0
		for (r = 1; r <= rounds; r++) {
			if (!(("netr", "split", r, T[i], "median") in S) || !(("netr", "inkernel", r, T[i], "median") in S)) continue
			y = S["netr", "split", r, T[i], "median"] / S["netr", "inkernel", r, T[i], "median"]
			if (!nr || y < lo) lo = y
			if (!nr || y > hi) hi = y
			nr++
		}
		if (x >= 0.95 && x <= 1.05) { ok = 1; why = "within 5%" }
		else if (nr >= 2 && lo <= 1 && hi >= 1) { ok = 1; why = "per-round ratios " rfmt(lo) "–" rfmt(hi) " straddle 1" }
		else if (nr >= 2) { ok = 0; why = (((hi < 1) != hib) ? "faster" : "slower") " in every round (" rfmt(lo) "–" rfmt(hi) ")" }
		else {
			ok = (sm >= S["net", "inkernel", T[i], "p25"] && sm <= S["net", "inkernel", T[i], "p75"]) || \
			     (im >= S["net", "split", T[i], "p25"] && im <= S["net", "split", T[i], "p75"])
			why = ok ? "medians within each other'"'"'s IQR" : "IQRs apart, split " ((((x < 1) != hib)) ? "faster" : "slower")
		}
		if (ok) { NV[T[i]] = "unchanged: " why; nok++ }
		else { NV[T[i]] = "**" why "**"; nbad++; bad = bad (bad == "" ? " " : ", ") T[i] " (" rfmt(x) "x, " why ")" }
	}
	if (nok + nbad) claim2 = (nbad ? "DOES NOT HOLD for" bad "; holds for " nok " of " (nok + nbad) : "HOLDS for all " nok " tests")
	else claim2 = "NOT MEASURED"
	line("2. *Operations kept in the kernel are not slowed down (Table 3)*: **" claim2 "**. A test counts as unchanged when split/inkernel is within 5%, or when the per-round ratios lie on both sides of 1 (split faster in one round, slower in another); with one round, when each median lies within the other'"'"'s interquartile range.")
	claims = claims "\nclaim 2 (network ops unchanged within noise, split vs inkernel): " claim2
	line("")
	# what the whole commands hide: the start of ethtool, and the per-op cost
	st = med("cmd", "inkernel", "v", 1e-6); lo = ""; hi = ""; dlo = ""; dhi = ""
	for (i = 5; i <= nitem["ops"]; i++) {
		k = item["ops", i]; x = ratio("ops", "split", "inkernel", k)
		if (x == "") continue
		d = med("ops", "split", k, 1e-3) - med("ops", "inkernel", k, 1e-3)
		if (lo == "" || x < lo) lo = x; if (hi == "" || x > hi) hi = x
		if (dlo == "" || d < dlo) dlo = d; if (dhi == "" || d > dhi) dhi = d
	}
	ppmin = ""; ppmax = ""
	for (i = 1; i <= 3; i++) for (j = 1; j <= 2; j++) {
		x = S["paper", "t2", substr("igs", i, 1), j == 1 ? "a" : "b"] * 1000
		if (ppmin == "" || x < ppmin) ppmin = x; if (ppmax == "" || x > ppmax) ppmax = x
	}
	if (st != "" && lo != "")
		line("Why the commands hardly differ: starting ethtool alone (`ethtool --version`) takes " fmt(st) " ms in this guest (inkernel), while one ethtool ioctl costs " fmt(dlo) "–" fmt(dhi) " µs more in the split build than in the kernel (Table 2b: split/inkernel " rfmt(lo) "–" rfmt(hi) " per op). The paper'"'"'s -i, -g and -s took " ppmin "–" ppmax " ms in all (Table 2), so the same per-op cost weighed more there.")
	line("")

	# ---- Table 1 ----
	line("## Table 1: lines of code of the factorization")
	line("")
	line("Non-comment, non-blank lines, counted by `bench/loc.sh` from the sources when the run began.")
	line("")
	H[1] = "component"; H[2] = "ours"; H[3] = "what"; H[4] = "paper"; table_head("lrlr", 4)
	ops = S["loc", "moved_ops", "lines"]; hlp = S["loc", "moved_helpers", "lines"]; oth = S["loc", "moved_other", "lines"]
	line("| driver functions moved to user space | " ops + hlp " | the ops of side USER in `pcnet32/slow.c`: " ops " lines in " S["loc", "moved_ops", "detail"] "; " hlp " lines of " S["loc", "moved_helpers", "detail"] " (plus " oth " lines of includes and defines) | " S["paper", "t1", "moved", "a"] " |")
	line("| driver functions replicated in user space | 0 | " S["loc", "replicated", "detail"] ". Both sides also compile the shared headers " S["loc", "shared_headers", "detail"] ": " S["loc", "shared_headers", "lines"] " lines, of which " S["loc", "user_only", "lines"] " only user space compiles | " S["paper", "t1", "replicated", "a"] " |")
	line("| user-space interface (header) | " S["loc", "uapi", "lines"] " | `driver-split/uapi/`: " S["loc", "uapi", "detail"] " | " S["paper", "t1", "interface", "a"] " |")
	line("| user daemon | " S["loc", "daemon", "lines"] " | `driver-split/daemon/`: " S["loc", "daemon", "detail"] " (+ " S["loc", "daemon_h", "lines"] " in " S["loc", "daemon_h", "detail"] "; supervisor script: " S["loc", "supervisor", "lines"] ") | " S["paper", "t1", "daemon", "a"] " |")
	tot = ops + hlp + S["loc", "uapi", "lines"] + S["loc", "daemon", "lines"]
	line("| total of the paper'"'"'s rows | " tot " | | " S["paper", "t1", "total", "a"] " |")
	line("| kernel channel (not a row of the paper) | " S["loc", "kernel_channel", "lines"] " | `driver-split/kernel/`: " S["loc", "kernel_channel", "detail"] " | – |")
	line("| for scale: the whole shared driver | " S["loc", "pcnet32_total", "lines"] " | `pcnet32/`: " S["loc", "pcnet32_total", "detail"] " | ~2000 |")
	line("")

	# ---- Table 2 ----
	line("## Table 2: ethtool command times")
	line("")
	line("Wall time of the whole command in the guest, fork to exit (`opbench exec`, " m("reps") " runs per round after 2 unrecorded ones), in ms.")
	line("`ethtool -s eth0 msglvl` alternates between two levels (the kernel calls set_msglevel only on a change).")
	line("")
	H[1] = "command"; H[2] = "paper'"'"'s function"; H[3] = "stock"; H[4] = "inkernel"; H[5] = "split"
	H[6] = "inkernel/stock"; H[7] = "split/inkernel"; H[8] = "split/stock"; H[9] = "split − inkernel (ms)"; H[10] = "paper: original → factorized (s)"; H[11] = "paper ratio"
	table_head("ll", 11)
	for (i = 1; i <= ncmd; i++) {
		k = K[i]; po = S["paper", "t2", k, "a"]; pf = S["paper", "t2", k, "b"]
		d = (has("cmd", "split", k) && has("cmd", "inkernel", k)) ? fmt(med("cmd", "split", k, 1e-6) - med("cmd", "inkernel", k, 1e-6)) : "–"
		line("| " CMDN[k] " | " PFN[k] " | " cell("cmd", "stock", k, 1e-6, "p25", "p75") " | " cell("cmd", "inkernel", k, 1e-6, "p25", "p75") " | " cell("cmd", "split", k, 1e-6, "p25", "p75") " | " rcell("cmd", "inkernel", "stock", k) " | " rcell("cmd", "split", "inkernel", k) " | " rcell("cmd", "split", "stock", k) " | " d " | " (po == "" ? "–" : po " → " pf) " | " (po == "" ? "–" : rfmt(pf / po)) " |")
	}
	line("")
	line("![Table 2](" figrel "/bench-ethtool.png)")
	line("")
	# upcalls per command
	if (have_split) {
		line("What one command costs in upcalls (split; from the kernel'"'"'s phase timings during the runs above; *upcall time*: the callers'"'"' whole upcalls, summed per run). The measured difference split − inkernel also holds the fast-path hold-off around port ops and the host'"'"'s noise.")
		line("")
		H[1] = "command"; H[2] = "upcalls per run"; H[3] = "upcall time per run (ms)"; H[4] = "split command (ms)"; H[5] = "share"; H[6] = "split − inkernel (ms)"; table_head("ll", 6)
		nruns = m("reps") * m("rounds")
		for (i = 2; i <= ncmd; i++) {
			k = K[i]; desc = ""; cnt = 0; tns = 0
			for (id = 1; id <= 32; id++) if (((("upcmd", k, id, "count") in S))) {
				c1 = S["upcmd", k, id, "count"] / nruns
				desc = desc (desc == "" ? "" : ", ") tolower(opn[id]) (c1 != 1 ? sprintf(" ×%g", c1) : "")
				cnt += S["upcmd", k, id, "count"]; tns += S["upcmd", k, id, "total_ns"]
			}
			d = (has("cmd", "split", k) && has("cmd", "inkernel", k)) ? fmt(med("cmd", "split", k, 1e-6) - med("cmd", "inkernel", k, 1e-6)) : "–"
			if (!cnt) { line("| " CMDN[k] " | none | 0 | " fmt(med("cmd", "split", k, 1e-6)) " | 0 | " d " |"); continue }
			cm = med("cmd", "split", k, 1e-6)
			line("| " CMDN[k] " | " cnt / nruns ": " desc " | " fmt(tns / nruns / 1e6) " | " fmt(cm) " | " (cm ? sprintf("%.1f%%", 100 * tns / nruns / 1e6 / cm) : "–") " | " d " |")
		}
		line("")
	}

	# ---- Table 2b ----
	line("## Table 2b: per-op latency (what the paper could not separate)")
	line("")
	line("`opbench ops` in the guest issues each ioctl directly, " m("ops_n") " times per round after 20 unrecorded calls, timed with `clock_gettime(CLOCK_MONOTONIC)`; µs, median [p5–p95]. The first four rows are reference points: a bare system call, a null ioctl (SIOCGIFFLAGS: no driver code), an ethtool ioctl the ethtool core answers alone (GPERMADDR), and a one-byte pipe round trip between two processes, the floor of any upcall (two context switches).")
	line("")
	H[1] = "op"; H[2] = "stock"; H[3] = "inkernel"; H[4] = "split"; H[5] = "inkernel/stock"; H[6] = "split/inkernel"; H[7] = "split − inkernel (µs)"; H[8] = "÷ pipe RTT"
	table_head("", 8)
	prt = med("ops", "split", "pipe_rtt", 1e-3)
	for (i = 1; i <= nitem["ops"]; i++) {
		k = item["ops", i]
		d = (has("ops", "split", k) && has("ops", "inkernel", k)) ? med("ops", "split", k, 1e-3) - med("ops", "inkernel", k, 1e-3) : ""
		line("| " k " | " cell("ops", "stock", k, 1e-3, "p5", "p95") " | " cell("ops", "inkernel", k, 1e-3, "p5", "p95") " | " cell("ops", "split", k, 1e-3, "p5", "p95") " | " rcell("ops", "inkernel", "stock", k) " | " rcell("ops", "split", "inkernel", k) " | " (d == "" ? "–" : fmt(d)) " | " ((d == "" || prt == "" || i <= 4) ? "–" : rfmt(d / prt)) " |")
	}
	skipped = ""
	while ((getline l < notesf) > 0) if (l ~ /skipped/) {
		split(l, F, ","); sub(/^[^,]*,[^,]*,(opbench: )?/, "", l)
		if (!(l in seen_note)) { seen_note[l] = 1; notecols[l] = F[1] }
		else if (index(" " notecols[l] " ", " " F[1] " ") == 0) notecols[l] = notecols[l] " " F[1]
	}
	for (l in seen_note) skipped = skipped "; " l " (" notecols[l] ")"
	if (skipped != "") line("\nNot measured (the op failed on its first call): " substr(skipped, 3) "." (skipped ~ /MII_READ/ ? " The NIC QEMU emulates here (Am79C970A) has no MII, so the MII ioctls are refused." : ""))
	slow = ""
	for (i = 5; i <= nitem["ops"]; i++) {
		k = item["ops", i]; x = ratio("ops", "inkernel", "stock", k)
		if (x != "" && x > 1.3) slow = slow (slow == "" ? "" : ", ") k " " rfmt(x) "x"
	}
	if (slow != "") line("\nOur driver is slower per op than the stock driver, in the kernel already (inkernel/stock above 1.3: " slow "): a cost of our driver'"'"'s own op path, which the split build pays as well; it is not a cost of the split.")
	line("")
	line("![per-op latency](" figrel "/bench-ops.png)")
	line("")

	# ---- Table 3 ----
	line("## Table 3: network operations")
	line("")
	line("From the host end of the guest'"'"'s link (inside the lab'"'"'s namespace). ping: RTT of each of " m("ping_n") " requests 0.2 s apart (the paper timed a whole `ping` run, dominated by its 1-s interval); scp: wall time of copying a 4.3 KB file (the paper'"'"'s size) and a 4 MiB file to the guest; ssh: `ssh lab-guest true` (the paper logged in from the guest to the host; we log in to the guest, whose server is dropbear); iperf3: one " m("iperf_s") "-s run each way per round, receiver throughput.")
	line("")
	H[1] = "test"; H[2] = "stock"; H[3] = "inkernel"; H[4] = "split"; H[5] = "inkernel/stock"; H[6] = "split/inkernel"; H[7] = "split vs inkernel"; H[8] = "paper: original → factorized (s)"
	table_head("lrrrrrl", 8)
	split("ping RTT (ms)|scp 4.3 KB (s)|scp 4 MiB (s)|ssh login + exit (s)|iperf3 host→guest (Mbit/s)|iperf3 guest→host (Mbit/s)", TN, "|")
	PK["ping"] = "ping"; PK["scp_4k"] = "scp"; PK["ssh"] = "ssh"
	for (i = 1; i <= nt; i++) {
		k = T[i]; pk = PK[k]
		pp = pk == "" ? "–" : S["paper", "t3", pk, "a"] " → " S["paper", "t3", pk, "b"] " (" rfmt(S["paper", "t3", pk, "b"] / S["paper", "t3", pk, "a"]) ")"
		line("| " TN[i] " | " cell("net", "stock", k, 1, "p25", "p75") " | " cell("net", "inkernel", k, 1, "p25", "p75") " | " cell("net", "split", k, 1, "p25", "p75") " | " rcell("net", "inkernel", "stock", k) " | " rcell("net", "split", "inkernel", k) " | " (k in NV ? NV[k] : "–") " | " pp " |")
	}
	line("")
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
		H[1] = "command: op"; H[2] = "n"; H[3] = "wait"; H[4] = "COPY"; H[5] = "PROCESSING"; H[6] = "REPLY"; H[7] = "user"; H[8] = "total"; H[9] = "COPY+REPLY+PROC"
		H[10] = "paper: COPY / REPLY / PROC / user (µs)"; H[11] = "paper PROC share"; H[12] = "our PROC share"
		table_head("", 12)
		split("i g s d", K4, " ")
		for (i = 1; i <= 4; i++) {
			k = K4[i]; id = MAINOP[k]
			if (!(("up", k, id, "total", "median") in S)) { line("| " CMDN[k] ": " tolower(opn[id]) " | 0 | – | – | – | – | – | – | – | | | |"); continue }
			cp = S["up", k, id, "copy", "median"]; pr = S["up", k, id, "proc", "median"]; rp = S["up", k, id, "reply", "median"]
			pc = S["paper", "t4", k, "a"]; prp = S["paper", "t4", k, "b"]; pp = S["paper", "t4", k, "c"]; pu = S["paper", "t4", k, "d"]
			line("| " CMDN[k] ": " tolower(opn[id]) " | " S["up", k, id, "total", "n"] " | " fmt(S["up", k, id, "wait", "median"] / 1e3) " | " fmt(cp / 1e3) " | " fmt(pr / 1e3) " | " fmt(rp / 1e3) " | " fmt(S["up", k, id, "user", "median"] / 1e3) " | " fmt(S["up", k, id, "total", "median"] / 1e3) " | " fmt((cp + pr + rp) / 1e3) " | " fmt(pc * 1e6) " / " fmt(prp * 1e6) " / " fmt(pp * 1e6) " / " fmt(pu * 1e6) " | " sprintf("%.0f%%", 100 * pp / pu) " | " sprintf("%.0f%%", 100 * pr / (cp + pr + rp)) " |")
		}
		line("")
		line("Every op, in the back-to-back calls of Table 2b (warm), all upcalls of that op id:")
		line("")
		H[1] = "op"; H[2] = "n"; H[3] = "wait [p5–p95]"; H[4] = "COPY"; H[5] = "PROCESSING"; H[6] = "REPLY"; H[7] = "user"; H[8] = "total [p5–p95]"
		table_head("", 8)
		for (id = 1; id <= 32; id++) {
			if (!(("up", "all-loop", id, "total", "median") in S)) continue
			line("| " tolower(opn[id]) " | " S["up", "all-loop", id, "total", "n"] " | " fmt(S["up", "all-loop", id, "wait", "median"] / 1e3) " [" fmt(S["up", "all-loop", id, "wait", "p5"] / 1e3) "–" fmt(S["up", "all-loop", id, "wait", "p95"] / 1e3) "] | " fmt(S["up", "all-loop", id, "copy", "median"] / 1e3) " | " fmt(S["up", "all-loop", id, "proc", "median"] / 1e3) " | " fmt(S["up", "all-loop", id, "reply", "median"] / 1e3) " | " fmt(S["up", "all-loop", id, "user", "median"] / 1e3) " | " fmt(S["up", "all-loop", id, "total", "median"] / 1e3) " [" fmt(S["up", "all-loop", id, "total", "p5"] / 1e3) "–" fmt(S["up", "all-loop", id, "total", "p95"] / 1e3) "] |")
		}
		line("")
		line("The kernel keeps the last 1024 upcalls: for a loop of more calls, the later ones.")
		line("")
		line("![upcall phases](" figrel "/bench-phases.png)")
		line("")
	}

	# ---- beyond the paper ----
	line("## What the paper did not measure")
	line("")
	line("- **Reference floors** (Table 2b, first rows): the null ioctl and the pipe round trip measured in the same guests; the column *÷ pipe RTT* gives the extra cost of each split op in pipe round trips. The reference rows themselves should be alike in all three columns (split/inkernel near 1): they say whether the columns ran under comparable conditions.")
	line("- **Queue wait** (Table 4, *wait*): time a request spends queued before the daemon takes it; with one caller at a time it is the daemon'"'"'s wake-up latency.")
	line("- **Throughput**, both ways (Table 3, iperf3): the paper timed only ping, scp and ssh.")
	line("- **Interference of the slow path with the fast path**: iperf3 host→guest while a guest process calls GREGS (the register dump) " m("dump_rate") " times a second on a fixed schedule (`opbench ops -r`), the same work in every column. In the split build each dump holds the fast path (queues stopped, NAPI and the interrupt line off) for the whole upcall; in the kernel builds the dump holds the register lock only.")
	line("")
	H[1] = "column"; H[2] = "iperf3 host→guest alone (Mbit/s)"; H[3] = "while dumping (Mbit/s)"; H[4] = "ratio"; H[5] = "dumps a second"; H[6] = "GREGS under load (µs) [p5–p95]"; H[7] = "GREGS idle (µs)"
	table_head("", 7)
	for (c = 1; c <= nc; c++) {
		a = med("net", C[c], "iperf_h2g", 1); b = med("net", C[c], "iperf_h2g_dumping", 1)
		line("| " C[c] " | " cell("net", C[c], "iperf_h2g", 1, "p25", "p75") " | " cell("net", C[c], "iperf_h2g_dumping", 1, "p25", "p75") " | " ((a != "" && b != "" && a) ? rfmt(b / a) : "–") " | " (has("interfere", C[c], "GREGS") ? fmt(S["interfere", C[c], "GREGS", "n"] / m("rounds") / (m("iperf_s") + 2)) : "–") " | " cell("interfere", C[c], "GREGS", 1e-3, "p5", "p95") " | " fmt(med("ops", C[c], "GREGS", 1e-3)) " |")
	}
	line("")
	line("- **Kernel footprint**: the driver module'"'"'s core size in the guest (`/sys/module/pcnet32/coresize`) and the daemon'"'"'s resident memory.")
	line("")
	H[1] = "column"; H[2] = "module core (KiB)"; H[3] = "daemon RSS (KiB)"; table_head("", 3)
	while ((getline l < footf) > 0) {
		split(l, F, ","); if (F[3] == "module_core_bytes") core[F[1]] = F[4]; if (F[3] == "daemon_rss_bytes") rss[F[1]] = F[4]
	}
	for (c = 1; c <= nc; c++) line("| " C[c] " | " (C[c] in core ? fmt(core[C[c]] / 1024) : "–") " | " (C[c] in rss ? fmt(rss[C[c]] / 1024) : "–") " |")
	line("")

	# ---- failures ----
	# failures: non-zero statuses and errnos (counted), failed workloads
	# (notes), and the split channel'"'"'s counters at the end of each round
	nf = nfirst["failures"] + 0; nfail = 0; ncnt = 0
	close(notesf)
	while ((getline l < notesf) > 0) {
		split(l, F, ","); t = l; sub(/^[^,]*,[^,]*,/, "", t)
		if (t ~ /^failed: /) FAILN[++nfail] = "| " F[1] " | " F[2] " | " substr(t, 9) " |"
		if (t ~ /^counters: /) CNT[++ncnt] = "round " F[2] ":" substr(t, 11)
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
		line("The split build'"'"'s upcall channel counters at the end of each round, as the kernel reports them (the first line of its samples file; non-zero `timeouts`, `resets` or `rejected` would mean upcalls that failed):")
		line("")
		for (i = 1; i <= ncnt; i++) line("- " CNT[i])
	}
	line("")

	line("## Method")
	line("")
	line("- Columns: `stock` is Debian'"'"'s pcnet32.ko for the guest kernel; `inkernel` is this project'"'"'s driver with every function in the kernel; `split` is the same driver with the slow-path ops in the daemon pcnet32d (see the README). `inkernel` is the control for `split`: same code, only the boundary differs.")
	line("- Rounds interleave the columns: each round boots all three labs afresh, then runs every workload on stock, inkernel and split in turn, so that the shared host'"'"'s changing load falls on the columns alike; boot-to-boot variation is part of the spread. Medians pool the samples of all rounds; the per-round ratios in parentheses show how stable a ratio is.")
	line("- Raw samples: `report/data/bench/*.csv` (not committed); statistics: `report/data/bench/stats/`; this page and the figures are generated from them (`make bench-report` regenerates both from the last run).")
	line("- The claims are printed, never enforced: a run fails only when a workload cannot run.")
	line("- Reproduce: `make bench` (this run: " int(m("wall_s") / 60) " min; the target is at most 15 minutes on 2 cores); `BENCH_ROUNDS`, `BENCH_REPS`, `BENCH_OPS_N`, `BENCH_QUICK=1` (or `make bench-quick`) change its length (`bench/run.sh --help`).")

	print claims
}' out="$OUT/REPORT.md" metaf="$DATA/meta.env" guestf="$DATA/guest.env" notesf="$DATA/notes.csv" \
	footf="$DATA/footprint.csv" failf="$S/failures.csv" figrel="$figrel" "${FILES[@]}"
echo "bench report: $OUT/REPORT.md, figures in $FIG"
