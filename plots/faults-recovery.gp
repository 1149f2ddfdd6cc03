# Recovery time of the split build, per fault kind: the fraction of trials
# recovered within a time (CDF). Called by faultinject/campaign/report:
#   gnuplot -c plots/faults-recovery.gp OUT DATA svg|png CRASH-TARGET HANG-TARGET
# DATA: one block per kind (a quoted title line, then "ms fraction").
out = ARG1; data = ARG2
if (ARG3 eq "svg") {
	set terminal svg size 900,520 font "sans,11" noenhanced
} else {
	set terminal pngcairo size 900,520 font ",10" noenhanced
}
set output out
set title "split: time until the faulted op answers correctly again"
set xlabel "recovery time (ms, log scale)"
set ylabel "fraction of the kind's trials whose fault fired"
set logscale x
set yrange [0:1.02]
set grid lc rgb "#dddddd"
set key outside right top
# one block per kind, each opened by its quoted title line
nblocks = system("grep -c '^\"' '" . data . "'") + 0
set arrow from ARG4, graph 0 to ARG4, graph 1 nohead dt 2 lc rgb "#d73027"
set arrow from ARG5, graph 0 to ARG5, graph 1 nohead dt 2 lc rgb "#542788"
set label "crash target" at ARG4, graph 0.05 rotate by 90 offset -1,0 tc rgb "#d73027"
set label "hang target" at ARG5, graph 0.05 rotate by 90 offset -1,0 tc rgb "#542788"
if (nblocks == 0) {
	set label "no recovered trials" at graph 0.5, graph 0.5 center
	plot NaN notitle
} else {
	plot for [i = 0:nblocks - 1] data index i using 1:2 with steps lw 2 title columnheader(1)
}
