package org.cutouts.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.cutouts.bench.BenchTarget;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.Identity;
import org.cutouts.bench.LatencyRow;
import org.cutouts.bench.MemoryRow;
import org.cutouts.bench.ReadConditions;
import org.cutouts.bench.ResultColumns;
import org.cutouts.bench.ScalingRow;
import org.cutouts.bench.ThroughputRow;
import org.cutouts.report.chart.BarChart;
import org.cutouts.report.chart.LineChart;
import org.cutouts.report.chart.StrategyStyle;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;

/**
 * The benchmark notebook's charts and summary tables, each one line in a cell: they read the typed
 * rows of {@link BenchmarkResults} (a scaling chart's metric is any numeric column of its table) and
 * never invent a number.
 *
 * <p>A <em>series</em> is one way of reading: implementation, strategy and read-path variant, e.g.
 * "java memory-mapped .npy (mmap=default)" or "python memory-mapped .npy (np.load mmap_mode='r')".
 */
public final class BenchmarkCharts {
    private BenchmarkCharts() {
    }

    /** A readable series name for a result row's identity (see {@link StrategyStyle#of(Identity)}). */
    public static String series(Identity id) {
        return StrategyStyle.of(id).name();
    }

    /** A random-order throughput row on one thread at {@code batch}, measured and verified. */
    private static boolean random(ThroughputRow t, int batch) {
        ReadConditions c = t.conditions();
        return t.ok() && c != null && ReadConditions.RANDOM.equals(c.order()) && c.batch() != null && c.batch() == batch
                && c.threads() != null && c.threads() == 1;
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    /**
     * Read latency per series: median (p50) of single-cutout reads, random order, warm and cold, and
     * sequential order warm, with the min-max of the per-repetition medians. Log scale: the strategies
     * differ by orders of magnitude.
     */
    public static Figure latency(BenchmarkResults r) {
        BarChart bars = new BarChart().spread("min-max of the per-repetition medians");
        for (LatencyRow row : r.rows("latency", LatencyRow.class)) {
            if (ResultColumns.OK.equals(row.status())) {
                LatencyRow.Times t = row.times();
                bars.add(StrategyStyle.of(row.id()), row.conditions().order() + ", " + row.conditions().cache(), orNaN(t.p50Us()),
                        orNaN(t.repMedianMinUs()), orNaN(t.repMedianMaxUs()));
            }
        }
        return bars.figure("Read latency of one cutout (median)", "read order, page cache", "microseconds (log scale)", true);
    }

    /** Throughput in cutouts per second against batch size, warm cache, random order: one line per series. */
    public static Figure throughputByBatch(BenchmarkResults r) {
        LineChart lines = new LineChart().spread("min-max of the repetitions");
        for (ThroughputRow row : r.throughputRows()) {
            if (row.conditions() != null && row.conditions().batch() != null && random(row, row.conditions().batch())
                    && ReadConditions.WARM.equals(row.conditions().cache())) {
                lines.add(StrategyStyle.of(row.id()), row.conditions().batch(), row.cutoutsPerSec(), min(row), max(row));
            }
        }
        return lines.figure("Throughput by batch size (warm cache, random order, 1 thread)", "batch size (log scale)", true,
                "cutouts per second (median of reps, log scale)", true);
    }

    private static double min(ThroughputRow row) {
        return row.rates() == null ? Double.NaN : orNaN(row.rates().cutoutsPerSecMin());
    }

    private static double max(ThroughputRow row) {
        return row.rates() == null ? Double.NaN : orNaN(row.rates().cutoutsPerSecMax());
    }

    /** Warm against cold throughput at one batch size, random order: bars per series. */
    public static Figure warmVsCold(BenchmarkResults r, int batch) {
        BarChart bars = new BarChart().spread("min-max of the repetitions");
        for (ThroughputRow row : r.throughputRows()) {
            if (random(row, batch)) {
                bars.add(StrategyStyle.of(row.id()), row.conditions().cache() + " page cache", row.cutoutsPerSec(), min(row), max(row));
            }
        }
        return bars.figure("Warm vs cold page cache (random order, batch " + batch + ")", "page cache", "cutouts per second (log scale)", true);
    }

    /**
     * Memory per series, from the fresh-JVM probe: RSS growth (all resident pages, mapped page cache
     * included) and anonymous RSS growth (memory the process owns), after opening and after many reads.
     */
    public static Figure memory(BenchmarkResults r) {
        BarChart bars = new BarChart();
        for (MemoryRow row : r.memoryRows()) {
            if (row.ok() && row.many() && row.rss() != null) {
                bars.add(StrategyStyle.of(row.id()), "RSS growth", orNaN(row.rss().rssDeltaMiB()));
                if (row.rss().rssAnonDeltaMiB() != null) {
                    bars.add(StrategyStyle.of(row.id()), "anonymous RSS growth (owned)", row.rss().rssAnonDeltaMiB());
                }
            }
        }
        return bars.figure("Memory after open + many random reads (fresh process each)", "what grew", "MiB", false);
    }

    /** Throughput as a share of the same run's limits: memcpy of the same bytes and a sequential read of the mosaic. */
    public static Table ratios(BenchmarkResults r, int batch) {
        StringColumn series = StringColumn.create("series");
        StringColumn cache = StringColumn.create("cache");
        DoubleColumn rate = DoubleColumn.create("cutouts/s");
        DoubleColumn mem = DoubleColumn.create("x memcpy");
        DoubleColumn seq = DoubleColumn.create("x sequential read");
        for (ThroughputRow row : r.throughputRows()) {
            if (random(row, batch)) {
                series.append(series(row.id()));
                cache.append(row.conditions().cache());
                rate.append(row.cutoutsPerSec());
                mem.append(row.ratios() == null ? Double.NaN : orNaN(row.ratios().ratioToMemcpy()));
                seq.append(row.ratios() == null ? Double.NaN : orNaN(row.ratios().ratioToSeqRead()));
            }
        }
        return Table.create("throughput against the limits, batch " + batch, series, cache, rate, mem, seq);
    }

    /**
     * Java against the Python peer on the same files: warm random throughput at one batch size, one colour
     * per strategy, grouped by reader (Java's read paths, Python at its best idiom per store).
     */
    public static Figure javaVsPython(BenchmarkResults r, int batch) {
        Map<String, ThroughputRow> best = new LinkedHashMap<>();
        for (ThroughputRow row : r.throughputRows()) {
            if (random(row, batch) && ReadConditions.WARM.equals(row.conditions().cache())) {
                String v = row.id().variant();
                // Python at its best per store: the fastest of its idioms (the table of readers lists each)
                String who = !row.id().java() ? "python, best idiom"
                        : row.id().impl() + (v.equals(BenchTarget.DEFAULT_VARIANT) ? "" : " " + v.replace("mmap=", ""));
                best.merge(who + "\n" + row.id().strategy(), row, (a, b) -> b.cutoutsPerSec() > a.cutoutsPerSec() ? b : a);
            }
        }
        BarChart bars = new BarChart().spread("min-max of the repetitions");
        best.forEach((k, row) -> bars.add(StrategyStyle.of(row.id().strategy()), k.substring(0, k.indexOf('\n')), row.cutoutsPerSec(), min(row), max(row)));
        return bars.figure("Java vs the Python approach, same files (warm, random, batch " + batch + ")", "reader",
                "cutouts per second (log scale)", true);
    }

    /**
     * One scaling chart: {@code metric} against the number of cutouts (at the base mosaic) or against
     * the mosaic side (at the base cutout count), one line per series. Rows that are not applicable
     * (a writer's 2 GiB limit) are left out; the scaling table lists them with the reason.
     */
    public static Figure scaling(BenchmarkResults r, String metric, String yTitle, boolean byCutouts) {
        java.util.List<ScalingRow> rows = r.scalingRows();
        if (rows.isEmpty()) {
            return new Figure(Layout.builder().title("no scaling rows in these results").build());
        }
        Table t = r.scaling();
        LineChart lines = new LineChart();
        // the sweep varies one of the two around the base point its spec recorded
        int baseCutouts = r.spec().scaling().baseCutouts();
        int baseMosaic = r.spec().scaling().baseMosaic();
        for (int i = 0; i < rows.size(); i++) {
            ScalingRow row = rows.get(i);
            if (!ResultColumns.OK.equals(row.status()) || t.column(metric).isMissing(i)) {
                continue;
            }
            int side = ScalingRow.side(row.mosaic());
            double value = ((Number) t.column(metric).get(i)).doubleValue();
            if (byCutouts && side == baseMosaic) {
                lines.add(StrategyStyle.of(row.id()), row.cutouts(), value);
            } else if (!byCutouts && row.cutouts() == baseCutouts) {
                lines.add(StrategyStyle.of(row.id()), (double) side * side * 4 / 1048576.0, value);
            }
        }
        String x = byCutouts ? "cutouts (log scale; mosaic " + baseMosaic + "x" + baseMosaic + ")"
                : "mosaic size, MiB of float32 (log scale; " + baseCutouts + " cutouts)";
        return lines.figure(yTitle + (byCutouts ? " vs number of cutouts" : " vs mosaic size"), x, true, yTitle + " (log scale)", true);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
