package org.cutouts.spark;

import java.util.Arrays;
import org.apache.spark.Partitioner;

/**
 * How the catalogue is spread over Spark partitions: by tile, so that a task opens few tile stores.
 * A tile holding more than {@code target} sources is split into chunks of consecutive rows; tiles
 * holding fewer are grouped, in tile order, until a partition reaches {@code target}. Sources on no
 * tile go to partition 0. Deterministic for the same counts.
 */
public final class PartitionPlan extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int[] first;
    private final int[] chunk;
    private final int partitions;

    private PartitionPlan(int[] first, int[] chunk, int partitions) {
        this.first = first;
        this.chunk = chunk;
        this.partitions = partitions;
    }

    /**
     * A plan for {@code counts[t]} sources in tile {@code t}, aiming at about {@code wanted} partitions.
     */
    public static PartitionPlan of(long[] counts, int wanted) {
        long total = Arrays.stream(counts).sum();
        long target = Math.max(1, (total + Math.max(1, wanted) - 1) / Math.max(1, wanted));
        int[] first = new int[counts.length];
        int[] chunk = new int[counts.length];
        int next = 0;
        long open = 0; // sources in the partition being filled by small tiles
        for (int t = 0; t < counts.length; t++) {
            long c = counts[t];
            if (c > target) {
                int pieces = (int) ((c + target - 1) / target);
                if (open > 0) {
                    next++;
                    open = 0;
                }
                first[t] = next;
                chunk[t] = (int) ((c + pieces - 1) / pieces);
                next += pieces;
            } else {
                if (open > 0 && open + c > target) {
                    next++;
                    open = 0;
                }
                first[t] = next;
                chunk[t] = Integer.MAX_VALUE;
                open += c;
            }
        }
        return new PartitionPlan(first, chunk, Math.max(1, open > 0 ? next + 1 : next));
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        long k = (Long) key;
        int t = TileKey.tile(k);
        if (t < 0) {
            return 0;
        }
        return Math.min(partitions - 1, first[t] + TileKey.local(k) / chunk[t]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionPlan p && p.partitions == partitions && Arrays.equals(p.first, first) && Arrays.equals(p.chunk, chunk);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(first) * 31 + partitions;
    }
}
