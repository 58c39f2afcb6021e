package org.cutouts.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.Identity;
import org.cutouts.bench.regime.RegimeResult;
import org.cutouts.report.chart.LineChart;
import org.cutouts.report.chart.StrategyStyle;
import org.cutouts.store.Strategy;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The decision per memory regime, from a run's {@code regimes} rows: loader throughput per store and
 * thread count, what a cutout costs the device, the best store of each regime with the stores it ties
 * with, and what the loader rate means for training at a given model step time. Everything is computed
 * from the rows; nothing is a constant but the rules, which are stated here:
 *
 * <ul>
 *   <li>A store (strategy + read variant) is compared at its best thread count (loader workers are cheap).</li>
 *   <li>Two stores tie when their rates differ by less than the tie band: 10%, widened to the larger
 *       steady-epoch spread of the two (half the range of their steady epochs over their rate), so a
 *       difference the run could not resolve is never called a win.</li>
 *   <li>Among tied stores, the one with fewer bytes on disk wins, then the one that is not a file per
 *       cutout (the file count is the seed's first problem), then the library's default read path (nothing
 *       to configure).</li>
 *   <li>Only rows with status ok count; refused, skipped and failed rows are listed, not ranked.</li>
 * </ul>
 */
public final class RegimeVerdict {
    /** The narrowest tie band: about the run-to-run spread of throughput on a quiet machine. */
    public static final double MIN_TIE = 0.10;

    private final List<RegimeResult> rows;

    private RegimeVerdict(List<RegimeResult> rows) {
        this.rows = rows;
    }

    /** The verdict over the rows read in random order; the locality-aware order has its own table ({@link LocalityGain}). */
    public static RegimeVerdict of(BenchmarkResults r) {
        return of(r.regimeRows());
    }

    public static RegimeVerdict of(List<RegimeResult> rows) {
        return new RegimeVerdict(rows.stream().filter(r -> !r.localityOrder()).toList());
    }

    /** Whether the run measured any regime. */
    public boolean measured() {
        return rows.stream().anyMatch(RegimeResult::ok);
    }

    /** The regimes measured, in run order. */
    public List<String> regimes() {
        return rows.stream().map(RegimeResult::regime).distinct().toList();
    }

    /** A store as the tables and charts name it: the strategy's label, plus the read variant when it is not the default. */
    static String store(RegimeResult r) {
        return r.storeLabel();
    }

    private List<RegimeResult> ok(String regime) {
        return rows.stream().filter(r -> r.ok() && r.regime().equals(regime)).toList();
    }

    /** Each store's row at its best thread count, fastest first. */
    List<RegimeResult> best(String regime) {
        Map<String, RegimeResult> best = new LinkedHashMap<>();
        for (RegimeResult r : ok(regime)) {
            best.merge(store(r), r, (a, b) -> b.cutoutsPerSec() > a.cutoutsPerSec() ? b : a);
        }
        return best.values().stream().sorted(Comparator.comparingDouble(RegimeResult::cutoutsPerSec).reversed()).toList();
    }

    /** Loader throughput: one row per regime and store, one column per thread count (steady cutouts/s). */
    public Table throughput() {
        TreeSet<Integer> threads = new TreeSet<>();
        rows.stream().filter(RegimeResult::ok).forEach(r -> threads.add(r.threads()));
        StringColumn regime = StringColumn.create("Regime");
        StringColumn store = StringColumn.create("Store (read variant)");
        Map<Integer, DoubleColumn> byThreads = new LinkedHashMap<>();
        threads.forEach(t -> byThreads.put(t, DoubleColumn.create(t + (t == 1 ? " thread" : " threads") + " (cutouts/s)")));
        DoubleColumn spread = DoubleColumn.create("Steady-epoch spread (±%)");
        for (String g : regimes()) {
            for (RegimeResult b : best(g)) {
                regime.append(g);
                store.append(store(b));
                for (int t : threads) {
                    byThreads.get(t).append(ok(g).stream().filter(r -> store(r).equals(store(b)) && r.threads() == t)
                            .mapToDouble(RegimeResult::cutoutsPerSec).findFirst().orElse(Double.NaN));
                }
                spread.append(100 * maxSpread(g, store(b)));
            }
        }
        Table t = Table.create("loader throughput per regime and thread count", regime, store);
        byThreads.values().forEach(t::addColumns);
        return t.addColumns(spread);
    }

    /** Cutouts/s against reader threads in one regime, a line per store, on a log axis (the stores span three decades). */
    public tech.tablesaw.plotly.components.Figure throughputFigure(String regime) {
        LineChart lines = new LineChart().spread("slowest to fastest steady epoch");
        for (RegimeResult b : best(regime)) {
            var series = StrategyStyle.of(new Identity(b.impl(), b.strategy(), b.variant(), null)).named(store(b));
            ok(regime).stream().filter(r -> store(r).equals(store(b))).forEach(r -> lines.add(series, r.threads(), r.cutoutsPerSec(),
                    r.cutoutsPerSecMin() == null ? Double.NaN : r.cutoutsPerSecMin(), r.cutoutsPerSecMax() == null ? Double.NaN : r.cutoutsPerSecMax()));
        }
        return lines.figure("Loader throughput, " + regime, "reader threads (loader workers)", false, "cutouts / s (steady epochs, log scale)", true);
    }

    /** The largest steady-epoch spread of a store over its thread counts. */
    private double maxSpread(String regime, String store) {
        return ok(regime).stream().filter(r -> store(r).equals(store)).mapToDouble(RegimeResult::relativeSpread)
                .filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
    }

    /** What one cutout costs: device bytes and read requests, owned memory, at each store's best thread count. */
    public Table costs() {
        StringColumn regime = StringColumn.create("Regime");
        StringColumn store = StringColumn.create("Store (read variant)");
        IntColumn threads = IntColumn.create("Threads");
        DoubleColumn rate = DoubleColumn.create("Cutouts/s");
        DoubleColumn bytes = DoubleColumn.create("Device bytes / cutout bytes");
        DoubleColumn requests = DoubleColumn.create("Read requests per cutout");
        DoubleColumn owned = DoubleColumn.create("Owned memory (MiB)");
        DoubleColumn ratio = DoubleColumn.create("Data set / memory");
        StringColumn residency = StringColumn.create("How cold was checked");
        for (String g : regimes()) {
            for (RegimeResult b : best(g)) {
                regime.append(g);
                store.append(store(b));
                threads.append(b.threads());
                rate.append(b.cutoutsPerSec());
                bytes.append(b.readAmplification());
                requests.append(b.requestsPerCutout() == null ? Double.NaN : b.requestsPerCutout());
                owned.append(b.rssAnonMiB());
                ratio.append(b.dataSetToMemory());
                residency.append(b.residency());
            }
        }
        return Table.create("what a cutout costs, per regime (each store at its best thread count)", regime, store, threads, rate, bytes,
                requests, owned, ratio, residency);
    }

    /** The decision of one regime. */
    public record Decision(String regime, RegimeResult winner, List<RegimeResult> ties, double tieBand, Optional<RegimeResult> baseline) {
        /** The winner's rate over the baseline's (one file per cutout) at their best thread counts. */
        public double overBaseline() {
            return baseline.map(b -> winner.cutoutsPerSec() / b.cutoutsPerSec()).orElse(Double.NaN);
        }
    }

    /** The decision per regime (see the class comment for the rules). */
    public List<Decision> decisions() {
        List<Decision> out = new ArrayList<>();
        for (String g : regimes()) {
            List<RegimeResult> ranked = best(g);
            if (ranked.isEmpty()) {
                continue;
            }
            RegimeResult top = ranked.getFirst();
            List<RegimeResult> tied = new ArrayList<>();
            double band = MIN_TIE;
            for (RegimeResult r : ranked) {
                double b = Math.max(MIN_TIE, Math.max(nz(maxSpread(g, store(top))), nz(maxSpread(g, store(r)))));
                if (r.cutoutsPerSec() >= top.cutoutsPerSec() * (1 - b)) {
                    tied.add(r);
                    band = Math.max(band, b);
                }
            }
            RegimeResult winner = tied.stream().min(Comparator.comparingLong((RegimeResult r) -> r.dataSetBytes())
                    .thenComparing(r -> r.strategy().equals(Strategy.INDIVIDUAL_FILES.name()))
                    .thenComparing(r -> !"default".equals(r.variant()))).orElseThrow();
            List<RegimeResult> others = tied.stream().filter(r -> r != winner).toList();
            Optional<RegimeResult> baseline = ranked.stream().filter(r -> r.strategy().equals(Strategy.INDIVIDUAL_FILES.name())).findFirst();
            out.add(new Decision(g, winner, others, band, baseline));
        }
        return out;
    }

    private static double nz(double d) {
        return Double.isNaN(d) ? 0 : d;
    }

    /** The decisions as a table: regime, recommended store, its rate and threads, ties, band, against one file per cutout. */
    public Table recommendation() {
        StringColumn regime = StringColumn.create("Regime");
        StringColumn store = StringColumn.create("Recommended store");
        DoubleColumn rate = DoubleColumn.create("Cutouts/s");
        IntColumn threads = IntColumn.create("At threads");
        StringColumn ties = StringColumn.create("Ties with (within the band)");
        DoubleColumn band = DoubleColumn.create("Tie band (%)");
        DoubleColumn over = DoubleColumn.create("× one .npy per cutout");
        for (Decision d : decisions()) {
            regime.append(d.regime());
            store.append(store(d.winner()));
            rate.append(d.winner().cutoutsPerSec());
            threads.append(d.winner().threads());
            ties.append(d.ties().isEmpty() ? "none" : String.join(", ", d.ties().stream().map(RegimeVerdict::store).toList()));
            band.append(100 * d.tieBand());
            over.append(d.overBaseline());
        }
        return Table.create("the recommendation per memory regime", regime, store, rate, threads, ties, band, over);
    }

    /**
     * Samples per second into a model whose step takes {@code stepMs} per batch of {@code batch}, for each
     * regime's stores at their best thread count: with the loader overlapped with the step (a prefetching
     * iterator, as the workbook's), the slower of the two sets the pace; without overlap, their times add.
     */
    public Table endToEnd(int batch, double... stepMs) {
        StringColumn regime = StringColumn.create("Regime");
        StringColumn store = StringColumn.create("Store (read variant)");
        DoubleColumn loader = DoubleColumn.create("Loader cutouts/s");
        List<DoubleColumn> cols = new ArrayList<>();
        for (double s : stepMs) {
            cols.add(DoubleColumn.create(String.format(Locale.ROOT, "%s ms step: samples/s", fmt(s))));
            cols.add(DoubleColumn.create(String.format(Locale.ROOT, "%s ms step: model busy (%%)", fmt(s))));
        }
        for (String g : regimes()) {
            for (RegimeResult r : best(g)) {
                regime.append(g);
                store.append(store(r));
                loader.append(r.cutoutsPerSec());
                for (int i = 0; i < stepMs.length; i++) {
                    double model = batch * 1000.0 / stepMs[i];
                    double overlapped = Math.min(r.cutoutsPerSec(), model);
                    cols.get(2 * i).append(overlapped);
                    cols.get(2 * i + 1).append(100 * overlapped / model);
                }
            }
        }
        Table t = Table.create(String.format(Locale.ROOT, "training samples/s for a model step per batch of %d, loader overlapped with the step", batch),
                regime, store, loader);
        cols.forEach(t::addColumns);
        return t;
    }

    private static String fmt(double ms) {
        return ms == Math.rint(ms) ? Long.toString((long) ms) : Double.toString(ms);
    }

    /** Rows that did not measure (refused, skipped, failed, not cold), with why. */
    public Table notMeasured() {
        StringColumn regime = StringColumn.create("Regime");
        StringColumn store = StringColumn.create("Store (read variant)");
        IntColumn threads = IntColumn.create("Threads");
        StringColumn status = StringColumn.create("Status");
        for (RegimeResult r : rows) {
            if (!r.ok()) {
                regime.append(r.regime());
                store.append(store(r));
                threads.append(r.threads());
                status.append(r.status());
            }
        }
        return Table.create("regime runs that did not measure", regime, store, threads, status);
    }

    /** The recommendation in words and numbers, one sentence per regime, and where it changes. */
    public List<String> summary() {
        List<String> out = new ArrayList<>();
        List<Decision> ds = decisions();
        for (Decision d : ds) {
            RegimeResult w = d.winner();
            out.add(String.format(Locale.ROOT, "%s (data set %.2fx the reader's memory): %s, %,.0f cutouts/s at %d threads, %.2fx the device bytes "
                            + "of the cutout, %s; %s.", capital(d.regime()), w.dataSetToMemory(), store(w), w.cutoutsPerSec(), w.threads(),
                    w.readAmplification(), d.baseline().map(b -> String.format(Locale.ROOT, "%.2fx one .npy per cutout (%,.0f/s)", d.overBaseline(),
                            b.cutoutsPerSec())).orElse("no baseline measured"),
                    d.ties().isEmpty() ? "no tie within " + Math.round(100 * d.tieBand()) + "%"
                            : "ties within " + Math.round(100 * d.tieBand()) + "% with " + String.join(", ", d.ties().stream().map(RegimeVerdict::store).toList())));
        }
        if (ds.size() == 2) {
            boolean same = store(ds.get(0).winner()).equals(store(ds.get(1).winner()));
            out.add(same ? "The recommendation is the same in both regimes."
                    : "The recommendation changes between the regimes: somewhere between a data set of a quarter of the reader's memory and "
                    + "four times it (runs in between are refused by definition: their result would depend on what the cache happens to keep).");
        }
        return out;
    }

    /** {@link #summary()} as an HTML list, for the top of the decision page. */
    public String summaryHtml() {
        StringBuilder b = new StringBuilder("<ul>");
        summary().forEach(s -> b.append("<li>").append(Html.escape(s)).append("</li>"));
        return b.append("</ul>").toString();
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
