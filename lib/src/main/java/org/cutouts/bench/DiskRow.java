package org.cutouts.bench;

import org.cutouts.os.DiskUsage;

/**
 * One {@code disk} row: a store's apparent and allocated bytes, files, directories and inodes (statx
 * over every file and folder, as du counts them), and the same per cutout.
 */
public record DiskRow(Identity id, Integer cutouts, Long apparentBytes, Long allocatedBytes, Long files, Long directories, Long inodes,
                      Double apparentBytesPerCutout, Double allocatedBytesPerCutout, Double allocatedOverApparent, String status, String method) {

    public static final String FILES = "files";
    public static final String INODES = "inodes";
    public static final String APPARENT_BYTES = "apparentBytes";
    public static final String ALLOCATED_BYTES = "allocatedBytes";
    /** The allocated-bytes-per-cutout column, the one the scaling sweep and the verdict compare. */
    public static final String ALLOCATED_PER_CUTOUT = "allocatedBytesPerCutout";
    public static final String ALLOCATED_OVER_APPARENT = "allocatedOverApparent";

    /** Columns every row has (a value, or null in a row that is not ok). */
    public static java.util.List<String> requiredColumns() {
        return ResultRecords.columnsExcept(DiskRow.class, java.util.List.of(Identity.CUTOUT_BYTES, ALLOCATED_OVER_APPARENT));
    }

    /** The disk usage of {@code target}'s store holding {@code cutouts} cutouts. */
    public static DiskRow of(BenchTarget target, int cutouts) {
        DiskUsage d = DiskUsage.of(target.dir());
        return new DiskRow(target.identity(), cutouts, d.apparentBytes(), d.allocatedBytes(), (long) d.files(), (long) d.directories(),
                (long) d.inodes(), (double) d.apparentBytes() / Math.max(1, cutouts), (double) d.allocatedBytes() / Math.max(1, cutouts),
                (double) d.allocatedBytes() / Math.max(1, d.apparentBytes()), "ok",
                "statx over every file and directory of the store (as du): apparent = sum of st_size, "
                        + "allocated = sum of st_blocks*512, inodes = files + directories");
    }
}
