package org.cutouts.bench.regime;

import java.util.List;

/**
 * One regime run of one store: the loader's steady-state rate and what each cutout cost the device.
 *
 * @param strategy              the store's strategy ({@code Strategy.name()})
 * @param variant               the read options' label
 * @param regime                the regime's label
 * @param memoryBytes           the memory the reader may use: the cgroup limit, or {@code MemAvailable} without one
 * @param dataSetBytes          the store's files rounded up to whole pages: what the page cache would need to hold them
 * @param threads               reader threads (loader workers)
 * @param batch                 cutouts per {@code readBatch}
 * @param epochs                epochs read, the first one a warm-up
 * @param cutoutsPerEpoch       the sample each epoch reads, in a new order
 * @param steadyCutoutsPerSec   cutouts per second over the epochs after the first
 * @param epochCutoutsPerSec    the rate of every epoch, first included
 * @param deviceBytesPerCutout  {@code /proc/self/io} read_bytes per cutout in the steady epochs
 * @param requestsPerCutout     {@code /proc/diskstats} read requests per cutout in the steady epochs (the whole device; -1 unknown)
 * @param cutoutBytes           the bytes of one cutout's pixels
 * @param readaheadKb           the device's {@code read_ahead_kb} (-1 unknown)
 * @param rssAnonKb             the reader's owned memory at the end
 * @param rssFileKb             the reader's resident mapped file pages at the end
 * @param cgroupPeakBytes       the cgroup's highest charge (-1 without a cgroup)
 * @param checksum              of the pixels read (equal across strategies for the same sample)
 * @param status                {@code ok}, or why the run was refused, skipped, not cold or failed
 * @param method                how it was measured, in words
 */
public record RegimeResult(String strategy, String variant, String regime, long memoryBytes, long dataSetBytes, int threads, int batch,
                           int epochs, int cutoutsPerEpoch, double steadyCutoutsPerSec, List<Double> epochCutoutsPerSec,
                           double deviceBytesPerCutout, double requestsPerCutout, long cutoutBytes, long readaheadKb, long rssAnonKb,
                           long rssFileKb, long cgroupPeakBytes, String checksum, String status, String method) {
    public RegimeResult {
        epochCutoutsPerSec = List.copyOf(epochCutoutsPerSec);
    }

    public boolean ok() {
        return status.equals("ok");
    }

    /** Device bytes read per cutout over the cutout's own bytes (1 = only what was asked for). */
    public double readAmplification() {
        return deviceBytesPerCutout / cutoutBytes;
    }
}
