package org.cutouts.report;

import java.util.List;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.RunSpec;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** The memory-regime part of the Markdown report: the decision per regime first, then its tables. */
final class RegimeMarkdown {
    private RegimeMarkdown() {
    }

    /** Appends the regime sections, or a line saying the run did not measure regimes. */
    static void append(StringBuilder md, BenchmarkResults r) {
        RegimeVerdict v = RegimeVerdict.of(r);
        RunSpec.Regimes spec = r.spec().regimes();
        md.append("## The decision per memory regime\n\n");
        if (!v.measured()) {
            md.append("This run did not measure the memory regimes (`--no-regimes`, or no row measured; see below).\n\n");
            return;
        }
        md.append(String.format(java.util.Locale.ROOT, "%,d cutouts of %s, cut from a %,dx%,d mosaic; \"larger than memory\" reads "
                        + "in a cgroup of %d MiB; %d epochs per run (the first a warm-up) of up to %,d cutouts and %s s; batches of %d.%n%n",
                spec.cutouts(), r.spec().cutout(), spec.mosaic(), spec.mosaic(), spec.memoryLimitBytes() >> 20, spec.epochs(),
                spec.cutoutsPerEpoch(), spec.maxEpochSeconds() > 0 ? fmt(spec.maxEpochSeconds()) : "unlimited", spec.batch()));
        md.append("Every run reads a sample of its own (seed and order in its `method`): a virtual disk can be cached by its host, out "
                + "of the guest's reach, and blocks read again after an eviction would come back faster than first reads. Larger than "
                + "memory, the file names and inodes are dropped too (`residency`), since the eviction itself caches them.\n\n");
        md.append(markdown(DecisionSummary.of(r, new StorageModel(r.spec().cutout(), spec.mosaic(), spec.mosaic(), StorageModel.PIPELINE_SCALE))))
                .append('\n');
        for (String s : v.summary()) {
            md.append("- ").append(s).append('\n');
        }
        md.append('\n');
        md.append(markdown(v.recommendation()));
        md.append("\n### Loader throughput per thread count (cutouts/s)\n\n").append(markdown(v.throughput()));
        md.append("\n### What a cutout costs the device\n\n").append(markdown(v.costs()));
        LocalityGain locality = LocalityGain.of(r);
        if (locality.measured()) {
            md.append(String.format(java.util.Locale.ROOT, "\n### A locality-aware epoch order, larger than memory\n\n"
                    + "Groups of %s MiB of each store (bands of mosaic rows or of tile rows, runs of slots or files), %d to a window, "
                    + "shuffled; the cutouts of a window shuffled among themselves. The rows above are in random order. Whether the order "
                    + "changes what a model learns is measured by notebook 06 and `cli train --compare-orders`, not here.%n%n",
                    fmt(spec.localityGroupBytes() / 1048576.0), org.cutouts.train.LocalityOrder.WINDOW_GROUPS)).append(markdown(locality.table()));
        }
        md.append("\n### Training samples/s for a model step of 1, 10 and 100 ms per batch\n\n")
                .append(markdown(v.endToEnd(spec.batch(), 1, 10, 100)));
        Table py = PythonRatios.of(r);
        if (py.rowCount() > 0) {
            md.append("\n### The Python side: the peer's readers against numpy.load per file (main run, same files and indices)\n\n")
                    .append(markdown(py));
        }
        Table nm = v.notMeasured();
        if (nm.rowCount() > 0) {
            md.append("\n### Runs that did not measure\n\n").append(markdown(nm));
        }
        md.append('\n');
    }

    /** A Tablesaw table as a Markdown table, numbers as {@link ResultMarkdown#fmt}. */
    static String markdown(Table t) {
        StringBuilder sb = new StringBuilder("|");
        List<Column<?>> cols = t.columns();
        cols.forEach(c -> sb.append(' ').append(c.name()).append(" |"));
        sb.append("\n|");
        cols.forEach(c -> sb.append("---|"));
        sb.append('\n');
        for (int i = 0; i < t.rowCount(); i++) {
            sb.append('|');
            for (Column<?> c : cols) {
                Object v = c.isMissing(i) ? null : c.get(i);
                sb.append(' ').append(ResultMarkdown.fmt(v).replace("|", "\\|").replace("\n", " ")).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
