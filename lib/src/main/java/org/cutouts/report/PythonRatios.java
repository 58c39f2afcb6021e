package org.cutouts.report;

import java.util.List;
import java.util.Optional;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.ThroughputRow;
import org.cutouts.store.Strategy;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The Python side of the decision: the peer's readers (numpy memmap, h5py, numpy on the stacked file,
 * torch) against today's {@code numpy.load} of one file per cutout, on the same files and indices, in
 * the same run: random order, each cache state and batch size the peer measured.
 */
public final class PythonRatios {
    /** Column names of {@link #of}. */
    public static final String READER = "Python reader";
    public static final String CACHE = "Cache";
    public static final String BATCH = "Batch";
    public static final String MEDIAN = "Cutouts/s (median)";
    public static final String RATIO = "× numpy.load per file";

    private PythonRatios() {
    }

    /** One row per peer reader, cache state and batch: its median cutouts/s, range, and ratio to numpy.load per file. */
    public static Table of(BenchmarkResults r) {
        List<ThroughputRow> rows = r.throughputRows().stream()
                .filter(t -> t.ok() && t.id() != null && !t.id().java() && t.conditions() != null && "random".equals(t.conditions().order()))
                .toList();
        StringColumn reader = StringColumn.create(READER);
        StringColumn cache = StringColumn.create(CACHE);
        IntColumn batch = IntColumn.create(BATCH);
        DoubleColumn median = DoubleColumn.create(MEDIAN);
        DoubleColumn min = DoubleColumn.create("Min");
        DoubleColumn max = DoubleColumn.create("Max");
        DoubleColumn ratio = DoubleColumn.create(RATIO);
        for (ThroughputRow t : rows) {
            Optional<ThroughputRow> base = rows.stream().filter(b -> Strategy.INDIVIDUAL_FILES.name().equals(b.id().strategy())
                    && b.conditions().cache().equals(t.conditions().cache()) && b.conditions().batch().equals(t.conditions().batch())).findFirst();
            reader.append(t.id().variant());
            cache.append(t.conditions().cache());
            batch.append(t.conditions().batch());
            median.append(t.cutoutsPerSec());
            min.append(t.rates().cutoutsPerSecMin() == null ? Double.NaN : t.rates().cutoutsPerSecMin());
            max.append(t.rates().cutoutsPerSecMax() == null ? Double.NaN : t.rates().cutoutsPerSecMax());
            ratio.append(base.map(b -> t.cutoutsPerSec() / b.cutoutsPerSec()).orElse(Double.NaN));
        }
        return Table.create("the Python peer's readers against numpy.load per file (same files, same indices, same run)", reader, cache,
                batch, median, min, max, ratio);
    }
}
