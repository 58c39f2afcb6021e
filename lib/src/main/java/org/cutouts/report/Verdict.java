package org.cutouts.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.DiskRow;
import org.cutouts.bench.Identity;
import org.cutouts.bench.LatencyRow;
import org.cutouts.bench.MemoryRow;
import org.cutouts.bench.ReadConditions;
import org.cutouts.bench.ResultColumns;
import org.cutouts.bench.ThroughputRow;
import org.cutouts.store.Strategy;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Turns a benchmark run into the architecture proposal's verdict: which strategy wins on what, by how
 * much against the baseline, and which virtual-cutout strategy to recommend. Everything is computed
 * from the results it is given; nothing is a constant.
 *
 * <p>One Java series per strategy: the library's default read path ({@code mmap=default}) where the
 * run measured it, else the only one. The recommendation is the virtual-cutout strategy (memory-mapped,
 * tiled, HDF5) with the best mean rank over all criteria, values within 10% ranking as ties; the
 * baseline and the negative control are ranked too, but cannot be recommended.
 */
public final class Verdict {
    static final Strategy BASELINE = Strategy.INDIVIDUAL_FILES;
    /** The negative control (every cutout in one heap tensor): shown, never ranked. */
    static final Strategy CONTROL = Strategy.WHOLE_TENSOR;
    static final List<Strategy> VIRTUAL = List.of(Strategy.MEMORY_MAPPED, Strategy.MEMORY_MAPPED_TILED, Strategy.HDF5);

    /** Values closer than this (relative) rank as ties: about the run-to-run spread seen on this machine. */
    public static final double TIE = 0.10;

    private final List<Criterion> criteria;

    private Verdict(List<Criterion> criteria) {
        this.criteria = criteria;
    }

    /** Reads the criteria out of a run's results. */
    public static Verdict of(BenchmarkResults r) {
        List<Criterion> cs = new ArrayList<>();
        List<DiskRow> disk = r.rows("disk", DiskRow.class);
        cs.add(typed("disk allocated per cutout", "bytes", true, disk, DiskRow::id, DiskRow::status, d -> true, d -> d.allocatedBytesPerCutout(),
                d -> 0.0));
        cs.add(typed("inodes (files + folders)", "count", true, disk, DiskRow::id, DiskRow::status, d -> true, d -> d.inodes(), d -> 0.0));
        List<LatencyRow> latency = r.rows("latency", LatencyRow.class);
        // warm reads are judged by their median; cold ones by p95, since a median hides the device's tail
        cs.add(typed("warm read latency, random, p50", "µs", true, latency, LatencyRow::id, LatencyRow::status, l -> isRandom(l, ReadConditions.WARM),
                l -> l.times().p50Us(), Verdict::repSpread));
        cs.add(typed("cold read latency, random, p95", "µs", true, latency, LatencyRow::id, LatencyRow::status, l -> isRandom(l, ReadConditions.COLD),
                l -> l.times().p95Us(), Verdict::repSpread));
        for (int batch : new int[] {32, 256}) {
            cs.add(throughput("warm throughput, random, batch " + batch, r, ReadConditions.WARM, batch));
        }
        cs.add(throughput("cold throughput, random, batch 32", r, ReadConditions.COLD, 32));
        List<MemoryRow> memory = r.memoryRows();
        cs.add(typed("owned memory after many reads (RssAnon growth)", "MiB", true, memory, MemoryRow::id, MemoryRow::status, MemoryRow::many,
                m -> m.rss() == null ? null : m.rss().rssAnonDeltaMiB(), m -> 0.0));
        cs.add(typed("resident memory after many reads (RSS growth)", "MiB", true, memory, MemoryRow::id, MemoryRow::status, MemoryRow::many,
                m -> m.rss() == null ? null : m.rss().rssDeltaMiB(), m -> 0.0));
        cs.removeIf(c -> c.values().size() < 2);
        return new Verdict(cs);
    }

    private static boolean isRandom(LatencyRow l, String cache) {
        return l.conditions() != null && ReadConditions.RANDOM.equals(l.conditions().order()) && cache.equals(l.conditions().cache());
    }

    /** Half the range of the repetitions' medians over the median: the run-to-run spread of a latency row. */
    private static double repSpread(LatencyRow l) {
        LatencyRow.Times t = l.times();
        return t.repMedianMinUs() == null || t.repMedianMaxUs() == null || t.p50Us() == null || t.p50Us() <= 0 ? 0
                : (t.repMedianMaxUs() - t.repMedianMinUs()) / 2 / t.p50Us();
    }

    /** Half the range of the repetitions over the median: the run-to-run spread of a throughput row. */
    private static double rateSpread(ThroughputRow t) {
        ThroughputRow.Rates r = t.rates();
        return r == null || r.cutoutsPerSecMin() == null || r.cutoutsPerSecMax() == null || r.cutoutsPerSecMedian() == null
                || r.cutoutsPerSecMedian() <= 0 ? 0 : (r.cutoutsPerSecMax() - r.cutoutsPerSecMin()) / 2 / r.cutoutsPerSecMedian();
    }

    /** Cutouts/s of random reads at {@code batch} on one thread, page cache {@code cache}: higher is better. */
    private static Criterion throughput(String name, BenchmarkResults r, String cache, int batch) {
        return typed(name, "cutouts/s", false, r.throughputRows(), ThroughputRow::id, ThroughputRow::status, t -> t.isRandom(cache, batch),
                ThroughputRow::cutoutsPerSec, Verdict::rateSpread);
    }

    /**
     * A criterion over typed rows: the java rows that are ok and kept, one value per strategy; its tie band
     * is {@link #TIE} widened to the largest spread of the kept rows.
     */
    private static <R> Criterion typed(String name, String unit, boolean lower, List<R> rows, Function<R, Identity> id, Function<R, String> status,
                                       Predicate<R> keep, Function<R, ? extends Number> value, ToDoubleFunction<R> spread) {
        Map<Strategy, Double> byDefault = new LinkedHashMap<>();
        Map<Strategy, Double> any = new LinkedHashMap<>();
        double tie = TIE;
        for (R row : rows) {
            Identity who = id.apply(row);
            if (who == null || !who.java() || !ResultColumns.OK.equals(status.apply(row)) || !keep.test(row)) {
                continue;
            }
            Number v = value.apply(row);
            if (v != null) {
                offer(who.strategy(), who.variant(), v.doubleValue(), byDefault, any);
                tie = Math.max(tie, spread.applyAsDouble(row));
            }
        }
        any.putAll(byDefault);
        return new Criterion(name, unit, lower, any, tie);
    }

    /** Records a value for a strategy, preferring the library default read path (see the class comment). */
    private static void offer(String strategy, String variant, double v, Map<Strategy, Double> byDefault, Map<Strategy, Double> any) {
        Strategy s;
        try {
            s = Strategy.valueOf(strategy);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (!Double.isFinite(v)) {
            return;
        }
        if (variant.equals("default") || variant.equals("mmap=default")) {
            byDefault.put(s, v);
        }
        any.putIfAbsent(s, v);
    }

    /** Which strategy wins each criterion, its value, the baseline's, and the factor between them. */
    public Table winners() {
        StringColumn name = StringColumn.create("criterion");
        StringColumn best = StringColumn.create("best strategy");
        StringColumn bestValue = StringColumn.create("its value");
        StringColumn baseline = StringColumn.create("individual .npy files");
        DoubleColumn factor = DoubleColumn.create("better than baseline by (x)");
        StringColumn second = StringColumn.create("runner-up");
        DoubleColumn band = DoubleColumn.create("tie band (%)");
        StringColumn control = StringColumn.create("negative control (not ranked)");
        for (Criterion c : criteria) {
            List<Strategy> rank = c.ranking();
            name.append(c.name());
            best.append(rank.get(0).label());
            bestValue.append(fmt(c.values().get(rank.get(0))) + " " + c.unit());
            Double b = c.values().get(BASELINE);
            baseline.append(b == null ? "n/a" : fmt(b) + " " + c.unit());
            factor.append(c.factorVsBaseline(rank.get(0)));
            second.append(rank.size() > 1 ? rank.get(1).label() + " (" + fmt(c.values().get(rank.get(1))) + ")" : "");
            band.append(100 * c.tie());
            Double ctl = c.values().get(CONTROL);
            control.append(ctl == null ? "n/a" : fmt(ctl) + " " + c.unit());
        }
        return Table.create("who wins on what", name, best, bestValue, baseline, factor, second, band, control);
    }

    /** Every strategy's rank on every criterion (1 = best), with the mean rank. */
    public Table ranks() {
        List<Strategy> strategies = strategies();
        StringColumn s = StringColumn.create("strategy");
        DoubleColumn mean = DoubleColumn.create("mean rank");
        List<IntColumn> cols = new ArrayList<>();
        for (Criterion c : criteria) {
            cols.add(IntColumn.create(c.name()));
        }
        for (Strategy st : strategies) {
            s.append(st.label());
            int sum = 0;
            int n = 0;
            for (int k = 0; k < criteria.size(); k++) {
                int r = criteria.get(k).rank(st);
                if (r > 0) {
                    cols.get(k).append(r);
                    sum += r;
                    n++;
                } else {
                    cols.get(k).appendMissing();
                }
            }
            mean.append(n == 0 ? Double.NaN : (double) sum / n);
        }
        Table t = Table.create("ranks", s, mean);
        cols.forEach(t::addColumns);
        return t.sortAscendingOn("mean rank");
    }

    private List<Strategy> strategies() {
        List<Strategy> out = new ArrayList<>();
        for (Criterion c : criteria) {
            for (Strategy s : c.values().keySet()) {
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * The recommended virtual-cutout strategy: the best mean rank (ties within {@link #TIE} counted as
     * ties) among memory-mapped, tiled and HDF5; an equal mean rank goes to the simpler format, in that
     * order (the numpy-readable file first).
     */
    public Strategy recommended() {
        Table r = ranks();
        Strategy best = null;
        double bestRank = Double.POSITIVE_INFINITY;
        for (Strategy s : VIRTUAL) {
            for (Row row : r) {
                if (s.label().equals(row.getString("strategy")) && row.getDouble("mean rank") < bestRank - 1e-9) {
                    best = s;
                    bestRank = row.getDouble("mean rank");
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("the results hold no virtual-cutout strategy to recommend");
        }
        return best;
    }

    /** The recommendation against the baseline, criterion by criterion, as a table. */
    public Table recommendation() {
        Strategy rec = recommended();
        StringColumn name = StringColumn.create("criterion");
        StringColumn recV = StringColumn.create(rec.label());
        StringColumn baseV = StringColumn.create(BASELINE.label());
        StringColumn verdict = StringColumn.create("verdict");
        for (Criterion c : criteria) {
            Double v = c.values().get(rec);
            Double b = c.values().get(BASELINE);
            if (v == null || b == null) {
                continue;
            }
            double f = c.factorVsBaseline(rec);
            name.append(c.name());
            recV.append(fmt(v) + " " + c.unit());
            baseV.append(fmt(b) + " " + c.unit());
            verdict.append(Double.isNaN(f) ? "n/a" : f >= 1 ? CellFormat.ratio(f) + " better"
                    : CellFormat.ratio(1 / f) + " worse");
        }
        return Table.create("recommended: " + rec.label() + " vs today's baseline", name, recV, baseV, verdict);
    }

    /**
     * The recommended strategy and the next best-ranked virtual-cutout strategy, criterion by criterion: their values, the ratio
     * between them (always at least 1) and whether it is below {@code 1 + tolerance}, i.e. too close
     * to call on one run.
     */
    public Table closeCalls(double tolerance) {
        List<Strategy> top = new ArrayList<>(List.of(recommended()));
        for (Row row : ranks()) {
            for (Strategy s : VIRTUAL) {
                if (s.label().equals(row.getString("strategy")) && top.size() < 2 && !top.contains(s)) {
                    top.add(s);
                }
            }
        }
        StringColumn name = StringColumn.create("criterion");
        StringColumn a = StringColumn.create(top.isEmpty() ? "first" : top.get(0).label());
        StringColumn b = StringColumn.create(top.size() < 2 ? "second" : top.get(1).label());
        DoubleColumn ratio = DoubleColumn.create("ratio (>= 1)");
        StringColumn call = StringColumn.create("call");
        if (top.size() == 2) {
            for (Criterion c : criteria) {
                Double va = c.values().get(top.get(0));
                Double vb = c.values().get(top.get(1));
                if (va == null || vb == null || va <= 0 || vb <= 0) {
                    continue;
                }
                double r = Math.max(va, vb) / Math.min(va, vb);
                name.append(c.name());
                a.append(fmt(va) + " " + c.unit());
                b.append(fmt(vb) + " " + c.unit());
                ratio.append(r);
                boolean aBetter = c.lowerIsBetter() ? va < vb : va > vb;
                call.append(r < 1 + tolerance ? "too close to call" : (aBetter ? top.get(0) : top.get(1)).label() + " better");
            }
        }
        return Table.create("close calls", name, a, b, ratio, call);
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%,.0f" : "%.3g", v);
    }

    /**
     * The recommended strategy's Java throughput against the Python approach on the same files and
     * indices (warm, random, batch 32): numpy.load per .npy file (today's pipeline), and Python's best
     * idiom (the fastest of the peer's readers) on the same mosaic and, when it is the recommendation, on
     * the same stacked file; NaN where the peer was skipped.
     */
    public static Table againstPython(BenchmarkResults r, Strategy recommended) {
        double javaRate = 0;
        Map<String, ThroughputRow> bestPython = new LinkedHashMap<>();
        for (ThroughputRow row : r.throughputRows()) {
            if (!row.ok() || !row.isRandom(ReadConditions.WARM, 32)) {
                continue;
            }
            if (row.id().java()) {
                if (row.id().strategy().equals(recommended.name())) {
                    javaRate = Math.max(javaRate, row.cutoutsPerSec());
                }
            } else {
                bestPython.merge(row.id().strategy(), row, (a, b) -> b.cutoutsPerSec() > a.cutoutsPerSec() ? b : a);
            }
        }
        StringColumn what = StringColumn.create("comparison");
        DoubleColumn ratio = DoubleColumn.create("throughput ratio (warm, random, batch 32)");
        String java = "Java " + recommended.label();
        List<String[]> against = new ArrayList<>();
        against.add(new String[] {Strategy.INDIVIDUAL_FILES.name(), " vs numpy.load per .npy file (today's pipeline)"});
        against.add(new String[] {Strategy.MEMORY_MAPPED.name(), " vs Python's best on the same mosaic"});
        if (recommended == Strategy.STACKED) {
            against.add(new String[] {Strategy.STACKED.name(), " vs Python's best on the same stacked file"});
        }
        for (String[] a : against) {
            ThroughputRow py = bestPython.get(a[0]);
            boolean files = a[0].equals(Strategy.INDIVIDUAL_FILES.name());
            what.append(java + a[1] + (py == null || files ? "" : " (" + py.id().variant() + ")"));
            ratio.append(py == null || javaRate == 0 ? Double.NaN : javaRate / py.cutoutsPerSec());
        }
        return Table.create("against the Python approach", what, ratio);
    }
}

