package org.cutouts.bench;

import java.util.Arrays;

/** Order statistics of a sample (nearest-rank percentiles on a sorted copy). */
public record Stats(int n, double mean, double min, double p25, double median, double p75, double p95, double p99, double max) {

    public static Stats of(double[] sample) {
        if (sample.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] s = sample.clone();
        Arrays.sort(s);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return new Stats(s.length, sum / s.length, s[0], pct(s, 25), pct(s, 50), pct(s, 75), pct(s, 95), pct(s, 99), s[s.length - 1]);
    }

    /** Nearest-rank percentile of sorted data. */
    static double pct(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    public double iqr() {
        return p75 - p25;
    }
}
