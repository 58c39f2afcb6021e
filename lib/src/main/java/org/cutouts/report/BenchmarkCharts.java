package org.cutouts.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.ThroughputRow;
import org.cutouts.store.Strategy;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The benchmark notebook's charts and summary tables, each one line in a cell: they read the
 * Tablesaw tables of {@link BenchmarkResults} and never invent a number.
 *
 * <p>A <em>series</em> is one way of reading: implementation, strategy and read-path variant, e.g.
 * "java memory-mapped .npy (mmap=default)" or "python memory-mapped .npy (np.load mmap_mode='r')".
 */
public final class BenchmarkCharts {
    private BenchmarkCharts() {
    }

    /** A readable series name for a result row. */
    public static String series(Row r) {
        String strategy = r.getString("strategy");
        String label;
        try {
            label = Strategy.valueOf(strategy).label();
        } catch (IllegalArgumentException e) {
            label = strategy;
        }
        String variant = r.getString("variant");
        String v = variant == null || variant.isEmpty() || variant.equals("default") ? "" : " (" + variant + ")";
        return r.getString("impl") + " " + label + v;
    }

    private static boolean ok(Row r) {
        return r.getString("status").equals("ok");
    }

    private static boolean is(Row r, String column, String value) {
        return r.getString(column).equals(value);
    }

    /** Rows of {@code t} matching {@code keep}, as a new table (plain copies, no Tablesaw selections). */
    static Table filter(Table t, Predicate<Row> keep) {
        Table out = t.emptyCopy();
        for (Row r : t) {
            if (keep.test(r)) {
                out.append(r);
            }
        }
        return out;
    }

    /**
     * Read latency per series: median (p50) of single-cutout reads, random order, warm and cold, and
     * sequential order warm. Log scale: the strategies differ by orders of magnitude.
     */
    public static Figure latency(BenchmarkResults r) {
        Table t = r.latency();
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (Row row : t) {
            if (!ok(row)) {
                continue;
            }
            String kind = row.getString("order") + ", " + row.getString("cache");
            bars.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(series(row), row.getNumber("p50Us"));
        }
        return groupedBars("Read latency of one cutout (median)", "microseconds (log scale)", bars, true);
    }

    /** Throughput in cutouts per second against batch size, warm cache, random order: one line per series. */
    public static Figure throughputByBatch(BenchmarkResults r) {
        Table t = r.throughput();
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        for (Row row : t) {
            if (ok(row) && is(row, "order", "random") && is(row, "cache", "warm") && threads(row) == 1) {
                lines.computeIfAbsent(series(row), k -> new ArrayList<>())
                        .add(new double[] {row.getInt("batch"), row.getNumber(ThroughputRow.MEDIAN)});
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

    private static int threads(Row row) {
        return row.getInt("threads");
    }

    /** Warm against cold throughput at one batch size, random order: bars per series. */
    public static Figure warmVsCold(BenchmarkResults r, int batch) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (Row row : r.throughput()) {
            if (ok(row) && is(row, "order", "random") && row.getInt("batch") == batch && threads(row) == 1) {
                bars.computeIfAbsent(row.getString("cache"), k -> new LinkedHashMap<>()).put(series(row), row.getNumber(ThroughputRow.MEDIAN));
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
        for (Row row : r.memory()) {
            if (ok(row) && is(row, "phase", "many")) {
                bars.computeIfAbsent("RSS growth", k -> new LinkedHashMap<>()).put(series(row), row.getNumber("rssDeltaMiB"));
                if (!row.isMissing("rssAnonDeltaMiB")) {
                    bars.computeIfAbsent("anonymous RSS growth (owned)", k -> new LinkedHashMap<>()).put(series(row), row.getNumber("rssAnonDeltaMiB"));
                }
            }
        }
        return groupedBars("Memory after open + many random reads (fresh process each)", "MiB", bars, false);
    }

    /** Throughput as a share of the same run's limits: memcpy of the same bytes and a sequential read of the mosaic. */
    public static Table ratios(BenchmarkResults r, int batch) {
        Table t = r.throughput();
        StringColumn series = StringColumn.create("series");
        StringColumn cache = StringColumn.create("cache");
        DoubleColumn rate = DoubleColumn.create("cutouts/s");
        DoubleColumn mem = DoubleColumn.create("x memcpy");
        DoubleColumn seq = DoubleColumn.create("x sequential read");
        for (Row row : t) {
            if (ok(row) && is(row, "order", "random") && row.getInt("batch") == batch && threads(row) == 1) {
                series.append(series(row));
                cache.append(row.getString("cache"));
                rate.append(row.getNumber(ThroughputRow.MEDIAN));
                mem.append(number(row, "ratioToMemcpy"));
                seq.append(number(row, "ratioToSeqRead"));
            }
        }
        return Table.create("throughput against the limits, batch " + batch, series, cache, rate, mem, seq);
    }

    private static double number(Row row, String column) {
        return row.isMissing(column) ? Double.NaN : row.getNumber(column);
    }

    /** Java against the Python peer on the same files: warm random throughput at one batch size, by strategy. */
    public static Figure javaVsPython(BenchmarkResults r, int batch) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (Row row : r.throughput()) {
            if (ok(row) && is(row, "order", "random") && is(row, "cache", "warm") && row.getInt("batch") == batch && threads(row) == 1) {
                String strategy;
                try {
                    strategy = Strategy.valueOf(row.getString("strategy")).label();
                } catch (IllegalArgumentException e) {
                    strategy = row.getString("strategy");
                }
                String v = row.getString("variant");
                String who = row.getString("impl") + (v.equals("default") ? "" : " " + v.replace("mmap=", ""));
                bars.computeIfAbsent(who, k -> new LinkedHashMap<>()).merge(strategy, row.getNumber(ThroughputRow.MEDIAN), Math::max);
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
        Table t = r.scaling();
        if (t.rowCount() == 0) {
            return new Figure(Layout.builder().title("no scaling rows in these results").build());
        }
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        // the sweep varies one of the two around the base point its spec recorded
        int baseCutouts = r.spec().scaling().baseCutouts();
        int baseMosaic = r.spec().scaling().baseMosaic();
        for (Row row : t) {
            if (!ok(row) || row.isMissing(metric)) {
                continue;
            }
            int side = Integer.parseInt(row.getString("mosaic").split("x")[0]);
            int cutouts = row.getInt("cutouts");
            if (byCutouts && side == baseMosaic) {
                lines.computeIfAbsent(series(row), k -> new ArrayList<>()).add(new double[] {cutouts, row.getNumber(metric)});
            } else if (!byCutouts && cutouts == baseCutouts) {
                lines.computeIfAbsent(series(row), k -> new ArrayList<>()).add(new double[] {(double) side * side * 4 / 1048576.0, row.getNumber(metric)});
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
