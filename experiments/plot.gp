# The experiments' plot (experiments/run.sh writes the data and calls it):
#
#   gnuplot -e "data='plot.dat'; out='plot.png'; title='...'" plot.gp
#
# plot.dat: one line per flow (or per group of flows), whitespace
# separated: label, reserved Mbit/s (0: best effort), delivered Mbit/s on
# QuaSAR, delivered on the plain router, p99 latency in ms on QuaSAR, on
# the plain router ("-" where a side has no number).
set terminal pngcairo size 1280,900 font "sans,10" noenhanced
set output out
set datafile missing "-"
set multiplot layout 2,1 title title

set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set grid ytics
set key top left opaque box
set xtics rotate by -35 left
set yrange [0:*]

set ylabel "delivered, Mbit/s"
plot data using 3:xtic(1) title "QuaSAR" lc rgb "#1b7837", \
     '' using 4 title "plain router" lc rgb "#b2182b", \
     '' using 0:($2 > 0 ? $2 : 1/0) with points pt 7 ps 1.2 lc rgb "black" \
        title "reserved"

set ylabel "p99 latency, ms (log)"
set logscale y
set yrange [*:*]
plot data using 5:xtic(1) title "QuaSAR" lc rgb "#1b7837", \
     '' using 6 title "plain router" lc rgb "#b2182b"
unset multiplot
