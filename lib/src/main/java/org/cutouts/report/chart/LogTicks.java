package org.cutouts.report.chart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick values for a log axis, chosen from the data so that the labels read as numbers: powers of ten
 * ("1", "10", "100", "1k", ...) when the data span two and a half decades or more, else 1-2-5 steps ("20", "50",
 * "100", ...). Plotly's own log ticks label the minor steps with their first digit only ("2, 5, 2, 10"),
 * which reads as a different number.
 *
 * @param values the tick positions
 * @param labels their labels
 */
public record LogTicks(List<Double> values, List<String> labels) {
    private static final double[] STEPS = {1, 2, 5};

    /** Ticks covering every positive finite value of {@code data}; none when there is none. */
    public static LogTicks of(double... data) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : data) {
            if (v > 0 && Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        List<Double> values = new ArrayList<>();
        if (lo <= hi) {
            int from = (int) Math.floor(Math.log10(lo) + 1e-9);
            int to = (int) Math.ceil(Math.log10(hi) - 1e-9);
            to = Math.max(to, from + 1);
            // 1-2-5 steps unless the data span enough decades to be labelled by powers of ten alone
            boolean decadesOnly = Math.log10(hi / lo) >= 2.5;
            for (int e = from; e <= to; e++) {
                for (double step : decadesOnly ? new double[] {1} : STEPS) {
                    double v = step * Math.pow(10, e);
                    if (v <= Math.pow(10, to) * 1.000001) {
                        values.add(Double.parseDouble(String.format(Locale.ROOT, "%.6g", v)));
                    }
                }
            }
        }
        return new LogTicks(values, values.stream().map(LogTicks::label).toList());
    }

    /** A short label: "0.05", "20", "1k", "2.5M". */
    public static String label(double v) {
        String[] suffix = {"", "k", "M", "G", "T"};
        int i = 0;
        double x = v;
        while (Math.abs(x) >= 1000 && i < suffix.length - 1) {
            x /= 1000;
            i++;
        }
        String n = String.format(Locale.ROOT, "%.3g", x);
        if (n.contains(".") && !n.contains("e")) {
            n = n.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return n + suffix[i];
    }

    /** Sets {@code tickvals} and {@code ticktext} on a plotly axis (nothing when there are no ticks). */
    public void applyTo(ObjectNode axis) {
        if (values.isEmpty()) {
            return;
        }
        axis.put("tickmode", "array");
        values.forEach(axis.putArray("tickvals")::add);
        labels.forEach(axis.putArray("ticktext")::add);
    }
}
