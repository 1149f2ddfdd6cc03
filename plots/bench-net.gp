# Network operations (Table 3 and the interference test): one panel per
# test, one bar per column with its interquartile range. Called by
# bench/report.sh:   gnuplot -c plots/bench-net.gp OUT.png DATA
# DATA: blocks separated by two blank lines; each block starts with a
# header line whose first field is the panel's title, then per column:
# column median low high (stock, inkernel, split, split-direct,
# split-paper: at most five columns).
out = ARG1; data = ARG2
set terminal pngcairo size 1400,640 font ",10" noenhanced
set output out
stats data using 2 nooutput
nblocks = STATS_blocks
# the columns: the lines of the first block after its header
ncols = system(sprintf("awk 'NR > 1 && NF == 0 { exit } NR > 1 { n++ } END { print n }' '%s'", data)) + 0
set multiplot layout 2, 4 title "Network operations from the host end (median, bars: p25-p75)"
set style fill solid 0.85 border -1
set boxwidth 0.6
set grid ytics lc rgb "#dddddd"
set datafile missing "NaN"
set xtics nomirror rotate by -25 font ",9"
set yrange [0:*]
set xrange [-0.6:ncols - 0.4]
# each panel's title: the first field of its block's header line
title_of(i) = system(sprintf("awk -v b=%d 'BEGIN { RS = \"\" } NR == b + 1 { s = $0; sub(/\\n.*/, \"\", s); sub(/\" median lo hi$/, \"\", s); sub(/^\"/, \"\", s); print s }' '%s'", i, data))
# (the header lines are read as column headers, the key is off)
unset key
do for [i = 0:nblocks - 1] {
	set title title_of(i) font ",10"
	plot data index i using 0:2:($0 == 0 ? 0x888888 : $0 == 1 ? 0x3366cc : $0 == 2 ? 0xee8833 : $0 == 3 ? 0xaa55cc : 0x55aa55):xtic(1) \
		with boxes lc rgb variable title columnheader(1), \
		'' index i using 0:2:3:4 with yerrorbars lc rgb "black" pt 7 ps 0.4 title columnheader(1)
}
unset multiplot
