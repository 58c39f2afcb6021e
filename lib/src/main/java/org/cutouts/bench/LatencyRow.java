package org.cutouts.bench;

/**
 * One {@code latency} row: who read, how (one cutout per read, one thread), the per-read times in
 * microseconds pooled over the timed repetitions with the spread of per-repetition medians and means,
 * and whether a cold run started cold.
 */
public record LatencyRow(Identity id, ReadConditions conditions, Times times, Evictions evictions, String status, String method) {

    /** Microseconds per single-cutout read, and the checksum of the cutouts read. */
    public record Times(Double meanUs, Double minUs, Double p50Us, Double p95Us, Double p99Us, Double maxUs, Double repMedianMinUs,
                        Double repMedianMaxUs, Double repMeanMinUs, Double repMeanMaxUs, String checksum) {
    }
}
