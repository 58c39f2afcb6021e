package org.cutouts.bench;

/**
 * One {@code latency} row: who read, how (one cutout per read, one thread), the per-read times in
 * microseconds pooled over the timed repetitions with the spread of per-repetition medians and means,
 * and whether a cold run started cold.
 */
public record LatencyRow(Identity id, ReadConditions conditions, Times times, Evictions evictions, String status, String method) {
    /** The row with its conditions' regime set (the Python peer's rows get the regime of the store they read). */
    public LatencyRow withRegime(String regime) {
        return new LatencyRow(id, conditions == null ? null : conditions.withRegime(regime), times, evictions, status, method);
    }

    /** Per-read microseconds: median, tails, mean, and the spread of the per-repetition medians. */
    public static final String P50 = "p50Us";
    public static final String P95 = "p95Us";
    public static final String P99 = "p99Us";
    public static final String MEAN = "meanUs";
    public static final String REP_MEDIAN_MIN = "repMedianMinUs";
    public static final String REP_MEDIAN_MAX = "repMedianMaxUs";

    /** Columns every row has (a value, or null in a row that is not ok): not the batch, threads, warm-ups, mean spreads or evictions. */
    public static java.util.List<String> requiredColumns() {
        java.util.List<String> optional = new java.util.ArrayList<>(java.util.List.of(Identity.CUTOUT_BYTES, ReadConditions.BATCH,
                ReadConditions.THREADS, ReadConditions.WARMUPS, "repMeanMinUs", "repMeanMaxUs"));
        optional.addAll(ResultRecords.columns(Evictions.class));
        return ResultRecords.columnsExcept(LatencyRow.class, optional);
    }

    /** Microseconds per single-cutout read, and the checksum of the cutouts read. */
    public record Times(Double meanUs, Double minUs, Double p50Us, Double p95Us, Double p99Us, Double maxUs, Double repMedianMinUs,
                        Double repMedianMaxUs, Double repMeanMinUs, Double repMeanMaxUs, String checksum) {
    }
}
