package org.cutouts.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code throughput} row: who read (identity), how (read conditions), how fast (rates), whether a cold run
 * started cold (evictions), against which bounds (ratios), through which read path (path), and, for
 * the cold reads of the targets run, the bytes read from storage per cutout (cold). Java rows and the
 * Python peer's rows share it; the groups a row does not measure are null.
 */
public record ThroughputRow(Identity id, ReadConditions conditions, Rates rates, Evictions evictions, Ratios ratios, ReadPath path, ColdBytes cold,
                            String status, String method) {

    /** Cutouts per second: median, min and max over repetitions, the spread, MB/s, and the checksum of the cutouts read. */
    public record Rates(Double cutoutsPerSecMedian, Double cutoutsPerSecMin, Double cutoutsPerSecMax, Double cutoutsPerSecIqr,
                        Double mbPerSec, String checksum) {
        /** The same rate for min, median and max: one timed pass. */
        public static Rates single(double cutoutsPerSec, long cutoutBytes, String checksum) {
            return new Rates(cutoutsPerSec, cutoutsPerSec, cutoutsPerSec, null, cutoutsPerSec * cutoutBytes / 1e6, checksum);
        }
    }

    /** The delivered bytes per second over the memcpy bound and over a sequential read of the mosaic. */
    public record Ratios(Double ratioToMemcpy, Double ratioToSeqRead) {
        /** {@code bytesPerSec} over each bound; null where a bound was not measured. */
        public static Ratios of(double bytesPerSec, Double memcpyBps, Double seqBps) {
            return new Ratios(memcpyBps == null ? null : bytesPerSec / memcpyBps, seqBps == null ? null : bytesPerSec / seqBps);
        }
    }

    /** The read options a store was opened with and the read path they selected. */
    public record ReadPath(String options, String readPath) {
    }

    /**
     * Cold reads measured through /proc/self/io and mincore: latency of a cutout read alone from an
     * evicted file, bytes read from storage and pages brought into the page cache per cutout.
     */
    public record ColdBytes(Double coldLatencyUsMedian, Double coldLatencyUsP95, Double readBytesPerCutout, Double readBytesPerCutoutRatio,
                            Double readBytesPerCutoutMaxRatio, Double pagesInPerCutout, Double pageCacheBytesPerCutoutRatio) {
    }

    /** The median-rate column, for readers of the table form (a test checks it names {@link Rates#cutoutsPerSecMedian}). */
    public static final String MEDIAN = "cutoutsPerSecMedian";

    /** Columns every row has (a value, or null in a row that is not ok): all but the optional groups and spreads. */
    public static List<String> requiredColumns() {
        List<String> out = new ArrayList<>(List.of(Identity.IMPL, Identity.STRATEGY, Identity.VARIANT));
        out.addAll(ResultRecords.columns(ReadConditions.class));
        out.remove(ReadConditions.WARMUPS);
        out.addAll(ResultRecords.columns(Rates.class));
        out.remove("cutoutsPerSecIqr");
        out.addAll(ResultRecords.columns(Ratios.class));
        out.addAll(List.of(ResultColumns.STATUS, ResultColumns.METHOD));
        return out;
    }

    /** The row with its conditions' regime set (the Python peer's rows get the regime of the store they read). */
    public ThroughputRow withRegime(String regime) {
        return new ThroughputRow(id, conditions == null ? null : conditions.withRegime(regime), rates, evictions, ratios, path, cold, status, method);
    }

    public ThroughputRow withRatios(Ratios r) {
        return new ThroughputRow(id, conditions, rates, evictions, r, path, cold, status, method);
    }

    public ThroughputRow withPath(ReadPath p) {
        return new ThroughputRow(id, conditions, rates, evictions, ratios, p, cold, status, method);
    }

    public ThroughputRow withMethod(String m) {
        return new ThroughputRow(id, conditions, rates, evictions, ratios, path, cold, status, m);
    }

    /** The median rate, NaN when not measured. */
    public double cutoutsPerSec() {
        return rates == null || rates.cutoutsPerSecMedian() == null ? Double.NaN : rates.cutoutsPerSecMedian();
    }

    /** Measured and verified (status ok). */
    public boolean ok() {
        return ResultColumns.OK.equals(status);
    }

    /** A warm (or cold) random-order row of this batch size on one thread. */
    public boolean isRandom(String cache, int batch) {
        return conditions != null && ReadConditions.RANDOM.equals(conditions.order()) && cache.equals(conditions.cache()) && conditions.batch() != null
                && conditions.batch() == batch && (conditions.threads() == null || conditions.threads() == 1);
    }
}
