# Network operations (Table 3 and the interference test): one panel per
# test, one bar per column with its interquartile range. Called by
# bench/report.sh:   gnuplot -c plots/bench-net.gp OUT.png DATA
# DATA: blocks separated by two blank lines; each block starts with a
# header line whose first field is the panel's title, then per column:
# column median low high.
out = ARG1; data = ARG2
set terminal pngcairo size 1400,640 font ",10" noenhanced
set output out
stats data using 2 nooutput
nblocks = STATS_blocks
set multiplot layout 2, 4 title "Network operations from the host end (median, bars: p25-p75)"
set style fill solid 0.85 border -1
set boxwidth 0.6
set key outside top center autotitle columnheader samplen -1 font ",10"
set grid ytics lc rgb "#dddddd"
set datafile missing "NaN"
set xtics nomirror
set yrange [0:*]
set xrange [-0.6:3.6]
do for [i = 0:nblocks - 1] {
	plot data index i using 0:2:($0 == 0 ? 0x888888 : $0 == 1 ? 0x3366cc : $0 == 2 ? 0xee8833 : 0x55aa55):xtic(1) \
		with boxes lc rgb variable title columnheader(1), \
		'' index i using 0:2:3:4 with yerrorbars lc rgb "black" pt 7 ps 0.4 notitle
}
unset multiplot
