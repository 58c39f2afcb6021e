package org.cutouts.survey;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A model, not a measurement: the throughput of the survey job on {@code N} nodes, projected from
 * the measured rate of one executor, as the smaller of what the executors compute
 * ({@code N x executorsPerNode x ratePerExecutor}) and what the shared file system delivers
 * ({@code bandwidth / bytesPerCutout}). It assumes perfect scaling of the executors and ignores
 * the driver, the shuffle and stragglers; the bandwidth is a stated assumption.
 *
 * @param ratePerExecutor  cutouts per second of one executor (measured)
 * @param executorsPerNode executor cores per node (assumed)
 * @param bandwidthBytes   the shared file system's aggregate read bandwidth, bytes per second (assumed)
 * @param bytesPerCutout   bytes read per cutout (the stamp's float32 pixels)
 */
public record ScaleOutModel(double ratePerExecutor, int executorsPerNode, double bandwidthBytes, double bytesPerCutout) {

    /** Projected cutouts per second on {@code nodes} nodes. */
    public double rate(int nodes) {
        return Math.min(nodes * executorsPerNode * ratePerExecutor, ceiling());
    }

    /** The file system's ceiling in cutouts per second. */
    public double ceiling() {
        return bandwidthBytes / bytesPerCutout;
    }

    /** The node count at which the file system, not the executors, becomes the limit. */
    public double saturationNodes() {
        return ceiling() / (executorsPerNode * ratePerExecutor);
    }

    /** Hours to cut {@code cutouts} on {@code nodes} nodes. */
    public double hours(long cutouts, int nodes) {
        return cutouts / rate(nodes) / 3600.0;
    }

    /** The projection for each node count, with the limiting factor and the hours for {@code cutouts}. */
    public Table table(int[] nodes, long cutouts) {
        Table t = Table.create("projection (model)", IntColumn.create("nodes"), DoubleColumn.create("cutouts/s"),
                StringColumn.create("limited by"), DoubleColumn.create("hours for " + cutouts + " cutouts"));
        for (int n : nodes) {
            t.intColumn(0).append(n);
            t.doubleColumn(1).append(rate(n));
            t.stringColumn(2).append(n * executorsPerNode * ratePerExecutor <= ceiling() ? "executors" : "shared file system");
            t.doubleColumn(3).append(hours(cutouts, n));
        }
        return t;
    }
}
