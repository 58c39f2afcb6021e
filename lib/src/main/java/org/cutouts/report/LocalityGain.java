package org.cutouts.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.regime.RegimeResult;
import org.cutouts.store.Strategy;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a locality-aware epoch order is worth for data larger than memory: each store read in that order
 * beside the same store, read variant and thread count in random order, and beside one {@code .npy} per
 * cutout in random order (today's pipeline), all from one run.
 */
public final class LocalityGain {
    /** Column names of {@link #table()}. */
    public static final String STORE = "Store (read variant)";
    public static final String THREADS = "Threads";
    public static final String RANDOM = "Random order (cutouts/s)";
    public static final String LOCALITY = "Locality-aware order (cutouts/s)";
    public static final String GAIN = "Gain over random order (x)";
    public static final String OVER_FILES = "x one .npy per cutout, random order";
    public static final String BYTES_RANDOM = "Device bytes / cutout bytes, random";
    public static final String BYTES_LOCALITY = "Device bytes / cutout bytes, locality";

    private final List<RegimeResult> rows;

    private LocalityGain(List<RegimeResult> rows) {
        this.rows = rows;
    }

    public static LocalityGain of(BenchmarkResults r) {
        return of(r.regimeRows());
    }

    public static LocalityGain of(List<RegimeResult> rows) {
        return new LocalityGain(rows.stream().filter(RegimeResult::ok).toList());
    }

    /** Whether the run read anything in a locality-aware order. */
    public boolean measured() {
        return rows.stream().anyMatch(RegimeResult::localityOrder);
    }

    /** One row per store, read variant and thread count read in a locality-aware order. */
    public Table table() {
        StringColumn store = StringColumn.create(STORE);
        IntColumn threads = IntColumn.create(THREADS);
        DoubleColumn random = DoubleColumn.create(RANDOM);
        DoubleColumn locality = DoubleColumn.create(LOCALITY);
        DoubleColumn gain = DoubleColumn.create(GAIN);
        DoubleColumn overFiles = DoubleColumn.create(OVER_FILES);
        DoubleColumn bytesRandom = DoubleColumn.create(BYTES_RANDOM);
        DoubleColumn bytesLocality = DoubleColumn.create(BYTES_LOCALITY);
        for (RegimeResult l : rows) {
            if (!l.localityOrder()) {
                continue;
            }
            Optional<RegimeResult> r = randomTwin(l, l.strategy(), l.variant());
            Optional<RegimeResult> files = randomTwin(l, Strategy.INDIVIDUAL_FILES.name(), "default");
            store.append(RegimeVerdict.store(l));
            threads.append(l.threads());
            random.append(r.map(RegimeResult::cutoutsPerSec).orElse(Double.NaN));
            locality.append(l.cutoutsPerSec());
            gain.append(r.map(x -> l.cutoutsPerSec() / x.cutoutsPerSec()).orElse(Double.NaN));
            overFiles.append(files.map(x -> l.cutoutsPerSec() / x.cutoutsPerSec()).orElse(Double.NaN));
            bytesRandom.append(r.map(RegimeResult::readAmplification).orElse(Double.NaN));
            bytesLocality.append(l.readAmplification());
        }
        return Table.create("locality-aware epoch order, data larger than memory", store, threads, random, locality, gain, overFiles,
                bytesRandom, bytesLocality);
    }

    /** The same measurement in random order: same regime and thread count, the given store and read variant. */
    private Optional<RegimeResult> randomTwin(RegimeResult l, String strategy, String variant) {
        return rows.stream().filter(r -> !r.localityOrder() && r.regime().equals(l.regime()) && Objects.equals(r.threads(), l.threads())
                && r.strategy().equals(strategy) && r.variant().equals(variant)).findFirst();
    }
}
