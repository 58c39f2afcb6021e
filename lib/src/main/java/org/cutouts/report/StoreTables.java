package org.cutouts.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cutouts.os.DiskUsage;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Strategy;
import org.cutouts.store.Workspace;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The tables notebooks 01 and 03 show about the stores themselves: which strategies exist, what
 * writing them took, what they cost on disk, and whether they all return the same pixels. Each is
 * measured here, during the run, so a notebook cell is one call and a display.
 */
public final class StoreTables {
    private StoreTables() {
    }

    /** Every strategy with its label and store folder. */
    public static Table strategies() {
        Table t = Table.create("strategies", StringColumn.create("strategy"), StringColumn.create("store folder"));
        for (Strategy s : Strategy.values()) {
            t.stringColumn("strategy").append(s.label());
            t.stringColumn("store folder").append(s.folder());
        }
        return t;
    }

    /** Writes each strategy's store from {@code ws}'s mosaic and catalogue; one row of wall-clock seconds each. */
    public static Table writeAll(Workspace ws, CutoutSpec spec, List<Strategy> strategies, WorkbookConfig cfg) {
        Table t = Table.create("writes", StringColumn.create("strategy"), StringColumn.create("folder"), DoubleColumn.create("write s"));
        for (Strategy s : strategies) {
            long t0 = System.nanoTime();
            ws.writeStore(s, spec);
            t.stringColumn("strategy").append(s.label());
            t.stringColumn("folder").append(cfg.display(ws.storeDir(s)));
            t.doubleColumn("write s").append((System.nanoTime() - t0) / 1e9);
        }
        return t;
    }

    /** Disk usage of each store (statx over every file and directory, as {@code du}). */
    public static Map<Strategy, DiskUsage> diskUsage(Workspace ws, List<Strategy> strategies) {
        Map<Strategy, DiskUsage> out = new EnumMap<>(Strategy.class);
        for (Strategy s : strategies) {
            out.put(s, DiskUsage.of(ws.storeDir(s)));
        }
        return out;
    }

    /** {@link #diskUsage} as a table, with allocated bytes per cutout for {@code cutouts} cutouts. */
    public static Table disk(Map<Strategy, DiskUsage> usage, int cutouts) {
        Table t = Table.create("disk", StringColumn.create("strategy"), LongColumn.create("files"), LongColumn.create("inodes"),
                DoubleColumn.create("apparent MiB"), DoubleColumn.create("allocated MiB"), DoubleColumn.create("allocated bytes per cutout"));
        usage.forEach((s, u) -> {
            t.stringColumn("strategy").append(s.label());
            t.longColumn("files").append(u.files());
            t.longColumn("inodes").append(u.inodes());
            t.doubleColumn("apparent MiB").append(u.apparentBytes() / 1048576.0);
            t.doubleColumn("allocated MiB").append(u.allocatedBytes() / 1048576.0);
            t.doubleColumn("allocated bytes per cutout").append((double) u.allocatedBytes() / cutouts);
        });
        return t;
    }

    /** {@code sample} random catalogue indices (seeded), the ones {@link #agreement} compares. */
    public static int[] sample(int catalogueSize, int sample, long seed) {
        return new SplittableRandom(seed).ints(Math.min(sample, catalogueSize), 0, catalogueSize).toArray();
    }

    /**
     * Reads the same cutouts from every strategy and counts those bit-identical (raw float bits, so NaN
     * fill counts too) to the {@code reference} strategy's.
     */
    public static Table agreement(Workspace ws, Strategy reference, List<Strategy> strategies, int[] indices) {
        Table t = Table.create("agreement", StringColumn.create("strategy"), IntColumn.create("cutouts compared"),
                IntColumn.create("bit-identical to " + reference.folder()));
        try (CutoutStore ref = ws.open(reference)) {
            for (Strategy s : strategies) {
                int same = 0;
                try (CutoutStore store = ws.open(s)) {
                    for (int i : indices) {
                        if (bitIdentical(ref.read(i), store.read(i))) {
                            same++;
                        }
                    }
                }
                t.stringColumn(0).append(s.label());
                t.intColumn(1).append(indices.length);
                t.intColumn(2).append(same);
            }
        }
        return t;
    }

    static boolean bitIdentical(float[] a, float[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int k = 0; k < a.length; k++) {
            if (Float.floatToRawIntBits(a[k]) != Float.floatToRawIntBits(b[k])) {
                return false;
            }
        }
        return true;
    }
}
