# Clustered bars with error bars, one cluster per row, one bar per column
# (stock, inkernel, split, split-direct, split-paper: as many as the header
# names, at most five). Called by bench/report.sh:
#   gnuplot -c plots/bench-bars.gp OUT.png DATA TITLE YLABEL lin|log
# DATA: a header line, then per row: "label" and per column median low high.
out = ARG1; data = ARG2
set terminal pngcairo size 1100,520 font ",10" noenhanced
set output out
set title ARG3
set ylabel ARG4
set style data histograms
set style histogram errorbars gap 1.5 lw 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set key top left autotitle columnheader
set grid ytics lc rgb "#dddddd"
set datafile missing "NaN"
set xtics nomirror
set bmargin 5
if (ARG5 eq "log") { set xtics rotate by -30 }
if (ARG5 eq "log") {
	set logscale y
	set yrange [*:*]
} else {
	set yrange [0:*]
}
colors = "#888888 #3366cc #ee8833 #aa55cc #55aa55"
# the header: "label", then three fields (median lo hi) per column
ncols = (system(sprintf("head -n 1 '%s' | wc -w", data)) - 1) / 3
plot for [i = 0:ncols - 1] data using (column(2 + 3 * i)):(column(3 + 3 * i)):(column(4 + 3 * i)):xtic(1) \
	lc rgb word(colors, i + 1) title columnheader(2 + 3 * i)
