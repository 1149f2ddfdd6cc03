# Table 4: the phases of an upcall in the split build, stacked medians per
# op. Left: the upcalls inside the ethtool commands (cold); right: the
# back-to-back calls of opbench (warm). Called by bench/report.sh:
#   gnuplot -c plots/bench-phases.gp OUT.png DATA
# DATA: two blocks (two blank lines apart), each a header line then per op:
# "op" wait COPY PROCESSING other REPLY (microseconds).
out = ARG1; data = ARG2
set terminal pngcairo size 1300,560 font ",10" noenhanced
set output out
set multiplot layout 1, 2 title "Table 4: where an upcall's time goes (split build; stacked medians)"
set style data histograms
set style histogram rowstacked
set style fill solid 0.85 border -1
set boxwidth 0.7
set key below horizontal autotitle columnheader
set grid ytics lc rgb "#dddddd"
set ylabel "µs"
set yrange [0:*]
set xtics rotate by -35 nomirror
colors = "#999999 #3366cc #ee8833 #66aa55 #aa4499"
set title "inside the ethtool commands (cold)"
plot for [c = 2:6] data index 0 using c:xtic(1) lc rgb word(colors, c - 1)
set title "back-to-back ioctls, opbench (warm)"
plot for [c = 2:6] data index 1 using c:xtic(1) lc rgb word(colors, c - 1)
unset multiplot
