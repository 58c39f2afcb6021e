package org.cutouts.bench;

/**
 * One {@code writes} row: which store was written, over which mosaic, how many cutouts, and how long
 * the write took (null when the store was reused or the writer does not apply, with the reason in
 * the status).
 */
public record WriteRow(Identity id, String mosaic, Long mosaicBytes, Integer cutouts, Double seconds, Double cutoutsPerSec, String status,
                       String method) {
    /** The write-time column. */
    public static final String SECONDS = "seconds";
    /** The cutouts-per-second column. */
    public static final String CUTOUTS_PER_SEC = "cutoutsPerSec";

    /** Columns every row has (a value, or null in a row that is not ok). */
    public static java.util.List<String> requiredColumns() {
        return java.util.List.of(Identity.IMPL, Identity.STRATEGY, Identity.VARIANT, "mosaic", "cutouts", SECONDS, ResultColumns.STATUS,
                ResultColumns.METHOD);
    }

    /** Written and timed (status ok). */
    public boolean ok() {
        return ResultColumns.OK.equals(status);
    }
}
