package org.cutouts.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cutouts.report.chart.TrainingCharts;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * What {@link TrainingRun} measured, as Tablesaw tables.
 *
 * <ul>
 *   <li>{@link #lossCurve()}: one row per training step: {@code strategy, repetition, step, phase}
 *       ("warmup" or "measured"), {@code samples, loss, load_ms} (time blocked in {@code next()}),
 *       {@code compute_ms} (time in {@code fit}).</li>
 *   <li>{@link #summary()}: one row per store, see {@link TrainingRun} for the columns.</li>
 *   <li>{@link #lossChart()} and {@link #throughputChart()}: chart-ready subsets for tablesaw-jsplot
 *       ({@link #lossFigure()}, {@link #throughputFigure()} draw them).</li>
 * </ul>
 */
public final class TrainingResult {
    private final Table lossCurve;
    private final Table summary;

    TrainingResult(Table lossCurve, Table summary) {
        this.lossCurve = lossCurve;
        this.summary = summary;
    }

    /** Several runs (e.g. one per strategy) as one result, rows in the given order. */
    public static TrainingResult concat(List<TrainingResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no results to concatenate");
        }
        Table curve = results.getFirst().lossCurve.emptyCopy();
        Table sum = results.getFirst().summary.emptyCopy();
        for (TrainingResult r : results) {
            curve.append(r.lossCurve);
            sum.append(r.summary);
        }
        return new TrainingResult(curve.setName("training loss per step"), sum.setName("training throughput per strategy"));
    }

    public Table lossCurve() {
        return copy(lossCurve);
    }

    public Table summary() {
        return copy(summary);
    }

    /** The file a workbook run keeps the summary in, for the decision page: {@code buildDir/training/summary.csv}. */
    public static Path summaryFile(Path buildDir) {
        return buildDir.resolve("training").resolve("summary.csv");
    }

    /** Writes {@link #summary()} as CSV, atomically (the decision page reads it back with {@link #readSummary}). */
    public void writeSummary(Path file) {
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the folder of " + file, e);
        }
        org.cutouts.io.AtomicFiles.writeStream(file, out -> summary.write().csv(out));
    }

    /** A summary written by {@link #writeSummary}. */
    public static Table readSummary(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no training summary (notebook 06 writes it)");
        }
        return Table.read().csv(file.toFile()).setName("training throughput per strategy");
    }

    /**
     * The model's own time per batch in a summary: the median over strategies of the step time minus the
     * time blocked on the loader ({@code batch / samples_per_s * (1 - load_share)}), in milliseconds.
     */
    public static double modelStepMs(Table summary) {
        double[] ms = new double[summary.rowCount()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = 1000.0 * summary.intColumn("batch").get(i) / summary.doubleColumn("samples_per_s").get(i)
                    * (1 - summary.doubleColumn("load_share").get(i));
        }
        java.util.Arrays.sort(ms);
        return ms.length == 0 ? Double.NaN : ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
    }

    /**
     * What the comparison shows, in its numbers: the range of samples/s into the model over the stores, the
     * largest share of a step spent waiting for the loader, and the model's own time per batch.
     */
    public List<String> lessons() {
        List<String> out = new ArrayList<>();
        if (summary.rowCount() == 0) {
            return out;
        }
        int fast = 0;
        int slow = 0;
        int waits = 0;
        for (int i = 1; i < summary.rowCount(); i++) {
            double rate = summary.doubleColumn("samples_per_s").get(i);
            fast = rate > summary.doubleColumn("samples_per_s").get(fast) ? i : fast;
            slow = rate < summary.doubleColumn("samples_per_s").get(slow) ? i : slow;
            waits = summary.doubleColumn("load_share").get(i) > summary.doubleColumn("load_share").get(waits) ? i : waits;
        }
        out.add(String.format(java.util.Locale.ROOT, "Samples per second into the model ranged from %,.0f (%s) to %,.0f (%s) over %d stores.",
                summary.doubleColumn("samples_per_s").get(slow), summary.stringColumn("strategy").get(slow),
                summary.doubleColumn("samples_per_s").get(fast), summary.stringColumn("strategy").get(fast), summary.rowCount()));
        double share = summary.doubleColumn("load_share").get(waits);
        out.add(String.format(java.util.Locale.ROOT, "The model waited for the loader at most %.1f%% of a step (%s); its own step took %.1f ms per "
                        + "batch of %d, so on this CPU %s.", 100 * share, summary.stringColumn("strategy").get(waits), modelStepMs(summary),
                summary.intColumn("batch").get(0), share < 0.2 ? "the model, not the storage, sets the pace of training"
                        : "the slowest store holds training back"));
        return out;
    }

    /** Column by column, without Tablesaw selections (see {@link #lossChart()}). */
    static Table copy(Table t) {
        Table out = Table.create(t.name());
        for (tech.tablesaw.columns.Column<?> c : t.columns()) {
            out.addColumns(c.copy());
        }
        return out;
    }

    /** {@code strategy, step, loss} of the first repetition: one line per strategy. */
    public Table lossChart() {
        // filtered by hand, without Tablesaw selections: they broke at run time whenever DL4J's fastutil 6
        // won over Tablesaw's fastutil 8 (lib/pom.xml now pins 8); this code works either way
        StringColumn strategy = StringColumn.create("strategy");
        IntColumn step = IntColumn.create("step");
        DoubleColumn loss = DoubleColumn.create("loss");
        for (int row = 0; row < lossCurve.rowCount(); row++) {
            if (lossCurve.intColumn("repetition").getInt(row) == 0) {
                strategy.append(lossCurve.stringColumn("strategy").get(row));
                step.append(lossCurve.intColumn("step").getInt(row));
                loss.append(lossCurve.doubleColumn("loss").getDouble(row));
            }
        }
        return Table.create("loss per step (repetition 0)", strategy, step, loss);
    }

    /** {@code strategy, samples_per_s, loader_samples_per_s}: one bar group per strategy. */
    public Table throughputChart() {
        return summary.selectColumns("strategy", "samples_per_s", "loader_samples_per_s").setName("samples per second into the model");
    }

    /** The loss per step of the first repetition, identical curves drawn once and named so ({@link TrainingCharts#loss}). */
    public Figure lossFigure() {
        return TrainingCharts.loss(lossChart());
    }

    /** Samples per second into the model and from the loader alone, per store, with the repetitions' min-max. */
    public Figure throughputFigure() {
        return TrainingCharts.throughput(summary);
    }

    /** Mean loss of the first {@code k} steps of repetition 0 of {@code strategy} (a label from the summary). */
    public double meanLossOfFirst(String strategy, int k) {
        double[] l = losses(strategy);
        return mean(l, 0, Math.min(k, l.length));
    }

    /** Mean loss of the last {@code k} steps of repetition 0 of {@code strategy}. */
    public double meanLossOfLast(String strategy, int k) {
        double[] l = losses(strategy);
        return mean(l, Math.max(0, l.length - k), l.length);
    }

    private double[] losses(String strategy) {
        double[] out = lossesOf(lossCurve, strategy, 0);
        if (out.length == 0) {
            throw new IllegalArgumentException("no training steps for strategy '" + strategy + "'; have "
                    + new java.util.LinkedHashSet<>(lossCurve.stringColumn("strategy").asList()));
        }
        return out;
    }

    /** The losses of one strategy and repetition of a loss-curve table, in step order. */
    static double[] lossesOf(Table curve, String strategy, int repetition) {
        double[] out = new double[curve.rowCount()];
        int n = 0;
        for (int row = 0; row < curve.rowCount(); row++) {
            if (curve.intColumn("repetition").getInt(row) == repetition && curve.stringColumn("strategy").get(row).equals(strategy)) {
                out[n++] = curve.doubleColumn("loss").getDouble(row);
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    static double mean(double[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return to > from ? s / (to - from) : Double.NaN;
    }

    @Override
    public String toString() {
        return summary.print();
    }
}
