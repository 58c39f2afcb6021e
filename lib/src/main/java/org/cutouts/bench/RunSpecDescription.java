package org.cutouts.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cutouts.bench.regime.Regime;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.EdgePolicy;
import org.cutouts.store.Strategy;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A {@link RunSpec} in words, one row per thing a reader asks ("which stores?", "how many repetitions?"):
 * strategies by their labels, counts with separators, sizes in pixels and MiB, the nested sweeps as
 * sentences. results.json keeps the spec itself, field by field.
 */
final class RunSpecDescription {
    private final RunSpec spec;
    private final StringColumn setting = StringColumn.create("setting");
    private final StringColumn value = StringColumn.create("value");

    private RunSpecDescription(RunSpec spec) {
        this.spec = spec;
    }

    static Table of(RunSpec spec) {
        return new RunSpecDescription(spec).describe();
    }

    private Table describe() {
        RunSpec s = spec;
        row("mode", s.mode());
        // "mosaic size", not "mosaic": tables word a "mosaic" column as "mosaic (px)", and the value says px itself
        row("mosaic size", String.format(Locale.ROOT, "%,d x %,d px, synthetic, seed %d", s.mosaicWidth(), s.mosaicHeight(), s.seed()));
        row("cutouts", s.cutouts() > 0 ? String.format(Locale.ROOT, "%,d, placed uniformly", s.cutouts())
                : String.format(Locale.ROOT, "%,d, one per source", s.sources()));
        row("cutout", cutout(s.cutout()));
        row("stores", labels(s.strategies(), Strategy::label));
        row("read path", String.join(", ", s.readOptions()) + " (mapped and HDF5 stores)");
        row("order", s.sequential() ? "random and sequential" : "random (training's)");
        row("batches", join(s.batches()) + " cutouts; latency reads one at a time");
        row("threads", join(s.threads()));
        row("latency", String.format(Locale.ROOT, "%,d single-cutout reads per repetition", s.latencyReads()));
        row("throughput", String.format(Locale.ROOT, "%,d cutouts per repetition", s.throughputReads()));
        row("repetitions", String.format(Locale.ROOT, "%d timed warm, %s after %d warm-up repetitions (at least %,d reads)", s.reps(),
                s.cold() ? s.coldReps() + " timed cold" : "no cold", s.warmups(), s.minWarmupReads()));
        row("page cache", s.cold() ? "warm, and cold: every file evicted and checked not resident before each cold repetition" : "warm only");
        row("memory", s.memory() ? String.format(Locale.ROOT, "a fresh JVM per store (-Xmx%s) opening it and reading %,d cutouts",
                s.childMaxHeap(), s.memoryReads()) : "not measured");
        row("limits", String.format(Locale.ROOT, "memcpy of %,d MiB per repetition; a sequential read of the mosaic, warm and cold",
                s.memcpyBytesPerRep() >> 20));
        row("Python peer", s.python() ? String.format(Locale.ROOT, "%s, %d timed repetitions, the same files and indices", s.pythonExe(),
                s.pythonReps()) : "not run");
        row("scaling", scaling(s.scaling()));
        row("regimes", regimes(s.regimes()));
        row("data", s.dataDir().toString() + (s.reuse() ? " (stores reused when present)" : ""));
        row("results", s.outDir().toString());
        return Table.create("run spec", setting, value);
    }

    private void row(String name, String text) {
        setting.append(name);
        value.append(text);
    }

    private static String cutout(CutoutSpec c) {
        String edge = c.edgePolicy() == EdgePolicy.PAD ? "padded with " + c.fill() + " past the mosaic's edge"
                : c.edgePolicy().name().toLowerCase(Locale.ROOT) + " at the mosaic's edge";
        return c.width() + " x " + c.height() + " px float32, " + edge;
    }

    private static String scaling(RunSpec.Scaling sc) {
        if (!sc.on()) {
            return "not run";
        }
        return String.format(Locale.ROOT, "mosaics of %s px at %,d cutouts; %s cutouts of the %,d² px mosaic%s; %,d reads per point",
                sides(sc.mosaics()), sc.baseCutouts(), counts(sc.cutouts()), sc.baseMosaic(),
                sc.largeMosaics().isEmpty() ? "" : "; the mapped store alone at " + sides(sc.largeMosaics()) + " px", sc.reads());
    }

    private static String regimes(RunSpec.Regimes r) {
        if (!r.on()) {
            return "not run";
        }
        String readahead = r.readahead().isEmpty() ? "" : "; readahead on also for " + labels(r.readahead(), Strategy::label);
        return String.format(Locale.ROOT, "%s; %s; read paths %s%s; a mosaic of %,d² px, %,d cutouts; a %,d MiB memory cgroup for the larger "
                        + "data; %s threads, batches of %d; %d epochs of %,d cutouts, each at most %s s; %s order",
                labels(r.regimes(), Regime::label), labels(r.strategies(), Strategy::label), String.join(", ", r.variants()), readahead,
                r.mosaic(), r.cutouts(), r.memoryLimitBytes() >> 20, join(r.threads()), r.batch(), r.epochs(), r.cutoutsPerEpoch(),
                trim(r.maxEpochSeconds()), r.orders().stream().map(o -> o.equals(RunSpec.Regimes.LOCALITY) ? "locality-aware" : o)
                        .collect(Collectors.joining(" and ")));
    }

    private static <T> String labels(List<T> items, Function<T, String> label) {
        return items.stream().map(label).collect(Collectors.joining(", "));
    }

    private static String join(List<Integer> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%,d", v)).collect(Collectors.joining(", "));
    }

    private static String sides(List<Integer> sides) {
        return and(sides.stream().map(v -> String.format(Locale.ROOT, "%,d²", v)).toList());
    }

    private static String counts(List<Integer> counts) {
        return and(counts.stream().map(v -> String.format(Locale.ROOT, "%,d", v)).toList());
    }

    /** "a", "a and b", "a, b and c". */
    private static String and(List<String> items) {
        return items.size() < 2 ? String.join("", items)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
