package org.cutouts.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.DiskRow;
import org.cutouts.bench.LatencyRow;
import org.cutouts.bench.MemoryRow;
import org.cutouts.bench.ReadConditions;
import org.cutouts.bench.ResultColumns;
import org.cutouts.bench.ThroughputRow;
import org.cutouts.report.chart.StrategyStyle;
import org.cutouts.store.Strategy;

/**
 * What notebook 05 learned, as sentences in the run's numbers: disk, warm throughput, cold latency,
 * owned memory and the Python peer, each against one {@code .npy} per cutout. A sentence whose rows the
 * run did not measure is left out.
 */
public final class BenchmarkLessons {
    private BenchmarkLessons() {
    }

    public static List<String> of(BenchmarkResults r) {
        List<String> out = new ArrayList<>();
        disk(r).ifPresent(out::add);
        warm(r).ifPresent(out::add);
        cold(r).ifPresent(out::add);
        memory(r).ifPresent(out::add);
        python(r).ifPresent(out::add);
        return out;
    }

    static Optional<String> disk(BenchmarkResults r) {
        List<DiskRow> rows = r.rows("disk", DiskRow.class).stream().filter(d -> d.allocatedBytes() != null && d.id() != null).toList();
        Optional<DiskRow> files = rows.stream().filter(d -> Strategy.INDIVIDUAL_FILES.name().equals(d.id().strategy())).findFirst();
        Optional<DiskRow> mosaic = rows.stream().filter(d -> Strategy.MEMORY_MAPPED.name().equals(d.id().strategy())).findFirst();
        if (files.isEmpty() || mosaic.isEmpty()) {
            return Optional.empty();
        }
        DiskRow f = files.get();
        DiskRow m = mosaic.get();
        return Optional.of(String.format(Locale.ROOT, "Disk: one .npy per cutout allocated %.1f MiB in %,d files for %,d cutouts; "
                        + "the mosaic kept once (%s) %.1f MiB in %,d files, %.1fx less.", f.allocatedBytes() / 1048576.0, f.files(), f.cutouts(),
                StrategyStyle.label(m.id().strategy()), m.allocatedBytes() / 1048576.0, m.files(), (double) f.allocatedBytes() / m.allocatedBytes()));
    }

    static Optional<String> warm(BenchmarkResults r) {
        List<ThroughputRow> rows = r.throughputRows().stream().filter(t -> t.ok() && t.id().java() && t.isRandom(ReadConditions.WARM, 32)).toList();
        Optional<ThroughputRow> best = rows.stream().filter(t -> !Strategy.WHOLE_TENSOR.name().equals(t.id().strategy()))
                .max(Comparator.comparingDouble(ThroughputRow::cutoutsPerSec));
        Optional<ThroughputRow> files = rows.stream().filter(t -> Strategy.INDIVIDUAL_FILES.name().equals(t.id().strategy())).findFirst();
        if (best.isEmpty() || files.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "Warm page cache, random order, batches of 32 on one thread: %s read %,.0f cutouts/s, "
                        + "%.1fx one .npy per cutout (%,.0f/s).", StrategyStyle.label(best.get().id().strategy()), best.get().cutoutsPerSec(),
                best.get().cutoutsPerSec() / files.get().cutoutsPerSec(), files.get().cutoutsPerSec()));
    }

    static Optional<String> cold(BenchmarkResults r) {
        List<LatencyRow> rows = r.rows("latency", LatencyRow.class).stream().filter(l -> ResultColumns.OK.equals(l.status()) && l.id() != null
                && l.id().java() && l.conditions() != null && ReadConditions.COLD.equals(l.conditions().cache())
                && ReadConditions.RANDOM.equals(l.conditions().order()) && l.times() != null && l.times().p95Us() != null).toList();
        Optional<LatencyRow> files = rows.stream().filter(l -> Strategy.INDIVIDUAL_FILES.name().equals(l.id().strategy())).findFirst();
        Optional<LatencyRow> best = rows.stream().filter(l -> !Strategy.WHOLE_TENSOR.name().equals(l.id().strategy())
                && !Strategy.INDIVIDUAL_FILES.name().equals(l.id().strategy())).min(Comparator.comparingDouble(l -> l.times().p95Us()));
        if (files.isEmpty() || best.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "Cold page cache, one cutout at a time: p95 %,.0f µs for one .npy per cutout, "
                        + "%,.0f µs for the best single-file store (%s); this data set still fits in memory, which notebook 07 takes apart.",
                files.get().times().p95Us(), best.get().times().p95Us(), StrategyStyle.label(best.get().id().strategy())));
    }

    static Optional<String> memory(BenchmarkResults r) {
        List<MemoryRow> rows = r.memoryRows().stream().filter(m -> m.ok() && m.many() && m.id().java() && m.rss() != null
                && m.rss().rssAnonDeltaMiB() != null).toList();
        Optional<MemoryRow> tensor = rows.stream().filter(m -> Strategy.WHOLE_TENSOR.name().equals(m.id().strategy())).findFirst();
        Optional<MemoryRow> virtual = rows.stream().filter(m -> !Strategy.WHOLE_TENSOR.name().equals(m.id().strategy()))
                .max(Comparator.comparingDouble(m -> m.rss().rssAnonDeltaMiB()));
        if (tensor.isEmpty() || virtual.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "Memory the loader owns (RssAnon growth in a fresh JVM after %,d reads): at most %.1f MiB "
                        + "for any store read in place (%s), %.1f MiB for the whole-tensor control that loads the mosaic.",
                virtual.get().reads(), virtual.get().rss().rssAnonDeltaMiB(), StrategyStyle.label(virtual.get().id().strategy()),
                tensor.get().rss().rssAnonDeltaMiB()));
    }

    static Optional<String> python(BenchmarkResults r) {
        List<ThroughputRow> rows = r.throughputRows().stream().filter(t -> t.ok() && t.isRandom(ReadConditions.WARM, 32)).toList();
        Optional<ThroughputRow> java = rows.stream().filter(t -> t.id().java() && !Strategy.WHOLE_TENSOR.name().equals(t.id().strategy()))
                .max(Comparator.comparingDouble(ThroughputRow::cutoutsPerSec));
        Optional<ThroughputRow> py = rows.stream().filter(t -> !t.id().java() && !Strategy.WHOLE_TENSOR.name().equals(t.id().strategy()))
                .max(Comparator.comparingDouble(ThroughputRow::cutoutsPerSec));
        if (java.isEmpty() || py.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "Python at its best on the same files (%s, %s) read %,.0f cutouts/s; Java's fastest store "
                        + "(%s) %,.0f cutouts/s, %.2fx.", StrategyStyle.label(py.get().id().strategy()), py.get().id().variant(), py.get().cutoutsPerSec(),
                StrategyStyle.label(java.get().id().strategy()), java.get().cutoutsPerSec(), java.get().cutoutsPerSec() / py.get().cutoutsPerSec()));
    }
}
