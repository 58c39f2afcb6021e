package org.cutouts.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.cutouts.store.Strategy;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

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

    /** A readable series name for a result row's identity. */
    public static String series(Identity id) {
        String v = id.variant() == null || id.variant().isEmpty() || id.variant().equals(BenchTarget.DEFAULT_VARIANT) ? "" : " (" + id.variant() + ")";
        return id.impl() + " " + label(id.strategy()) + v;
    }

    /** The strategy's label, or the name as given for one this library does not know (a peer's "ALL"). */
    static String label(String strategy) {
        try {
            return Strategy.valueOf(strategy).label();
        } catch (IllegalArgumentException e) {
            return strategy;
        }
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
     * sequential order warm. Log scale: the strategies differ by orders of magnitude.
     */
    public static Figure latency(BenchmarkResults r) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (LatencyRow row : r.rows("latency", LatencyRow.class)) {
            if (!ResultColumns.OK.equals(row.status())) {
                continue;
            }
            String kind = row.conditions().order() + ", " + row.conditions().cache();
            bars.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(series(row.id()), orNaN(row.times().p50Us()));
        }
        return groupedBars("Read latency of one cutout (median)", "microseconds (log scale)", bars, true);
    }

    /** Throughput in cutouts per second against batch size, warm cache, random order: one line per series. */
    public static Figure throughputByBatch(BenchmarkResults r) {
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        for (ThroughputRow row : r.throughputRows()) {
            if (row.conditions() != null && row.conditions().batch() != null && random(row, row.conditions().batch())
                    && ReadConditions.WARM.equals(row.conditions().cache())) {
                lines.computeIfAbsent(series(row.id()), k -> new ArrayList<>()).add(new double[] {row.conditions().batch(), row.cutoutsPerSec()});
            }
        }
        List<Trace> traces = new ArrayList<>();
        for (var e : lines.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            traces.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(e.getKey()).build());
        }
        Layout layout = Layout.builder().title("Throughput by batch size (warm cache, random order, 1 thread)").width(900).height(520)
                .xAxis(Axis.builder().title("batch size (log scale)").type(Axis.Type.LOG).build())
                .yAxis(Axis.builder().title("cutouts per second (median of reps, log scale)").type(Axis.Type.LOG).build()).build();
        return new Figure(layout, traces.toArray(Trace[]::new));
    }

    /** Warm against cold throughput at one batch size, random order: bars per series. */
    public static Figure warmVsCold(BenchmarkResults r, int batch) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (ThroughputRow row : r.throughputRows()) {
            if (random(row, batch)) {
                bars.computeIfAbsent(row.conditions().cache(), k -> new LinkedHashMap<>()).put(series(row.id()), row.cutoutsPerSec());
            }
        }
        return groupedBars("Warm vs cold page cache (random order, batch " + batch + ")", "cutouts per second (log scale)", bars, true);
    }

    /**
     * Memory per series, from the fresh-JVM probe: RSS growth (all resident pages, mapped page cache
     * included) and anonymous RSS growth (memory the process owns), after opening and after many reads.
     */
    public static Figure memory(BenchmarkResults r) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (MemoryRow row : r.memoryRows()) {
            if (row.ok() && row.many() && row.rss() != null) {
                bars.computeIfAbsent("RSS growth", k -> new LinkedHashMap<>()).put(series(row.id()), orNaN(row.rss().rssDeltaMiB()));
                if (row.rss().rssAnonDeltaMiB() != null) {
                    bars.computeIfAbsent("anonymous RSS growth (owned)", k -> new LinkedHashMap<>()).put(series(row.id()), row.rss().rssAnonDeltaMiB());
                }
            }
        }
        return groupedBars("Memory after open + many random reads (fresh process each)", "MiB", bars, false);
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

    /** Java against the Python peer on the same files: warm random throughput at one batch size, by strategy. */
    public static Figure javaVsPython(BenchmarkResults r, int batch) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (ThroughputRow row : r.throughputRows()) {
            if (random(row, batch) && ReadConditions.WARM.equals(row.conditions().cache())) {
                String v = row.id().variant();
                // Python at its best per store: the fastest of its idioms (the table of readers lists each)
                String who = !row.id().java() ? "python, best idiom"
                        : row.id().impl() + (v.equals(BenchTarget.DEFAULT_VARIANT) ? "" : " " + v.replace("mmap=", ""));
                bars.computeIfAbsent(who, k -> new LinkedHashMap<>()).merge(label(row.id().strategy()), row.cutoutsPerSec(), Math::max);
            }
        }
        return groupedBars("Java vs the Python approach, same files (warm, random, batch " + batch + ")", "cutouts per second (log scale)", bars, true);
    }

    /**
     * One scaling chart: {@code metric} against the number of cutouts (at the base mosaic) or against
     * the mosaic side (at the base cutout count), one line per series. Rows that are not applicable
     * (a writer's 2 GiB limit) are left out; the scaling table lists them with the reason.
     */
    public static Figure scaling(BenchmarkResults r, String metric, String yTitle, boolean byCutouts) {
        List<ScalingRow> rows = r.scalingRows();
        if (rows.isEmpty()) {
            return new Figure(Layout.builder().title("no scaling rows in these results").build());
        }
        Table t = r.scaling();
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
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
                lines.computeIfAbsent(series(row.id()), k -> new ArrayList<>()).add(new double[] {row.cutouts(), value});
            } else if (!byCutouts && row.cutouts() == baseCutouts) {
                lines.computeIfAbsent(series(row.id()), k -> new ArrayList<>()).add(new double[] {(double) side * side * 4 / 1048576.0, value});
            }
        }
        List<Trace> traces = new ArrayList<>();
        for (var e : lines.entrySet()) {
            var pts = e.getValue().stream().sorted((a, b) -> Double.compare(a[0], b[0])).toList();
            traces.add(ScatterTrace.builder(pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray())
                    .mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(e.getKey()).build());
        }
        String x = byCutouts ? "cutouts (log scale; mosaic " + baseMosaic + "x" + baseMosaic + ")"
                : "mosaic size, MiB of float32 (log scale; " + baseCutouts + " cutouts)";
        Layout layout = Layout.builder().title(yTitle + (byCutouts ? " vs number of cutouts" : " vs mosaic size")).width(900).height(480)
                .xAxis(Axis.builder().title(x).type(Axis.Type.LOG).build())
                .yAxis(Axis.builder().title(yTitle + " (log scale)").type(Axis.Type.LOG).build()).build();
        return new Figure(layout, traces.toArray(Trace[]::new));
    }

    /** Bars grouped by category (x = series), one trace per group key. */
    static Figure groupedBars(String title, String yTitle, Map<String, Map<String, Double>> groups, boolean logY) {
        List<String> names = new ArrayList<>();
        for (Map<String, Double> g : groups.values()) {
            for (String s : g.keySet()) {
                if (!names.contains(s)) {
                    names.add(s);
                }
            }
        }
        List<Trace> traces = new ArrayList<>();
        for (var g : groups.entrySet()) {
            double[] y = names.stream().mapToDouble(n -> g.getValue().getOrDefault(n, Double.NaN)).toArray();
            traces.add(BarTrace.builder(names.toArray(String[]::new), y).name(g.getKey()).build());
        }
        Axis.AxisBuilder yAxis = Axis.builder().title(yTitle);
        if (logY) {
            yAxis.type(Axis.Type.LOG);
        }
        Layout layout = Layout.builder().title(title).width(980).height(560).barMode(Layout.BarMode.GROUP)
                .margin(tech.tablesaw.plotly.components.Margin.builder().bottom(230).build())
                .yAxis(yAxis.build()).build();
        return new Figure(layout, traces.toArray(Trace[]::new));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
