package org.cutouts.bench;

import java.util.List;

/**
 * One {@code scaling} row: a strategy's store for one (mosaic, cutouts) configuration of the sweep:
 * write time, disk footprint, warm (and cold) read speed and memory growth in a fresh JVM. A writer
 * that does not apply leaves every group null and says why in the status.
 */
public record ScalingRow(Identity id, String mosaic, Long mosaicBytes, Integer cutouts, Double writeSeconds, Footprint disk, Speed speed,
                         Memory memory, String status, String method) {

    /** The store on disk (statx, as du counts). */
    public record Footprint(Long apparentBytes, Long allocatedBytes, Long files, Long inodes, Double allocatedBytesPerCutout) {
        /** The footprint of a disk row. */
        public static Footprint of(DiskRow d) {
            return new Footprint(d.apparentBytes(), d.allocatedBytes(), d.files(), d.inodes(), d.allocatedBytesPerCutout());
        }
    }

    /** Warm single-read latency and batch throughput, and the cold throughput with its eviction status. */
    public record Speed(Double warmP50Us, Double warmP99Us, Double warmCutoutsPerSec, Double coldCutoutsPerSec, String coldStatus) {
    }

    /** Growth after open + the reads, in a fresh JVM; the reason when the probe failed. */
    public record Memory(Double rssDeltaManyMiB, Double rssAnonDeltaManyMiB, Double hwmMiB, Double heapUsedMiB, String memoryStatus) {
        /** The growth of a probe's many-reads row. */
        public static Memory of(MemoryRow many) {
            MemoryRow.Rss r = many.rss();
            return r == null ? new Memory(null, null, null, null, many.status())
                    : new Memory(r.rssDeltaMiB(), r.rssAnonDeltaMiB(), r.hwmMiB(), r.heapUsedMiB(), null);
        }
    }

    /** The mosaic column ("WxH") and the cutouts column, the two axes of the sweep. */
    public static final String MOSAIC = "mosaic";
    public static final String CUTOUTS = "cutouts";
    public static final String WRITE_SECONDS = "writeSeconds";
    /** Metrics of the sweep (see the groups for the rest). */
    public static final String ALLOCATED_BYTES = DiskRow.ALLOCATED_BYTES;
    public static final String FILES = DiskRow.FILES;
    public static final String WARM_P50 = "warmP50Us";
    public static final String WARM_RATE = "warmCutoutsPerSec";
    public static final String COLD_RATE = "coldCutoutsPerSec";
    public static final String RSS_GROWTH = "rssDeltaManyMiB";
    public static final String OWNED_GROWTH = "rssAnonDeltaManyMiB";

    /** Columns every row has. */
    public static List<String> requiredColumns() {
        return List.of(Identity.IMPL, Identity.STRATEGY, Identity.VARIANT, MOSAIC, "mosaicBytes", CUTOUTS, ResultColumns.STATUS,
                ResultColumns.METHOD);
    }

    /** The mosaic's side, from the {@code WxH} label. */
    public static int side(String mosaic) {
        return Integer.parseInt(mosaic.split("x")[0]);
    }
}
