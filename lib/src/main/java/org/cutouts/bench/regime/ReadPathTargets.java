package org.cutouts.bench.regime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cutouts.bench.LimitRow;
import org.cutouts.bench.TargetRow;
import org.cutouts.store.Strategy;

/**
 * The read-path targets of the memory-regime sweep, each a ratio of two rows of the same run: the best
 * virtual store against one {@code .npy} per cutout larger than memory (C1), what a cutout of that store
 * costs the device (C2), a locality-aware order against the files in random order (C3, its speed half),
 * and the gain of a second thread warm and of four threads cold (W2). A target whose rows the run did
 * not measure is "not measured", with the row it missed.
 */
public final class ReadPathTargets {
    /** Stores that keep the mosaic once and cut each stamp when it is read. */
    static final Set<String> VIRTUAL = Set.of(Strategy.MEMORY_MAPPED.name(), Strategy.MEMORY_MAPPED_TILED.name(), Strategy.HDF5.name());
    static final String FILES = Strategy.INDIVIDUAL_FILES.name();
    static final String DEFAULT = "default";
    /** Threads of the larger-than-memory targets. */
    static final int COLD_THREADS = 4;
    static final String C1 = "C1 larger than memory, " + COLD_THREADS + " threads: best virtual store / one .npy per cutout";
    static final String C2 = "C2 device bytes per cutout of that store, larger than memory";
    static final String C3 = "C3 locality-aware order, larger than memory, " + COLD_THREADS + " threads: best virtual store / one .npy per "
            + "cutout in random order";
    static final String W2_COLD = "W2 larger than memory: " + COLD_THREADS + " threads / 1 thread, that store";
    static final String W2_WARM = "W2 fits in memory: 2 threads / 1 thread, memory-mapped .npy (the default read path)";

    private final List<RegimeResult> rows;
    private final List<LimitRow> ceilings;

    private ReadPathTargets(List<RegimeResult> rows, List<LimitRow> ceilings) {
        this.rows = rows.stream().filter(RegimeResult::ok).toList();
        this.ceilings = ceilings.stream().filter(l -> "ok".equals(l.status())).toList();
    }

    /** The targets of one sweep's rows. */
    public static List<TargetRow> of(List<RegimeResult> rows) {
        return of(rows, List.of());
    }

    /** The targets of one sweep's rows, the cold ones beside the device's random-read ceilings measured in the same sweep ({@link RegimeSweep#BEFORE}, {@link RegimeSweep#AFTER}). */
    public static List<TargetRow> of(List<RegimeResult> rows, List<LimitRow> ceilings) {
        return new ReadPathTargets(rows, ceilings).targets();
    }

    private List<TargetRow> targets() {
        String cold = Regime.LARGER_THAN_MEMORY.label();
        String warm = Regime.FITS_IN_MEMORY.label();
        List<TargetRow> out = new ArrayList<>();
        Optional<RegimeResult> files = find(cold, FILES, DEFAULT, COLD_THREADS, false);
        Optional<RegimeResult> best = fastestVirtual(false);
        String sameRun = "same run, same memory limit and threads, random order, each reader's own sample";
        if (best.isPresent() && files.isPresent()) {
            RegimeResult b = best.get();
            RegimeResult f = files.get();
            out.add(TargetRow.judged(C1, b.cutoutsPerSec() / f.cutoutsPerSec(), 1.0, "x", ">=", String.format(Locale.ROOT,
                            "%s %,.0f cutouts/s over one .npy per cutout %,.0f cutouts/s; %s; %s", b.storeLabel(), b.cutoutsPerSec(),
                            f.cutoutsPerSec(), memory(b), sameRun)));
            out.add(TargetRow.judged(C2, b.readAmplification(), 2.5,
                    "x cutout bytes", "<=", String.format(Locale.ROOT, "%s at %d threads: /proc/self/io read_bytes per cutout over the "
                            + "cutout's %d bytes, steady epochs; %s", b.storeLabel(), COLD_THREADS, b.cutoutBytes(), memory(b))));
            Optional<RegimeResult> one = coldOneThread();
            out.add(one.map(o -> TargetRow.judged(W2_COLD, b.cutoutsPerSec() / o.cutoutsPerSec(), 1.7, "x", ">=", String.format(Locale.ROOT, "%s %,.0f over %,.0f cutouts/s; %s; %s%s",
                            b.storeLabel(), b.cutoutsPerSec(), o.cutoutsPerSec(), memory(b), deviceRates(o, b), requestBound(o, b))))
                    .orElse(missing(W2_COLD, 1.7, ">=", b.storeLabel() + " at 1 thread")));
        } else {
            String why = files.isEmpty() ? "one .npy per cutout at " + COLD_THREADS + " threads, larger than memory, random order"
                    : "a virtual store at " + COLD_THREADS + " threads, larger than memory, random order";
            out.add(missing(C1, 1.0, ">=", why));
            out.add(missing(C2, 2.5, "<=", why));
            out.add(missing(W2_COLD, 1.7, ">=", why));
        }
        Optional<RegimeResult> local = fastestVirtual(true);
        if (local.isPresent() && files.isPresent()) {
            RegimeResult l = local.get();
            out.add(TargetRow.judged(C3, l.cutoutsPerSec() / files.get().cutoutsPerSec(), 3.0, "x", ">=", String.format(Locale.ROOT,
                    "%s in a locality-aware order %,.0f cutouts/s over one .npy per cutout in random order %,.0f cutouts/s; %s; same run; "
                            + "the learning half of C3 (held-out loss within full shuffling's seed-to-seed spread) is measured by "
                            + "`cli train --compare-orders` and notebook 06; %s", l.storeLabel(), l.cutoutsPerSec(), files.get().cutoutsPerSec(), memory(l),
                    deviceRates(l))));
        } else {
            out.add(missing(C3, 3.0, ">=", files.isEmpty() ? "one .npy per cutout at " + COLD_THREADS + " threads, random order"
                    : "a virtual store in a locality-aware order at " + COLD_THREADS + " threads"));
        }
        Optional<RegimeResult> w1 = find(warm, Strategy.MEMORY_MAPPED.name(), DEFAULT, 1, false);
        Optional<RegimeResult> w2 = find(warm, Strategy.MEMORY_MAPPED.name(), DEFAULT, 2, false);
        if (w1.isPresent() && w2.isPresent()) {
            out.add(TargetRow.judged(W2_WARM, w2.get().cutoutsPerSec() / w1.get().cutoutsPerSec(), 1.7, "x", ">=", String.format(Locale.ROOT,
                    "%,.0f over %,.0f cutouts/s, steady epochs re-reading a cached sample; same run", w2.get().cutoutsPerSec(),
                    w1.get().cutoutsPerSec())));
        } else {
            out.add(missing(W2_WARM, 1.7, ">=", "memory-mapped .npy (default) at " + (w1.isEmpty() ? 1 : 2) + " thread(s), fits in memory"));
        }
        return out;
    }

    /** The fastest virtual store larger than memory at {@link #COLD_THREADS} threads, in a locality-aware order or in random order. */
    private Optional<RegimeResult> fastestVirtual(boolean locality) {
        return rows.stream().filter(r -> r.regime().equals(Regime.LARGER_THAN_MEMORY.label()) && r.localityOrder() == locality && VIRTUAL.contains(r.strategy())
                && Objects.equals(r.threads(), COLD_THREADS)).max(Comparator.comparingDouble(RegimeResult::cutoutsPerSec));
    }

    /** The one-thread row W2 cold divides by, of the store C1 picks. */
    private Optional<RegimeResult> coldOneThread() {
        return fastestVirtual(false).flatMap(b -> find(b.regime(), b.strategy(), b.variant(), 1, false));
    }

    /**
     * The one-thread row W2 cold divides by: the store and variant of the fastest virtual store larger than memory
     * in random order, at one thread, among the rows that are ok. The sweep measures the device's ceiling for
     * requests of its size.
     */
    static Optional<RegimeResult> coldOneThread(List<RegimeResult> rows) {
        return new ReadPathTargets(rows, List.of()).coldOneThread();
    }

    private Optional<RegimeResult> find(String regime, String strategy, String variant, int threads, boolean locality) {
        return rows.stream().filter(r -> r.regime().equals(regime) && r.strategy().equals(strategy) && r.variant().equals(variant)
                && Objects.equals(r.threads(), threads) && r.localityOrder() == locality).findFirst();
    }

    private static TargetRow missing(String name, double goal, String comparison, String row) {
        return TargetRow.judged(name, Double.NaN, goal, "x", comparison, "not measured: this run has no row for " + row);
    }

    /**
     * What the given rows took from the device per second, beside the most any larger-than-memory row of the run
     * took: a rate near that peak means the device, not the read path, sets the pace (more threads cannot help).
     */
    private String deviceRates(RegimeResult... measured) {
        StringBuilder s = new StringBuilder("device reads");
        for (RegimeResult r : measured) {
            r.deviceMBPerSec().ifPresent(mb -> s.append(String.format(Locale.ROOT, " %.0f MB/s at %d thread%s,", mb, r.threads(), r.threads() == 1 ? "" : "s")));
        }
        Optional<RegimeResult> peak = rows.stream().filter(r -> r.regime().equals(Regime.LARGER_THAN_MEMORY.label()) && r.deviceMBPerSec().isPresent())
                .max(Comparator.comparingDouble(r -> r.deviceMBPerSec().getAsDouble()));
        String rates = peak.map(p -> s + String.format(Locale.ROOT, " against the run's peak of %.0f MB/s (%s, %d threads, %s)", p.deviceMBPerSec().getAsDouble(),
                p.storeLabel(), p.threads(), p.localityOrder() ? "locality-aware order" : "random order")).orElse(s + " (no device counters in this run)");
        if (ceilings.isEmpty()) {
            return rates;
        }
        List<LimitRow> cutoutSized = ceilings.stream().filter(l -> l.name().equals(RegimeSweep.BEFORE) || l.name().equals(RegimeSweep.AFTER)).toList();
        if (cutoutSized.isEmpty()) {
            return rates;
        }
        StringBuilder c = new StringBuilder(rates).append("; the device's random-read ceiling");
        String sep = " ";
        for (LimitRow l : cutoutSized) {
            c.append(sep).append(String.format(Locale.ROOT, "%.0f MB/s %s the larger-than-memory runs", l.mbPerSecMedian(),
                    l.name().equals(RegimeSweep.AFTER) ? "after" : "before"));
            sep = ", ";
        }
        LimitRow first = cutoutSized.getFirst();
        return c.append(String.format(Locale.ROOT, " (%d-byte O_DIRECT reads at random offsets, %d in flight)", first.bytesPerOp(), first.batch())).toString();
    }

    /**
     * The most more threads could gain if the device's requests per second are the bound: the device's ceiling for
     * requests of the size one thread's reads reached it, over what one thread asked of it. Empty without that
     * ceiling or without request counters.
     */
    private String requestBound(RegimeResult one, RegimeResult many) {
        Optional<LimitRow> ceiling = named(RegimeSweep.REQUESTS);
        if (ceiling.isEmpty() || one.requestsPerCutout() == null || many.requestsPerCutout() == null || one.requestsPerCutout() <= 0) {
            return "";
        }
        LimitRow c = ceiling.get();
        double perSecond = c.bytesPerSecond() / c.bytesPerOp();
        double oneRate = one.cutoutsPerSec() * one.requestsPerCutout();
        double manyRate = many.cutoutsPerSec() * many.requestsPerCutout();
        String bound = String.format(Locale.ROOT, "; device read requests %,.0f/s at 1 thread and %,.0f/s at %d threads (cutouts/s x requests per cutout), "
                        + "against the device's ceiling of %,.0f/s for %d-byte requests at random offsets (%d in flight, after the runs): one "
                        + "thread asked %.0f%% of it, so more threads can gain at most %.2fx while the device's requests are the bound",
                oneRate, manyRate, many.threads(), perSecond, c.bytesPerOp(), c.batch(), 100 * oneRate / perSecond, perSecond / oneRate);
        Optional<LimitRow> alone = named(RegimeSweep.BATCHED + 1);
        Optional<LimitRow> together = named(RegimeSweep.BATCHED + many.threads());
        if (alone.isEmpty() || together.isEmpty()) {
            return bound;
        }
        double a = alone.get().bytesPerSecond() / alone.get().bytesPerOp();
        double t = together.get().bytesPerSecond() / together.get().bytesPerOp();
        return bound + String.format(Locale.ROOT, "; the same request pattern with nothing copied (batches of %d reads waited for together): "
                + "%,.0f/s at 1 thread, %,.0f/s at %d threads, %.2fx", alone.get().batch(), a, t, many.threads(), t / a);
    }

    private Optional<LimitRow> named(String name) {
        return ceilings.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    private static String memory(RegimeResult r) {
        return String.format(Locale.ROOT, "data set %.1fx the reader's memory of %d MiB", r.dataSetToMemory(), r.memoryBytes() >> 20);
    }
}
