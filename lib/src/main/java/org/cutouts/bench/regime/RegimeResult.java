package org.cutouts.bench.regime;

import java.util.List;

/**
 * One regime run of one store and read path: the loader's steady-state rate and what each cutout cost the
 * device. A row of the results' {@code regimes} section; this record owns its column names. Numbers are
 * null when the run was refused, skipped or failed ({@link #status()} says why).
 *
 * @param impl                    who read: {@code java}
 * @param strategy                the store's strategy ({@code Strategy.name()})
 * @param variant                 the read options as given ({@code default}, {@code advice=random}, {@code explicit})
 * @param regime                  the regime's label
 * @param sampling                what each epoch read ({@code REUSE}: one sample; {@code FRESH}: nothing read twice)
 * @param memoryBytes             the memory the reader may use: the cgroup limit, or {@code MemAvailable} without one
 * @param dataSetBytes            the store's files rounded up to whole pages: what the page cache would need to hold them
 * @param dataSetToMemory         dataSetBytes / memoryBytes
 * @param threads                 reader threads (loader workers)
 * @param batch                   cutouts per {@code readBatch}
 * @param epochs                  epochs read, the first one a warm-up
 * @param cutoutsRead             cutouts read in the steady epochs
 * @param cutoutsPerSec           cutouts per second over the steady epochs (all but the first)
 * @param cutoutsPerSecMin        the slowest steady epoch
 * @param cutoutsPerSecMax        the fastest steady epoch
 * @param firstEpochCutoutsPerSec the warm-up epoch
 * @param deviceBytesPerCutout    {@code /proc/self/io} read_bytes per cutout in the steady epochs
 * @param readAmplification       deviceBytesPerCutout over the cutout's own bytes (1 = only what was asked for)
 * @param requestsPerCutout       {@code /proc/diskstats} read requests per cutout in the steady epochs (the whole device)
 * @param cutoutBytes             the bytes of one cutout's pixels
 * @param readaheadKb             the device's {@code read_ahead_kb}
 * @param rssAnonMiB              the reader's owned memory at the end
 * @param rssFileMiB              the reader's resident mapped file pages at the end
 * @param cgroupPeakMiB           the cgroup's highest charge (null without a cgroup)
 * @param residency               how the run made sure its reads were not served from pages cached before it
 * @param checksum                of the pixels read
 * @param status                  {@code ok}, or why the run was refused, skipped or failed
 * @param method                  how it was measured, in words
 */
public record RegimeResult(String impl, String strategy, String variant, String regime, String sampling, Long memoryBytes,
                           Long dataSetBytes, Double dataSetToMemory, Integer threads, Integer batch, Integer epochs, Long cutoutsRead,
                           Double cutoutsPerSec, Double cutoutsPerSecMin, Double cutoutsPerSecMax, Double firstEpochCutoutsPerSec,
                           Double deviceBytesPerCutout, Double readAmplification, Double requestsPerCutout, Long cutoutBytes,
                           Long readaheadKb, Double rssAnonMiB, Double rssFileMiB, Double cgroupPeakMiB, String residency,
                           String checksum, String status, String method) {
    public static final String STRATEGY = "strategy";
    public static final String VARIANT = "variant";
    public static final String REGIME = "regime";
    public static final String THREADS = "threads";
    public static final String CUTOUTS_PER_SEC = "cutoutsPerSec";
    public static final String READ_AMPLIFICATION = "readAmplification";
    public static final String REQUESTS_PER_CUTOUT = "requestsPerCutout";
    public static final String STATUS = "status";

    /** Whether the epochs were read in a locality-aware order ({@link RegimeReader.Sampling#LOCALITY}). */
    public boolean localityOrder() {
        return RegimeReader.Sampling.LOCALITY.name().equals(sampling);
    }

    /** The columns a results file must carry in this section. */
    public static List<String> requiredColumns() {
        return List.of("impl", STRATEGY, VARIANT, REGIME, THREADS, CUTOUTS_PER_SEC, "residency", STATUS, "method");
    }

    /** The store's label, with the read variant unless it is the default: "HDF5 (explicit)". */
    public String storeLabel() {
        String label = org.cutouts.store.Strategy.valueOf(strategy).label();
        return "default".equals(variant) ? label : label + " (" + variant + ")";
    }

    public boolean ok() {
        return "ok".equals(status);
    }

    /** What this reader took from the device per second in its steady epochs, in MB/s (10^6 bytes), if measured. */
    public java.util.OptionalDouble deviceMBPerSec() {
        return cutoutsPerSec == null || deviceBytesPerCutout == null ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of(cutoutsPerSec * deviceBytesPerCutout / 1e6);
    }

    /** The half-width of the steady epochs' spread relative to the rate: the run-to-run noise of this row. */
    public double relativeSpread() {
        if (cutoutsPerSec == null || cutoutsPerSecMin == null || cutoutsPerSecMax == null || cutoutsPerSec <= 0) {
            return Double.NaN;
        }
        return (cutoutsPerSecMax - cutoutsPerSecMin) / 2 / cutoutsPerSec;
    }
}
