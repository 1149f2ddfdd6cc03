# The fault campaign's outcome matrix, the builds side by side. Called by
# faultinject/campaign/report:
#   gnuplot -c plots/faults-matrix.gp OUT DATA OPS "RESULT..." svg|png ["BUILD..."]
# DATA: build, kind column, op row, result code, result (tab-separated);
# OPS: row, op name. A cell's colour is its most frequent result. BUILD...:
# the panels, left to right (default "split inkernel").
out = ARG1; data = ARG2; ops = ARG3; results = ARG4
builds = (ARGC >= 6 && ARG6 ne "") ? ARG6 : "split inkernel"
nb = words(builds)
width = 650 * nb
if (ARG5 eq "svg") {
	set terminal svg size width,620 font "sans,11" noenhanced
} else {
	set terminal pngcairo size width,620 font ",10" noenhanced
}
set output out
set datafile separator "\t"
nres = words(results)
nops = system("wc -l < '" . ops . "'") + 0
kinds = "null wild abort stack kill9 loop sleep corrupt badlen scribble"
# correct masked not-fired error wrong no-answer arm-failed oops panic hung
set palette defined (0 "#4daf4a", 1 "#a6d96a", 2 "#dddddd", 3 "#fee08b", \
	4 "#fdae61", 5 "#f46d43", 6 "#999999", 7 "#d73027", 8 "#7f0000", 9 "#542788")
set cbrange [-0.5:nres - 0.5]
set palette maxcolors nres
unset colorbox
set xrange [-0.5:9.5]
set yrange [nops - 0.5:-0.5]
set xtics rotate by -35 nomirror
set ytics nomirror
set xtics () ; set ytics ()
do for [i = 1:10] { set xtics add (word(kinds, i) i - 1) }
set style fill solid 1.0 border rgb "white"
set multiplot layout 1,nb title "Fault outcomes per op and kind (most frequent result)"
do for [b in builds] {
	set title (b eq "split" ? "split (mediated)" : (b eq "split-direct" ? "split-direct (daemon on the ports)" : b))
	set ytics ()
	do for [r = 0:nops - 1] {
		set ytics add (system("awk -F'\t' '$1 == " . r . " { print $2 }' '" . ops . "'") r)
	}
	plot data using ((strcol(1) eq b) ? $2 : NaN):3:(0.48):(0.48):4 \
		with boxxyerror fc palette notitle, \
	     data using ((strcol(1) eq b) ? $2 : NaN):3:5 with labels font ",7" notitle
}
unset multiplot
