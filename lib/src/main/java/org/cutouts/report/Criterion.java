package org.cutouts.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.cutouts.store.Strategy;

/**
 * A criterion: a value per strategy, whether lower is better, and its tie band: {@link Verdict#TIE}, widened
 * to the largest relative run-to-run spread measured for it (so a difference the run could not resolve ranks
 * as a tie). The negative control has a value but no rank.
 */
record Criterion(String name, String unit, boolean lowerIsBetter, Map<Strategy, Double> values, double tie) {
    Criterion(String name, String unit, boolean lowerIsBetter, Map<Strategy, Double> values) {
        this(name, unit, lowerIsBetter, values, Verdict.TIE);
    }

    double factorVsBaseline(Strategy s) {
        Double b = values.get(Verdict.BASELINE);
        Double v = values.get(s);
        if (b == null || v == null || b == 0 || v == 0) {
            return Double.NaN;
        }
        return lowerIsBetter ? b / v : v / b;
    }

    List<Strategy> ranking() {
        Comparator<Strategy> c = Comparator.comparingDouble(values::get);
        return values.keySet().stream().filter(s -> s != Verdict.CONTROL && Double.isFinite(values.get(s))).sorted(lowerIsBetter ? c : c.reversed())
                .toList();
    }

    /**
     * Rank of {@code s} (1 = best, 0 = not measured or the negative control), with ties: a strategy within the tie band of
     * the best value of the group above it shares that group's rank, so run-to-run noise between two
     * equivalent strategies cannot decide the verdict.
     */
    int rank(Strategy s) {
        List<Strategy> order = ranking();
        int rank = 0;
        double leader = Double.NaN;
        for (int i = 0; i < order.size(); i++) {
            double v = values.get(order.get(i));
            if (i == 0 || !(Math.max(v, leader) / Math.min(v, leader) < 1 + tie)) {
                rank = i + 1;
                leader = v;
            }
            if (order.get(i) == s) {
                return rank;
            }
        }
        return 0;
    }
}
