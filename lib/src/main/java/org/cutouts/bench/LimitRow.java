package org.cutouts.bench;

import org.cutouts.os.CacheState;

/**
 * One {@code limits} row: a ceiling a cutout read is compared with (memcpy, sequential read), its
 * bandwidth in MB/s (median, min, max over repetitions) and the cutouts per second it would allow.
 */
public record LimitRow(String name, String cache, Integer batch, Long bytesPerOp, Integer reps, Double mbPerSecMedian, Double mbPerSecMin,
                       Double mbPerSecMax, Long cutoutBytes, Double cutoutsPerSecEquivalent, Evictions evictions, String status, String method) {

    public static final String NAME = "name";
    /** Bandwidth in MB/s over the repetitions. */
    public static final String MB_PER_SEC_MEDIAN = "mbPerSecMedian";
    public static final String MB_PER_SEC_MIN = "mbPerSecMin";
    public static final String MB_PER_SEC_MAX = "mbPerSecMax";

    /** Columns every row has (a value, or null in a row that is not ok): not the repetitions, the cutout size or the evictions. */
    public static java.util.List<String> requiredColumns() {
        java.util.List<String> optional = new java.util.ArrayList<>(java.util.List.of("reps", Identity.CUTOUT_BYTES));
        optional.addAll(ResultRecords.columns(Evictions.class));
        return ResultRecords.columnsExcept(LimitRow.class, optional);
    }

    /** A limit measured as bytes/s per repetition. */
    public static LimitRow of(String name, CacheState cache, int batch, long bytesPerOp, double[] bytesPerSec, long cutoutBytes,
                              Evictions evictions, String status, String method) {
        Stats s = Stats.of(bytesPerSec);
        return new LimitRow(name, cache.label(), batch, bytesPerOp, bytesPerSec.length, s.median() / 1e6, s.min() / 1e6, s.max() / 1e6,
                cutoutBytes, s.median() / cutoutBytes, evictions, status, method);
    }

    /** The median in bytes per second. */
    public double bytesPerSecond() {
        return mbPerSecMedian == null ? Double.NaN : mbPerSecMedian * 1e6;
    }
}
