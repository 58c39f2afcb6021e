package org.cutouts.bench;

import java.util.List;

/**
 * One {@code memory} row: a process's memory after one phase of a fresh-process probe (open, one
 * read, many reads), as absolute RSS and as growth over the process's own baseline; for the
 * per-cutout probe of the targets run also the growth per cutout read. Java probes, the targets
 * run and the Python peer share it; the groups a row does not measure are null.
 */
public record MemoryRow(Identity id, String mosaic, String cache, String phase, Integer reads, Double elapsedMs, Rss rss, PerCutout perCutout,
                        String checksum, String status, String method) {

    /** Resident memory after the phase, and its growth over the baseline, in MiB. */
    public record Rss(Double rssMiB, Double rssDeltaMiB, Double rssAnonDeltaMiB, Double rssFileDeltaMiB, Double hwmMiB, Double heapUsedMiB,
                      Double directMiB, Double mappedMiB) {
    }

    /** RSS growth over ONE cutout read and per cutout over many, in KiB, beside the cutout's own size. */
    public record PerCutout(Double oneCutoutRssDeltaKiB, Double oneCutoutRssFileDeltaKiB, Double rssPerCutoutKiB, Double rssFilePerCutoutKiB,
                            Double rssAnonPerCutoutKiB, Double cutoutKiB) {
    }

    /** The phase column and its value after the many-reads phase (the one compared across strategies). */
    public static final String PHASE = "phase";
    public static final String MANY = "many";
    /** Growth columns the report and the verdict compare. */
    public static final String RSS_DELTA = "rssDeltaMiB";
    public static final String RSS_ANON_DELTA = "rssAnonDeltaMiB";
    public static final String RSS_FILE_DELTA = "rssFileDeltaMiB";
    public static final String READS = "reads";
    public static final String HWM = "hwmMiB";
    public static final String HEAP_USED = "heapUsedMiB";
    public static final String MAPPED = "mappedMiB";

    /** Columns every row has (a value, or null in a row that is not ok). */
    public static List<String> requiredColumns() {
        return List.of(Identity.IMPL, Identity.STRATEGY, Identity.VARIANT, PHASE, READS, "rssMiB", RSS_DELTA, HWM,
                ResultColumns.STATUS, ResultColumns.METHOD);
    }

    /** A probe that failed: no measurement, the reason in the status. */
    public static MemoryRow failed(Identity id, String why, String method) {
        return new MemoryRow(id, null, null, "failed", 0, null, null, null, null, "failed: " + why, method);
    }

    /** The row after the many-reads phase. */
    public boolean many() {
        return MANY.equals(phase);
    }

    /** Measured (status ok). */
    public boolean ok() {
        return ResultColumns.OK.equals(status);
    }
}
