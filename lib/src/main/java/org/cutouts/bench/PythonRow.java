package org.cutouts.bench;

import java.util.List;

/**
 * One {@code python} row: what the Python peer ran for one strategy and kind (status, load,
 * latency, throughput, memory), with its status and method, and the load time for a {@code load}
 * row. The measurements themselves are in the latency, throughput and memory sections (impl =
 * python); {@link PythonPeer#parse} maps the peer's JSON onto these records.
 */
public record PythonRow(Identity id, String kind, Double seconds, String status, String method) {
    /** The kind column and its values besides the section names latency, throughput and memory. */
    public static final String KIND = "kind";
    public static final String STATUS_KIND = "status";
    public static final String LOAD_KIND = "load";
    /** The load-time column of a {@code load} row. */
    public static final String SECONDS = "seconds";

    /** Columns every row has. */
    public static List<String> requiredColumns() {
        return List.of(Identity.IMPL, Identity.STRATEGY, Identity.VARIANT, KIND, ResultColumns.STATUS, ResultColumns.METHOD);
    }

    /** The peer did not run at all: one row with the reason. */
    public static PythonRow skipped(String why, String method) {
        return new PythonRow(new Identity(Identity.PYTHON, "ALL", "peer_bench.py", null), STATUS_KIND, null, why, method);
    }

    /** A row the peer measured and the Java side files under the section of its kind. */
    public boolean measurement() {
        return !STATUS_KIND.equals(kind) && !LOAD_KIND.equals(kind);
    }
}
