package org.cutouts.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.DiskRow;
import org.cutouts.bench.Identity;
import org.cutouts.bench.LatencyRow;
import org.cutouts.bench.LimitRow;
import org.cutouts.bench.MemoryRow;
import org.cutouts.bench.PythonRow;
import org.cutouts.bench.ReadConditions;
import org.cutouts.bench.ResultColumns;
import org.cutouts.bench.ScalingRow;
import org.cutouts.bench.TargetRow;
import org.cutouts.bench.ThroughputRow;
import org.cutouts.bench.Validation;
import org.cutouts.bench.WriteRow;

/**
 * The Markdown tables of a run's sections for {@code docs/benchmark-results.md}: each table reads
 * the section's typed rows and picks its columns by the records' accessors, so no column name is
 * spelled here.
 */
final class ResultMarkdown {
    private ResultMarkdown() {
    }

    /** A column: header and how to format a row's value. */
    record Col<R>(String header, Function<R, String> value) {
    }

    static <R> Col<R> text(String header, Function<R, ?> value) {
        return new Col<>(header, row -> value.apply(row) == null ? "" : value.apply(row).toString());
    }

    static <R> Col<R> num(String header, Function<R, ?> value) {
        return new Col<>(header, row -> fmt(value.apply(row)));
    }

    static <R> Col<R> range(String header, Function<R, ?> lo, Function<R, ?> hi) {
        return new Col<>(header, row -> lo.apply(row) == null ? "" : fmt(lo.apply(row)) + " – " + fmt(hi.apply(row)));
    }

    static <R> Col<R> mib(String header, Function<R, ?> value) {
        return new Col<>(header, row -> value.apply(row) instanceof Number n ? fmt(n.doubleValue() / 1048576.0) : "");
    }

    /** {@code part} of a row's group, null when the row has no such group. */
    static <R, G> Function<R, Object> in(Function<R, G> group, Function<G, ?> part) {
        return row -> {
            G g = group.apply(row);
            return g == null ? null : part.apply(g);
        };
    }

    /** The identity columns every measurement table starts with. */
    private static <R> List<Col<R>> who(Function<R, Identity> id) {
        return List.of(text("impl", in(id, Identity::impl)), text("strategy", in(id, Identity::strategy)), text("variant", in(id, Identity::variant)));
    }

    private static <R> List<Col<R>> join(List<Col<R>> first, List<Col<R>> rest) {
        List<Col<R>> out = new ArrayList<>(first);
        out.addAll(rest);
        return out;
    }

    /** Every section of {@code r} as a titled table ({@code scaling}'s from {@code sc}); empty sections are left out. */
    static String sections(BenchmarkResults r, BenchmarkResults sc) {
        StringBuilder md = new StringBuilder();
        section(md, "Writing the stores", r.writeRows(), List.of(text("strategy", in(WriteRow::id, Identity::strategy)),
                text("mosaic", WriteRow::mosaic), num("cutouts", WriteRow::cutouts), num("seconds", WriteRow::seconds),
                num("cutouts/s", WriteRow::cutoutsPerSec), text("status", WriteRow::status)));
        section(md, "Disk", r.rows("disk", DiskRow.class), List.of(text("strategy", in(DiskRow::id, Identity::strategy)),
                num("cutouts", DiskRow::cutouts), mib("apparent MiB", DiskRow::apparentBytes), mib("allocated MiB", DiskRow::allocatedBytes),
                num("files", DiskRow::files), num("dirs", DiskRow::directories), num("inodes", DiskRow::inodes),
                num("apparent B/cutout", DiskRow::apparentBytesPerCutout), num("allocated B/cutout", DiskRow::allocatedBytesPerCutout),
                num("allocated/apparent", DiskRow::allocatedOverApparent)));
        section(md, "Limits (same run)", r.rows("limits", LimitRow.class), List.of(text("limit", LimitRow::name), text("cache", LimitRow::cache),
                num("batch", LimitRow::batch), num("bytes/op", LimitRow::bytesPerOp), num("MB/s median", LimitRow::mbPerSecMedian),
                range("MB/s min – max", LimitRow::mbPerSecMin, LimitRow::mbPerSecMax), num("≙ cutouts/s", LimitRow::cutoutsPerSecEquivalent),
                text("status", LimitRow::status)));
        section(md, "Single-cutout latency (µs)", r.rows("latency", LatencyRow.class), join(who(LatencyRow::id), latencyColumns()));
        section(md, "Throughput (cutouts/s)", r.throughputRows(), join(who(ThroughputRow::id), throughputColumns()));
        section(md, "Memory (fresh process per strategy, MiB)", r.memoryRows(), join(who(MemoryRow::id), memoryColumns()));
        section(md, "Python peer (status and load rows)", r.pythonRows().stream().filter(Predicate.not(PythonRow::measurement)).toList(),
                List.of(text("kind", PythonRow::kind), text("strategy", in(PythonRow::id, Identity::strategy)),
                        text("variant", in(PythonRow::id, Identity::variant)), num("seconds", PythonRow::seconds), text("status", PythonRow::status)));
        section(md, "Scaling", sc.scalingRows(), scalingColumns());
        section(md, "Targets", r.rows("targets", TargetRow.class), List.of(text("target", TargetRow::name), num("measured", TargetRow::measured),
                num("goal", TargetRow::goal), text("result", TargetRow::status)));
        section(md, "Internal consistency checks", r.rows("validation", Validation.Check.class), List.of(text("check", Validation.Check::check),
                text("status", Validation.Check::status), text("detail", Validation.Check::detail)));
        return md.toString();
    }

    private static List<Col<LatencyRow>> latencyColumns() {
        Function<LatencyRow, ReadConditions> c = LatencyRow::conditions;
        Function<LatencyRow, LatencyRow.Times> t = LatencyRow::times;
        return List.of(text("order", in(c, ReadConditions::order)), text("cache", in(c, ReadConditions::cache)), num("reads", in(c, ReadConditions::reads)),
                num("reps", in(c, ReadConditions::reps)), num("mean", in(t, LatencyRow.Times::meanUs)), num("p50", in(t, LatencyRow.Times::p50Us)),
                num("p95", in(t, LatencyRow.Times::p95Us)), num("p99", in(t, LatencyRow.Times::p99Us)), num("min", in(t, LatencyRow.Times::minUs)),
                num("max", in(t, LatencyRow.Times::maxUs)), range("rep medians", in(t, LatencyRow.Times::repMedianMinUs), in(t, LatencyRow.Times::repMedianMaxUs)),
                text("status", LatencyRow::status));
    }

    private static List<Col<ThroughputRow>> throughputColumns() {
        Function<ThroughputRow, ReadConditions> c = ThroughputRow::conditions;
        Function<ThroughputRow, ThroughputRow.Rates> r = ThroughputRow::rates;
        Function<ThroughputRow, ThroughputRow.Ratios> x = ThroughputRow::ratios;
        return List.of(text("order", in(c, ReadConditions::order)), text("cache", in(c, ReadConditions::cache)), num("batch", in(c, ReadConditions::batch)),
                num("threads", in(c, ReadConditions::threads)), num("median", in(r, ThroughputRow.Rates::cutoutsPerSecMedian)),
                range("min – max", in(r, ThroughputRow.Rates::cutoutsPerSecMin), in(r, ThroughputRow.Rates::cutoutsPerSecMax)),
                num("MB/s", in(r, ThroughputRow.Rates::mbPerSec)), num("× memcpy", in(x, ThroughputRow.Ratios::ratioToMemcpy)),
                num("× seq. read", in(x, ThroughputRow.Ratios::ratioToSeqRead)), text("status", ThroughputRow::status));
    }

    private static List<Col<MemoryRow>> memoryColumns() {
        Function<MemoryRow, MemoryRow.Rss> m = MemoryRow::rss;
        return List.of(text("phase", MemoryRow::phase), num("reads", MemoryRow::reads), num("ms", MemoryRow::elapsedMs), num("RSS", in(m, MemoryRow.Rss::rssMiB)),
                num("ΔRSS", in(m, MemoryRow.Rss::rssDeltaMiB)), num("ΔRssAnon", in(m, MemoryRow.Rss::rssAnonDeltaMiB)),
                num("ΔRssFile", in(m, MemoryRow.Rss::rssFileDeltaMiB)), num("HWM", in(m, MemoryRow.Rss::hwmMiB)), num("heap", in(m, MemoryRow.Rss::heapUsedMiB)),
                num("direct", in(m, MemoryRow.Rss::directMiB)), num("mapped", in(m, MemoryRow.Rss::mappedMiB)), text("status", MemoryRow::status));
    }

    private static List<Col<ScalingRow>> scalingColumns() {
        Function<ScalingRow, ScalingRow.Footprint> d = ScalingRow::disk;
        Function<ScalingRow, ScalingRow.Speed> s = ScalingRow::speed;
        Function<ScalingRow, ScalingRow.Memory> m = ScalingRow::memory;
        return List.of(text("strategy", in(ScalingRow::id, Identity::strategy)), text("mosaic", ScalingRow::mosaic), num("cutouts", ScalingRow::cutouts),
                num("write s", ScalingRow::writeSeconds), mib("allocated MiB", in(d, ScalingRow.Footprint::allocatedBytes)),
                num("files", in(d, ScalingRow.Footprint::files)), num("alloc B/cutout", in(d, ScalingRow.Footprint::allocatedBytesPerCutout)),
                num("warm p50 µs", in(s, ScalingRow.Speed::warmP50Us)), num("warm p99 µs", in(s, ScalingRow.Speed::warmP99Us)),
                num("warm cut/s", in(s, ScalingRow.Speed::warmCutoutsPerSec)), num("cold cut/s", in(s, ScalingRow.Speed::coldCutoutsPerSec)),
                num("ΔRSS MiB", in(m, ScalingRow.Memory::rssDeltaManyMiB)), num("ΔRssAnon MiB", in(m, ScalingRow.Memory::rssAnonDeltaManyMiB)),
                text("status", ScalingRow::status));
    }

    /** The method strings of the measurement sections, each once, prefixed by its section. */
    static Set<String> methods(BenchmarkResults r, BenchmarkResults sc) {
        Set<String> methods = new LinkedHashSet<>();
        for (String s : List.of("writes", "disk", "latency", "throughput", "memory", "limits", "scaling")) {
            for (var row : (s.equals("scaling") ? sc : r).rows(s)) {
                if (row.get(ResultColumns.METHOD) != null) {
                    methods.add("`" + s + "`: " + row.get(ResultColumns.METHOD));
                }
            }
        }
        return methods;
    }

    /** One line per (strategy, impl, variant) with latency rows: the rows its summary columns come from, where found. */
    record Summary(Identity id, Optional<DiskRow> disk, Optional<LatencyRow> warm, Optional<LatencyRow> cold, Optional<ThroughputRow> warm32,
                   Optional<ThroughputRow> cold32, Optional<MemoryRow> many) {
        long found() {
            return List.of(disk, warm, cold, warm32, cold32, many).stream().filter(Optional::isPresent).count();
        }
    }

    /** One line per (strategy, impl, variant) that has latency rows and at least two of the summary's rows. */
    static String summary(BenchmarkResults r) {
        List<LatencyRow> latency = r.rows("latency", LatencyRow.class);
        List<DiskRow> disk = r.rows("disk", DiskRow.class);
        List<ThroughputRow> throughput = r.throughputRows();
        List<MemoryRow> memory = r.memoryRows();
        Set<List<String>> seen = new LinkedHashSet<>();
        List<Summary> rows = new ArrayList<>();
        for (LatencyRow l : latency) {
            Identity id = l.id();
            if (!seen.add(List.of(String.valueOf(id.strategy()), String.valueOf(id.impl()), String.valueOf(id.variant())))) {
                continue;
            }
            Summary s = new Summary(id, first(disk, d -> d.id().strategy().equals(id.strategy())),
                    first(latency, x -> id.sameAs(x.id()) && randomIn(x.conditions(), ReadConditions.WARM)),
                    first(latency, x -> id.sameAs(x.id()) && randomIn(x.conditions(), ReadConditions.COLD)),
                    first(throughput, t -> id.sameAs(t.id()) && t.isRandom(ReadConditions.WARM, 32)),
                    first(throughput, t -> id.sameAs(t.id()) && t.isRandom(ReadConditions.COLD, 32)),
                    first(memory, m -> id.sameAs(m.id()) && m.many()));
            if (s.found() >= 2) {
                rows.add(s);
            }
        }
        Function<LatencyRow, Object> p50 = in(LatencyRow::times, LatencyRow.Times::p50Us);
        Function<ThroughputRow, Object> median = in(ThroughputRow::rates, ThroughputRow.Rates::cutoutsPerSecMedian);
        return table(rows, List.of(text("strategy", s -> s.id().strategy()), text("impl", s -> s.id().impl()), text("variant", s -> s.id().variant()),
                num("allocated B/cutout", s -> of(s.disk(), DiskRow::allocatedBytesPerCutout)), num("warm p50 µs (random)", s -> of(s.warm(), p50)),
                num("cold p50 µs (random)", s -> of(s.cold(), p50)), num("warm cutouts/s (batch 32)", s -> of(s.warm32(), median)),
                num("cold cutouts/s (batch 32)", s -> of(s.cold32(), median)),
                num("ΔRSS MiB after many reads", s -> of(s.many(), in(MemoryRow::rss, MemoryRow.Rss::rssDeltaMiB))),
                num("ΔRssAnon MiB", s -> of(s.many(), in(MemoryRow::rss, MemoryRow.Rss::rssAnonDeltaMiB)))));
    }

    /** {@code value} of the row if there is one, else null. */
    private static <R> Object of(Optional<R> row, Function<R, ?> value) {
        return row.isPresent() ? value.apply(row.get()) : null;
    }

    private static boolean randomIn(ReadConditions c, String cache) {
        return c != null && ReadConditions.RANDOM.equals(c.order()) && cache.equals(c.cache());
    }

    private static <R> Optional<R> first(List<R> rows, Predicate<R> where) {
        return rows.stream().filter(where).findFirst();
    }

    private static <R> void section(StringBuilder md, String title, List<R> rows, List<Col<R>> cols) {
        if (rows.isEmpty()) {
            return;
        }
        md.append("\n## ").append(title).append("\n\n");
        md.append(table(rows, cols));
    }

    static <R> String table(List<R> rows, List<Col<R>> cols) {
        StringBuilder sb = new StringBuilder("|");
        cols.forEach(c -> sb.append(' ').append(c.header()).append(" |"));
        sb.append("\n|");
        cols.forEach(c -> sb.append("---|"));
        sb.append('\n');
        for (R row : rows) {
            sb.append('|');
            cols.forEach(c -> sb.append(' ').append(c.value().apply(row).replace("|", "\\|").replace("\n", " ")).append(" |"));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Three significant digits, thousands separated; integers as integers. */
    static String fmt(Object v) {
        if (!(v instanceof Number n)) {
            return v == null ? "" : v.toString();
        }
        if (v instanceof Long || v instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", n.longValue());
        }
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            return "";
        }
        double a = Math.abs(d);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", d);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", d);
        }
        if (a == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.3g", d);
    }
}
