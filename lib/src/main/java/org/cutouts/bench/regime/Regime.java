package org.cutouts.bench.regime;

import java.util.Locale;
import java.util.Optional;

/**
 * The two memory regimes a loader is measured in, defined by the data set's size against the memory
 * the reader may use (its page cache included). Between a quarter and four times, neither holds: the
 * result would depend on how much of the data the cache happens to keep, so such runs are refused.
 */
public enum Regime {
    /** The data set is at most a quarter of the reader's memory: after one epoch every read is a cache hit. */
    FITS_IN_MEMORY("fits in memory"),
    /** The data set is at least four times the reader's memory (a cgroup limit): most reads go to the device. */
    LARGER_THAN_MEMORY("larger than memory");

    /** The factor between data set and memory that separates the regimes. */
    public static final long FACTOR = 4;

    private final String label;

    Regime(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Why a run of {@code dataSetBytes} with {@code memoryBytes} is not in this regime; empty when it is. */
    public Optional<String> whyNot(long dataSetBytes, long memoryBytes) {
        if (dataSetBytes <= 0 || memoryBytes <= 0) {
            return Optional.of("data set (" + dataSetBytes + " bytes) and memory (" + memoryBytes + " bytes) must be known and positive");
        }
        boolean ok = this == FITS_IN_MEMORY ? dataSetBytes * FACTOR <= memoryBytes : dataSetBytes >= memoryBytes * FACTOR;
        if (ok) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the data set of %.1f MiB is %.2fx the reader's memory of %.1f MiB; '%s' needs %s",
                dataSetBytes / 1048576.0, (double) dataSetBytes / memoryBytes, memoryBytes / 1048576.0, label,
                this == FITS_IN_MEMORY ? "at most 1/" + FACTOR : "at least " + FACTOR + "x"));
    }

    /**
     * The regime a data set of {@code dataSetBytes} is in with {@code memoryBytes}: a regime's label, or
     * "between regimes (x.xx of memory)" when it meets neither definition.
     */
    public static String classify(long dataSetBytes, long memoryBytes) {
        for (Regime r : values()) {
            if (r.whyNot(dataSetBytes, memoryBytes).isEmpty()) {
                return r.label;
            }
        }
        return String.format(Locale.ROOT, "between regimes (%.2fx memory)", memoryBytes > 0 ? (double) dataSetBytes / memoryBytes : Double.NaN);
    }

    /** Parses a label or name ("fits in memory", "larger-than-memory", "FITS_IN_MEMORY"). */
    public static Regime parse(String s) {
        String n = s.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return valueOf(n);
    }
}
